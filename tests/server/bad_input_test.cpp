// Bad input over real HTTP: each is answered with the right 4xx and an error naming the field,
// never a 500, and never changes anything. Malformed JSON, wrong types and missing keys are 400;
// rule breaks (impossible dates, too long, unknown ids) are 422; bodies over 1 MiB are 413.
#include "api_client.hpp"

#include "server/http/api.hpp"

#include <doctest/doctest.h>

#include <regex>

using namespace waypoint::test;

namespace {

std::string with_id(const std::string& path, std::int64_t id) {
  return std::regex_replace(path, std::regex("\\{id\\}"), std::to_string(id));
}

bool is_body_route(const waypoint::http::Route& route) {
  return route.method == "POST" || route.method == "PUT" || route.method == "PATCH";
}

struct Case {
  const char* method;
  std::string path;
  json body;
  std::vector<std::string> fields;  // each must be named in error.fields
};

void check_cases(Api& api, const std::vector<Case>& cases, int status, const char* code) {
  for (const auto& c : cases) {
    auto reply = api.send(c.method, c.path, c.body.dump());
    INFO(c.method, " ", c.path, " ", c.body.dump(), " -> ", reply.status, " ", reply.raw);
    CHECK(reply.status == status);
    CHECK(reply.code() == code);
    for (const auto& field : c.fields) CHECK_MESSAGE(reply.names_field(field), "names ", field);
  }
}

}  // namespace

TEST_CASE("malformed JSON and non-object bodies are a 400 on every route that takes a body") {
  ServerProcess server(demo_options());
  auto admin = Api::signed_in(server, "demo-admin");
  auto referral = create_referral(admin, 3, demo::kRiversideNavigation, demo::kNorthstarRrh);
  std::int64_t id = referral["id"].get<std::int64_t>();
  int routes = 0;
  for (const auto& route : waypoint::http::api_routes()) {
    if (!is_body_route(route)) continue;
    ++routes;
    std::string path = with_id(route.path, route.path.find("/users/") != std::string::npos ? 2 : id);
    for (const std::string& body : {std::string("{garbage"), std::string("{\"first_name\": \"A\","), std::string("[1, 2]"),
                                   std::string("\"text\""), std::string("42"), std::string("null")}) {
      auto reply = admin.send(route.method, path, body);
      INFO(route.method, " ", path, " with ", body, " -> ", reply.status, " ", reply.raw);
      CHECK(reply.status == 400);
      CHECK(reply.code() == "bad_request");
      CHECK_FALSE(reply.fields().empty());
      CHECK(reply.header("Content-Type") == "application/json");
    }
  }
  CHECK(routes == 16);  // all the POST, PUT and PATCH routes of the contract
  // Nothing changed.
  CHECK(get_referral(admin, id)["version"] == 1);
  CHECK(admin.get("/api/clients").body["total"] == 300);
  CHECK(admin.get("/api/session").status == 200);  // and the session still works
}

