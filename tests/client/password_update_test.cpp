// Change password (from Settings, and forced after an administrator's reset) and the Users
// screen's Reset password and Unlock, through the store: what is sent, and what the screen shows
// from the server's answers.
#include "client/store/update.hpp"
#include "tests/client/replies.hpp"

#include <doctest/doctest.h>

using namespace waypoint::client;
using waypoint::make_date;
using waypoint::client::testing::reply;

namespace {

std::string session_body(bool must_change, const std::string& workgroup = "hmis_user") {
  std::string flag = must_change ? "true" : "false";
  return R"({"user":{"id":7,"username":"demo-outreach","display_name":"Omar Outreach","active":true,"version":2,
    "must_change_password":)" + flag + R"(,"locked":false,"last_sign_in_at":null},
    "memberships":[{"organization_id":6,"organization_name":"Open Door Outreach","workgroup":")" + workgroup + R"("}],
    "context":{"organization_id":6,"organization_name":"Open Door Outreach","workgroup":")" + workgroup + R"("},
    "must_change_password":)" + flag + "}";
}

const char* kUsers = R"({"items":[
  {"id":1,"username":"demo-admin","display_name":"Dana Admin","active":true,"version":1,"must_change_password":false,
   "locked":false,"last_sign_in_at":"2025-06-01T09:00:00Z",
   "memberships":[{"organization_id":1,"organization_name":"Waypoint CoC HMIS Administration","workgroup":"system_admin"}]},
  {"id":6,"username":"demo-outreach","display_name":"Omar Outreach","active":true,"version":3,"must_change_password":false,
   "locked":true,"last_sign_in_at":null,
   "memberships":[{"organization_id":6,"organization_name":"Open Door Outreach","workgroup":"hmis_user"}]}],
  "total":2,"page":1,"page_size":2})";

const HttpRequest* find_request(const std::vector<Effect>& effects, const std::string& method, const std::string& path) {
  for (const auto& e : effects) {
    const auto& r = std::get<HttpRequest>(e);
    if (r.method == method && r.path == path) return &r;
  }
  return nullptr;
}

State signed_in(bool must_change, const std::string& hash = "#/clients", const std::string& workgroup = "hmis_user") {
  State state;
  update(state, AppStarted{make_date(2025, 6, 1), hash});
  update(state, reply(RequestKind::session_restore, 200, session_body(must_change, workgroup)));
  return state;
}

void type(State& state, Field field, const std::string& text) { update(state, EditField{field, text}); }

}  // namespace

TEST_CASE("signed in with a temporary password, Change password opens at once and nothing else loads") {
  State state;
  update(state, AppStarted{make_date(2025, 6, 1), "#/referrals/incoming"});
  auto effects = update(state, reply(RequestKind::session_restore, 200, session_body(true)));
  CHECK(state.session.phase == SessionPhase::signed_in);
  CHECK(state.session.must_change_password);
  CHECK(state.route.screen == Screen::change_password);
  CHECK(effects.empty());  // the server would refuse every list with 403
  // Navigating elsewhere stays on Change password.
  update(state, Navigate{Route{Screen::clients, 0, 0}});
  CHECK(state.route.screen == Screen::change_password);

  type(state, Field::current_password, "plaid gecko saxophone tundra");
  type(state, Field::new_password, "maple quartz ferry dune");
  type(state, Field::confirm_password, "maple quartz ferry dune");
  effects = update(state, SubmitPasswordChange{});
  const HttpRequest* sent = find_request(effects, "POST", "/api/session/password");
  REQUIRE(sent);
  auto body = nlohmann::json::parse(sent->body);
  CHECK(body["current_password"] == "plaid gecko saxophone tundra");
  CHECK(body["new_password"] == "maple quartz ferry dune");
  CHECK_FALSE(body.contains("confirm_password"));
  CHECK(state.password.saving);

  // Changed: on to the screen they were going to, with its data.
  effects = update(state, reply(RequestKind::password_change, 200, session_body(false)));
  CHECK_FALSE(state.session.must_change_password);
  CHECK(state.route.screen == Screen::incoming);
  CHECK(find_request(effects, "GET", "/api/projects?page_size=200"));
  CHECK(state.password.current_password.empty());
  CHECK(state.password.new_password.empty());
  CHECK_FALSE(state.toast.text.empty());
}

