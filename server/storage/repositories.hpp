// One repository per aggregate: plain functions over a Connection that read and write rows.
// They decide no domain rule (services do) and open no transaction (services do).
#pragma once

#include "server/storage/sqlite.hpp"
#include "shared/entities.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace waypoint::storage {

// A page of rows and the total that matched.
template <class T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
};

// [SECTION] catalog: organizations and projects
std::vector<Organization> list_organizations(Connection& db);
std::optional<Organization> find_organization(Connection& db, std::int64_t id);
std::int64_t insert_organization(Connection& db, const std::string& name);
struct ProjectRow {
  Project project;
  std::string organization_name;
};
std::vector<ProjectRow> list_projects(Connection& db, std::optional<std::int64_t> organization_id);
std::optional<ProjectRow> find_project(Connection& db, std::int64_t id);
std::int64_t insert_project(Connection& db, std::int64_t organization_id, const std::string& name, ProjectType type);

// [SECTION] clients
struct ClientQuery {
  std::vector<std::string> name_tokens;  // folded; each must prefix the first or last name
  std::optional<std::string> date_of_birth;
  std::optional<std::int64_t> id;
  int page = 1;
  int page_size = 50;
};
Page<Client> search_clients(Connection& db, const ClientQuery& query);
std::optional<Client> find_client(Connection& db, std::int64_t id);
std::int64_t insert_client(Connection& db, const Client& client, std::int64_t created_by, const std::string& now);
// Writes the client if its version still matches; returns false when stale.
bool update_client(Connection& db, const Client& client);

// [SECTION] referrals
struct ReferralQuery {
  std::optional<std::int64_t> to_organization_id;
  std::optional<std::int64_t> from_organization_id;
  std::optional<std::int64_t> client_id;
  std::optional<std::int64_t> visible_to_organization_id;  // from or to
  std::optional<std::string> status;
  std::optional<std::int64_t> project_id;  // either side's project
  std::string sort = "-referral_date";
  int page = 1;
  int page_size = 50;
};
Page<Referral> list_referrals(Connection& db, const ReferralQuery& query);
std::optional<Referral> find_referral(Connection& db, std::int64_t id);
std::int64_t insert_referral(Connection& db, const Referral& referral, const std::string& now);
// Writes every mutable field if `expected_version` matches and bumps the version; false when stale.
// Writes referral's lifecycle fields if the stored row is still at before.version.
bool update_referral(Connection& db, const Referral& referral, const Referral& before, const std::string& now);

// [SECTION] enrollments
std::vector<Enrollment> list_enrollments(Connection& db, std::int64_t client_id);
std::optional<Enrollment> find_enrollment(Connection& db, std::int64_t id);
std::optional<Enrollment> find_enrollment_for_referral(Connection& db, std::int64_t referral_id);
// The client's enrollment in the project with this entry date, if one exists.
std::optional<Enrollment> find_enrollment_on(Connection& db, std::int64_t client_id, std::int64_t project_id,
                                             Date entry_date);
std::int64_t insert_enrollment(Connection& db, const Enrollment& enrollment, std::int64_t created_by,
                               const std::string& now);

// [SECTION] accounts: users, memberships, sessions, sign-in failures
struct UserRow {
  User user;
  std::string password_hash;
};
// Users read with `locked` set when unused (no sign-in, unlock or creation) since `locked_before` (unix seconds).
std::optional<UserRow> find_user_by_name(Connection& db, const std::string& username, std::int64_t locked_before);
std::optional<User> find_user(Connection& db, std::int64_t id, std::int64_t locked_before);
std::vector<User> list_users(Connection& db, std::int64_t locked_before);
// Starts the user's inactivity clock at `now` (ISO); must_change_password is kept.
std::int64_t insert_user(Connection& db, const User& user, const std::string& password_hash, const std::string& now);
// Writes name and active if the version matches and bumps it; restart_clock_at (unix seconds) unlocks.
bool update_user(Connection& db, const User& user, std::int64_t expected_version,
                 std::optional<std::int64_t> restart_clock_at = std::nullopt);
void set_password(Connection& db, std::int64_t user_id, const std::string& password_hash, bool must_change);
void record_sign_in(Connection& db, std::int64_t user_id, std::int64_t now);
// Active, not locked users with a system_admin membership.
int count_active_system_admins(Connection& db, std::int64_t locked_before);
std::vector<Membership> list_memberships(Connection& db, std::int64_t user_id);
void replace_memberships(Connection& db, std::int64_t user_id, const std::vector<Membership>& memberships);

struct SessionRow {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::int64_t organization_id = 0;
  Workgroup workgroup = Workgroup::hmis_user;
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
};
void insert_session(Connection& db, const SessionRow& session);
std::optional<SessionRow> find_session(Connection& db, const std::string& token_hash);
void touch_session(Connection& db, const std::string& token_hash, std::int64_t now);
void set_session_context(Connection& db, const std::string& token_hash, std::int64_t organization_id, Workgroup workgroup);
void delete_session(Connection& db, const std::string& token_hash);
void delete_sessions_of_user(Connection& db, std::int64_t user_id);
void delete_other_sessions_of_user(Connection& db, std::int64_t user_id, const std::string& keep_token_hash);
void delete_expired_sessions(Connection& db, std::int64_t idle_before, std::int64_t created_before);
void record_sign_in_failure(Connection& db, const std::string& username, std::int64_t now);
int count_sign_in_failures(Connection& db, const std::string& username, std::int64_t since);

// [SECTION] audit log and idempotency keys
struct AuditRecord {
  std::string at;
  std::optional<std::int64_t> user_id;
  std::string user_name;
  std::optional<std::int64_t> organization_id;
  std::string workgroup;
  std::string entity;
  std::int64_t entity_id = 0;
  std::string action;
  nlohmann::json before;
  nlohmann::json after;
};
void append_audit(Connection& db, const AuditRecord& record);
std::vector<AuditEntry> audit_history(Connection& db, const std::string& entity, std::int64_t entity_id);

struct IdempotentReply {
  std::string request_hash;
  int status = 0;
  std::string body;
};
std::optional<IdempotentReply> find_idempotent_reply(Connection& db, std::int64_t user_id, const std::string& key);
void store_idempotent_reply(Connection& db, std::int64_t user_id, const std::string& key, const IdempotentReply& reply,
                            std::int64_t now);
void purge_idempotent_replies(Connection& db, std::int64_t before);

}  // namespace waypoint::storage