TEST_CASE("a wrong type is a 400 that names the field") {
  ServerProcess server(demo_options());
  auto admin = Api::signed_in(server, "demo-admin");
  auto referral = create_referral(admin, 4, demo::kRiversideNavigation, demo::kNorthstarRrh);
  std::string r = "/api/referrals/" + std::to_string(referral["id"].get<std::int64_t>());
  std::vector<Case> cases = {
      {"POST", "/api/clients", {{"first_name", 3}, {"last_name", "Smith"}}, {"first_name"}},
      {"POST", "/api/clients", {{"first_name", "Ann"}, {"last_name", {"Smith"}}}, {"last_name"}},
      {"POST", "/api/clients", {{"first_name", "Ann"}, {"last_name", "Smith"}, {"date_of_birth", 19880412}}, {"date_of_birth"}},
      {"POST", "/api/clients", {{"first_name", "Ann"}, {"last_name", "Smith"}, {"ssn_last4", 1234}}, {"ssn_last4"}},
      {"PATCH", "/api/clients/1", {{"first_name", "Ann"}, {"last_name", "Smith"}, {"version", "1"}}, {"version"}},
      {"POST", "/api/referrals",
       {{"client_id", "1"}, {"from_project_id", 1}, {"to_project_id", true}, {"referral_date", 20250101}},
       {"client_id", "to_project_id", "referral_date"}},
      {"POST", "/api/referrals",
       {{"client_id", 1.5}, {"from_project_id", 1e30}, {"to_project_id", 3}, {"referral_date", days_ago(1)}},
       {"client_id", "from_project_id"}},
      {"POST", r + "/acknowledge", {{"date_acknowledged", true}, {"version", "1"}}, {"date_acknowledged", "version"}},
      {"POST", r + "/outcome", {{"result", 5}, {"comments", json::object()}, {"version", 1}}, {"result", "comments"}},
      {"POST", r + "/return", {{"reason", nullptr}, {"version", 1}}, {"reason"}},
      {"POST", r + "/reassign", {{"project_id", "6"}, {"version", 1}}, {"project_id"}},
      {"POST", r + "/cancel", {{"reason", "Moved"}, {"version", 1.5}}, {"version"}},
      {"POST", r + "/reopen", {{"reason", 7}, {"version", 1}}, {"reason"}},
      {"POST", "/api/enrollments",
       {{"client_id", 1}, {"project_id", 3}, {"entry_date", days_ago(0)}, {"referral_id", "x"}}, {"referral_id"}},
      {"PUT", "/api/session/context", {{"organization_id", "1"}, {"workgroup", "system_admin"}}, {"organization_id"}},
      {"POST", "/api/users",
       {{"username", "new-user"}, {"password", "long enough password"}, {"display_name", "New"}, {"memberships", "all"}},
       {"memberships"}},
      {"POST", "/api/users",
       {{"username", 5},
        {"password", "long enough password"},
        {"display_name", "New"},
        {"memberships", {{{"organization_id", "1"}, {"workgroup", "hmis_user"}}}}},
       {"username", "memberships[0].organization_id"}},
      {"PATCH", "/api/users/2", {{"active", "yes"}, {"version", 1}}, {"active"}},
      {"PATCH", "/api/users/2", {{"display_name", "Carlos"}, {"version", "1"}}, {"version"}},
  };
  check_cases(admin, cases, 400, "bad_request");
  Api anonymous(server);
  check_cases(anonymous, {{"POST", "/api/session", {{"username", 5}, {"password", "x"}}, {"username"}}}, 400,
              "bad_request");
  // Nothing changed.
  CHECK(get_referral(admin, referral["id"].get<std::int64_t>())["version"] == 1);
  CHECK(admin.get("/api/clients").body["total"] == 300);
  CHECK(admin.get("/api/users").body["items"].size() == 6);
}

TEST_CASE("a missing key is a 400 that names every missing key") {
  ServerProcess server(demo_options());
  auto admin = Api::signed_in(server, "demo-admin");
  auto referral = create_referral(admin, 5, demo::kRiversideNavigation, demo::kNorthstarRrh);
  std::string r = "/api/referrals/" + std::to_string(referral["id"].get<std::int64_t>());
  json empty = json::object();
  std::vector<Case> cases = {
      {"POST", "/api/clients", empty, {"first_name", "last_name"}},
      {"PATCH", "/api/clients/1", empty, {"first_name", "last_name", "version"}},
      {"POST", "/api/referrals", empty, {"client_id", "from_project_id", "to_project_id", "referral_date"}},
      {"POST", r + "/acknowledge", empty, {"date_acknowledged", "version"}},
      {"POST", r + "/acknowledge", {{"date_acknowledged", days_ago(0)}}, {"version"}},
      {"POST", r + "/outcome", {{"result", "rejected"}}, {"version"}},
      {"POST", r + "/return", empty, {"reason", "version"}},
      {"POST", r + "/reassign", empty, {"project_id", "version"}},
      {"POST", r + "/cancel", empty, {"reason", "version"}},
      {"POST", r + "/reopen", empty, {"reason", "version"}},
      {"POST", "/api/enrollments", empty, {"client_id", "project_id", "entry_date"}},
      {"PUT", "/api/session/context", empty, {"organization_id", "workgroup"}},
      {"POST", "/api/users", empty, {"username", "password", "display_name", "memberships"}},
      {"PATCH", "/api/users/2", {{"display_name", "Carlos"}}, {"version"}},
  };
  check_cases(admin, cases, 400, "bad_request");
  Api anonymous(server);
  check_cases(anonymous, {{"POST", "/api/session", empty, {"username", "password"}}}, 400, "bad_request");
  // An empty body counts as {}.
  auto no_body = admin.send("POST", "/api/clients", "");
  CHECK(no_body.status == 400);
  CHECK(no_body.names_field("first_name"));
  CHECK(get_referral(admin, referral["id"].get<std::int64_t>())["version"] == 1);
}

