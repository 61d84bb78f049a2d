// Passwords and account administration (issue 16, items 9 and 10), each attack reproduced over HTTP:
// guessable passwords refused with the reason beside the field, a password change by its owner, an
// administrator's reset that forces a change at the next sign-in, accounts locked after disuse, and
// the last active system admin kept from deactivating or demoting themself.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

using namespace waypoint::test;

namespace {

// Four random words: what the policy asks for, and what every test user below gets.
constexpr const char* kStrong = "plaid gecko saxophone tundra";
constexpr const char* kStrongToo = "maple quartz ferry dune";

json new_user(const std::string& username, const std::string& password, const std::string& workgroup = "hmis_user") {
  return {{"username", username},
          {"password", password},
          {"display_name", "Rosa Martinez"},
          {"memberships", {{{"organization_id", demo::kRiverside}, {"workgroup", workgroup}}}}};
}

json find_user(Api& admin, const std::string& username) {
  auto users = admin.get("/api/users");
  REQUIRE(users.status == 200);
  for (const auto& u : users.body["items"])
    if (u["username"] == username) return u;
  return nullptr;
}

std::string user_path(const json& user, const std::string& tail = "") {
  return "/api/users/" + std::to_string(user["id"].get<std::int64_t>()) + tail;
}

std::string field(const Reply& reply, const std::string& name) {
  auto fields = reply.fields();
  return fields.contains(name) && fields[name].is_string() ? fields[name].get<std::string>() : "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("guessable passwords are refused with a 422 naming the password and saying why") {
  ServerProcess server(demo_options());
  auto admin = Api::signed_in(server, "demo-admin");
  struct Attempt {
    std::string password;
    std::string reason;  // part of the message
  };
  const Attempt attempts[] = {
      {"aaaaaaaaaaaa", "repeats"},  // the reproductions
      {"            ", "only spaces"},
      {"password1234", "common password"},
      {"qwertyuiop12", "common password"},  // zxcvbn's list has it
      {"abcdefghijkl", "sequence"},
      {"rosa-martinez", "your name, your username"},   // the username itself
      {"Rosa Martinez1", "your name, your username"},  // the display name
      {"waypoint-demo", "too easy to guess"},          // the service's own name
      {"Summer2024!!", "too easy to guess"},
  };
  for (const auto& attempt : attempts) {
    INFO("password: '", attempt.password, "'");
    auto reply = admin.post("/api/users", new_user("rosa-martinez", attempt.password));
    CHECK(reply.status == 422);
    CHECK(reply.code() == "validation");
    CHECK(reply.fields().size() == 1);
    CHECK(contains(field(reply, "password"), attempt.reason));
    if (attempt.password.front() != ' ') CHECK_FALSE(contains(reply.raw, attempt.password));  // never echoed
  }
  CHECK(find_user(admin, "rosa-martinez").is_null());

  auto made = admin.post("/api/users", new_user("rosa-martinez", kStrong));
  REQUIRE(made.status == 201);
  CHECK(Api(server).sign_in("rosa-martinez", kStrong).status == 200);
}

TEST_CASE("create-user on the command line refuses a guessable password too") {
  ServerProcess server(demo_options());
  auto weak = run_command({WAYPOINT_SERVER_BINARY, "create-user", "--db", server.db_path(), "--username", "cli-user",
                           "--password-stdin", "--membership", "1:hmis_user"},
                          "password1234\n");
  CHECK(weak.exit_code != 0);
  CHECK(contains(weak.err, "password: Password is too easy to guess"));
  auto strong = run_command({WAYPOINT_SERVER_BINARY, "create-user", "--db", server.db_path(), "--username", "cli-user",
                             "--password-stdin", "--membership", "1:hmis_user"},
                            std::string(kStrong) + "\n");
  INFO("stderr: ", strong.err);
  CHECK(strong.exit_code == 0);
  CHECK(Api(server).sign_in("cli-user", kStrong).status == 200);
}

TEST_CASE("PATCH /api/users/{id} with a password is refused with a 400 naming it, not silently ignored") {
  ServerProcess server(demo_options());
  auto admin = Api::signed_in(server, "demo-admin");
  auto caseworker = find_user(admin, "demo-caseworker");
  auto reply = admin.patch(user_path(caseworker), {{"version", caseworker["version"]}, {"password", kStrong}});
  CHECK(reply.status == 400);
  CHECK(reply.code() == "bad_request");
  CHECK(contains(field(reply, "password"), "POST /api/users/{id}/password"));
  // Any other field it cannot change is named too, and nothing changed.
  auto other = admin.patch(user_path(caseworker), {{"version", caseworker["version"]}, {"username", "renamed"}});
  CHECK(other.status == 400);
  CHECK(other.names_field("username"));
  CHECK(find_user(admin, "demo-caseworker")["version"] == caseworker["version"]);
  CHECK(Api(server).sign_in("demo-caseworker").status == 200);
  CHECK(Api(server).sign_in("demo-caseworker", kStrong).status == 401);
}

TEST_CASE("a user changes their own password: the current one is checked, the new one must be strong") {
  ServerProcess server(demo_options());
  auto api = Api::signed_in(server, "demo-caseworker");
  auto other_device = Api::signed_in(server, "demo-caseworker");
  auto someone_else = Api::signed_in(server, "demo-provider");

  auto wrong = api.post("/api/session/password", {{"current_password", "not my password"}, {"new_password", kStrong}});
  CHECK(wrong.status == 422);
  CHECK(wrong.code() == "validation");
  CHECK(wrong.names_field("current_password"));
  CHECK_FALSE(wrong.names_field("new_password"));

  for (const std::string weak : {"password1234", "aaaaaaaaaaaa", "            ", "short", "demo-caseworker1",
                                 "Carlos Caseworker"}) {
    INFO("new password: '", weak, "'");
    auto reply = api.post("/api/session/password", {{"current_password", demo::kPassword}, {"new_password", weak}});
    CHECK(reply.status == 422);
    CHECK(reply.names_field("new_password"));
    CHECK_FALSE(reply.names_field("current_password"));
  }
  auto same = api.post("/api/session/password", {{"current_password", demo::kPassword}, {"new_password", demo::kPassword}});
  CHECK(same.status == 422);
  CHECK(same.names_field("new_password"));
  auto missing = api.post("/api/session/password", {{"new_password", kStrong}});
  CHECK(missing.status == 400);
  CHECK(missing.names_field("current_password"));
  CHECK(Api(server).sign_in("demo-caseworker").status == 200);  // nothing changed yet

  auto changed = api.post("/api/session/password", {{"current_password", demo::kPassword}, {"new_password", kStrong}});
  REQUIRE(changed.status == 200);
  CHECK(changed.body["user"]["username"] == "demo-caseworker");
  CHECK(changed.body["must_change_password"] == false);
  CHECK_FALSE(contains(changed.raw, kStrong));
  // This session stays; the user's other sessions end; other users are untouched.
  CHECK(api.get("/api/session").status == 200);
  CHECK(api.get("/api/clients?q=ngu").status == 200);
  CHECK(other_device.get("/api/session").status == 401);
  CHECK(someone_else.get("/api/session").status == 200);
  CHECK(Api(server).sign_in("demo-caseworker").status == 401);
  CHECK(Api(server).sign_in("demo-caseworker", kStrong).status == 200);
  // Audited, without the password.
  CHECK(sql_value(server.db_path(), "SELECT count(*) FROM audit_log WHERE action = 'change_password'") == "1");
  CHECK(sql_value(server.db_path(), "SELECT count(*) FROM audit_log WHERE after LIKE '%saxophone%' OR "
                                    "before LIKE '%saxophone%'") == "0");
  // Signed out, the route is a 401.
  CHECK(Api(server).post("/api/session/password", {{"current_password", kStrong}, {"new_password", kStrongToo}})
            .status == 401);
}

TEST_CASE("an administrator's reset sets a temporary password that must be changed before anything else") {
  ServerProcess server(demo_options());
  auto admin = Api::signed_in(server, "demo-admin");
  auto outreach = Api::signed_in(server, "demo-outreach");
  auto user = find_user(admin, "demo-outreach");
  CHECK(user["must_change_password"] == false);

  // Only a system admin resets, never their own (that needs the current password), a strong one only.
  CHECK(outreach.post(user_path(user, "/password"), {{"new_password", kStrong}}).status == 403);
  auto self = admin.post(user_path(find_user(admin, "demo-admin"), "/password"), {{"new_password", kStrong}});
  CHECK(self.status == 403);
  CHECK(admin.post("/api/users/999/password", {{"new_password", kStrong}}).status == 404);
  auto weak = admin.post(user_path(user, "/password"), {{"new_password", "password1234"}});
  CHECK(weak.status == 422);
  CHECK(contains(field(weak, "new_password"), "too easy to guess"));
  CHECK(outreach.get("/api/session").status == 200);

  auto reset = admin.post(user_path(user, "/password"), {{"new_password", kStrong}});
  REQUIRE(reset.status == 200);
  CHECK(reset.body["must_change_password"] == true);
  CHECK(reset.body["version"] == user["version"].get<int>() + 1);
  CHECK_FALSE(contains(reset.raw, kStrong));
  CHECK(outreach.get("/api/session").status == 401);  // the reset ends the user's sessions
  CHECK(outreach.sign_in("demo-outreach").status == 401);
  CHECK(sql_value(server.db_path(), "SELECT count(*) FROM audit_log WHERE action = 'reset_password'") == "1");

  // Signed in with the temporary password, the session may only change it (or sign out).
  auto signed_in = outreach.sign_in("demo-outreach", kStrong);
  REQUIRE(signed_in.status == 200);
  CHECK(signed_in.body["must_change_password"] == true);
  CHECK(signed_in.body["user"]["must_change_password"] == true);
  auto me = outreach.get("/api/session");
  CHECK(me.status == 200);
  CHECK(me.body["must_change_password"] == true);
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/clients?q=ngu"}, {"GET", "/api/referrals?box=incoming"}, {"GET", "/api/clients/1"},
           {"GET", "/api/organizations"}, {"POST", "/api/clients"}, {"PUT", "/api/session/context"}}) {
    INFO(method, " ", path);
    auto blocked = outreach.send(method, path, method == "GET" ? "" : "{}");
    CHECK(blocked.status == 403);
    CHECK(blocked.code() == "password_change_required");
  }
  auto changed =
      outreach.post("/api/session/password", {{"current_password", kStrong}, {"new_password", kStrongToo}});
  REQUIRE(changed.status == 200);
  CHECK(changed.body["must_change_password"] == false);
  CHECK(outreach.get("/api/clients?q=ngu").status == 200);
  CHECK(outreach.get("/api/session").body["must_change_password"] == false);
  CHECK(find_user(admin, "demo-outreach")["must_change_password"] == false);
}

