// Passwords after sign-up: the signed-in user's own change (Change password, which needs the current
// one) and a system admin's reset to a temporary password that must be changed at the next sign-in.
// Both hash (and a change verifies) before taking the write turn: argon2id takes ~50 ms each.
#include "server/services/password_policy.hpp"
#include "server/services/repositories.hpp"
#include "shared/json_mapping.hpp"
#include "shared/validation.hpp"

#include <sodium.h>

namespace waypoint {

namespace {

nlohmann::json user_json(storage::Connection& db, const User& user) {
  nlohmann::json j = user;
  j["memberships"] = storage::list_memberships(db, user.id);
  return j;
}

}  // namespace

JsonOutcome Services::change_password(const Session& session, const PasswordChangeRequest& request) {
  if (auto errors = validate_password_change(request); !errors.empty())
    return error(ErrorKind::validation, "Check the highlighted fields.", errors);
  auto& conn = db.connection();
  std::int64_t now = unix_now();
  auto row = storage::find_user_by_name(conn, session.user.username, locked_before(now));
  if (!row) return error(ErrorKind::unauthenticated, "Your session has ended. Sign in again.");
  if (crypto_pwhash_str_verify(row->password_hash.c_str(), request.current_password.c_str(),
                               request.current_password.size()) != 0)
    return error(ErrorKind::validation, "Your current password is not right.",
                 {{"current_password", "Your current password is not right"}});
  if (auto guessable = guessable_password_problem(request.new_password,
                                                  password_user_words(row->user.username, row->user.display_name)))
    return error(ErrorKind::validation, "Choose a stronger password.", {{"new_password", *guessable}});
  const std::string password_hash = hash_password(request.new_password);

  storage::UnitOfWork tx(conn);
  // Reset by an administrator (or changed in another tab) since it was verified: that one stands.
  auto current = storage::find_user_by_name(conn, session.user.username, locked_before(now));
  if (!current || current->password_hash != row->password_hash)
    return error(ErrorKind::conflict, "Your password was changed meanwhile. Sign in again with the new one.");
  storage::set_password(conn, row->user.id, password_hash, false);
  // Anyone else signed in with the old password is signed out; this browser stays signed in.
  storage::delete_other_sessions_of_user(conn, row->user.id, session.token_hash);
  audit(conn, &session, "user", row->user.id, "change_password",
        {{"must_change_password", row->user.must_change_password}}, {{"must_change_password", false}});
  tx.commit();
  Session next = session;
  next.user = row->user;
  next.user.must_change_password = false;
  next.user.version += 1;
  return session_json(next);
}

JsonOutcome Services::reset_password(const Session& session, std::int64_t id, const PasswordResetRequest& request) {
  if (!session.is_system_admin()) return error(ErrorKind::forbidden, "Only system administrators manage users.");
  // Resetting needs no current password, so a borrowed session must not use it to take over its own account.
  if (id == session.user.id)
    return error(ErrorKind::forbidden, "Change your own password with Change password: it asks for your current one.");
  auto& conn = db.connection();
  std::int64_t now = unix_now();
  auto user = storage::find_user(conn, id, locked_before(now));
  if (!user) return error(ErrorKind::not_found, "No such user.");
  FieldErrors errors = validate_password_reset(request);
  if (errors.empty()) {
    if (auto guessable =
            guessable_password_problem(request.new_password, password_user_words(user->username, user->display_name)))
      errors["new_password"] = *guessable;
  }
  if (!errors.empty()) return error(ErrorKind::validation, "Check the highlighted fields.", errors);
  const std::string password_hash = hash_password(request.new_password);

  storage::UnitOfWork tx(conn);
  auto before_user = storage::find_user(conn, id, locked_before(now));
  if (!before_user) return error(ErrorKind::not_found, "No such user.");
  auto before = user_json(conn, *before_user);
  storage::set_password(conn, id, password_hash, true);
  storage::delete_sessions_of_user(conn, id);  // whoever knew the old password is out now
  User next = *before_user;
  next.must_change_password = true;
  next.version += 1;
  auto after = user_json(conn, next);
  audit(conn, &session, "user", id, "reset_password", before, after);
  tx.commit();
  return after;
}

}  // namespace waypoint