TEST_CASE("a body over 1 MiB is a 413 and changes nothing") {
  ServerProcess server(demo_options());
  auto admin = Api::signed_in(server, "demo-admin");
  std::string two_mib = json{{"first_name", std::string(2 * 1024 * 1024, 'a')}, {"last_name", "Big"}}.dump();
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"POST", "/api/clients"}, {"PATCH", "/api/clients/1"}, {"POST", "/api/referrals"},
           {"POST", "/api/referrals/1/acknowledge"}, {"PUT", "/api/session/context"}, {"POST", "/api/session"}}) {
    auto reply = admin.send(method, path, two_mib);
    INFO(method, " ", path, " -> ", reply.status, " ", reply.raw.substr(0, 200));
    CHECK(reply.status == 413);
    CHECK(reply.code() == "payload_too_large");
  }
  // Just under the limit is read (and refused on its merits: the name is too long).
  std::string under = json{{"first_name", std::string(1000 * 1000, 'a')}, {"last_name", "Big"}}.dump();
  auto big = admin.send("POST", "/api/clients", under);
  CHECK(big.status == 422);
  CHECK(big.names_field("first_name"));
  CHECK(admin.get("/api/clients").body["total"] == 300);
  CHECK(get_referral(admin, 1)["version"] == 1);
  CHECK(admin.get("/api/health").status == 200);
}

TEST_CASE("SQL metacharacters in search are plain text: 200, no error, nothing dropped") {
  ServerProcess server(demo_options());
  auto api = Api::signed_in(server, "demo-caseworker");
  for (const std::string q : {"'; DROP TABLE clients; --", "%", "_", "%%", "a%", "_a", "\"", "' OR '1'='1", "\\",
                              "O'Brien", "1; DELETE FROM clients", "#1 OR 1=1", "nguy*"}) {
    auto reply = api.get("/api/clients?q=" + query(q));
    INFO("q=", q, " -> ", reply.status, " ", reply.raw.substr(0, 200));
    CHECK(reply.status == 200);
    CHECK(reply.code().empty());
    REQUIRE(reply.body.contains("items"));
    CHECK(reply.body["items"].is_array());
    CHECK(reply.body["total"].is_number_integer());
    if (q == "%" || q == "_" || q == "%%" || q == "a%" || q == "_a" || q == "' OR '1'='1")
      CHECK(reply.body["total"] == 0);  // not a wildcard
  }
  // "O'Brien" is a real search: the demo has O'Briens.
  auto obrien = api.get("/api/clients?q=" + query("O'Brien"));
  CHECK(obrien.body["total"].get<int>() > 0);
  // The table is still there, whole.
  auto all = api.get("/api/clients");
  REQUIRE(all.status == 200);
  CHECK(all.body["total"] == 300);
  CHECK(sql_value(server.db_path(), "SELECT count(*) FROM clients") == "300");
  CHECK(sql_value(server.db_path(), "PRAGMA integrity_check") == "ok");
  // Metacharacters elsewhere are refused by their own rules, never run.
  CHECK(api.get("/api/referrals?status=" + query("pending' OR '1'='1")).status == 400);
  CHECK(api.get("/api/referrals?sort=" + query("referral_date; DROP TABLE referrals")).status == 400);
  Api anonymous(server);
  CHECK(anonymous.sign_in("' OR 1=1 --", "' OR 1=1 --").status == 401);
  CHECK(sql_value(server.db_path(), "SELECT count(*) FROM referrals") == "800");
}

