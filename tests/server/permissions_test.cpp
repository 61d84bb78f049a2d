// The permission matrix over real HTTP: every workgroup of the demo data, acting on referrals
// its organization receives, sends, or has nothing to do with, for every referral endpoint.
// The receiving organization acknowledges, resolves, returns and enrolls; the referring one
// cancels and reassigns; only a system admin reopens; an organization on neither side gets 404
// (reopen is a System Admin's route: anyone else gets 403 before the referral is even looked up,
// which tells them nothing about it).
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <memory>

using namespace waypoint::test;

namespace {

std::string path_of(const json& referral, const std::string& tail = "") {
  return "/api/referrals/" + std::to_string(referral["id"].get<std::int64_t>()) + tail;
}

struct Actor {
  std::string label;  // "demo-provider as agency_admin @ 3"
  std::unique_ptr<Api> api;
  std::int64_t organization_id;
  std::string workgroup;
};

// Signs in every demo user (demo-provider three times, once per membership).
std::vector<Actor> sign_in_everyone(const ServerProcess& server) {
  struct Who {
    const char* username;
    std::int64_t organization_id;
    const char* workgroup;
  };
  const Who all[] = {
      {"demo-caseworker", demo::kRiverside, "hmis_user"},   {"demo-provider", demo::kNorthstar, "hmis_user"},
      {"demo-provider", demo::kNorthstar, "agency_admin"},  {"demo-provider", demo::kHarborLight, "hmis_user"},
      {"demo-agency-admin", demo::kHarborLight, "agency_admin"}, {"demo-cas-admin", demo::kCedarCounty, "cas_admin"},
      {"demo-outreach", demo::kOpenDoor, "hmis_user"},
  };
  std::vector<Actor> actors;
  for (const auto& who : all) {
    auto api = std::make_unique<Api>(Api::signed_in(server, who.username));
    auto session = api->get("/api/session");
    if (session.body["context"]["organization_id"] != who.organization_id ||
        session.body["context"]["workgroup"] != who.workgroup)
      api->switch_context(who.organization_id, who.workgroup);
    actors.push_back({std::string(who.username) + " as " + who.workgroup + " @ " + std::to_string(who.organization_id),
                      std::move(api), who.organization_id, who.workgroup});
  }
  return actors;
}

enum class Side { receiving, referring, neither };
const char* name(Side side) {
  return side == Side::receiving ? "receiving" : side == Side::referring ? "referring" : "neither";
}

enum class State { pending, acknowledged, resolved, returned };

// The referral setup for one actor and side: the referral between which projects.
struct Between {
  std::int64_t from_project;
  std::int64_t to_project;
  std::int64_t reassign_to;  // a project a reassign may go to
};

Between between(std::int64_t organization_id, Side side) {
  // Maple Street (7) has no demo user, so it is the other party; the neither side is Maple Street to an
  // organization that is not the actor's.
  std::int64_t partner = demo::kMapleStreet;
  std::int64_t third = organization_id == demo::kRiverside ? demo::kHarborLight : demo::kRiverside;
  switch (side) {
    case Side::receiving:
      return {demo::project_of(partner), demo::project_of(organization_id), demo::second_project_of(partner)};
    case Side::referring:
      return {demo::project_of(organization_id), demo::project_of(partner), demo::second_project_of(partner)};
    case Side::neither:
      return {demo::second_project_of(partner), demo::project_of(third), demo::project_of(partner)};
  }
  return {};
}

// The system admin makes every referral and moves it to the state an action needs.
json prepare(Api& admin, std::int64_t client_id, const Between& b, State state) {
  auto referral = create_referral(admin, client_id, b.from_project, b.to_project);
  if (state == State::acknowledged || state == State::resolved) referral = acknowledge(admin, referral);
  if (state == State::resolved) referral = resolve(admin, referral);
  if (state == State::returned) referral = return_to_referrer(admin, referral);
  return referral;
}

struct Action {
  const char* name;
  State state;
  int receiving, referring, neither, system_admin;  // expected statuses
  std::function<Reply(Api&, const json& referral, const Between&)> call;
};

const std::vector<Action>& actions() {
  static const std::vector<Action> all = {
      {"GET referral", State::pending, 200, 200, 404, 200,
       [](Api& api, const json& r, const Between&) { return api.get(path_of(r)); }},
      {"GET history", State::pending, 200, 200, 404, 200,
       [](Api& api, const json& r, const Between&) { return api.get(path_of(r, "/history")); }},
      {"acknowledge", State::pending, 200, 403, 404, 200,
       [](Api& api, const json& r, const Between&) {
         return api.post(path_of(r, "/acknowledge"), {{"date_acknowledged", days_ago(1)}, {"version", r["version"]}});
       }},
      {"outcome (resolve)", State::acknowledged, 200, 403, 404, 200,
       [](Api& api, const json& r, const Between&) {
         return api.post(path_of(r, "/outcome"), {{"appointment_date", days_ago(1)},
                                                  {"result_date", days_ago(0)},
                                                  {"result", "information_only"},
                                                  {"comments", ""},
                                                  {"version", r["version"]}});
       }},
      {"return", State::pending, 200, 403, 404, 200,
       [](Api& api, const json& r, const Between&) {
         return api.post(path_of(r, "/return"), {{"reason", "Full this month"}, {"version", r["version"]}});
       }},
      {"cancel", State::pending, 403, 200, 404, 200,
       [](Api& api, const json& r, const Between&) {
         return api.post(path_of(r, "/cancel"), {{"reason", "Client moved away"}, {"version", r["version"]}});
       }},
      {"reassign", State::returned, 403, 200, 404, 200,
       [](Api& api, const json& r, const Between& b) {
         return api.post(path_of(r, "/reassign"), {{"project_id", b.reassign_to}, {"version", r["version"]}});
       }},
      {"reopen", State::resolved, 403, 403, 403, 200,
       [](Api& api, const json& r, const Between&) {
         return api.post(path_of(r, "/reopen"), {{"reason", "Result was recorded by mistake"}, {"version", r["version"]}});
       }},
      // Resolved with Services Provided: the one state a referral leads to an enrollment from.
      {"enroll", State::resolved, 201, 403, 0 /* as for a referral that does not exist */, 201,
       [](Api& api, const json& r, const Between&) {
         return api.post("/api/enrollments", {{"client_id", r["client_id"]},
                                              {"project_id", r["to_project_id"]},
                                              {"entry_date", days_ago(0)},
                                              {"referral_id", r["id"]}});
       }},
  };
  return all;
}

}  // namespace

