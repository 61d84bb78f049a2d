// The Referral Outcome form: the shared rules run before anything is sent, server errors land
// beside their fields, and typed input is never cleared by an error. What a change's reply does
// to the form (and what a 409 does) is in referral_reply_test.cpp.
#include "client/store/update.hpp"
#include "tests/client/replies.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace waypoint::client;
using waypoint::make_date;
using waypoint::client::testing::reply;

namespace {

const char* kSession = R"({"user":{"id":7,"username":"demo-provider","display_name":"Dana","active":true,
  "version":1},"memberships":[{"organization_id":3,"organization_name":"Northstar","workgroup":"hmis_user"}],
  "context":{"organization_id":3,"organization_name":"Northstar","workgroup":"hmis_user"}})";

std::string referral_json(const std::string& status, int version, const std::string& extra = "") {
  return R"({"id":34,"client_id":1,"from_project_id":2,"to_project_id":5,"referral_date":"2025-05-01","note":"",
    "status":")" + status + R"(","date_acknowledged":)" + (status == "pending" ? "null" : "\"2025-05-02\"") +
         R"(,"appointment_date":null,"result_date":null,"result":null,"comments":"","return_reason":"",
    "cancel_reason":"","created_by_user_id":1,"version":)" + std::to_string(version) +
         R"(,"from_project_name":"Riverside - Family Navigation","to_project_name":"Northstar - RRH",
    "from_organization_id":2,"to_organization_id":3,"client_name":"Maria José Nguyễn")" + extra + "}";
}

State on_referral(const std::string& status, int version = 1) {
  State state;
  update(state, AppStarted{make_date(2025, 6, 1), "#/clients/1/referrals/34"});
  update(state, reply(RequestKind::session_restore, 200, kSession));
  std::string allowed = status == "pending" ? R"(,"allowed_actions":["acknowledge","return_to_referrer"])"
                                            : R"(,"allowed_actions":["resolve","return_to_referrer"])";
  update(state, reply(RequestKind::referral_get, 200, referral_json(status, version, allowed), 34));
  return state;
}

}  // namespace

TEST_CASE("a result date before the appointment date is rejected beside Result Date and nothing is sent") {
  State state = on_referral("acknowledged");
  update(state, EditField{Field::appointment_date, "05/10/2025"});
  update(state, EditField{Field::result_date, "2025-05-05"});
  update(state, EditField{Field::result, "services_provided"});
  auto effects = update(state, SubmitOutcome{});
  CHECK(effects.empty());
  REQUIRE(state.outcome.errors.count("result_date") == 1);
  CHECK(state.outcome.errors.at("result_date") == "Result date must be on or after the appointment date");
  CHECK(state.outcome.result_date == "2025-05-05");  // what was typed stays
  CHECK(state.outcome.appointment_date == "05/10/2025");
}

TEST_CASE("acknowledging sends the typed US date as ISO with the version seen") {
  State state = on_referral("pending", 3);
  update(state, EditField{Field::date_acknowledged, "05/02/2025"});
  auto effects = update(state, SubmitAcknowledge{});
  REQUIRE(effects.size() == 1);
  const auto& request = std::get<HttpRequest>(effects[0]);
  CHECK(request.path == "/api/referrals/34/acknowledge");
  CHECK(request.body.find("\"date_acknowledged\":\"2025-05-02\"") != std::string::npos);
  CHECK(request.body.find("\"version\":3") != std::string::npos);
  CHECK(state.outcome.saving);
  update(state, reply(RequestKind::acknowledge, 200, referral_json("acknowledged", 4), 34));
  CHECK_FALSE(state.outcome.saving);
  CHECK(state.toast.text == "Referral acknowledged (05/02/2025)");
}

TEST_CASE("an impossible or future acknowledgement date is an error at the field") {
  State state = on_referral("pending");
  update(state, EditField{Field::date_acknowledged, "02/30/2025"});
  CHECK(update(state, SubmitAcknowledge{}).empty());
  CHECK(state.outcome.errors.count("date_acknowledged") == 1);
  update(state, EditField{Field::date_acknowledged, "2030-01-01"});
  update(state, LeaveField{Field::date_acknowledged});
  CHECK(state.outcome.errors.at("date_acknowledged").find("future") != std::string::npos);
}