TEST_CASE("an impossible date is a 422 naming the field") {
  ServerProcess server(demo_options());
  auto admin = Api::signed_in(server, "demo-admin");
  auto pending = create_referral(admin, 6, demo::kRiversideNavigation, demo::kNorthstarRrh);
  auto acknowledged = acknowledge(admin, create_referral(admin, 7, demo::kRiversideNavigation, demo::kNorthstarRrh));
  std::string p = "/api/referrals/" + std::to_string(pending["id"].get<std::int64_t>());
  std::string a = "/api/referrals/" + std::to_string(acknowledged["id"].get<std::int64_t>());
  for (const std::string bad : {"2025-02-30", "2023-02-29", "2025-13-01", "2025-00-10", "02/30/2025", "2025-2-3x"}) {
    std::vector<Case> cases = {
        {"POST", "/api/clients", {{"first_name", "Ann"}, {"last_name", "Smith"}, {"date_of_birth", bad}}, {"date_of_birth"}},
        {"PATCH", "/api/clients/2", {{"first_name", "Ann"}, {"last_name", "Smith"}, {"date_of_birth", bad}, {"version", 1}},
         {"date_of_birth"}},
        {"POST", "/api/referrals",
         {{"client_id", 1}, {"from_project_id", 1}, {"to_project_id", 3}, {"referral_date", bad}}, {"referral_date"}},
        {"POST", p + "/acknowledge", {{"date_acknowledged", bad}, {"version", 1}}, {"date_acknowledged"}},
        {"POST", a + "/outcome", {{"appointment_date", bad}, {"version", acknowledged["version"]}}, {"appointment_date"}},
        {"POST", a + "/outcome", {{"result_date", bad}, {"result", "rejected"}, {"version", acknowledged["version"]}},
         {"result_date"}},
        {"POST", "/api/enrollments", {{"client_id", 1}, {"project_id", 3}, {"entry_date", bad}}, {"entry_date"}},
    };
    INFO("date: ", bad);
    check_cases(admin, cases, 422, "validation");
  }
  // A real leap day is fine.
  CHECK(admin.post("/api/clients", {{"first_name", "Leap"}, {"last_name", "Day"}, {"date_of_birth", "2024-02-29"}})
            .status == 201);
  // Before 1900 or in the future is refused too.
  auto old = admin.post("/api/clients", {{"first_name", "Old"}, {"last_name", "Timer"}, {"date_of_birth", "1899-12-31"}});
  CHECK(old.status == 422);
  CHECK(old.names_field("date_of_birth"));
  auto unborn = admin.post("/api/clients", {{"first_name", "Not"}, {"last_name", "Yet"}, {"date_of_birth", days_ago(-2)}});
  CHECK(unborn.status == 422);
  CHECK(unborn.names_field("date_of_birth"));
  CHECK(get_referral(admin, pending["id"].get<std::int64_t>())["version"] == 1);
  CHECK(admin.get("/api/clients").body["total"] == 301);
}