TEST_CASE("an account unused past the limit is locked until an administrator unlocks it") {
  {  // A freshly loaded demo locks nobody.
    ServerProcess server(demo_options());
    auto admin = Api::signed_in(server, "demo-admin");
    auto users = admin.get("/api/users").body;  // a named copy: iterating a temporary's member outlives it
    for (const auto& u : users["items"]) CHECK(u["locked"] == false);
  }
  // --inactive-lock-days 0.00003: about 2.6 seconds.
  ServerProcess server(demo_options({"--inactive-lock-days", "0.00003"}));
  auto admin = Api::signed_in(server, "demo-admin");  // a session outlives the lock; only signing in is refused
  REQUIRE(admin.post("/api/users", new_user("rosa-martinez", kStrong)).status == 201);
  auto fresh = find_user(admin, "rosa-martinez");
  CHECK(fresh["locked"] == false);
  CHECK(fresh["last_sign_in_at"].is_null());
  std::this_thread::sleep_for(std::chrono::milliseconds(3200));

  Api rosa(server);
  auto locked = rosa.sign_in("rosa-martinez", kStrong);
  CHECK(locked.status == 403);
  CHECK(locked.code() == "account_locked");
  CHECK(contains(locked.body["error"]["message"].get<std::string>(), "administrator"));
  CHECK(rosa.sign_in("rosa-martinez", "not the password at all").status == 401);  // says nothing without it
  auto listed = find_user(admin, "rosa-martinez");
  CHECK(listed["locked"] == true);
  // Locking is the server's, not a field to set (even on a locked account); unlocking restarts the clock.
  CHECK(admin.patch(user_path(listed), {{"version", listed["version"]}, {"locked", true}}).status == 422);
  CHECK(admin.patch(user_path(listed), {{"version", listed["version"]}, {"locked", "no"}}).status == 400);
  auto unlocked = admin.patch(user_path(listed), {{"version", listed["version"]}, {"locked", false}});
  REQUIRE(unlocked.status == 200);
  CHECK(unlocked.body["locked"] == false);
  auto back = rosa.sign_in("rosa-martinez", kStrong);
  REQUIRE(back.status == 200);
  CHECK(back.body["user"]["locked"] == false);
  CHECK(find_user(admin, "rosa-martinez")["last_sign_in_at"].is_string());
  CHECK(sql_value(server.db_path(), "SELECT count(*) FROM audit_log WHERE entity = 'user' AND action = 'update' AND "
                                    "before LIKE '%\"locked\":true%' AND after LIKE '%\"locked\":false%'") == "1");

  // Locked again after disuse, then reactivating unlocks as well.
  std::this_thread::sleep_for(std::chrono::milliseconds(3200));
  CHECK(Api(server).sign_in("rosa-martinez", kStrong).code() == "account_locked");
  auto again = find_user(admin, "rosa-martinez");
  auto off = admin.patch(user_path(again), {{"version", again["version"]}, {"active", false}});
  REQUIRE(off.status == 200);
  auto on = admin.patch(user_path(again), {{"version", off.body["version"]}, {"active", true}});
  REQUIRE(on.status == 200);
  CHECK(on.body["locked"] == false);
  CHECK(Api(server).sign_in("rosa-martinez", kStrong).status == 200);
}

