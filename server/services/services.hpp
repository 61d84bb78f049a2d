// The use cases the HTTP layer calls. Each service authorizes, validates with shared/,
// runs one unit of work through storage/ and audits it. Nothing here knows about HTTP:
// failures are values (ServiceError) that the HTTP layer maps to status codes once.
#pragma once

#include "server/services/sign_in_throttle.hpp"
#include "server/storage/database.hpp"
#include "server/storage/repositories.hpp"
#include "shared/dates.hpp"
#include "shared/health.hpp"
#include "shared/referral.hpp"
#include "shared/requests.hpp"
#include "shared/result.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace waypoint {

enum class ErrorKind { bad_request, unauthenticated, forbidden, not_found, stale_version, invalid_state, validation,
                       throttled, conflict,
                       account_locked,             // 403: unused too long; an administrator must unlock it
                       password_change_required };  // 403: this session may only change its password

struct ServiceError {
  ErrorKind kind;
  std::string message;
  FieldErrors fields;
  nlohmann::json current;  // for stale_version: the object as it is now
  std::int64_t retry_after_seconds = 0;  // for throttled: when to try again (the Retry-After header)
};

template <class T>
using Outcome = Result<T, ServiceError>;
using JsonOutcome = Outcome<nlohmann::json>;

inline Failure<ServiceError> error(ErrorKind kind, std::string message, FieldErrors fields = {},
                                   nlohmann::json current = nullptr) {
  return fail(ServiceError{kind, std::move(message), std::move(fields), std::move(current), 0});
}

inline Failure<ServiceError> throttled(std::string message, std::int64_t retry_after_seconds) {
  return fail(ServiceError{ErrorKind::throttled, std::move(message), {}, nullptr, retry_after_seconds});
}

// Who is asking: the signed-in user acting as one of their memberships.
struct Session {
  std::string token_hash;
  User user;
  std::vector<Membership> memberships;
  Membership context;
  Actor actor() const { return Actor{context.workgroup, context.organization_id}; }
  bool is_system_admin() const { return context.workgroup == Workgroup::system_admin; }
};

struct SignedIn {
  std::string token;
  Session session;
};

struct SessionPolicy {
  double idle_minutes = 30;  // fractional, so tests can expire a session in seconds
  double max_hours = 12;     // from sign-in, however active the session
  double inactive_lock_days = 60;  // unused this long, an account is locked (fractional for tests)
  std::int64_t idle_seconds() const { return static_cast<std::int64_t>(idle_minutes * 60); }
  std::int64_t max_age_seconds() const { return static_cast<std::int64_t>(max_hours * 3600); }
  std::int64_t inactive_lock_seconds() const { return static_cast<std::int64_t>(inactive_lock_days * 86400); }
};

struct Services {
  explicit Services(storage::Database& database, SessionPolicy policy = {}) : db(database), sessions(policy) {}
  storage::Database& db;
  SessionPolicy sessions;
  // Sign-in flood defences (services/sign_in_throttle.hpp), in memory for this process.
  SignInThrottle sign_in_throttle;
  PasswordCheckGate password_checks;

  Health health();
  // Forgets expired sessions and idempotency keys older than 48 hours (kept at least 24, as promised).
  void housekeeping();

  // [SECTION] accounts (services/accounts.cpp)
  // client_address: the peer's IP address, throttled together with the username.
  Outcome<SignedIn> sign_in(const SignInRequest& request, const std::string& client_address);
  std::optional<Session> authenticate(const std::string& token);
  void sign_out(const Session& session);
  Outcome<Session> switch_context(const Session& session, const ContextRequest& request);
  nlohmann::json session_json(const Session& session) const;
  JsonOutcome list_users(const Session& session);
  JsonOutcome create_user(const Session* session, const NewUserRequest& request);
  JsonOutcome update_user(const Session& session, std::int64_t id, const UserPatch& patch);
  // The signed-in user's own change (answers the session); the user's other sessions end.
  JsonOutcome change_password(const Session& session, const PasswordChangeRequest& request);
  // A system admin sets a temporary password: the user's sessions end and the next one must change it.
  JsonOutcome reset_password(const Session& session, std::int64_t id, const PasswordResetRequest& request);
  // Accounts unused since before this (unix seconds) are locked.
  std::int64_t locked_before(std::int64_t now) const { return now - sessions.inactive_lock_seconds(); }

  // [SECTION] catalog and clients (services/clients.cpp)
  JsonOutcome organizations();
  JsonOutcome projects(std::optional<std::int64_t> organization_id);
  JsonOutcome search_clients(const Session& session, const std::string& q, int page, int page_size);
  JsonOutcome create_client(const Session& session, const NewClientRequest& request);
  JsonOutcome read_client(const Session& session, std::int64_t id);
  JsonOutcome patch_client(const Session& session, std::int64_t id, const ClientPatch& patch);
  Outcome<storage::Page<Referral>> client_referrals(const Session& session, std::int64_t client_id, int page,
                                                    int page_size);
  JsonOutcome client_enrollments(const Session& session, std::int64_t client_id);
  JsonOutcome create_enrollment(const Session& session, const NewEnrollmentRequest& request);

  // [SECTION] referrals (services/referrals.cpp)
  Outcome<storage::Page<Referral>> list_referrals(const Session& session, const storage::ReferralQuery& query,
                                                  const std::string& box);
  JsonOutcome create_referral(const Session& session, const NewReferralRequest& request);
  JsonOutcome read_referral(const Session& session, std::int64_t id);
  JsonOutcome referral_history(const Session& session, std::int64_t id);
  JsonOutcome acknowledge(const Session& session, std::int64_t id, const AcknowledgeRequest& request);
  JsonOutcome record_outcome(const Session& session, std::int64_t id, const OutcomeRequest& request);
  JsonOutcome return_referral(const Session& session, std::int64_t id, const ReturnRequest& request);
  JsonOutcome reassign(const Session& session, std::int64_t id, const ReassignRequest& request);
  JsonOutcome cancel(const Session& session, std::int64_t id, const CancelRequest& request);
  JsonOutcome reopen(const Session& session, std::int64_t id, const ReopenRequest& request);
};

// [SECTION] time (services/clock.cpp)
std::int64_t unix_now();
std::string utc_timestamp();  // "2025-05-01T14:03:00Z"
std::string utc_timestamp(std::int64_t unix_seconds);
// The latest calendar date anywhere (UTC+14): "not in the future" never refuses a user's today.
Date today();

// argon2id (libsodium's interactive limits) in libsodium's self-describing string form.
std::string hash_password(const std::string& password);

// Writes one audit row for the session's user and context.
void audit(storage::Connection& db, const Session* session, const std::string& entity, std::int64_t entity_id,
           const std::string& action, const nlohmann::json& before, const nlohmann::json& after);

}  // namespace waypoint