TEST_CASE("Change password checks what it can before sending and shows the server's reasons beside the fields") {
  State state = signed_in(false, "#/settings/password");
  CHECK(state.route.screen == Screen::change_password);
  CHECK(update(state, SubmitPasswordChange{}).empty());
  CHECK(state.password.errors.count("current_password"));
  CHECK(state.password.errors.count("new_password"));

  type(state, Field::current_password, "waypoint-demo");
  type(state, Field::new_password, "short");
  CHECK(update(state, SubmitPasswordChange{}).empty());
  CHECK(state.password.errors.at("new_password") == "Password must be at least 12 characters");
  CHECK_FALSE(state.password.errors.count("current_password"));

  type(state, Field::new_password, "plaid gecko saxophone tundra");
  CHECK_FALSE(state.password.errors.count("new_password"));  // typing answers the error
  type(state, Field::confirm_password, "plaid gecko saxophone tundr");
  CHECK(update(state, SubmitPasswordChange{}).empty());
  CHECK(state.password.errors.count("confirm_password"));

  type(state, Field::confirm_password, "plaid gecko saxophone tundra");
  REQUIRE_FALSE(update(state, SubmitPasswordChange{}).empty());
  update(state, reply(RequestKind::password_change, 422,
                      R"({"error":{"code":"validation","message":"Choose a stronger password.","fields":{
                         "new_password":"Password is too easy to guess: it is a commonly used password. Try three or four unrelated words."}}})"));
  CHECK_FALSE(state.password.saving);
  CHECK(state.password.errors.at("new_password").find("too easy to guess") != std::string::npos);
  CHECK(state.password.new_password == "plaid gecko saxophone tundra");  // nothing typed is cleared
  CHECK(state.password.message.empty());

  REQUIRE_FALSE(update(state, SubmitPasswordChange{}).empty());
  update(state, reply(RequestKind::password_change, 422,
                      R"({"error":{"code":"validation","fields":{"current_password":"Your current password is not right"}}})"));
  CHECK(state.password.errors.at("current_password") == "Your current password is not right");

  REQUIRE_FALSE(update(state, SubmitPasswordChange{}).empty());
  update(state, reply(RequestKind::password_change, 200, session_body(false)));
  CHECK(state.password.errors.empty());
  CHECK(state.route.screen == Screen::change_password);  // a voluntary change stays, with a toast
  CHECK(state.toast.text.find("password was changed") != std::string::npos);
}

TEST_CASE("a 403 password_change_required on any request opens Change password") {
  State state = signed_in(false, "#/clients");
  update(state, reply(RequestKind::clients_search, 403,
                      R"({"error":{"code":"password_change_required","message":"Choose a new password before you continue."}})"));
  CHECK(state.session.must_change_password);
  CHECK(state.route.screen == Screen::change_password);
  // Another 403 (a permission) changes nothing of the kind.
  State other = signed_in(false, "#/clients");
  update(other, reply(RequestKind::clients_search, 403, R"({"error":{"code":"forbidden","message":"No."}})"));
  CHECK_FALSE(other.session.must_change_password);
  CHECK(other.route.screen == Screen::clients);
}

TEST_CASE("a locked account's sign-in shows the server's words") {
  State state;
  update(state, AppStarted{make_date(2025, 6, 1), ""});
  update(state, reply(RequestKind::session_restore, 401, R"({"error":{"code":"unauthenticated"}})"));
  type(state, Field::username, "demo-outreach");
  type(state, Field::password, "plaid gecko saxophone tundra");
  REQUIRE_FALSE(update(state, SignIn{}).empty());
  update(state, reply(RequestKind::sign_in, 403,
                      R"({"error":{"code":"account_locked","message":"This account was not used for 60 days and is locked. Ask your HMIS administrator to unlock it."}})"));
  CHECK(state.session.phase == SessionPhase::signed_out);
  CHECK(state.session.form.message.find("Ask your HMIS administrator") != std::string::npos);
}

