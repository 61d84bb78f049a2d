// Accounts: sign-in with argon2id (libsodium), sessions by random token (stored hashed),
// throttled failures, the Settings sidebar's context switch, and user administration
// (passwords: password_policy.hpp; the inactivity lock; the last system admin is kept).
#include "server/services/password_policy.hpp"
#include "server/services/repositories.hpp"
#include "shared/json_mapping.hpp"
#include "shared/validation.hpp"

#include <sodium.h>

#include <algorithm>

namespace waypoint {

namespace {

// A password hash for a username that does not exist, so a wrong username costs the same
// time as a wrong password (no user enumeration by timing).
const std::string& decoy_hash() {
  static const std::string hash = hash_password("decoy password that never matches");
  return hash;
}

std::string hash_token(const std::string& token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string new_token() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

std::optional<Membership> find_membership(const std::vector<Membership>& memberships, std::int64_t organization_id,
                                          Workgroup workgroup) {
  for (const auto& m : memberships)
    if (m.organization_id == organization_id && m.workgroup == workgroup) return m;
  return std::nullopt;
}

nlohmann::json user_json(storage::Connection& db, const User& user) {
  nlohmann::json j = user;
  j["memberships"] = storage::list_memberships(db, user.id);
  return j;
}

}  // namespace

std::string hash_password(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory hashing a password");
  }
  return out;
}

Outcome<SignedIn> Services::sign_in(const SignInRequest& request, const std::string& client_address) {
  if (auto errors = validate_sign_in(request); !errors.empty())
    return error(ErrorKind::validation, "Enter your username and password.", errors);
  auto& conn = db.connection();
  std::int64_t now = unix_now();
  // Counted before the check, so parallel guesses cannot all pass; nothing is written for a failure.
  auto attempt = sign_in_throttle.begin(client_address, request.username);
  if (!attempt.admitted())
    return throttled("Too many failed sign-ins. Wait a little, then try again.", attempt.retry_after_seconds());
  auto row = storage::find_user_by_name(conn, request.username, locked_before(now));
  const std::string& hash = row ? row->password_hash : decoy_hash();
  bool matches = false;
  {
    PasswordCheckGate::Turn turn(password_checks, attempt.from_known_address());
    if (!turn) return throttled("The server is busy signing people in. Try again in a moment.", 1);
    matches = crypto_pwhash_str_verify(hash.c_str(), request.password.c_str(), request.password.size()) == 0;
  }
  if (!row || !matches || !row->user.active) {
    attempt.failed();
    return error(ErrorKind::unauthenticated, "The username or password is not right.",
                 {{"password", "The username or password is not right"}});
  }
  attempt.succeeded();  // the password was right: what follows is no guess
  auto memberships = storage::list_memberships(conn, row->user.id);
  if (memberships.empty())
    return error(ErrorKind::forbidden, "This account has no organization yet. Ask your HMIS administrator.");
  if (row->user.locked)  // only said to someone who knows the password
    return error(ErrorKind::account_locked,
                 "This account was not used for " +
                     (sessions.inactive_lock_days >= 1
                          ? std::to_string(static_cast<int>(sessions.inactive_lock_days)) + " days"
                          : std::string("too long")) +
                     " and is locked. Ask your HMIS administrator to unlock it.");

  row->user.last_sign_in_at = utc_timestamp(now);  // this one, as GET /api/session answers from now on
  storage::UnitOfWork tx(conn);
  storage::delete_expired_sessions(conn, now - sessions.idle_seconds(), now - sessions.max_age_seconds());
  SignedIn result;
  result.token = new_token();
  result.session = Session{hash_token(result.token), row->user, memberships, memberships.front()};
  storage::insert_session(conn, storage::SessionRow{result.session.token_hash, row->user.id,
                                                    memberships.front().organization_id,
                                                    memberships.front().workgroup, now, now});
  storage::record_sign_in(conn, row->user.id, now);
  audit(conn, &result.session, "user", row->user.id, "sign_in", nullptr, nullptr);
  tx.commit();
  return result;
}

std::optional<Session> Services::authenticate(const std::string& token) {
  if (token.empty()) return std::nullopt;
  auto& conn = db.connection();
  std::string token_hash = hash_token(token);
  // The session, its user and memberships from one read snapshot: the file's read lock is taken
  // once for the three, on every request. Writes (an expired session, the idle clock) come after it.
  std::optional<storage::SessionRow> row;
  std::optional<User> user;
  std::vector<Membership> memberships;
  {
    storage::UnitOfWork snapshot(conn, false);
    row = storage::find_session(conn, token_hash);
    if (row) user = storage::find_user(conn, row->user_id, locked_before(unix_now()));
    if (user) memberships = storage::list_memberships(conn, user->id);
    snapshot.commit();
  }
  if (!row) return std::nullopt;
  std::int64_t now = unix_now();
  // Its writes are transactions so that, on a reader's connection (a GET), they wait for the write
  // turn like any save instead of polling SQLite's lock while group commits keep it taken.
  if (now - row->last_seen_at > sessions.idle_seconds() || now - row->created_at > sessions.max_age_seconds()) {
    storage::UnitOfWork tx(conn);
    storage::delete_session(conn, token_hash);
    tx.commit();
    return std::nullopt;
  }
  if (!user || !user->active) return std::nullopt;
  auto context = find_membership(memberships, row->organization_id, row->workgroup);
  if (!context) return std::nullopt;  // the membership was removed: sign in again
  // Idle time counts from the last request; writing once every 15 s is precise enough and cheap.
  if (now - row->last_seen_at >= std::min<std::int64_t>(15, sessions.idle_seconds() / 2)) {
    storage::UnitOfWork tx(conn);
    storage::touch_session(conn, token_hash, now);
    tx.commit();
  }
  return Session{token_hash, *user, memberships, *context};
}

void Services::sign_out(const Session& session) {
  auto& conn = db.connection();
  storage::UnitOfWork tx(conn);
  storage::delete_session(conn, session.token_hash);
  audit(conn, &session, "user", session.user.id, "sign_out", nullptr, nullptr);
  tx.commit();
}

Outcome<Session> Services::switch_context(const Session& session, const ContextRequest& request) {
  if (auto errors = validate_context(request, session.memberships); !errors.empty())
    return error(ErrorKind::validation, "Choose one of your organizations and workgroups.", errors);
  auto workgroup = parse_workgroup(request.workgroup);
  auto context = find_membership(session.memberships, request.organization_id, *workgroup);
  if (!context) return error(ErrorKind::validation, "Choose one of your organizations and workgroups.",
                             {{"organization_id", "You are not a member of this organization in this workgroup"}});
  auto& conn = db.connection();
  storage::UnitOfWork tx(conn);
  storage::set_session_context(conn, session.token_hash, context->organization_id, context->workgroup);
  Session next = session;
  next.context = *context;
  audit(conn, &next, "user", session.user.id, "switch_context", nlohmann::json(session.context),
        nlohmann::json(*context));
  tx.commit();
  return next;
}

nlohmann::json Services::session_json(const Session& session) const {
  return {{"user", session.user},
          {"memberships", session.memberships},
          {"context", session.context},
          {"must_change_password", session.user.must_change_password}};
}

JsonOutcome Services::list_users(const Session& session) {
  if (!session.is_system_admin()) return error(ErrorKind::forbidden, "Only system administrators manage users.");
  auto& conn = db.connection();
  auto items = nlohmann::json::array();
  for (const auto& user : storage::list_users(conn, locked_before(unix_now()))) items.push_back(user_json(conn, user));
  auto total = items.size();
  return nlohmann::json{{"items", std::move(items)}, {"total", total}, {"page", 1}, {"page_size", total}};
}

JsonOutcome Services::create_user(const Session* session, const NewUserRequest& request) {
  if (session && !session->is_system_admin())
    return error(ErrorKind::forbidden, "Only system administrators manage users.");
  FieldErrors errors = validate_new_user(request);
  if (!errors.count("password")) {
    if (auto guessable = guessable_password_problem(request.password,
                                                    password_user_words(request.username, request.display_name)))
      errors["password"] = *guessable;
  }
  auto& conn = db.connection();
  std::vector<Membership> memberships;
  for (size_t i = 0; i < request.memberships.size(); ++i) {
    const auto& m = request.memberships[i];
    auto org = storage::find_organization(conn, m.organization_id);
    auto workgroup = parse_workgroup(m.workgroup);
    if (!org) errors["memberships[" + std::to_string(i) + "].organization_id"] = "No such organization";
    else if (workgroup) memberships.push_back(Membership{org->id, org->name, *workgroup});
  }
  std::int64_t now = unix_now();
  if (storage::find_user_by_name(conn, request.username, locked_before(now))) errors["username"] = "This username is taken";
  if (!errors.empty()) return error(ErrorKind::validation, "Check the highlighted fields.", errors);

  const std::string password_hash = hash_password(request.password);  // before the write turn: it takes ~50 ms
  storage::UnitOfWork tx(conn);
  if (storage::find_user_by_name(conn, request.username, locked_before(now)))  // taken meanwhile
    return error(ErrorKind::validation, "Check the highlighted fields.", {{"username", "This username is taken"}});
  User user{0, request.username, request.display_name, true, 1};
  user.id = storage::insert_user(conn, user, password_hash, utc_timestamp());
  storage::replace_memberships(conn, user.id, memberships);
  auto after = user_json(conn, user);
  audit(conn, session, "user", user.id, "create", nullptr, after);
  tx.commit();
  return after;
}

JsonOutcome Services::update_user(const Session& session, std::int64_t id, const UserPatch& patch) {
  if (!session.is_system_admin()) return error(ErrorKind::forbidden, "Only system administrators manage users.");
  // The shapes were read by the shared parser (400); its rules are the shared validator's (422), the same
  // membership rules as creating a user.
  FieldErrors errors = validate_user_patch(patch);
  auto& conn = db.connection();
  std::int64_t now = unix_now();
  auto user = storage::find_user(conn, id, locked_before(now));
  if (!user) return error(ErrorKind::not_found, "No such user.");
  User next = *user;
  if (patch.display_name) next.display_name = *patch.display_name;
  if (patch.active) next.active = *patch.active;
  bool unlock = patch.locked && !*patch.locked && user->locked;
  std::optional<std::vector<Membership>> memberships;
  if (patch.memberships) {
    memberships.emplace();
    for (size_t i = 0; i < patch.memberships->size(); ++i) {
      const auto& m = (*patch.memberships)[i];
      auto workgroup = parse_workgroup(m.workgroup);
      if (m.organization_id <= 0 || !workgroup) continue;  // the validator named it
      auto org = storage::find_organization(conn, m.organization_id);
      if (!org) errors["memberships[" + std::to_string(i) + "].organization_id"] = "No such organization";
      else memberships->push_back(Membership{org->id, org->name, *workgroup});
    }
  }
  if (!errors.empty()) return error(ErrorKind::validation, "Check the highlighted fields.", errors);
  storage::UnitOfWork tx(conn);
  auto before = user_json(conn, *user);
  if (patch.version != user->version)
    return error(ErrorKind::stale_version, "Someone else changed this user. Review and try again.", {}, before);
  // Someone must always be able to manage users: the last active system admin stays one.
  auto is_admin = [](const std::vector<Membership>& list) {
    return std::any_of(list.begin(), list.end(), [](const Membership& m) { return m.workgroup == Workgroup::system_admin; });
  };
  bool admin_before = user->active && !user->locked && is_admin(storage::list_memberships(conn, id));
  bool admin_after = next.active && (!user->locked || unlock) &&
                     (memberships ? is_admin(*memberships) : is_admin(storage::list_memberships(conn, id)));
  if (admin_before && !admin_after && storage::count_active_system_admins(conn, locked_before(now)) <= 1)
    return error(ErrorKind::conflict,
                 user->display_name + " is the last active system administrator, so nobody could manage users. "
                                      "Make another user a system administrator first.",
                 {{next.active ? "memberships" : "active", "The last active system administrator must stay one"}});
  // Unlocking or reactivating starts the inactivity clock again.
  bool reactivated = next.active && !user->active;
  std::optional<std::int64_t> restart = unlock || reactivated ? std::optional<std::int64_t>(now) : std::nullopt;
  if (!storage::update_user(conn, next, user->version, restart))
    return error(ErrorKind::stale_version, "Someone else changed this user. Review and try again.", {}, before);
  if (restart) next.locked = false;
  if (memberships) storage::replace_memberships(conn, id, *memberships);
  if (!next.active || memberships) storage::delete_sessions_of_user(conn, id);  // take effect now, not at expiry
  next.version = user->version + 1;
  auto after = user_json(conn, next);
  audit(conn, &session, "user", id, "update", before, after);
  tx.commit();
  return after;
}

}  // namespace waypoint