TEST_CASE("each workgroup may act on a referral only from the side its organization is on") {
  ServerProcess server(demo_options());
  auto admin = Api::signed_in(server, "demo-admin");
  auto actors = sign_in_everyone(server);
  std::int64_t client_id = 20;

  for (auto& actor : actors) {
    for (Side side : {Side::receiving, Side::referring, Side::neither}) {
      Between b = between(actor.organization_id, side);
      for (const auto& action : actions()) {
        auto referral = prepare(admin, ++client_id, b, action.state);
        auto reply = action.call(*actor.api, referral, b);
        int expected = side == Side::receiving ? action.receiving
                       : side == Side::referring ? action.referring
                                                 : action.neither;
        INFO(actor.label, " on the ", name(side), " side: ", action.name, " -> ", reply.status, " ", reply.raw);
        if (expected == 0) {
          // Enrolling from a referral the organization cannot see answers exactly as for a missing referral.
          auto missing = actor.api->post("/api/enrollments", {{"client_id", referral["client_id"]},
                                                              {"project_id", referral["to_project_id"]},
                                                              {"entry_date", days_ago(0)},
                                                              {"referral_id", 999999}});
          CHECK_FALSE(reply.ok());
          CHECK(reply.status == missing.status);
          CHECK(reply.fields() == missing.fields());
        } else {
          CHECK(reply.status == expected);
        }
        if (expected == 404) {
          CHECK(reply.code() == "not_found");
          // Nothing about the referral leaks in the answer.
          CHECK(reply.raw.find("client") == std::string::npos);
        }
        if (expected == 403) CHECK(reply.code() == "forbidden");
        if (!reply.ok()) {
          // A refused action changes nothing.
          auto after = get_referral(admin, referral["id"].get<std::int64_t>());
          CHECK(after["version"] == referral["version"]);
          CHECK(after["status"] == referral["status"]);
        }
      }
    }
  }
}