TEST_CASE("Users lists accounts for system admins, resets a password and unlocks an account") {
  State state = signed_in(false, "#/admin/users", "system_admin");
  CHECK(state.route.screen == Screen::users);
  CHECK(state.users.load == Load::loading);
  update(state, reply(RequestKind::users, 200, kUsers));
  REQUIRE(state.users.load == Load::ready);
  REQUIRE(state.users.rows.size() == 2);
  CHECK(state.users.rows[1].user.locked);
  CHECK(state.users.rows[1].memberships.at(0).organization_name == "Open Door Outreach");
  CHECK(state.users.rows[0].user.last_sign_in_at == "2025-06-01T09:00:00Z");

  // Reset password: a temporary one, checked for length before it is sent.
  update(state, OpenPasswordReset{6});
  CHECK(state.users.reset_user_id == 6);
  type(state, Field::temporary_password, "too short");
  CHECK(update(state, SubmitPasswordReset{}).empty());
  CHECK(state.users.reset_errors.count("new_password"));
  type(state, Field::temporary_password, "password1234");
  auto effects = update(state, SubmitPasswordReset{});
  const HttpRequest* sent = find_request(effects, "POST", "/api/users/6/password");
  REQUIRE(sent);
  CHECK(nlohmann::json::parse(sent->body) == nlohmann::json{{"new_password", "password1234"}});
  update(state, reply(RequestKind::password_reset, 422,
                      R"({"error":{"code":"validation","fields":{"new_password":"Password is too easy to guess: it is a commonly used password. Try three or four unrelated words."}}})",
                      6));
  CHECK(state.users.reset_user_id == 6);  // the dialog stays, with the reason
  CHECK(state.users.reset_errors.at("new_password").find("too easy to guess") != std::string::npos);
  type(state, Field::temporary_password, "plaid gecko saxophone tundra");
  REQUIRE(find_request(update(state, SubmitPasswordReset{}), "POST", "/api/users/6/password"));
  update(state, reply(RequestKind::password_reset, 200,
                      R"({"id":6,"username":"demo-outreach","display_name":"Omar Outreach","active":true,"version":4,
                         "must_change_password":true,"locked":true,"last_sign_in_at":null,
                         "memberships":[{"organization_id":6,"organization_name":"Open Door Outreach","workgroup":"hmis_user"}]})",
                      6));
  CHECK(state.users.reset_user_id == 0);
  CHECK(state.users.temporary_password.empty());
  CHECK(state.users.rows[1].user.must_change_password);
  CHECK(state.toast.text.find("Omar Outreach") != std::string::npos);

  // Unlock sends the row's version.
  effects = update(state, UnlockUser{6});
  sent = find_request(effects, "PATCH", "/api/users/6");
  REQUIRE(sent);
  CHECK(nlohmann::json::parse(sent->body) == nlohmann::json{{"version", 4}, {"locked", false}});
  update(state, reply(RequestKind::user_unlock, 200,
                      R"({"id":6,"username":"demo-outreach","display_name":"Omar Outreach","active":true,"version":5,
                         "must_change_password":true,"locked":false,"last_sign_in_at":null,"memberships":[]})",
                      6));
  CHECK_FALSE(state.users.rows[1].user.locked);
  CHECK(state.users.rows[1].user.version == 5);
  CHECK(state.toast.text.find("Unlocked Omar Outreach") != std::string::npos);
}

TEST_CASE("Users asks nothing of the server for someone who is not a system admin") {
  State state = signed_in(false, "#/clients");
  auto effects = update(state, Navigate{Route{Screen::users, 0, 0}});
  CHECK_FALSE(find_request(effects, "GET", "/api/users"));
  CHECK(to_hash(Route{Screen::users, 0, 0}) == "#/admin/users");
  CHECK(parse_hash("#/settings/password") == Route{Screen::change_password, 0, 0});
}
