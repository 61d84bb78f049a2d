// Clients' names and HUD 3.01 Name Data Quality over real HTTP: the letters-only rule for full
// names, street and code names with digits, no name at all for "doesn't know", "prefers not to
// answer" and "not collected", edits, lists and referrals showing them, and the migration that
// gave every existing client a full name.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

using namespace waypoint::test;

namespace {

json client_body(const std::string& first, const std::string& last, const std::string& quality) {
  return {{"first_name", first},
          {"last_name", last},
          {"date_of_birth", nullptr},
          {"ssn_last4", nullptr},
          {"name_data_quality", quality}};
}

std::string client_path(const json& client) { return "/api/clients/" + std::to_string(client["id"].get<std::int64_t>()); }

}  // namespace

TEST_CASE("a code name with a digit is refused as a full name and accepted as a partial, street or code name") {
  ServerProcess server(demo_options());
  auto outreach = Api::signed_in(server, "demo-outreach");

  auto as_full = outreach.post("/api/clients", client_body("Blue Jacket", "2", "full_name"));
  CHECK(as_full.status == 422);
  CHECK(as_full.fields()["last_name"] == "Last name can only include letters, spaces, apostrophes and hyphens");
  // A body from before the field existed is a full name: the same rule.
  auto without = outreach.post("/api/clients", {{"first_name", "Blue Jacket"}, {"last_name", "2"}});
  CHECK(without.status == 422);
  CHECK(without.names_field("last_name"));

  auto street = outreach.post("/api/clients", client_body("Blue Jacket 2", "", "partial_street_or_code_name"));
  REQUIRE(street.status == 201);
  CHECK(street.body["first_name"] == "Blue Jacket 2");
  CHECK(street.body["last_name"] == "");
  CHECK(street.body["name_data_quality"] == "partial_street_or_code_name");
  auto read = outreach.get(client_path(street.body));
  REQUIRE(read.status == 200);
  CHECK(read.body == street.body);
  CHECK(sql_value(server.db_path(), "SELECT name_data_quality FROM clients WHERE id = " +
                                        std::to_string(street.body["id"].get<std::int64_t>())) ==
        "partial_street_or_code_name");

  // Found by the words of the street name, digits included.
  auto found = outreach.get("/api/clients?q=" + query("blue jacket 2"));
  REQUIRE(found.status == 200);
  bool listed = false;
  for (const auto& c : found.body["items"]) listed = listed || c["id"] == street.body["id"];
  CHECK(listed);

  // A partial name still needs something to go by, and no other characters than a name's and digits.
  auto empty = outreach.post("/api/clients", client_body(" ", "", "partial_street_or_code_name"));
  CHECK(empty.status == 422);
  CHECK(empty.names_field("first_name"));
  auto symbols = outreach.post("/api/clients", client_body("Tall Mike", "#3", "partial_street_or_code_name"));
  CHECK(symbols.status == 422);
  CHECK(symbols.fields()["last_name"] ==
        "Last name can only include letters, numbers, spaces, apostrophes and hyphens");
  CHECK(outreach.post("/api/clients", client_body("Sparrow", "", "partial_street_or_code_name")).status == 201);

  // A full name keeps the letters rule and needs both names.
  CHECK(outreach.post("/api/clients", client_body("Sparrow", "", "full_name")).names_field("last_name"));
  CHECK(outreach.post("/api/clients", client_body("Hawo", "O'Brien", "full_name")).status == 201);
}

TEST_CASE("without a name (doesn't know, prefers not to answer, not collected) both names are blank") {
  ServerProcess server(demo_options());
  auto outreach = Api::signed_in(server, "demo-outreach");
  for (const char* quality : {"client_doesnt_know", "client_prefers_not_to_answer", "data_not_collected"}) {
    INFO(quality);
    auto nameless = outreach.post("/api/clients", client_body("", "", quality));
    REQUIRE(nameless.status == 201);
    CHECK(nameless.body["name_data_quality"] == quality);
    CHECK(nameless.body["first_name"] == "");
    // A name typed with it contradicts it: the message says which choice fits a name.
    auto named = outreach.post("/api/clients", client_body("Blue Jacket", "", quality));
    CHECK(named.status == 422);
    CHECK(named.fields()["first_name"].get<std::string>().find("Partial, street, or code name reported") !=
          std::string::npos);
  }
  auto unknown = outreach.post("/api/clients", client_body("Ana", "Lima", "nickname"));
  CHECK(unknown.status == 422);
  CHECK(unknown.fields()["name_data_quality"] == "Choose the name data quality");
  auto wrong_type = outreach.post("/api/clients", {{"first_name", "Ana"}, {"last_name", "Lima"}, {"name_data_quality", 2}});
  CHECK(wrong_type.status == 400);
  CHECK(wrong_type.names_field("name_data_quality"));

  // A nameless client is shown by its Client ID wherever a name would be, e.g. a referral's client_name.
  auto nameless = outreach.post("/api/clients", client_body("", "", "client_prefers_not_to_answer"));
  REQUIRE(nameless.status == 201);
  std::int64_t id = nameless.body["id"].get<std::int64_t>();
  auto referral = create_referral(outreach, id, demo::kOpenDoorOutreach, demo::kHarborEmergency, 1);
  CHECK(referral["client_name"] == "Client #" + std::to_string(id) + " (no name recorded)");
  auto street = outreach.post("/api/clients", client_body("Blue Jacket 2", "", "partial_street_or_code_name"));
  auto to_shelter = create_referral(outreach, street.body["id"].get<std::int64_t>(), demo::kOpenDoorOutreach,
                                    demo::kHarborEmergency, 1);
  CHECK(to_shelter["client_name"] == "Blue Jacket 2");  // no trailing space for the missing last name
}

