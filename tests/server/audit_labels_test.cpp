// The audit trail's words: every (entity, action) the server writes to the audit log has a label
// in the shared table (shared/audit.hpp), which History shows instead of the raw word, and the
// table lists nothing the server never writes.
#include "api_client.hpp"
#include "shared/audit.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace waypoint::test;

TEST_CASE("every action the server audits has a label in the shared table, and every label is used") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");    // user sign_in
  auto provider = Api::signed_in(server, "demo-provider");
  auto admin = Api::signed_in(server, "demo-admin");
  provider.switch_context(demo::kHarborLight, "hmis_user");         // user switch_context
  provider.switch_context(demo::kNorthstar, "hmis_user");

  auto client = create_client(caseworker, "Ama", "Mensah", "1990-03-04");  // client create
  std::string client_path = "/api/clients/" + std::to_string(client["id"].get<std::int64_t>());
  REQUIRE(caseworker.get(client_path).status == 200);                // client read
  REQUIRE(caseworker.patch(client_path, {{"first_name", "Ama"}, {"last_name", "Mensah-Boateng"},
                                         {"version", client["version"]}})
              .status == 200);                                       // client update

  // referral create, acknowledge, resolve, enroll (and enrollment create)
  auto referral = create_referral(caseworker, client["id"].get<std::int64_t>(), demo::kRiversideNavigation,
                                  demo::kNorthstarRrh, 3);
  referral = resolve(provider, acknowledge(provider, referral));
  REQUIRE(provider.post("/api/enrollments", {{"client_id", client["id"]},
                                             {"project_id", demo::kNorthstarRrh},
                                             {"entry_date", days_ago(0)},
                                             {"referral_id", referral["id"]}})
              .status == 201);
  // reopen
  auto path = "/api/referrals/" + std::to_string(referral["id"].get<std::int64_t>());
  REQUIRE(admin.post(path + "/reopen", {{"reason", "Recorded too early"}, {"version", get_referral(admin, referral["id"].get<std::int64_t>())["version"]}})
              .status == 200);
  // return_to_referrer, reassign, cancel
  auto returned = return_to_referrer(provider, create_referral(caseworker, 2, demo::kRiversideNavigation,
                                                               demo::kNorthstarPsh, 2));
  auto reassigned = caseworker.post("/api/referrals/" + std::to_string(returned["id"].get<std::int64_t>()) + "/reassign",
                                    {{"project_id", demo::kHarborEmergency}, {"version", get_referral(caseworker, returned["id"].get<std::int64_t>())["version"]}});
  REQUIRE(reassigned.status == 200);
  REQUIRE(caseworker.post("/api/referrals/" + std::to_string(returned["id"].get<std::int64_t>()) + "/cancel",
                          {{"reason", "Client moved away"}, {"version", reassigned.body["version"]}})
              .status == 200);

  // user create, update, reset_password, change_password, sign_out
  auto made = admin.post("/api/users", {{"username", "audit-words"},
                                        {"password", "plaid gecko saxophone tundra"},
                                        {"display_name", "Audit Words"},
                                        {"memberships", {{{"organization_id", demo::kRiverside}, {"workgroup", "hmis_user"}}}}});
  REQUIRE(made.status == 201);
  std::string user_path = "/api/users/" + std::to_string(made.body["id"].get<std::int64_t>());
  auto renamed = admin.patch(user_path, {{"display_name", "Audit W. Words"}, {"version", made.body["version"]}});
  REQUIRE(renamed.status == 200);
  REQUIRE(admin.post(user_path + "/password", {{"new_password", "maple quartz ferry dune"}}).status == 200);
  Api user(server);
  REQUIRE(user.sign_in("audit-words", "maple quartz ferry dune").status == 200);
  REQUIRE(user.post("/api/session/password", {{"current_password", "maple quartz ferry dune"},
                                              {"new_password", "velvet harbor lantern moss"}})
              .status == 200);
  REQUIRE(caseworker.del("/api/session").status == 204);

  std::set<std::pair<std::string, std::string>> audited;
  for (const auto& row : sql_column(server.db_path(), "SELECT DISTINCT entity || ' ' || action FROM audit_log")) {
    auto space = row.find(' ');
    audited.insert({row.substr(0, space), row.substr(space + 1)});
  }
  for (const auto& [entity, action] : audited) {
    INFO(entity, " ", action);
    CHECK_FALSE(waypoint::audit_action_label(entity, action).empty());
  }
  for (const auto& row : waypoint::all_audit_actions()) {
    INFO("a label nothing audits: ", row.entity, " ", row.action);
    CHECK(audited.count({std::string(row.entity), std::string(row.action)}) == 1);
  }
}
