// What a referral change's reply does to the Referral Outcome page. Every referral POST
// (acknowledge, outcome, return, reassign, cancel, reopen) answers the updated referral with the
// actions the current user may now take: the form takes that answer at once, without a second
// GET, so the next Finish or Enter carries the version the server holds. Only a real 409 from
// someone else's change says "someone else changed this referral".
#include "client/store/update.hpp"
#include "tests/client/replies.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

using namespace waypoint::client;
using waypoint::make_date;
using waypoint::ReferralAction;
using waypoint::client::testing::reply;
using nlohmann::json;

namespace {

json session_json(const std::string& workgroup, int organization_id, const std::string& organization) {
  json context = {{"organization_id", organization_id}, {"organization_name", organization}, {"workgroup", workgroup}};
  return {{"user", {{"id", 7}, {"username", "demo"}, {"display_name", "Dana"}, {"active", true}, {"version", 1}}},
          {"memberships", json::array({context})},
          {"context", context}};
}

// Referral 34 from Riverside (organization 2, project 2) to Northstar (organization 3, project 5).
json referral(const std::string& status, int version, std::vector<std::string> allowed, json changes = json::object()) {
  json r = {{"id", 34},
            {"client_id", 1},
            {"from_project_id", 2},
            {"to_project_id", 5},
            {"referral_date", "2025-05-01"},
            {"note", ""},
            {"status", status},
            {"date_acknowledged", status == "pending" ? json() : json("2025-05-02")},
            {"appointment_date", nullptr},
            {"result_date", nullptr},
            {"result", nullptr},
            {"comments", ""},
            {"return_reason", ""},
            {"cancel_reason", ""},
            {"created_by_user_id", 1},
            {"version", version},
            {"from_project_name", "Riverside - Family Navigation"},
            {"to_project_name", "Northstar - RRH"},
            {"from_organization_id", 2},
            {"to_organization_id", 3},
            {"client_name", "Maria José Nguyễn"},
            {"allowed_actions", allowed}};
  r.update(changes);
  return r;
}

// Signed in as `session`, with referral 34 open as the server answered `loaded`.
State on_page(const json& session, const json& loaded) {
  State state;
  update(state, AppStarted{make_date(2025, 6, 1), "#/clients/1/referrals/34"});
  update(state, reply(RequestKind::session_restore, 200, session.dump()));
  update(state, reply(RequestKind::referral_get, 200, loaded.dump(), 34));
  REQUIRE(state.outcome.load == Load::ready);
  return state;
}
State as_receiver(const json& loaded) { return on_page(session_json("hmis_user", 3, "Northstar"), loaded); }

bool asks_for_the_referral(const std::vector<Effect>& effects) {
  return std::any_of(effects.begin(), effects.end(), [](const Effect& e) {
    const auto& r = std::get<HttpRequest>(e);
    return r.kind == RequestKind::referral_get;
  });
}

const HttpRequest& only_request(const std::vector<Effect>& effects) {
  REQUIRE(effects.size() == 1);
  return std::get<HttpRequest>(effects[0]);
}

int64_t version_sent(const HttpRequest& request) { return json::parse(request.body).at("version").get<int64_t>(); }

// One referral change from the page: how it is made, what it sends, what the server answers.
struct Change {
  const char* name;
  json loaded;                            // the referral as the page opened it
  std::function<void(State&)> fill;       // what the person types or chooses
  Action submit;                          // Finish, Confirm, Reassign
  RequestKind kind;
  const char* path;
  json answered;                          // the server's reply: the referral as it now is
  std::vector<ReferralAction> allowed;    // the reply's allowed_actions
  const char* toast;
};

std::vector<Change> every_change() {
  return {
      {"acknowledge", referral("pending", 3, {"acknowledge", "return_to_referrer"}),
       [](State& s) { update(s, EditField{Field::date_acknowledged, "05/02/2025"}); }, SubmitAcknowledge{},
       RequestKind::acknowledge, "/api/referrals/34/acknowledge",
       referral("acknowledged", 4, {"resolve", "return_to_referrer"}),
       {ReferralAction::resolve, ReferralAction::return_to_referrer}, "Referral acknowledged (05/02/2025)"},
      {"outcome (Finish)", referral("acknowledged", 3, {"resolve", "return_to_referrer"}),
       [](State& s) {
         update(s, EditField{Field::appointment_date, "05/03/2025"});
         update(s, EditField{Field::result_date, "05/04/2025"});
         update(s, EditField{Field::result, "information_only"});
       },
       SubmitOutcome{}, RequestKind::outcome, "/api/referrals/34/outcome",
       referral("resolved", 4, {},
                {{"appointment_date", "2025-05-03"}, {"result_date", "2025-05-04"}, {"result", "information_only"}}),
       {}, "Outcome saved: Information Only"},
      {"return", referral("acknowledged", 3, {"resolve", "return_to_referrer"}),
       [](State& s) {
         update(s, OpenReasonDialog{ReferralAction::return_to_referrer});
         update(s, EditField{Field::reason, "No openings"});
       },
       ConfirmReasonDialog{}, RequestKind::return_referral, "/api/referrals/34/return",
       referral("returned", 4, {}, {{"return_reason", "No openings"}}), {},
       "Referral returned to Riverside - Family Navigation"},
      {"reassign", referral("returned", 3, {"reassign"}, {{"return_reason", "No openings"}}),
       [](State& s) { update(s, ChooseReassignProject{9}); }, SubmitReassign{}, RequestKind::reassign,
       "/api/referrals/34/reassign",
       referral("pending", 4, {"cancel"},
                {{"to_project_id", 9}, {"to_project_name", "Harbor Light - ES"}, {"to_organization_id", 4},
                 {"date_acknowledged", nullptr}}),
       {ReferralAction::cancel}, "Referral reassigned to Harbor Light - ES"},
      {"cancel", referral("pending", 3, {"cancel"}),
       [](State& s) {
         update(s, OpenReasonDialog{ReferralAction::cancel});
         update(s, EditField{Field::reason, "Found housing on her own"});
       },
       ConfirmReasonDialog{}, RequestKind::cancel_referral, "/api/referrals/34/cancel",
       referral("cancelled", 4, {}, {{"cancel_reason", "Found housing on her own"}}), {}, "Referral cancelled"},
      {"reopen",
       referral("resolved", 3, {"reopen"},
                {{"appointment_date", "2025-05-03"}, {"result_date", "2025-05-04"}, {"result", "rejected"}}),
       [](State& s) {
         update(s, OpenReasonDialog{ReferralAction::reopen});
         update(s, EditField{Field::reason, "Rejected by mistake"});
       },
       ConfirmReasonDialog{}, RequestKind::reopen_referral, "/api/referrals/34/reopen",
       referral("acknowledged", 4, {"acknowledge", "resolve", "return_to_referrer", "reopen"},
                {{"appointment_date", "2025-05-03"}}),
       {ReferralAction::acknowledge, ReferralAction::resolve, ReferralAction::return_to_referrer},
       "Referral reopened: its outcome can be recorded again"},
  };
}

}  // namespace

