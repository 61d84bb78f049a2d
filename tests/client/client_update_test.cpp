// Add a client and the client record's Name Data Quality (HUD 3.01) through the store: the
// shared rules run before anything is sent, what is sent, and what the screens show from the
// server's answers.
#include "client/store/update.hpp"
#include "shared/json_mapping.hpp"
#include "tests/client/replies.hpp"

#include <doctest/doctest.h>

using namespace waypoint::client;
using waypoint::make_date;
using waypoint::NameDataQuality;
using waypoint::client::testing::reply;

namespace {

const char* kSession = R"({"user":{"id":7,"username":"demo-outreach","display_name":"Omar Outreach","active":true,
  "version":1},"memberships":[{"organization_id":6,"organization_name":"Open Door Outreach","workgroup":"hmis_user"}],
  "context":{"organization_id":6,"organization_name":"Open Door Outreach","workgroup":"hmis_user"}})";

State signed_in(const std::string& hash) {
  State state;
  update(state, AppStarted{make_date(2025, 6, 1), hash});
  update(state, reply(RequestKind::session_restore, 200, kSession));
  return state;
}

void type(State& state, Field field, const std::string& text) { update(state, EditField{field, text}); }

std::string client_json(const std::string& first, const std::string& last, const std::string& quality, int version) {
  return R"({"id":301,"first_name":")" + first + R"(","last_name":")" + last +
         R"(","date_of_birth":null,"ssn_last4":null,"created_at":"2025-06-01T10:00:00Z","version":)" +
         std::to_string(version) + R"(,"name_data_quality":")" + quality + R"("})";
}

State on_record(const std::string& first, const std::string& last, const std::string& quality, int version = 1) {
  State state = signed_in("#/clients/301");
  update(state, reply(RequestKind::client_get, 200, client_json(first, last, quality, version), 301));
  REQUIRE(state.record.client.id == 301);
  return state;
}

}  // namespace

TEST_CASE("Add a client starts with a full name, whose letters rule refuses a code name before sending") {
  State state = signed_in("#/clients/new");
  CHECK(state.clients.form.name_data_quality == "full_name");
  type(state, Field::first_name, "Blue Jacket 2");
  auto effects = update(state, SubmitNewClient{});
  CHECK(effects.empty());
  CHECK(state.clients.form.errors.at("first_name") ==
        "First name can only include letters, spaces, apostrophes and hyphens");
  CHECK(state.clients.form.errors.at("last_name") == "Enter the last name");
  CHECK(state.clients.form.first_name == "Blue Jacket 2");  // what was typed stays
}

TEST_CASE("a street name with a digit is sent with Partial, street, or code name and opens the new record") {
  State state = signed_in("#/clients/new");
  type(state, Field::first_name, " Blue Jacket 2 ");
  type(state, Field::name_data_quality, "partial_street_or_code_name");
  auto effects = update(state, SubmitNewClient{});
  REQUIRE(effects.size() == 1);
  const auto& request = std::get<HttpRequest>(effects[0]);
  CHECK(request.method == "POST");
  CHECK(request.path == "/api/clients");
  auto body = nlohmann::json::parse(request.body);
  CHECK(body["first_name"] == "Blue Jacket 2");
  CHECK(body["last_name"] == "");
  CHECK(body["name_data_quality"] == "partial_street_or_code_name");
  CHECK(state.clients.form.saving);

  update(state, reply(RequestKind::client_create, 201, client_json("Blue Jacket 2", "", "partial_street_or_code_name", 1)));
  CHECK(state.route.screen == Screen::client_profile);
  CHECK(state.record.client.name_data_quality == NameDataQuality::partial_street_or_code_name);
  CHECK(state.toast.text == "Client added: Blue Jacket 2");  // no stray space for the missing last name
  CHECK(state.clients.form.name_data_quality == "full_name");  // the next new client starts over
}

