// The accounts repository: users with their password state, memberships and sessions (by token hash).
// Functions over a connection of a unit of work (unit_of_work.hpp); they decide no domain rule and
// open no transaction: services do.
#pragma once

#include "shared/entities.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace waypoint::storage {

class Connection;

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

}  // namespace waypoint::storage