TEST_CASE("every referral change takes the updated referral from its reply, with no second GET") {
  for (const Change& change : every_change()) {
    CAPTURE(change.name);
    State state = on_page(session_json("system_admin", 3, "Northstar"), change.loaded);
    update(state, reply(RequestKind::projects, 200,
                        R"({"items":[{"id":9,"organization_id":4,"name":"Harbor Light - ES",
                            "project_type":"emergency_shelter","version":1}],"total":1})"));
    change.fill(state);
    const HttpRequest request = only_request(update(state, change.submit));
    CHECK(request.kind == change.kind);
    CHECK(request.method == "POST");
    CHECK(request.path == change.path);
    CHECK(version_sent(request) == 3);
    CHECK(state.outcome.saving);

    auto effects = update(state, reply(change.kind, 200, change.answered.dump(), 34));
    CHECK_FALSE(asks_for_the_referral(effects));
    REQUIRE(effects.size() == 1);  // only the navigation's pending count
    CHECK(std::get<HttpRequest>(effects[0]).kind == RequestKind::pending_count);
    const OutcomeForm& form = state.outcome;
    CHECK_FALSE(form.saving);
    CHECK(form.load == Load::ready);
    CHECK(form.referral.version == 4);
    CHECK(waypoint::to_string(form.referral.status) == change.answered["status"].get<std::string>());
    // The reply's allowed_actions, in the order the server gave them (reopen is in the reopen
    // reply too: the check compares only the actions expected to be there).
    for (auto action : change.allowed)
      CHECK(std::find(form.allowed.begin(), form.allowed.end(), action) != form.allowed.end());
    CHECK(form.allowed.size() == change.answered["allowed_actions"].size());
    CHECK(form.message.empty());  // nobody else changed anything: no conflict is claimed
    CHECK(form.errors.empty());
    CHECK_FALSE(form.reason_dialog.has_value());
    CHECK(state.toast.text == change.toast);
  }
}