TEST_CASE("editing a client changes its name data quality under the same rules") {
  ServerProcess server(demo_options());
  auto outreach = Api::signed_in(server, "demo-outreach");
  auto street = outreach.post("/api/clients", client_body("Blue Jacket 2", "", "partial_street_or_code_name"));
  REQUIRE(street.status == 201);
  std::string path = client_path(street.body);
  json patch = {{"first_name", "Blue Jacket 2"}, {"last_name", ""}, {"date_of_birth", ""}, {"ssn_last4", ""},
                {"version", 1}, {"name_data_quality", "full_name"}};
  auto as_full = outreach.patch(path, patch);
  CHECK(as_full.status == 422);
  CHECK(as_full.names_field("first_name"));
  CHECK(as_full.names_field("last_name"));
  CHECK(outreach.get(path).body["name_data_quality"] == "partial_street_or_code_name");

  // The person told outreach their name: a full name now.
  patch["first_name"] = "Samuel";
  patch["last_name"] = "Okafor";
  auto named = outreach.patch(path, patch);
  REQUIRE(named.status == 200);
  CHECK(named.body["name_data_quality"] == "full_name");
  CHECK(named.body["version"] == 2);
  auto history = sql_column(server.db_path(), "SELECT after FROM audit_log WHERE entity = 'client' AND entity_id = " +
                                                   std::to_string(street.body["id"].get<std::int64_t>()) +
                                                   " AND action = 'update'");
  REQUIRE(history.size() == 1);
  CHECK(json::parse(history[0])["name_data_quality"] == "full_name");
}

TEST_CASE("the demo data has a client known only by a street name") {
  ServerProcess server(demo_options());
  auto outreach = Api::signed_in(server, "demo-outreach");
  auto found = outreach.get("/api/clients?q=" + query("blue jacket"));
  REQUIRE(found.status == 200);
  REQUIRE(found.body["items"].size() == 1);
  const auto& client = found.body["items"][0];
  CHECK(client["first_name"] == "Blue Jacket");
  CHECK(client["last_name"] == "");
  CHECK(client["name_data_quality"] == "partial_street_or_code_name");
  CHECK(client["date_of_birth"].is_null());
  CHECK(outreach.get("/api/clients").body["total"] == 300);
  CHECK(sql_value(server.db_path(), "SELECT count(*) FROM clients WHERE name_data_quality = 'full_name'") == "299");
}

TEST_CASE("upgrading a database from before Name Data Quality gives every existing client a full name") {
  char pattern[] = "/tmp/waypoint-names-XXXXXX";
  std::string folder = mkdtemp(pattern);
  ServerOptions options = demo_options();
  options.db_path = folder + "/waypoint.db";
  {
    ServerProcess server(options);
    auto caseworker = Api::signed_in(server, "demo-caseworker");
    create_client(caseworker, "Zoë", "Quixote");
    REQUIRE(server.stop() == 0);
  }
  // Back to schema 6 as an older server left it: no name_data_quality column.
  auto downgraded = run_command({"/usr/bin/sqlite3", options.db_path},
                                "ALTER TABLE clients DROP COLUMN name_data_quality;\nDROP TABLE list_version;\n"
                                "PRAGMA user_version = 6;\n");
  INFO("sqlite3: ", downgraded.err);
  REQUIRE(downgraded.exit_code == 0);
  REQUIRE(sql_value(options.db_path, "PRAGMA user_version") == "6");

  options.extra_args.clear();  // no --demo: the data is there
  {
    ServerProcess upgraded(options);
    CHECK(sql_value(options.db_path, "PRAGMA user_version") == "8");  // 7 adds the column, 8 the list version
    CHECK(sql_value(options.db_path, "SELECT count(*) FROM clients") == "301");
    CHECK(sql_value(options.db_path, "SELECT count(*) FROM clients WHERE name_data_quality = 'full_name'") == "301");
    auto caseworker = Api::signed_in(upgraded, "demo-caseworker");
    auto zoe = caseworker.get("/api/clients?q=" + query("zoë quixote"));
    REQUIRE(zoe.status == 200);
    REQUIRE(zoe.body["items"].size() == 1);
    CHECK(zoe.body["items"][0]["name_data_quality"] == "full_name");
  }
  std::error_code ec;
  std::filesystem::remove_all(folder, ec);
}