TEST_CASE("choosing a quality takes its error away; the server's 422 shows beside the field") {
  State state = signed_in("#/clients/new");
  type(state, Field::first_name, "Ana");
  type(state, Field::last_name, "Lima");
  type(state, Field::name_data_quality, "client_doesnt_know");
  CHECK(update(state, SubmitNewClient{}).empty());
  CHECK(state.clients.form.errors.at("first_name").find("Leave the first name blank") == 0);
  type(state, Field::name_data_quality, "full_name");
  REQUIRE(update(state, SubmitNewClient{}).size() == 1);
  update(state, reply(RequestKind::client_create, 422,
                      R"({"error":{"code":"validation","message":"Check the highlighted fields.",)"
                      R"("fields":{"name_data_quality":"Choose the name data quality"}}})"));
  CHECK_FALSE(state.clients.form.saving);
  CHECK(state.clients.form.errors.at("name_data_quality") == "Choose the name data quality");
  type(state, Field::name_data_quality, "full_name");
  CHECK(state.clients.form.errors.count("name_data_quality") == 0);
}

TEST_CASE("the record's Name Data Quality is saved with the client's details as they are and its version") {
  State state = on_record("Blue Jacket", "", "partial_street_or_code_name", 4);
  auto effects = update(state, ChangeNameDataQuality{NameDataQuality::client_prefers_not_to_answer});
  // A name is recorded: "prefers not to answer" contradicts it, and nothing is sent.
  CHECK(effects.empty());
  CHECK(state.record.errors.at("first_name").find("Leave the first name blank") == 0);

  state = on_record("Sparrow", "", "partial_street_or_code_name", 4);
  effects = update(state, ChangeNameDataQuality{NameDataQuality::partial_street_or_code_name});
  CHECK(effects.empty());  // no change, no request

  state = on_record("Samuel", "Okafor", "partial_street_or_code_name", 4);
  effects = update(state, ChangeNameDataQuality{NameDataQuality::full_name});
  REQUIRE(effects.size() == 1);
  const auto& request = std::get<HttpRequest>(effects[0]);
  CHECK(request.method == "PATCH");
  CHECK(request.path == "/api/clients/301");
  auto patch = waypoint::parse_client_patch(nlohmann::json::parse(request.body));
  REQUIRE(patch.ok());
  CHECK(patch.value() == waypoint::ClientPatch{"Samuel", "Okafor", "", "", 4, "full_name"});
  CHECK(state.record.saving);
  CHECK(update(state, ChangeNameDataQuality{NameDataQuality::data_not_collected}).empty());  // one at a time

  update(state, reply(RequestKind::client_patch, 200, client_json("Samuel", "Okafor", "full_name", 5), 301));
  CHECK_FALSE(state.record.saving);
  CHECK(state.record.client.name_data_quality == NameDataQuality::full_name);
  CHECK(state.record.client.version == 5);
  CHECK(state.toast.text == "Name Data Quality saved: Full name reported");
}

TEST_CASE("a refused or conflicting record change says why and keeps the record true") {
  State state = on_record("Samuel", "Okafor", "partial_street_or_code_name", 4);
  REQUIRE(update(state, ChangeNameDataQuality{NameDataQuality::full_name}).size() == 1);
  update(state, reply(RequestKind::client_patch, 422,
                      R"({"error":{"code":"validation","message":"Check the highlighted fields.",)"
                      R"("fields":{"last_name":"Last name can only include letters, spaces, apostrophes and hyphens"}}})",
                      301));
  CHECK_FALSE(state.record.saving);
  CHECK(state.record.errors.at("last_name").find("only include letters") != std::string::npos);
  CHECK(state.record.client.name_data_quality == NameDataQuality::partial_street_or_code_name);

  REQUIRE(update(state, ChangeNameDataQuality{NameDataQuality::full_name}).size() == 1);
  update(state, reply(RequestKind::client_patch, 409,
                      R"({"error":{"code":"stale_version","message":"Someone else changed this client.","fields":{}},)"
                      R"("current":)" + client_json("Sam", "Okafor", "full_name", 5) + "}",
                      301));
  CHECK(state.record.client.version == 5);
  CHECK(state.record.client.first_name == "Sam");
  CHECK(state.record.message.find("Someone else changed this client") == 0);

  // A late answer about another client is dropped.
  update(state, reply(RequestKind::client_patch, 200, client_json("Other", "Person", "full_name", 9), 99));
  CHECK(state.record.client.first_name == "Sam");
}
