// Administration: the create-user command line (the first administrator of a new deployment),
// and user management over HTTP by a system admin (create, rename, deactivate, memberships).
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

using namespace waypoint::test;

namespace {

struct TempFolder {
  std::string path;
  TempFolder() {
    char pattern[] = "/tmp/waypoint-admin-XXXXXX";
    path = mkdtemp(pattern);
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

CommandResult create_user(const std::string& db, const std::string& username, const std::string& password,
                          std::vector<std::string> extra) {
  std::vector<std::string> argv = {WAYPOINT_SERVER_BINARY, "create-user", "--db", db, "--username", username,
                                   "--password-stdin"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run_command(argv, password + "\n");
}

json find_user(const Reply& users, const std::string& username) {
  for (const auto& u : users.body["items"])
    if (u["username"] == username) return u;
  return nullptr;
}

}  // namespace

TEST_CASE("create-user makes the first system admin of a new database, who then signs in over HTTP") {
  TempFolder folder;
  std::string db = folder.path + "/fresh/waypoint.db";  // the folder does not exist yet
  auto made = create_user(db, "first-admin", "correct horse battery",
                          {"--create-organization", "Lakeside CoC Administration", "--membership", "1:system_admin",
                           "--display-name", "First Admin"});
  INFO("stdout: ", made.out, "\nstderr: ", made.err);
  REQUIRE(made.exit_code == 0);
  CHECK(made.out.find("first-admin") != std::string::npos);
  CHECK(made.out.find("correct horse battery") == std::string::npos);  // never echoes the password

  ServerOptions options;
  options.db_path = db;
  ServerProcess server(options);
  Api api(server);
  auto signed_in = api.sign_in("first-admin", "correct horse battery");
  REQUIRE(signed_in.status == 200);
  CHECK(signed_in.body["user"]["display_name"] == "First Admin");
  CHECK(signed_in.body["context"]["organization_id"] == 1);
  CHECK(signed_in.body["context"]["organization_name"] == "Lakeside CoC Administration");
  CHECK(signed_in.body["context"]["workgroup"] == "system_admin");
  auto users = api.get("/api/users");
  REQUIRE(users.status == 200);
  CHECK(users.body["items"].size() == 1);
  CHECK(api.sign_in("first-admin", "correct horse batter").status == 401);

  // A second user beside the running server, into the existing organization.
  auto second = create_user(db, "second-user", "another quite long passphrase", {"--membership", "1:hmis_user"});
  INFO("stderr: ", second.err);
  CHECK(second.exit_code == 0);
  Api other(server);
  auto second_in = other.sign_in("second-user", "another quite long passphrase");
  CHECK(second_in.status == 200);
  CHECK(second_in.body["context"]["workgroup"] == "hmis_user");
  CHECK(other.get("/api/users").status == 403);
}

TEST_CASE("create-user refuses a password under 12 characters, a bad membership or a taken username") {
  TempFolder folder;
  std::string db = folder.path + "/waypoint.db";
  auto short_password = create_user(db, "short-pass", "elevenchars", {"--create-organization", "Org", "--membership",
                                                                       "1:system_admin"});
  CHECK(short_password.exit_code != 0);
  CHECK(short_password.err.find("password") != std::string::npos);
  // Eleven letters of two bytes each are still eleven characters.
  auto accented = create_user(db, "accented-pass", "ééééééééééé", {"--membership", "1:system_admin"});
  CHECK(accented.exit_code != 0);
  auto bad_workgroup = create_user(db, "bad-workgroup", "a long enough password", {"--membership", "1:overlord"});
  CHECK(bad_workgroup.exit_code != 0);
  auto bad_format = create_user(db, "bad-format", "a long enough password", {"--membership", "system_admin"});
  CHECK(bad_format.exit_code != 0);
  auto no_org = create_user(db, "no-org", "a long enough password", {"--membership", "42:hmis_user"});
  CHECK(no_org.exit_code != 0);
  auto twelve = create_user(db, "twelve-chars", "kx8#mP2qL9vz", {"--membership", "1:system_admin"});  // 12, random
  CHECK(twelve.exit_code == 0);
  auto taken = create_user(db, "twelve-chars", "kx8#mP2qL9vz again", {"--membership", "1:hmis_user"});
  CHECK(taken.exit_code != 0);
  auto no_stdin_flag = run_command({WAYPOINT_SERVER_BINARY, "create-user", "--db", db, "--username", "flagless",
                                    "--membership", "1:hmis_user"},
                                   "a long enough password\n");
  CHECK(no_stdin_flag.exit_code != 0);

  ServerOptions options;
  options.db_path = db;
  ServerProcess server(options);
  Api api(server);
  CHECK(api.sign_in("short-pass", "elevenchars").status == 401);
  CHECK(api.sign_in("accented-pass", "ééééééééééé").status == 401);
  CHECK(api.sign_in("bad-workgroup", "a long enough password").status == 401);
  CHECK(api.sign_in("flagless", "a long enough password").status == 401);
  REQUIRE(api.sign_in("twelve-chars", "kx8#mP2qL9vz").status == 200);
  auto users = api.get("/api/users");
  REQUIRE(users.status == 200);
  CHECK(users.body["items"].size() == 1);
}

TEST_CASE("a system admin creates a user over HTTP, who signs in with those memberships") {
  ServerProcess server(demo_options());
  auto admin = Api::signed_in(server, "demo-admin");
  json request = {{"username", "new-navigator"},
                  {"password", "elevenchars"},
                  {"display_name", "Nia Navigator"},
                  {"memberships",
                   {{{"organization_id", demo::kMapleStreet}, {"workgroup", "hmis_user"}},
                    {{"organization_id", demo::kMapleStreet}, {"workgroup", "agency_admin"}}}}};
  auto short_password = admin.post("/api/users", request);
  CHECK(short_password.status == 422);
  CHECK(short_password.names_field("password"));
  request["password"] = "ééééééééééé";  // 11 characters, 22 bytes
  CHECK(admin.post("/api/users", request).status == 422);

  request["password"] = "Tv9#qL2mXp4w";  // 12 random characters
  auto made = admin.post("/api/users", request);
  REQUIRE(made.status == 201);
  CHECK(made.body["username"] == "new-navigator");
  CHECK(made.body["version"] == 1);
  CHECK(made.body["memberships"].size() == 2);
  CHECK_FALSE(made.body.contains("password"));
  CHECK(made.raw.find("Tv9#qL2mXp4w") == std::string::npos);

  auto again = admin.post("/api/users", request);
  CHECK(again.status == 422);
  CHECK(again.names_field("username"));
  request["username"] = "another-one";
  request["memberships"] = {{{"organization_id", 99}, {"workgroup", "hmis_user"}}};
  auto no_org = admin.post("/api/users", request);
  CHECK(no_org.status == 422);
  CHECK(no_org.names_field("memberships[0].organization_id"));
  request["memberships"] = {{{"organization_id", 2}, {"workgroup", "hmis_user"}}, {{"organization_id", 2}, {"workgroup", "hmis_user"}}};
  auto duplicate = admin.post("/api/users", request);
  CHECK(duplicate.status == 422);
  CHECK(duplicate.names_field("memberships"));
  CHECK(duplicate.names_field("memberships[1]"));

  Api navigator(server);
  auto signed_in = navigator.sign_in("new-navigator", "Tv9#qL2mXp4w");
  REQUIRE(signed_in.status == 200);
  CHECK(signed_in.body["context"]["organization_id"] == demo::kMapleStreet);
  CHECK(signed_in.body["memberships"].size() == 2);
  CHECK(find_user(admin.get("/api/users"), "new-navigator")["display_name"] == "Nia Navigator");
  CHECK(find_user(admin.get("/api/users"), "another-one").is_null());
}

TEST_CASE("a system admin renames, re-roles and deactivates users; the changes take effect at once") {
  ServerProcess server(demo_options());
  auto admin = Api::signed_in(server, "demo-admin");
  auto users = admin.get("/api/users");
  REQUIRE(users.status == 200);
  for (const auto& u : users.body["items"]) {
    CHECK(u["memberships"].is_array());
    CHECK_FALSE(u.contains("password_hash"));
  }
  CHECK(users.raw.find("argon2") == std::string::npos);
  auto outreach_user = find_user(users, "demo-outreach");
  REQUIRE(outreach_user.is_object());
  std::string path = "/api/users/" + std::to_string(outreach_user["id"].get<std::int64_t>());
  auto outreach = Api::signed_in(server, "demo-outreach");

  auto renamed = admin.patch(path, {{"display_name", "Omar O. Outreach"}, {"version", outreach_user["version"]}});
  REQUIRE(renamed.status == 200);
  CHECK(renamed.body["display_name"] == "Omar O. Outreach");
  CHECK(renamed.body["version"] == outreach_user["version"].get<int>() + 1);
  CHECK(outreach.get("/api/session").status == 200);  // a rename keeps the session
  CHECK(outreach.get("/api/session").body["user"]["display_name"] == "Omar O. Outreach");

  auto stale = admin.patch(path, {{"display_name", "Someone Else"}, {"version", outreach_user["version"]}});
  CHECK(stale.status == 409);
  CHECK(stale.code() == "stale_version");
  REQUIRE(stale.body.contains("current"));
  CHECK(stale.body["current"]["display_name"] == "Omar O. Outreach");
  auto blank = admin.patch(path, {{"display_name", ""}, {"version", renamed.body["version"]}});
  CHECK(blank.status == 422);
  CHECK(blank.names_field("display_name"));

  // New memberships end the user's sessions; signing in again gives the new context.
  auto moved = admin.patch(path, {{"memberships", {{{"organization_id", demo::kMapleStreet}, {"workgroup", "cas_admin"}}}},
                                  {"version", renamed.body["version"]}});
  REQUIRE(moved.status == 200);
  CHECK(outreach.get("/api/session").status == 401);
  auto back = outreach.sign_in("demo-outreach");
  REQUIRE(back.status == 200);
  CHECK(back.body["context"]["organization_id"] == demo::kMapleStreet);
  CHECK(back.body["context"]["workgroup"] == "cas_admin");

  // Deactivating ends the session and refuses sign-in.
  auto deactivated = admin.patch(path, {{"active", false}, {"version", moved.body["version"]}});
  REQUIRE(deactivated.status == 200);
  CHECK(deactivated.body["active"] == false);
  CHECK(outreach.get("/api/session").status == 401);
  CHECK(outreach.sign_in("demo-outreach").status == 401);
  auto reactivated = admin.patch(path, {{"active", true}, {"version", deactivated.body["version"]}});
  REQUIRE(reactivated.status == 200);
  CHECK(outreach.sign_in("demo-outreach").status == 200);
}

TEST_CASE("a user patch follows creation's membership rules: none, or one listed twice, is a 422 naming memberships") {
  ServerProcess server(demo_options());
  auto admin = Api::signed_in(server, "demo-admin");
  auto outreach_user = find_user(admin.get("/api/users"), "demo-outreach");
  REQUIRE(outreach_user.is_object());
  std::string path = "/api/users/" + std::to_string(outreach_user["id"].get<std::int64_t>());
  json version = outreach_user["version"];
  auto outreach = Api::signed_in(server, "demo-outreach");

  auto none = admin.patch(path, {{"memberships", json::array()}, {"version", version}});
  CHECK(none.status == 422);
  CHECK(none.code() == "validation");
  CHECK(none.fields()["memberships"] == "Add at least one organization and workgroup");

  json twice = {{{"organization_id", demo::kOpenDoor}, {"workgroup", "hmis_user"}},
                {{"organization_id", demo::kMapleStreet}, {"workgroup", "hmis_user"}},
                {{"organization_id", demo::kOpenDoor}, {"workgroup", "hmis_user"}}};
  auto duplicate = admin.patch(path, {{"memberships", twice}, {"version", version}});
  CHECK(duplicate.status == 422);
  CHECK(duplicate.names_field("memberships"));
  CHECK(duplicate.names_field("memberships[2]"));

  // The same list is refused the same way by creation.
  json request = {{"username", "twice-listed"},
                  {"password", "Tv9#qL2mXp4w-long"},
                  {"display_name", "Twice Listed"},
                  {"memberships", twice}};
  auto created = admin.post("/api/users", request);
  CHECK(created.status == 422);
  CHECK(created.fields() == duplicate.fields());
  request["memberships"] = json::array();
  CHECK(admin.post("/api/users", request).fields()["memberships"] == none.fields()["memberships"]);

  // Nothing changed: same version, same memberships, the session still works and sign-in still does.
  auto after = find_user(admin.get("/api/users"), "demo-outreach");
  CHECK(after["version"] == version);
  CHECK(after["memberships"] == outreach_user["memberships"]);
  CHECK(outreach.get("/api/session").status == 200);
  CHECK(Api(server).sign_in("demo-outreach").status == 200);

  // A wrong shape is still a 400 from the shared parser, naming the field; an unknown key too.
  auto shape = admin.patch(path, {{"memberships", {{{"organization_id", "6"}, {"workgroup", "hmis_user"}}}},
                                  {"version", version}});
  CHECK(shape.status == 400);
  CHECK(shape.names_field("memberships[0].organization_id"));
  auto username = admin.patch(path, {{"username", "someone-else"}, {"version", version}});
  CHECK(username.status == 400);
  CHECK(username.names_field("username"));
  CHECK(admin.patch(path, {{"display_name", "No Version"}}).names_field("version"));

  // Two distinct memberships are fine, and the user signs in with them.
  json two = {{{"organization_id", demo::kOpenDoor}, {"workgroup", "hmis_user"}},
              {{"organization_id", demo::kMapleStreet}, {"workgroup", "hmis_user"}}};
  auto moved = admin.patch(path, {{"memberships", two}, {"version", version}});
  REQUIRE(moved.status == 200);
  CHECK(moved.body["memberships"].size() == 2);
  CHECK(Api(server).sign_in("demo-outreach").body["memberships"].size() == 2);
}