TEST_CASE("a system admin sees and acts on every referral, and alone may reopen") {
  ServerProcess server(demo_options());
  auto admin = Api::signed_in(server, "demo-admin");
  Between b{demo::kRiversideNavigation, demo::kNorthstarRrh, demo::kHarborEmergency};
  std::int64_t client_id = 40;
  for (const auto& action : actions()) {
    auto referral = prepare(admin, ++client_id, b, action.state);
    auto reply = action.call(admin, referral, b);
    INFO("system admin: ", action.name, " -> ", reply.raw);
    CHECK(reply.status == action.system_admin);
  }
  // The admin's list without a box is every referral (800 demo ones and the test's).
  auto all = admin.get("/api/referrals?page_size=1");
  REQUIRE(all.status == 200);
  CHECK(all.body["total"].get<int>() >= 800);
  auto client_list = admin.get("/api/clients/1/referrals");
  REQUIRE(client_list.status == 200);
  CHECK(client_list.body["total"].get<int>() >= 6);
}

TEST_CASE("a referral of another organization is a 404, not a 403") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  auto outreach = Api::signed_in(server, "demo-outreach");
  auto referral = create_referral(caseworker, 1, demo::kRiversideNavigation, demo::kNorthstarPsh);
  auto missing = outreach.get("/api/referrals/987654");
  REQUIRE(missing.status == 404);

  auto read = outreach.get(path_of(referral));
  CHECK(read.status == 404);
  CHECK(read.code() == "not_found");
  CHECK(read.body["error"]["message"] == missing.body["error"]["message"]);
  CHECK(outreach.get(path_of(referral, "/history")).status == 404);
  json version = referral["version"];
  CHECK(outreach.post(path_of(referral, "/acknowledge"), {{"date_acknowledged", days_ago(0)}, {"version", version}})
            .status == 404);
  CHECK(outreach.post(path_of(referral, "/cancel"), {{"reason", "x"}, {"version", version}}).status == 404);
  CHECK(outreach.post(path_of(referral, "/return"), {{"reason", "x"}, {"version", version}}).status == 404);
  CHECK(outreach.post(path_of(referral, "/outcome"), {{"version", version}}).status == 404);
  CHECK(outreach.post(path_of(referral, "/reassign"), {{"project_id", 9}, {"version", version}}).status == 404);
  // Reopening is a System Admin's route: anyone else is refused before the referral is looked up,
  // the same 403 for this referral as for one that does not exist.
  auto reopen = outreach.post(path_of(referral, "/reopen"), {{"reason", "x"}, {"version", version}});
  CHECK(reopen.status == 403);
  CHECK(reopen.raw == outreach.post("/api/referrals/987654/reopen", {{"reason", "x"}, {"version", version}}).raw);

  // Nor does it show up in any list of the outreach organization.
  std::int64_t id = referral["id"].get<std::int64_t>();
  auto contains = [id](const Reply& list) {
    for (const auto& item : list.body["items"])
      if (item["id"] == id) return true;
    return false;
  };
  for (const char* box : {"incoming", "outgoing"}) {
    auto list = outreach.get(std::string("/api/referrals?page_size=200&box=") + box);
    REQUIRE(list.status == 200);
    CHECK_FALSE(contains(list));
  }
  auto unboxed = outreach.get("/api/referrals?page_size=200");
  REQUIRE(unboxed.status == 200);
  CHECK_FALSE(contains(unboxed));
  for (const auto& item : unboxed.body["items"])
    CHECK((item["from_organization_id"] == demo::kOpenDoor || item["to_organization_id"] == demo::kOpenDoor));
  auto of_client = outreach.get("/api/clients/1/referrals?page_size=200");
  REQUIRE(of_client.status == 200);
  CHECK_FALSE(contains(of_client));
  for (const auto& item : of_client.body["items"])
    CHECK((item["from_organization_id"] == demo::kOpenDoor || item["to_organization_id"] == demo::kOpenDoor));

  // Both sides do see it.
  auto provider = Api::signed_in(server, "demo-provider");
  CHECK(provider.get(path_of(referral)).status == 200);
  CHECK(contains(provider.get("/api/referrals?box=incoming&page_size=200&sort=-referral_date")));
  CHECK(contains(caseworker.get("/api/referrals?box=outgoing&page_size=200")));
  CHECK(contains(caseworker.get("/api/clients/1/referrals?page_size=200")));
}

