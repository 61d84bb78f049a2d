// Signing in, the session ending under the user, and coming back to the same screen with
// what they typed.
#include "client/store/update.hpp"
#include "tests/client/replies.hpp"

#include <doctest/doctest.h>

using namespace waypoint::client;
using waypoint::make_date;
using waypoint::client::testing::reply;

namespace {

const char* kSession = R"({"token":"t","user":{"id":7,"username":"demo-provider","display_name":"Dana Provider",
  "active":true,"version":1},"memberships":[
  {"organization_id":3,"organization_name":"Northstar Housing Partners","workgroup":"hmis_user"},
  {"organization_id":3,"organization_name":"Northstar Housing Partners","workgroup":"agency_admin"},
  {"organization_id":4,"organization_name":"Harbor Light Shelter","workgroup":"hmis_user"}],
  "context":{"organization_id":3,"organization_name":"Northstar Housing Partners","workgroup":"hmis_user"}})";

bool has_request(const std::vector<Effect>& effects, const std::string& method, const std::string& path_prefix) {
  for (const auto& e : effects) {
    const auto& r = std::get<HttpRequest>(e);
    if (r.method == method && r.path.rfind(path_prefix, 0) == 0) return true;
  }
  return false;
}

State signed_in_at(const std::string& hash) {
  State state;
  update(state, AppStarted{make_date(2025, 6, 1), hash});
  update(state, reply(RequestKind::session_restore, 200, kSession));
  return state;
}

}  // namespace

TEST_CASE("on load the session is restored from the cookie and the hash's screen opens") {
  State state;
  auto effects = update(state, AppStarted{make_date(2025, 6, 1), "#/clients/1/referrals/34"});
  CHECK(has_request(effects, "GET", "/api/session"));
  CHECK(state.session.phase == SessionPhase::restoring);
  effects = update(state, reply(RequestKind::session_restore, 200, kSession));
  CHECK(state.session.phase == SessionPhase::signed_in);
  CHECK(state.route == Route{Screen::referral_outcome, 1, 34});
  CHECK(state.session.context.organization_name == "Northstar Housing Partners");
  CHECK(has_request(effects, "GET", "/api/referrals/34"));
  CHECK(has_request(effects, "GET", "/api/clients/1"));
}

TEST_CASE("without a session the sign-in form shows and empty fields are errors beside them") {
  State state;
  update(state, AppStarted{make_date(2025, 6, 1), ""});
  update(state, reply(RequestKind::session_restore, 401, R"({"error":{"code":"unauthenticated"}})"));
  CHECK(state.session.phase == SessionPhase::signed_out);
  auto effects = update(state, SignIn{});
  CHECK(effects.empty());
  CHECK(state.session.form.errors.count("username") == 1);
  CHECK(state.session.form.errors.count("password") == 1);
}

TEST_CASE("a wrong password says so and keeps the username") {
  State state;
  update(state, AppStarted{make_date(2025, 6, 1), ""});
  update(state, reply(RequestKind::session_restore, 401, "{}"));
  update(state, EditField{Field::username, "demo-provider"});
  update(state, EditField{Field::password, "nope"});
  auto effects = update(state, SignIn{});
  REQUIRE(effects.size() == 1);
  CHECK(std::get<HttpRequest>(effects[0]).body.find("demo-provider") != std::string::npos);
  update(state, reply(RequestKind::sign_in, 401, R"({"error":{"code":"unauthenticated","message":"x"}})"));
  CHECK(state.session.phase == SessionPhase::signed_out);
  CHECK(state.session.form.username == "demo-provider");
  CHECK_FALSE(state.session.form.message.empty());
}

TEST_CASE("a 401 returns to sign-in; signing in again brings back the screen and the typed input") {
  State state = signed_in_at("#/clients/1/referrals/34");
  update(state, EditField{Field::appointment_date, "05/10/2025"});
  update(state, EditField{Field::comments, "Met at the office"});
  update(state, reply(RequestKind::history, 401, R"({"error":{"code":"unauthenticated"}})"));
  CHECK(state.session.phase == SessionPhase::signed_out);
  CHECK(state.session.expired);
  update(state, EditField{Field::username, "demo-provider"});
  update(state, EditField{Field::password, "waypoint-demo"});
  update(state, SignIn{});
  auto effects = update(state, reply(RequestKind::sign_in, 200, kSession));
  CHECK(state.session.phase == SessionPhase::signed_in);
  CHECK(state.route == Route{Screen::referral_outcome, 1, 34});
  CHECK(state.outcome.appointment_date == "05/10/2025");
  CHECK(state.outcome.comments == "Met at the office");
  CHECK(state.session.form.password.empty());
  CHECK(has_request(effects, "GET", "/api/referrals/34"));
}

TEST_CASE("choosing another organization in Settings keeps a workgroup the user has there, and Apply sends it") {
  State state = signed_in_at("");
  update(state, OpenSettings{});
  update(state, ChooseWorkgroup{waypoint::Workgroup::agency_admin});
  update(state, ChooseOrganization{4});
  CHECK(state.settings.workgroup == waypoint::Workgroup::hmis_user);  // no agency_admin at Harbor Light
  auto effects = update(state, ApplySettings{});
  REQUIRE(effects.size() == 1);
  const auto& request = std::get<HttpRequest>(effects[0]);
  CHECK(request.method == "PUT");
  CHECK(request.path == "/api/session/context");
  CHECK(request.body.find("\"organization_id\":4") != std::string::npos);
}

TEST_CASE("the hash follows the route and unknown hashes open the Clients workspace") {
  CHECK(to_hash(Route{Screen::referral_outcome, 12, 34}) == "#/clients/12/referrals/34");
  CHECK(parse_hash("#/clients/12/referrals/34/history") == Route{Screen::referral_history, 12, 34});
  CHECK(parse_hash("#/referrals/outgoing/9") == Route{Screen::outgoing_referral, 0, 9});
  CHECK(parse_hash("#/nowhere") == Route{});
  CHECK(parse_hash("#/clients/abc") == Route{});
  for (auto screen : {Screen::clients, Screen::client_new, Screen::client_profile, Screen::client_referrals,
                      Screen::client_enrollments, Screen::referral_outcome, Screen::referral_history,
                      Screen::incoming, Screen::outgoing, Screen::outgoing_referral}) {
    Route route{screen, 5, 6};
    Route back = parse_hash(to_hash(route));
    CHECK(to_hash(back) == to_hash(route));
  }
}

TEST_CASE("a request that never reached the server offers Retry, which sends it again") {
  State state;
  update(state, AppStarted{make_date(2025, 6, 1), "#/clients"});
  update(state, reply(RequestKind::session_restore, 200, kSession));
  auto effects = update(state, Navigate{Route{Screen::incoming, 0, 0}});
  REQUIRE(effects.size() == 1);
  const HttpRequest asked = std::get<HttpRequest>(effects[0]);
  HttpReplied failed = reply(RequestKind::incoming, 0, "", asked.tag);
  failed.request = asked;
  update(state, failed);
  CHECK_FALSE(state.network_problem.empty());
  effects = update(state, RetryFailed{});
  REQUIRE(effects.size() == 1);
  CHECK(std::get<HttpRequest>(effects[0]) == asked);
  CHECK(state.network_problem.empty());
}