TEST_CASE("a second Finish right after the first one's reply sends the version that reply holds") {
  State state = as_receiver(referral("acknowledged", 3, {"resolve", "return_to_referrer"}));
  update(state, EditField{Field::appointment_date, "05/03/2025"});
  update(state, EditField{Field::comments, "Called, no answer"});
  // Saved without a result: the referral stays acknowledged and the form stays on screen.
  CHECK(version_sent(only_request(update(state, SubmitOutcome{}))) == 3);
  CHECK(update(state, SubmitOutcome{}).empty());  // a second Enter while saving sends nothing
  update(state, reply(RequestKind::outcome, 200,
                      referral("acknowledged", 4, {"resolve", "return_to_referrer"},
                               {{"appointment_date", "2025-05-03"}, {"comments", "Called, no answer"}})
                          .dump(),
                      34));
  CHECK(state.toast.text == "Outcome Information saved");
  CHECK(state.outcome.appointment_date == "05/03/2025");
  CHECK(state.outcome.comments == "Called, no answer");
  update(state, EditField{Field::result_date, "05/05/2025"});
  update(state, EditField{Field::result, "no_show"});
  const HttpRequest second = only_request(update(state, SubmitOutcome{}));
  CHECK(version_sent(second) == 4);
  update(state, reply(RequestKind::outcome, 200,
                      referral("resolved", 5, {}, {{"result", "no_show"}, {"result_date", "2025-05-05"}}).dump(), 34));
  CHECK(state.outcome.message.empty());
  CHECK(state.outcome.referral.version == 5);
  CHECK(state.toast.text == "Outcome saved: No Show");
}

TEST_CASE("acknowledging then pressing Enter on the outcome at once sends the acknowledged version") {
  State state = as_receiver(referral("pending", 1, {"acknowledge", "return_to_referrer"}));
  update(state, EditField{Field::date_acknowledged, "2025-05-02"});
  CHECK(version_sent(only_request(update(state, SubmitAcknowledge{}))) == 1);
  update(state, reply(RequestKind::acknowledge, 200,
                      referral("acknowledged", 2, {"resolve", "return_to_referrer"}).dump(), 34));
  CHECK(state.outcome.date_acknowledged == "05/02/2025");  // as stored, in the US form
  update(state, EditField{Field::appointment_date, "05/03/2025"});
  CHECK(version_sent(only_request(update(state, SubmitOutcome{}))) == 2);
}

TEST_CASE("a GET answered after a change's reply does not bring back the version it replaced") {
  State state = as_receiver(referral("pending", 1, {"acknowledge", "return_to_referrer"}));
  auto reload = update(state, Reload{});  // e.g. the person pressed Try again, or came back to the page
  REQUIRE(asks_for_the_referral(reload));
  update(state, EditField{Field::date_acknowledged, "05/02/2025"});
  only_request(update(state, SubmitAcknowledge{}));
  update(state, reply(RequestKind::acknowledge, 200,
                      referral("acknowledged", 2, {"resolve", "return_to_referrer"}).dump(), 34));
  // The GET left before the change and is answered after it, with the old version.
  update(state, reply(RequestKind::referral_get, 200,
                      referral("pending", 1, {"acknowledge", "return_to_referrer"}).dump(), 34));
  CHECK(state.outcome.load == Load::ready);
  CHECK(state.outcome.referral.version == 2);
  CHECK(state.outcome.referral.status == waypoint::ReferralStatus::acknowledged);
  update(state, EditField{Field::appointment_date, "05/03/2025"});
  CHECK(version_sent(only_request(update(state, SubmitOutcome{}))) == 2);
}