TEST_CASE("the last active system admin cannot deactivate or demote themself (409, nothing changes)") {
  ServerProcess server(demo_options());
  auto admin = Api::signed_in(server, "demo-admin");
  // The reproduction: demo-admin is user 1, the only system admin.
  auto off = admin.patch("/api/users/1", {{"version", 1}, {"active", false}});
  CHECK(off.status == 409);
  CHECK(off.code() == "conflict");
  CHECK(contains(off.body["error"]["message"].get<std::string>(), "last active system administrator"));
  CHECK(off.names_field("active"));
  auto demoted = admin.patch("/api/users/1", {{"version", 1},
                                              {"memberships", {{{"organization_id", 1}, {"workgroup", "hmis_user"}}}}});
  CHECK(demoted.status == 409);
  CHECK(demoted.code() == "conflict");
  CHECK(demoted.names_field("memberships"));
  auto me = find_user(admin, "demo-admin");
  CHECK(me["version"] == 1);
  CHECK(me["active"] == true);
  CHECK(me["memberships"][0]["workgroup"] == "system_admin");
  CHECK(admin.get("/api/users").status == 200);  // still signed in, still an admin
  // A rename is fine.
  REQUIRE(admin.patch("/api/users/1", {{"version", 1}, {"display_name", "Dana A. Admin"}}).status == 200);

  // With a second active system admin, the first may step down.
  REQUIRE(admin.post("/api/users", new_user("second-admin", kStrong, "system_admin")).status == 201);
  CHECK(Api(server).sign_in("second-admin", kStrong).status == 200);
  auto stepped_down = admin.patch("/api/users/1", {{"version", 2},
                                                   {"memberships", {{{"organization_id", 1}, {"workgroup", "hmis_user"}}}}});
  CHECK(stepped_down.status == 200);
  // And now the second one is the last.
  auto second = Api::signed_in(server, "second-admin", kStrong);
  auto second_user = find_user(second, "second-admin");
  auto refused = second.patch(user_path(second_user), {{"version", second_user["version"]}, {"active", false}});
  CHECK(refused.status == 409);
}