TEST_CASE("allowed_actions tell each side what it may do now") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  auto provider = Api::signed_in(server, "demo-provider");
  auto admin = Api::signed_in(server, "demo-admin");
  auto referral = create_referral(caseworker, 2, demo::kRiversideNavigation, demo::kNorthstarRrh);
  std::int64_t id = referral["id"].get<std::int64_t>();
  using List = std::vector<std::string>;
  CHECK(referral["allowed_actions"].get<List>() == List{"cancel"});
  CHECK(get_referral(provider, id)["allowed_actions"].get<List>() == List{"acknowledge", "return_to_referrer"});
  CHECK(get_referral(admin, id)["allowed_actions"].get<List>() == List{"acknowledge", "return_to_referrer", "cancel"});

  auto acknowledged = acknowledge(provider, get_referral(provider, id));
  CHECK(acknowledged["allowed_actions"].get<List>() == List{"resolve", "return_to_referrer"});
  CHECK(get_referral(caseworker, id)["allowed_actions"].get<List>().empty());
  auto resolved = resolve(provider, acknowledged);
  CHECK(resolved["allowed_actions"].get<List>().empty());
  CHECK(get_referral(admin, id)["allowed_actions"].get<List>() == List{"reopen"});
}

TEST_CASE("referrals are sent only from a project of the current organization, unless by a system admin") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  auto body = json{{"client_id", 3},
                   {"from_project_id", demo::kNorthstarRrh},
                   {"to_project_id", demo::kHarborEmergency},
                   {"referral_date", days_ago(2)},
                   {"note", ""}};
  auto refused = caseworker.post("/api/referrals", body);
  CHECK(refused.status == 403);
  CHECK(refused.code() == "forbidden");
  auto admin = Api::signed_in(server, "demo-admin");
  auto made = admin.post("/api/referrals", body);
  CHECK(made.status == 201);
  CHECK(made.body["from_organization_id"] == demo::kNorthstar);
  CHECK(made.body["to_organization_id"] == demo::kHarborLight);
}

TEST_CASE("user administration is for system admins only: everyone else gets 403") {
  ServerProcess server(demo_options());
  auto admin = Api::signed_in(server, "demo-admin");
  auto actors = sign_in_everyone(server);
  json new_user = {{"username", "someone-new"},
                   {"password", "a long enough password"},
                   {"display_name", "Someone New"},
                   {"memberships", {{{"organization_id", 2}, {"workgroup", "hmis_user"}}}}};
  for (auto& actor : actors) {
    INFO(actor.label);
    auto list = actor.api->get("/api/users");
    CHECK(list.status == 403);
    CHECK(list.code() == "forbidden");
    CHECK(actor.api->post("/api/users", new_user).status == 403);
    CHECK(actor.api->patch("/api/users/2", {{"display_name", "Hijacked"}, {"version", 1}}).status == 403);
  }
  auto users = admin.get("/api/users");
  REQUIRE(users.status == 200);
  CHECK(users.body["items"].size() == 6);
  for (const auto& user : users.body["items"]) CHECK(user["display_name"] != "Hijacked");
  CHECK(Api(server).sign_in("someone-new", "a long enough password").status == 401);
}

