// Passwords and accounts: Change password (POST /api/session/password), which a session whose
// password an administrator reset must do before anything else; and for system admins the Users
// screen (GET /api/users) with Reset password (POST /api/users/{id}/password) and Unlock
// (PATCH /api/users/{id} {locked: false}).
#include "client/store/update_internal.hpp"

#include "shared/json_mapping.hpp"
#include "shared/validation.hpp"

namespace waypoint::client::detail {

namespace {

UserRow* find_row(UsersState& users, int64_t user_id) {
  for (auto& row : users.rows)
    if (row.user.id == user_id) return &row;
  return nullptr;
}

// One user with its memberships, as GET /api/users lists them and the user routes answer.
std::optional<UserRow> read_user_row(const nlohmann::json& j) {
  auto user = parse_user(j);
  if (!user) return std::nullopt;
  UserRow row{user.value(), {}};
  if (j.contains("memberships")) {
    auto memberships = parse_list(j["memberships"], parse_membership);
    if (memberships) row.memberships = memberships.value();
  }
  return row;
}

void replace_row(UsersState& users, const nlohmann::json& body) {
  auto row = read_user_row(body);
  if (!row) return;
  if (UserRow* old = find_row(users, row->user.id)) *old = std::move(*row);
}

std::string name_of(const UsersState& users, int64_t user_id) {
  for (const auto& row : users.rows)
    if (row.user.id == user_id) return row.user.display_name;
  return "The user";
}

Effects on_password_change_reply(State& state, const HttpReplied& reply) {
  auto& form = state.password;
  form.saving = false;
  auto body = body_of(reply);
  if (reply.status == 200) {
    bool was_required = state.session.must_change_password;
    form = PasswordForm{};
    state.session.must_change_password = false;
    toast(state, "Your password was changed. Anywhere else you were signed in, you are signed out.");
    if (was_required) {
      auto& next = state.session.return_to;
      if (!next || next->screen == Screen::change_password) next = Route{Screen::clients, 0, 0};
      return finish_sign_in(state);
    }
    return {};
  }
  form.errors = error_fields(body);
  form.message = form.errors.empty()
                     ? error_message(body, "Your password could not be changed (" + std::to_string(reply.status) + ").")
                     : "";
  return {};
}

Effects on_users_reply(State& state, const HttpReplied& reply) {
  auto& users = state.users;
  auto body = body_of(reply);
  if (reply.status != 200 || !body.is_object() || !body.contains("items") || !body["items"].is_array()) {
    users.load = Load::failed;
    users.message = error_message(body, "The users could not be loaded.");
    return {};
  }
  users.rows.clear();
  for (const auto& item : body["items"])
    if (auto row = read_user_row(item)) users.rows.push_back(std::move(*row));
  users.load = Load::ready;
  return {};
}

Effects on_password_reset_reply(State& state, const HttpReplied& reply) {
  auto& users = state.users;
  users.saving = false;
  auto body = body_of(reply);
  if (reply.status == 200) {
    replace_row(users, body);
    toast(state, "Temporary password set for " + name_of(users, reply.tag) +
                     ". They choose their own when they next sign in.");
    users.reset_user_id = 0;
    users.temporary_password.clear();
    users.reset_errors.clear();
    return {};
  }
  users.reset_errors = error_fields(body);
  if (users.reset_errors.empty())
    users.reset_errors["new_password"] = error_message(body, "The password could not be reset.");
  return {};
}

Effects on_unlock_reply(State& state, const HttpReplied& reply) {
  auto& users = state.users;
  users.saving = false;
  auto body = body_of(reply);
  if (reply.status == 200) {
    replace_row(users, body);
    users.message.clear();
    toast(state, "Unlocked " + name_of(users, reply.tag) + ". They can sign in again.");
    return {};
  }
  users.message = error_message(body, "The account could not be unlocked (" + std::to_string(reply.status) + ").");
  if (reply.status == 409) {  // changed by someone else meanwhile: show it as it is now
    if (body.is_object() && body.contains("current")) replace_row(users, body["current"]);
  }
  return {};
}

}  // namespace

Effects submit_password_change(State& state) {
  auto& form = state.password;
  if (form.saving) return {};
  PasswordChangeRequest request{form.current_password, form.new_password};
  form.errors = validate_password_change(request);
  form.message.clear();
  if (!form.errors.count("new_password") && form.confirm_password != form.new_password)
    form.errors["confirm_password"] = "The two new passwords are not the same";
  if (!form.errors.empty()) return {};
  form.saving = true;
  return {send(RequestKind::password_change, "POST", "/api/session/password", nlohmann::json(request))};
}

Effects load_users(State& state) {
  state.users.load = Load::loading;
  state.users.message.clear();
  return {get(RequestKind::users, "/api/users")};
}

void open_password_reset(State& state, int64_t user_id) {
  state.users.reset_user_id = user_id;
  state.users.temporary_password.clear();
  state.users.reset_errors.clear();
}

Effects submit_password_reset(State& state) {
  auto& users = state.users;
  if (users.saving || users.reset_user_id == 0) return {};
  PasswordResetRequest request{users.temporary_password};
  users.reset_errors = validate_password_reset(request);
  if (!users.reset_errors.empty()) return {};
  users.saving = true;
  return {send(RequestKind::password_reset, "POST", "/api/users/" + std::to_string(users.reset_user_id) + "/password",
               nlohmann::json(request), users.reset_user_id)};
}

Effects unlock_user(State& state, int64_t user_id) {
  auto& users = state.users;
  const UserRow* row = find_row(users, user_id);
  if (users.saving || !row) return {};
  users.saving = true;
  UserPatch unlock;
  unlock.locked = false;
  unlock.version = row->user.version;
  return {send(RequestKind::user_unlock, "PATCH", "/api/users/" + std::to_string(user_id), nlohmann::json(unlock),
               user_id)};
}

Effects on_accounts_reply(State& state, const HttpReplied& reply) {
  switch (reply.kind) {
    case RequestKind::password_change: return on_password_change_reply(state, reply);
    case RequestKind::users: return on_users_reply(state, reply);
    case RequestKind::password_reset: return on_password_reset_reply(state, reply);
    case RequestKind::user_unlock: return on_unlock_reply(state, reply);
    default: return {};
  }
}

}  // namespace waypoint::client::detail
