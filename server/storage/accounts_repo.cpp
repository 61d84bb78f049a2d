// Users (with their password state and last sign-in), their memberships, sessions (stored by token hash
// only) and failed sign-ins.
#include "server/storage/accounts_repo.hpp"

#include "server/storage/sqlite.hpp"

namespace waypoint::storage {

namespace {

// The columns read_user reads, in order. `locked`: unused since before the cutoff the service gives, counting
// from the last sign-in or, when later, the last (re)start of the clock: creation, unlock, reactivation.
// (A macro, so each statement stays one string literal: prepare() caches statements by address.)
#define WAYPOINT_USER_COLUMNS                                                   \
  "id, username, display_name, active, version, must_change_password, "        \
  "strftime('%Y-%m-%dT%H:%M:%SZ', last_sign_in_at, 'unixepoch'), "             \
  "max(coalesce(last_sign_in_at, 0), active_since) < ?1"

User read_user(const Statement& s) {
  return User{s.int64(0), s.text(1), s.text(2), s.integer(3) != 0, s.int64(4), s.integer(5) != 0,
              s.integer(7) != 0, s.optional_text(6)};
}

}  // namespace

std::optional<UserRow> find_user_by_name(Connection& db, const std::string& username, std::int64_t locked_before) {
  auto& s = db.prepare("SELECT " WAYPOINT_USER_COLUMNS ", password_hash FROM users WHERE username = ?2");
  s.bind(1, locked_before).bind(2, username);
  if (!s.step()) return std::nullopt;
  UserRow row{read_user(s), s.text(8)};
  s.reset();
  return row;
}

std::optional<User> find_user(Connection& db, std::int64_t id, std::int64_t locked_before) {
  auto& s = db.prepare("SELECT " WAYPOINT_USER_COLUMNS " FROM users WHERE id = ?2");
  s.bind(1, locked_before).bind(2, id);
  if (!s.step()) return std::nullopt;
  User user = read_user(s);
  s.reset();
  return user;
}

std::vector<User> list_users(Connection& db, std::int64_t locked_before) {
  auto& s = db.prepare("SELECT " WAYPOINT_USER_COLUMNS " FROM users ORDER BY username");
  s.bind(1, locked_before);
  std::vector<User> out;
  while (s.step()) out.push_back(read_user(s));
  return out;
}

std::int64_t insert_user(Connection& db, const User& user, const std::string& password_hash, const std::string& now) {
  auto& s = db.prepare(
      "INSERT INTO users (username, display_name, password_hash, active, created_at, active_since, "
      "must_change_password) VALUES (?1, ?2, ?3, ?4, ?5, CAST(strftime('%s', ?5) AS INTEGER), ?6)");
  s.bind(1, user.username).bind(2, user.display_name).bind(3, password_hash).bind(4, user.active ? 1 : 0);
  s.bind(5, now).bind(6, user.must_change_password ? 1 : 0).run();
  return db.last_insert_id();
}

#undef WAYPOINT_USER_COLUMNS

bool update_user(Connection& db, const User& user, std::int64_t expected_version,
                 std::optional<std::int64_t> restart_clock_at) {
  auto& s = db.prepare(
      "UPDATE users SET display_name = ?1, active = ?2, version = version + 1, "
      "active_since = coalesce(?5, active_since) WHERE id = ?3 AND version = ?4");
  s.bind(1, user.display_name).bind(2, user.active ? 1 : 0).bind(3, user.id).bind(4, expected_version);
  s.bind(5, restart_clock_at).run();
  return db.changes() == 1;
}

void set_password(Connection& db, std::int64_t user_id, const std::string& password_hash, bool must_change) {
  auto& s = db.prepare(
      "UPDATE users SET password_hash = ?, must_change_password = ?, version = version + 1 WHERE id = ?");
  s.bind(1, password_hash).bind(2, must_change ? 1 : 0).bind(3, user_id).run();
}

void record_sign_in(Connection& db, std::int64_t user_id, std::int64_t now) {
  // Not a change an administrator could conflict with: the version stays.
  db.prepare("UPDATE users SET last_sign_in_at = ? WHERE id = ?").bind(1, now).bind(2, user_id).run();
}

int count_active_system_admins(Connection& db, std::int64_t locked_before) {
  auto& s = db.prepare(
      "SELECT count(DISTINCT u.id) FROM users u JOIN memberships m ON m.user_id = u.id "
      "WHERE m.workgroup = 'system_admin' AND u.active = 1 "
      "AND max(coalesce(u.last_sign_in_at, 0), u.active_since) >= ?");
  s.bind(1, locked_before);
  int n = s.step() ? s.integer(0) : 0;
  s.reset();
  return n;
}

std::vector<Membership> list_memberships(Connection& db, std::int64_t user_id) {
  auto& s = db.prepare(
      "SELECT m.organization_id, o.name, m.workgroup FROM memberships m "
      "JOIN organizations o ON o.id = m.organization_id WHERE m.user_id = ? ORDER BY m.rowid");
  s.bind(1, user_id);
  std::vector<Membership> out;
  while (s.step()) {
    out.push_back(Membership{s.int64(0), s.text(1), parse_workgroup(s.text_view(2)).value_or(Workgroup::hmis_user)});
  }
  return out;
}

void replace_memberships(Connection& db, std::int64_t user_id, const std::vector<Membership>& memberships) {
  db.prepare("DELETE FROM memberships WHERE user_id = ?").bind(1, user_id).run();
  auto& insert = db.prepare("INSERT OR IGNORE INTO memberships (user_id, organization_id, workgroup) VALUES (?, ?, ?)");
  for (const auto& m : memberships) {
    insert.reset();
    insert.bind(1, user_id).bind(2, m.organization_id).bind(3, to_string(m.workgroup)).run();
  }
}

void insert_session(Connection& db, const SessionRow& session) {
  auto& s = db.prepare(
      "INSERT INTO sessions (token_hash, user_id, organization_id, workgroup, created_at, last_seen_at) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  s.bind(1, session.token_hash).bind(2, session.user_id).bind(3, session.organization_id);
  s.bind(4, to_string(session.workgroup)).bind(5, session.created_at).bind(6, session.last_seen_at).run();
}

std::optional<SessionRow> find_session(Connection& db, const std::string& token_hash) {
  auto& s = db.prepare(
      "SELECT token_hash, user_id, organization_id, workgroup, created_at, last_seen_at FROM sessions "
      "WHERE token_hash = ?");
  s.bind(1, token_hash);
  if (!s.step()) return std::nullopt;
  SessionRow row{s.text(0), s.int64(1), s.int64(2), parse_workgroup(s.text_view(3)).value_or(Workgroup::hmis_user),
                 s.int64(4), s.int64(5)};
  s.reset();
  return row;
}

void touch_session(Connection& db, const std::string& token_hash, std::int64_t now) {
  db.prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?").bind(1, now).bind(2, token_hash).run();
}

void set_session_context(Connection& db, const std::string& token_hash, std::int64_t organization_id,
                         Workgroup workgroup) {
  auto& s = db.prepare("UPDATE sessions SET organization_id = ?, workgroup = ? WHERE token_hash = ?");
  s.bind(1, organization_id).bind(2, to_string(workgroup)).bind(3, token_hash).run();
}

void delete_session(Connection& db, const std::string& token_hash) {
  db.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(1, token_hash).run();
}

void delete_sessions_of_user(Connection& db, std::int64_t user_id) {
  db.prepare("DELETE FROM sessions WHERE user_id = ?").bind(1, user_id).run();
}

void delete_other_sessions_of_user(Connection& db, std::int64_t user_id, const std::string& keep_token_hash) {
  db.prepare("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?").bind(1, user_id).bind(2, keep_token_hash).run();
}

void delete_expired_sessions(Connection& db, std::int64_t idle_before, std::int64_t created_before) {
  auto& s = db.prepare("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?");
  s.bind(1, idle_before).bind(2, created_before).run();
}

void record_sign_in_failure(Connection& db, const std::string& username, std::int64_t now) {
  db.prepare("INSERT INTO sign_in_failures (username, at) VALUES (?, ?)").bind(1, username).bind(2, now).run();
  db.prepare("DELETE FROM sign_in_failures WHERE at < ?").bind(1, now - 3600).run();
}

int count_sign_in_failures(Connection& db, const std::string& username, std::int64_t since) {
  auto& s = db.prepare("SELECT count(*) FROM sign_in_failures WHERE username = ? AND at >= ?");
  s.bind(1, username).bind(2, since);
  int n = s.step() ? s.integer(0) : 0;
  s.reset();
  return n;
}

}  // namespace waypoint::storage