TEST_CASE("the server's 422 field errors show beside the fields and keep the input") {
  State state = on_referral("acknowledged");
  update(state, EditField{Field::appointment_date, "05/10/2025"});
  update(state, EditField{Field::result_date, "05/12/2025"});
  update(state, EditField{Field::result, "no_show"});
  REQUIRE(update(state, SubmitOutcome{}).size() == 1);
  update(state, reply(RequestKind::outcome, 422,
                      R"({"error":{"code":"validation","message":"x","fields":{"result_date":"Bad date"}}})", 34));
  CHECK(state.outcome.errors.at("result_date") == "Bad date");
  CHECK(state.outcome.result_date == "05/12/2025");
  CHECK_FALSE(state.outcome.saving);
}

TEST_CASE("returning needs a reason, and the reason goes with the version seen") {
  State state = on_referral("acknowledged", 6);
  update(state, OpenReasonDialog{waypoint::ReferralAction::return_to_referrer});
  CHECK(update(state, ConfirmReasonDialog{}).empty());
  CHECK(state.outcome.errors.at("reason") == "Enter the reason for returning the referral");
  update(state, EditField{Field::reason, "No openings this month"});
  CHECK(state.outcome.errors.count("reason") == 0);
  auto effects = update(state, ConfirmReasonDialog{});
  REQUIRE(effects.size() == 1);
  const auto& request = std::get<HttpRequest>(effects[0]);
  CHECK(request.path == "/api/referrals/34/return");
  CHECK(request.body.find("\"reason\":\"No openings this month\"") != std::string::npos);
  CHECK(request.body.find("\"version\":6") != std::string::npos);
}

TEST_CASE("enrolling sends the client, the receiving project, the entry date and the referral; the record lists it") {
  State state = on_referral("acknowledged");
  update(state, reply(RequestKind::referral_get, 200,
                      referral_json("resolved", 2, R"(,"result":"services_provided","result_date":"2025-05-09")"), 34));
  CHECK(state.outcome.entry_date == "05/09/2025");  // the result date, ready to confirm
  update(state, EditField{Field::entry_date, "2025-05-20"});
  state.record.enrollments_load = waypoint::client::Load::ready;
  auto effects = update(state, SubmitEnroll{});
  REQUIRE(effects.size() == 1);
  const auto& request = std::get<HttpRequest>(effects[0]);
  CHECK(request.method == "POST");
  CHECK(request.path == "/api/enrollments");
  auto body = nlohmann::json::parse(request.body);
  CHECK(body["client_id"] == 1);
  CHECK(body["project_id"] == 5);
  CHECK(body["entry_date"] == "2025-05-20");
  CHECK(body["referral_id"] == 34);
  CHECK(state.outcome.saving);
  effects = update(state, reply(RequestKind::enroll, 201,
                                R"({"id":9,"client_id":1,"project_id":5,"entry_date":"2025-05-20","exit_date":null,
                                    "referral_id":34,"household_id":"H-1-2025-05-20","relationship_to_hoh":1,
                                    "version":1})", 34));
  CHECK(effects.empty());  // the referral itself did not change: nothing to load again
  CHECK_FALSE(state.outcome.saving);
  CHECK(state.outcome.enrolled);
  CHECK(state.toast.text == "Client enrolled in Northstar - RRH");
  CHECK(state.record.enrollments_load == waypoint::client::Load::idle);  // the Enrollments list loads it anew
}

TEST_CASE("an entry date before the referral date is refused at the field and nothing is sent") {
  State state = on_referral("acknowledged");
  update(state, reply(RequestKind::referral_get, 200,
                      referral_json("resolved", 2, R"(,"result":"services_provided","result_date":"2025-05-09")"), 34));
  update(state, EditField{Field::entry_date, "04/30/2025"});
  CHECK(update(state, SubmitEnroll{}).empty());
  CHECK(state.outcome.errors.at("entry_date") == "Entry date must be on or after the referral date (2025-05-01)");
  CHECK_FALSE(state.outcome.enrolled);
}