TEST_CASE("values that break the rules are a 422 naming each field, never a 500") {
  ServerProcess server(demo_options());
  auto admin = Api::signed_in(server, "demo-admin");
  auto referral = create_referral(admin, 8, demo::kRiversideNavigation, demo::kNorthstarRrh);
  std::string r = "/api/referrals/" + std::to_string(referral["id"].get<std::int64_t>());
  std::vector<Case> cases = {
      {"POST", "/api/clients", {{"first_name", "R2D2"}, {"last_name", "   "}, {"ssn_last4", "12a4"}},
       {"first_name", "last_name", "ssn_last4"}},
      {"POST", "/api/clients", {{"first_name", std::string(101, 'a')}, {"last_name", "<script>"}, {"ssn_last4", "12345"}},
       {"first_name", "last_name", "ssn_last4"}},
      {"POST", r + "/return", {{"reason", std::string(1001, 'x')}, {"version", 1}}, {"reason"}},
      {"POST", r + "/cancel", {{"reason", ""}, {"version", 1}}, {"reason"}},
      {"POST", "/api/referrals",
       {{"client_id", 1}, {"from_project_id", 1}, {"to_project_id", 3}, {"referral_date", days_ago(1)},
        {"note", std::string(4001, 'n')}},
       {"note"}},
      {"POST", "/api/referrals",
       {{"client_id", 0}, {"from_project_id", -1}, {"to_project_id", 9223372036854775807LL}, {"referral_date", ""}},
       {"client_id", "from_project_id", "to_project_id", "referral_date"}},
      {"POST", "/api/users",
       {{"username", "Bad User!"},
        {"password", "short"},
        {"display_name", ""},
        {"memberships", {{{"organization_id", 1}, {"workgroup", "overlord"}}}}},
       {"username", "password", "display_name", "memberships[0].workgroup"}},
      {"POST", "/api/users",
       {{"username", "no-orgs"}, {"password", "long enough password"}, {"display_name", "No Orgs"}, {"memberships", json::array()}},
       {"memberships"}},
  };
  check_cases(admin, cases, 422, "validation");
  // Bytes that are not UTF-8 are refused as unreadable, not stored and not a crash.
  auto binary = admin.send("POST", "/api/clients", std::string("{\"first_name\": \"A\xff\xfe\", \"last_name\": \"B\"}"));
  CHECK((binary.status == 400 || binary.status == 422));
  CHECK((binary.names_field("first_name") || binary.names_field("body")));
  auto comments = acknowledge(admin, referral);
  auto long_comments = admin.post(r + "/outcome", {{"comments", std::string(4001, 'c')}, {"version", comments["version"]}});
  CHECK(long_comments.status == 422);
  CHECK(long_comments.names_field("comments"));
  // 4000 characters (not bytes) is allowed: 4000 two-byte letters.
  std::string accented;
  for (int i = 0; i < 4000; ++i) accented += "é";
  CHECK(admin.post(r + "/outcome", {{"comments", accented}, {"version", comments["version"]}}).status == 200);
  CHECK(admin.get("/api/clients").body["total"] == 300);
  CHECK(admin.get("/api/health").status == 200);
}

TEST_CASE("bad query parameters are a 400 naming the parameter, and bad ids are a 404") {
  ServerProcess server(demo_options());
  auto api = Api::signed_in(server, "demo-provider");
  const std::pair<std::string, std::string> bad_queries[] = {
      {"/api/clients?page=0", "page"},
      {"/api/clients?page=-1", "page"},
      {"/api/clients?page=two", "page"},
      {"/api/clients?page_size=201", "page_size"},
      {"/api/clients?page_size=0", "page_size"},
      {"/api/referrals?page_size=1000", "page_size"},
      {"/api/referrals?page=1.5", "page"},
      {"/api/referrals?box=sideways", "box"},
      {"/api/referrals?status=lost", "status"},
      {"/api/referrals?sort=-color", "sort"},
      {"/api/referrals?project_id=x", "project_id"},
      {"/api/clients/1/referrals?page_size=999", "page_size"},
      {"/api/projects?organization_id=three", "organization_id"},
  };
  for (const auto& [path, field] : bad_queries) {
    auto reply = api.get(path);
    INFO(path, " -> ", reply.status, " ", reply.raw);
    CHECK(reply.status == 400);
    CHECK(reply.code() == "bad_request");
    CHECK(reply.names_field(field));
  }
  CHECK(api.get("/api/clients?page_size=200").status == 200);
  for (const std::string path : {"/api/referrals/99999999999999999999999", "/api/referrals/0", "/api/referrals/123456",
                                 "/api/clients/99999999999999999999999", "/api/clients/abc", "/api/referrals/-1",
                                 "/api/referrals/123456/history"}) {
    auto reply = api.get(path);
    INFO(path, " -> ", reply.status, " ", reply.raw);
    CHECK(reply.status == 404);
    CHECK(reply.code() == "not_found");
  }
  auto post_missing = api.post("/api/referrals/123456/acknowledge", {{"date_acknowledged", days_ago(0)}, {"version", 1}});
  CHECK(post_missing.status == 404);
  auto admin = Api::signed_in(server, "demo-admin");
  CHECK(admin.patch("/api/users/999", {{"display_name", "Nobody"}, {"version", 1}}).status == 404);
}
