// Users, their memberships, sessions (stored by token hash only) and failed sign-ins.
#include "server/storage/repositories.hpp"

namespace waypoint::storage {

std::optional<UserRow> find_user_by_name(Connection& db, const std::string& username) {
  auto& s = db.prepare(
      "SELECT id, username, display_name, active, version, password_hash FROM users WHERE username = ?");
  s.bind(1, username);
  if (!s.step()) return std::nullopt;
  UserRow row{User{s.int64(0), s.text(1), s.text(2), s.integer(3) != 0, s.int64(4)}, s.text(5)};
  s.reset();
  return row;
}

std::optional<User> find_user(Connection& db, std::int64_t id) {
  auto& s = db.prepare("SELECT id, username, display_name, active, version FROM users WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  User user{s.int64(0), s.text(1), s.text(2), s.integer(3) != 0, s.int64(4)};
  s.reset();
  return user;
}

std::vector<User> list_users(Connection& db) {
  auto& s = db.prepare("SELECT id, username, display_name, active, version FROM users ORDER BY username");
  std::vector<User> out;
  while (s.step()) out.push_back(User{s.int64(0), s.text(1), s.text(2), s.integer(3) != 0, s.int64(4)});
  return out;
}

std::int64_t insert_user(Connection& db, const User& user, const std::string& password_hash, const std::string& now) {
  auto& s = db.prepare(
      "INSERT INTO users (username, display_name, password_hash, active, created_at) VALUES (?, ?, ?, ?, ?)");
  s.bind(1, user.username).bind(2, user.display_name).bind(3, password_hash).bind(4, user.active ? 1 : 0);
  s.bind(5, now).run();
  return db.last_insert_id();
}

bool update_user(Connection& db, const User& user, std::int64_t expected_version) {
  auto& s = db.prepare(
      "UPDATE users SET display_name = ?, active = ?, version = version + 1 WHERE id = ? AND version = ?");
  s.bind(1, user.display_name).bind(2, user.active ? 1 : 0).bind(3, user.id).bind(4, expected_version).run();
  return db.changes() == 1;
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