TEST_CASE("before Finish, leaving a field checks nothing: no message comes as the pointer moves on") {
  State state = on_referral("acknowledged");
  update(state, EditField{Field::appointment_date, "05/10/2025"});
  update(state, EditField{Field::result_date, "05/05/2025"});
  update(state, LeaveField{Field::result_date});
  CHECK(state.outcome.errors.empty());
  CHECK_FALSE(state.outcome.errors_shown);
  update(state, EditField{Field::result, "no_show"});
  CHECK(update(state, SubmitOutcome{}).empty());  // Finish runs the rules
  CHECK(state.outcome.errors.at("result_date") == "Result date must be on or after the appointment date");
  CHECK(state.outcome.errors_shown);
}

TEST_CASE("once Finish has shown problems, editing a field takes its error away; leaving it checks the rule again") {
  State state = on_referral("acknowledged");
  update(state, EditField{Field::appointment_date, "05/10/2025"});
  update(state, EditField{Field::result_date, "05/05/2025"});
  CHECK(update(state, SubmitOutcome{}).empty());
  REQUIRE(state.outcome.errors.count("result_date") == 1);
  update(state, EditField{Field::result_date, "05/11/2025"});
  CHECK(state.outcome.errors.count("result_date") == 0);
  update(state, LeaveField{Field::result_date});
  CHECK(state.outcome.errors.count("result_date") == 0);
  update(state, EditField{Field::result_date, "05/05/2025"});
  update(state, LeaveField{Field::result_date});
  REQUIRE(state.outcome.errors.count("result_date") == 1);
  update(state, EditField{Field::result_date, "05/1"});
  CHECK(state.outcome.errors.count("result_date") == 0);
  update(state, EditField{Field::result_date, "05/12/2025"});
  update(state, LeaveField{Field::result_date});
  CHECK(state.outcome.errors.count("result_date") == 0);  // no result yet: not an error while filling in
  CHECK(state.outcome.errors_shown);  // the form keeps its error lines' space until it is saved
}

TEST_CASE("the error summary lists what Finish found and stays as it was while fields are fixed") {
  State state = on_referral("acknowledged");
  update(state, EditField{Field::appointment_date, "13/45/2025"});
  update(state, EditField{Field::result_date, "05/05/2025"});
  CHECK(update(state, SubmitOutcome{}).empty());
  REQUIRE(state.outcome.errors.size() == 2);  // the appointment date, and a result date without a result
  REQUIRE(state.outcome.summary.size() == 2);
  update(state, EditField{Field::appointment_date, "05/03/2025"});
  update(state, LeaveField{Field::appointment_date});
  CHECK(state.outcome.errors.count("appointment_date") == 0);
  CHECK(state.outcome.summary.size() == 2);  // until the next Finish
  CHECK(update(state, SubmitOutcome{}).empty());
  CHECK(state.outcome.errors.size() == 1);
  CHECK(state.outcome.summary.empty());  // one problem: its message at the field says it
}

TEST_CASE("a stale reply to an older search is dropped") {
  State state = on_referral("acknowledged");
  update(state, EditField{Field::client_query, "ngu"});
  update(state, SearchClients{});
  int64_t first = state.clients.serial;
  update(state, EditField{Field::client_query, "nguyen"});
  update(state, SearchClients{});
  update(state, reply(RequestKind::clients_search, 200,
                      R"({"items":[{"id":1,"first_name":"Maria","last_name":"N","date_of_birth":null,
                          "ssn_last4":null,"created_at":"","version":1}],"total":1})", state.clients.serial));
  update(state, reply(RequestKind::clients_search, 200, R"({"items":[],"total":0})", first));
  CHECK(state.clients.results.size() == 1);
  CHECK(state.clients.load == Load::ready);
}