TEST_CASE("a password change or reset answered 200 survives SIGKILL, with its audit row") {
  char pattern[] = "/tmp/waypoint-password-crash-XXXXXX";
  std::string folder = mkdtemp(pattern);
  ServerOptions options = demo_options();
  options.db_path = folder + "/crash.db";
  {
    ServerProcess server(options);
    auto caseworker = Api::signed_in(server, "demo-caseworker");
    REQUIRE(caseworker.post("/api/session/password", {{"current_password", demo::kPassword}, {"new_password", kStrong}})
                .status == 200);
    auto admin = Api::signed_in(server, "demo-admin");
    REQUIRE(admin.post(user_path(find_user(admin, "demo-outreach"), "/password"), {{"new_password", kStrongToo}})
                .status == 200);
    server.kill_hard();
  }
  options.extra_args = {};  // the demo is loaded already
  ServerProcess again(options);
  CHECK(Api(again).sign_in("demo-caseworker", kStrong).status == 200);
  auto outreach = Api(again).sign_in("demo-outreach", kStrongToo);
  CHECK(outreach.status == 200);
  CHECK(outreach.body["must_change_password"] == true);
  CHECK(sql_value(again.db_path(), "SELECT count(*) FROM audit_log WHERE action IN ('change_password', "
                                   "'reset_password')") == "2");
  again.stop();
  std::error_code ec;
  std::filesystem::remove_all(folder, ec);
}
