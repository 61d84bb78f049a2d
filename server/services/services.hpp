// The use cases the HTTP layer calls. Each service authorizes, validates with shared/,
// runs one unit of work through storage/ and audits it. Nothing here knows about HTTP:
// failures are values (ServiceError) that the HTTP layer maps to status codes once.
#pragma once

#include "server/services/sign_in_throttle.hpp"
#include "shared/dates.hpp"
#include "shared/entities.hpp"
#include "shared/health.hpp"
#include "shared/list_queries.hpp"
#include "shared/page.hpp"
#include "shared/referral.hpp"
#include "shared/requests.hpp"
#include "shared/result.hpp"

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace waypoint {

// storage/ is private to services/: the layers above see only these names.
namespace storage {
class Database;
class Connection;
}  // namespace storage

enum class ErrorKind { bad_request, unauthenticated, forbidden, not_found, stale_version, invalid_state, validation,
                       throttled, conflict,
                       account_locked,             // 403: unused too long; an administrator must unlock it
                       password_change_required,   // 403: this session may only change its password
                       idempotency_key_reused,     // 422: the key was used for a different request
                       not_saved };                // 503: the commit failed; nothing was saved

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

// A referral as one user sees it: the record and what that user may do with it next. Use cases
// answer values like this, not JSON, so one use case can call another inside its own unit of work
// (units of work nest), and the HTTP layer renders them once.
struct ReferralView {
  Referral referral;
  std::vector<ReferralAction> allowed_actions;
};
void to_json(nlohmann::json& j, const ReferralView& view);

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

struct Services;

// An API call's hold on the database, from before authentication to its reply: a pooled read
// connection, or for a write the process's one writer connection in its turn (inside the current
// group-commit batch). Either way every unit of work of the call runs on it.
class CallScope {
 public:
  enum class Access { read, write };
  CallScope(Services& services, Access access);
  ~CallScope();
  CallScope(const CallScope&) = delete;
  CallScope& operator=(const CallScope&) = delete;
  bool writes() const;

 private:
  friend struct Services;
  struct Held;
  std::unique_ptr<Held> held_;
};

// A write call as its idempotency record knows it: who, the Idempotency-Key (empty: none), and
// what was asked (a replay must ask exactly the same).
struct WriteCall {
  std::int64_t user_id = 0;
  std::string_view idempotency_key;
  std::string_view method;
  std::string_view path;
  std::string_view body;
};
inline constexpr std::size_t kMaxIdempotencyKey = 200;
// A reply as stored for a replay: its status and JSON body.
struct StoredReply {
  int status = 0;
  std::string body;
};
struct ReplyView {
  int status = 0;
  std::string_view body;
};

struct Services {
  explicit Services(storage::Database& database, SessionPolicy policy = {}) : db(database), sessions(policy) {}
  storage::Database& db;
  SessionPolicy sessions;
  // Sign-in flood defences (services/sign_in_throttle.hpp), in memory for this process.
  SignInThrottle sign_in_throttle;
  PasswordCheckGate password_checks;

  Health health();
  // Runs one write call (handle: the use case, answering its reply) as the call's unit of work,
  // with its idempotency record and a bump of the list version in the same transaction. Answers
  // the stored reply for a replay of the same key and request, or nullopt once handle's reply is
  // durable; fails for a reused or too long key and when the commit fails (nothing saved).
  Outcome<std::optional<StoredReply>> run_write(CallScope& scope, const WriteCall& call,
                                                const std::function<ReplyView()>& handle);
  // The version of what lists show (storage/list_version_repo.hpp): a list rendered at an older one is stale.
  std::int64_t list_version();
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
  Outcome<Page<Referral>> client_referrals(const Session& session, std::int64_t client_id, int page,
                                                    int page_size);
  JsonOutcome client_enrollments(const Session& session, std::int64_t client_id);
  JsonOutcome create_enrollment(const Session& session, const NewEnrollmentRequest& request);

  // [SECTION] referrals (services/referrals.cpp)
  Outcome<Page<Referral>> list_referrals(const Session& session, const ReferralListQuery& query);
  Outcome<ReferralView> create_referral(const Session& session, const NewReferralRequest& request);
  Outcome<ReferralView> read_referral(const Session& session, std::int64_t id);
  JsonOutcome referral_history(const Session& session, std::int64_t id);
  Outcome<ReferralView> acknowledge(const Session& session, std::int64_t id, const AcknowledgeRequest& request);
  Outcome<ReferralView> record_outcome(const Session& session, std::int64_t id, const OutcomeRequest& request);
  Outcome<ReferralView> return_referral(const Session& session, std::int64_t id, const ReturnRequest& request);
  Outcome<ReferralView> reassign(const Session& session, std::int64_t id, const ReassignRequest& request);
  Outcome<ReferralView> cancel(const Session& session, std::int64_t id, const CancelRequest& request);
  Outcome<ReferralView> reopen(const Session& session, std::int64_t id, const ReopenRequest& request);
};

// [SECTION] time (services/clock.cpp)
std::int64_t unix_now();
std::string utc_timestamp();  // "2025-05-01T14:03:00Z"
std::string utc_timestamp(std::int64_t unix_seconds);
// The latest calendar date anywhere (UTC+14): "not in the future" never refuses a user's today.
Date today();

// argon2id (libsodium's interactive limits) in libsodium's self-describing string form.
std::string hash_password(const std::string& password);

}  // namespace waypoint