TEST_CASE("a role-restricted route answers 403 before it reads the body: whatever was sent, the same refusal") {
  ServerProcess server(demo_options());
  auto admin = Api::signed_in(server, "demo-admin");
  auto actors = sign_in_everyone(server);
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  auto provider = Api::signed_in(server, "demo-provider");
  auto resolved = resolve(provider, acknowledge(provider, create_referral(caseworker, 50, demo::kRiversideNavigation,
                                                                          demo::kNorthstarRrh)));
  std::string reopen = path_of(resolved, "/reopen");
  struct Restricted {
    std::string method, path;
    json complete;  // a body a system admin's request would be accepted with
  };
  const std::vector<Restricted> routes = {
      {"POST", "/api/users",
       {{"username", "someone-new"},
        {"password", "a long enough password"},
        {"display_name", "Someone New"},
        {"memberships", {{{"organization_id", 2}, {"workgroup", "hmis_user"}}}}}},
      {"PATCH", "/api/users/2", {{"display_name", "Renamed"}, {"version", 1}}},
      {"PATCH", "/api/users/999999", {{"display_name", "Renamed"}, {"version", 1}}},
      {"POST", "/api/users/2/password", {{"new_password", "plaid gecko saxophone tundra"}}},
      {"POST", reopen, {{"reason", "Recorded by mistake"}, {"version", resolved["version"]}}},
      {"POST", "/api/referrals/999999/reopen", {{"reason", "Recorded by mistake"}, {"version", 1}}},
  };
  // Incomplete, wrongly typed and unknown-key bodies: a system admin is told what is wrong with each (400).
  const std::vector<json> bad_bodies = {json::object(),
                                        {{"username", 5}},
                                        {{"memberships", "all"}, {"version", "one"}},
                                        {{"password", "x"}, {"new_password", 7}, {"reason", nullptr}}};
  for (auto& actor : actors) {
    for (const auto& route : routes) {
      INFO(actor.label, ": ", route.method, " ", route.path);
      auto send = [&](const json& body) { return actor.api->send(route.method, route.path, body.dump()); };
      auto refusal = send(route.complete);
      CHECK(refusal.status == 403);
      CHECK(refusal.code() == "forbidden");
      CHECK(refusal.fields().empty());
      for (const auto& body : bad_bodies) {
        auto reply = send(body);
        INFO("body ", body.dump(), " -> ", reply.raw);
        CHECK(reply.status == 403);
        CHECK(reply.raw == refusal.raw);  // no field named, nothing about the route learnt
      }
    }
    INFO(actor.label);
    CHECK(actor.api->get("/api/users").status == 403);
  }
  for (const auto& route : routes) {
    for (const auto& body : bad_bodies) {
      INFO("system admin: ", route.method, " ", route.path, " ", body.dump());
      auto reply = admin.send(route.method, route.path, body.dump());
      CHECK(reply.status == 400);
      CHECK_FALSE(reply.fields().empty());
    }
  }
  // Nothing was changed by any of it.
  auto users = admin.get("/api/users");
  REQUIRE(users.status == 200);
  CHECK(users.body["items"].size() == 6);
  CHECK(get_referral(admin, resolved["id"].get<std::int64_t>())["status"] == "resolved");
}

TEST_CASE("clients, organizations and projects are readable by every workgroup") {
  ServerProcess server(demo_options());
  auto actors = sign_in_everyone(server);
  for (auto& actor : actors) {
    INFO(actor.label);
    CHECK(actor.api->get("/api/clients?q=nguyen").status == 200);
    CHECK(actor.api->get("/api/clients/1").status == 200);
    CHECK(actor.api->get("/api/clients/1/enrollments").status == 200);
    CHECK(actor.api->get("/api/organizations").status == 200);
    CHECK(actor.api->get("/api/projects").status == 200);
  }
}