TEST_CASE("reopening clears the outcome the form held, so Finish cannot resend it") {
  State state = on_page(session_json("system_admin", 1, "HMIS Admin"),
                        referral("resolved", 3, {"reopen"},
                                 {{"appointment_date", "2025-05-03"}, {"result_date", "2025-05-04"},
                                  {"result", "rejected"}}));
  CHECK(state.outcome.result == "rejected");  // prefilled from the stored referral
  update(state, OpenReasonDialog{ReferralAction::reopen});
  CHECK(update(state, ConfirmReasonDialog{}).empty());
  CHECK(state.outcome.errors.at("reason") == "Enter the reason for reopening the referral");
  update(state, EditField{Field::reason, "Rejected by mistake"});
  const HttpRequest request = only_request(update(state, ConfirmReasonDialog{}));
  CHECK(json::parse(request.body) == json({{"reason", "Rejected by mistake"}, {"version", 3}}));
  update(state, reply(RequestKind::reopen_referral, 200,
                      referral("acknowledged", 4, {"resolve", "return_to_referrer", "reopen"},
                               {{"appointment_date", "2025-05-03"}})
                          .dump(),
                      34));
  CHECK(state.outcome.result.empty());
  CHECK(state.outcome.result_date.empty());
  CHECK(state.outcome.appointment_date == "05/03/2025");  // kept by the server, so kept here
  CHECK(state.outcome.reason.empty());
}

TEST_CASE("cancelling needs a reason; a return's reason is not carried into a cancel") {
  State state = on_page(session_json("hmis_user", 2, "Riverside"), referral("pending", 3, {"cancel"}));
  update(state, OpenReasonDialog{ReferralAction::return_to_referrer});
  update(state, EditField{Field::reason, "Wrong program"});
  update(state, CloseReasonDialog{});
  update(state, OpenReasonDialog{ReferralAction::cancel});
  CHECK(state.outcome.reason.empty());
  CHECK(update(state, ConfirmReasonDialog{}).empty());
  CHECK(state.outcome.errors.at("reason") == "Enter the reason for cancelling the referral");
  update(state, EditField{Field::reason, "Found housing"});
  const HttpRequest request = only_request(update(state, ConfirmReasonDialog{}));
  CHECK(request.path == "/api/referrals/34/cancel");
  CHECK(json::parse(request.body) == json({{"reason", "Found housing"}, {"version", 3}}));
}

TEST_CASE("a real 409 from someone else's change says so and shows their version, keeping what was typed") {
  State state = as_receiver(referral("acknowledged", 3, {"resolve", "return_to_referrer"}));
  update(state, EditField{Field::comments, "my notes"});
  update(state, EditField{Field::appointment_date, "05/10/2025"});
  CHECK(version_sent(only_request(update(state, SubmitOutcome{}))) == 3);
  json conflict = {{"error", {{"code", "stale_version"}, {"message", "Someone else changed this referral."},
                              {"fields", json::object()}}},
                   {"current", referral("acknowledged", 5, {"resolve", "return_to_referrer"},
                                        {{"comments", "their notes"}, {"appointment_date", "2025-05-09"}})}};
  auto effects = update(state, reply(RequestKind::outcome, 409, conflict.dump(), 34));
  CHECK(effects.empty());  // the 409 carries the referral as it now is
  CHECK(state.outcome.message.rfind("Someone else changed this referral", 0) == 0);
  CHECK(state.outcome.referral.version == 5);
  CHECK(state.outcome.referral.comments == "their notes");
  CHECK(state.outcome.comments == "my notes");
  CHECK(state.outcome.appointment_date == "05/10/2025");
  CHECK_FALSE(state.outcome.saving);
  CHECK(version_sent(only_request(update(state, SubmitOutcome{}))) == 5);  // Finish again: their version
}

TEST_CASE("a 409 without the current referral says someone else changed it and loads it") {
  State state = as_receiver(referral("acknowledged", 1, {"resolve", "return_to_referrer"}));
  update(state, EditField{Field::comments, "my notes"});
  update(state, EditField{Field::appointment_date, "05/10/2025"});
  only_request(update(state, SubmitOutcome{}));
  auto effects = update(state, reply(RequestKind::outcome, 409, R"({"error":{"code":"stale_version"}})", 34));
  CHECK(state.outcome.message.rfind("Someone else changed this referral", 0) == 0);
  CHECK(asks_for_the_referral(effects));
  update(state, reply(RequestKind::referral_get, 200,
                      referral("acknowledged", 2, {"resolve"}).dump(), 34));
  CHECK(state.outcome.referral.version == 2);
  CHECK(state.outcome.comments == "my notes");
}

TEST_CASE("a 409 refusing a change the server had offered says someone else changed it, and loads it") {
  // Someone else acknowledged first: the server checks the status before the version, so its
  // 409 is invalid_state with no `current`; the page's copy offered acknowledge, so it changed.
  State state = as_receiver(referral("pending", 2, {"acknowledge", "return_to_referrer"}));
  update(state, EditField{Field::date_acknowledged, "05/02/2025"});
  only_request(update(state, SubmitAcknowledge{}));
  json refused = {{"error", {{"code", "invalid_state"}, {"message", "An acknowledged referral cannot be acknowledged"},
                             {"fields", json::object()}}}};
  auto effects = update(state, reply(RequestKind::acknowledge, 409, refused.dump(), 34));
  CHECK(state.outcome.message.rfind("Someone else changed this referral", 0) == 0);
  CHECK(asks_for_the_referral(effects));
  CHECK(state.outcome.date_acknowledged == "05/02/2025");
}

TEST_CASE("a 409 for a change the page never offered gives the server's reason, not a conflict") {
  State state = as_receiver(referral("acknowledged", 2, {"resolve", "return_to_referrer"}));
  update(state, OpenReasonDialog{ReferralAction::cancel});  // not offered to this user: no button shows it
  update(state, EditField{Field::reason, "Duplicate"});
  only_request(update(state, ConfirmReasonDialog{}));
  json refused = {{"error", {{"code", "invalid_state"}, {"message", "Only a pending referral can be cancelled"},
                             {"fields", json::object()}}}};
  auto effects = update(state, reply(RequestKind::cancel_referral, 409, refused.dump(), 34));
  CHECK(state.outcome.message == "Only a pending referral can be cancelled");
  CHECK(asks_for_the_referral(effects));
}

TEST_CASE("a 409 while a reason dialog is open closes it, so the message shows, and keeps the reason") {
  State state = as_receiver(referral("acknowledged", 2, {"resolve", "return_to_referrer"}));
  update(state, OpenReasonDialog{ReferralAction::return_to_referrer});
  update(state, EditField{Field::reason, "No openings"});
  only_request(update(state, ConfirmReasonDialog{}));
  json conflict = {{"error", {{"code", "stale_version"}, {"message", "x"}, {"fields", json::object()}}},
                   {"current", referral("acknowledged", 3, {"resolve", "return_to_referrer"})}};
  update(state, reply(RequestKind::return_referral, 409, conflict.dump(), 34));
  CHECK_FALSE(state.outcome.reason_dialog.has_value());
  CHECK(state.outcome.reason == "No openings");
  CHECK(state.outcome.referral.version == 3);
}

TEST_CASE("a reply for a referral no longer open changes nothing") {
  State state = as_receiver(referral("pending", 1, {"acknowledge", "return_to_referrer"}));
  update(state, EditField{Field::date_acknowledged, "05/02/2025"});
  only_request(update(state, SubmitAcknowledge{}));
  update(state, Navigate{Route{Screen::referral_outcome, 1, 35}});
  update(state, reply(RequestKind::acknowledge, 200,
                      referral("acknowledged", 2, {"resolve"}).dump(), 34));
  CHECK(state.outcome.referral_id == 35);
  CHECK(state.outcome.referral.id != 34);
  CHECK(state.toast.text.empty());
}

TEST_CASE("a success that does not carry the referral asks for it rather than keep the old version") {
  State state = as_receiver(referral("pending", 1, {"acknowledge", "return_to_referrer"}));
  update(state, EditField{Field::date_acknowledged, "05/02/2025"});
  only_request(update(state, SubmitAcknowledge{}));
  auto effects = update(state, reply(RequestKind::acknowledge, 200, "{}", 34));
  CHECK(asks_for_the_referral(effects));
  CHECK(state.outcome.load == Load::loading);
  CHECK(state.outcome.message.empty());
  update(state, reply(RequestKind::referral_get, 200, referral("acknowledged", 2, {"resolve"}).dump(), 34));
  CHECK(state.outcome.referral.version == 2);
}
