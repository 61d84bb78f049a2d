// Referrals, clients, enrollments and the catalog over real HTTP: the seed's walk, every
// lifecycle transition, the audit history, optimistic concurrency, lists, search and enrollment.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <thread>

using namespace waypoint::test;

namespace {

std::string path_of(const json& referral, const std::string& tail = "") {
  return "/api/referrals/" + std::to_string(referral["id"].get<std::int64_t>()) + tail;
}

std::vector<std::string> actions_of(const json& history) {
  std::vector<std::string> out;
  for (const auto& item : history["items"]) out.push_back(item["action"].get<std::string>());
  return out;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

TEST_CASE("seed 000: the provider finds Maria José Nguyễn, acknowledges and resolves her referral") {
  ServerProcess server(demo_options());
  auto provider = Api::signed_in(server, "demo-provider");

  auto found = provider.get("/api/clients?q=" + query("nguyen"));
  REQUIRE(found.status == 200);
  bool maria = false;
  for (const auto& c : found.body["items"])
    if (c["first_name"] == "Maria José" && c["last_name"] == "Nguyễn" && c["date_of_birth"] == "1988-04-12")
      maria = c["id"] == 1;
  CHECK(maria);

  auto referrals = provider.get("/api/clients/1/referrals");
  REQUIRE(referrals.status == 200);
  REQUIRE(referrals.body["items"].size() >= 6);
  json pending;
  for (const auto& r : referrals.body["items"])
    if (r["status"] == "pending" && r["to_organization_id"] == demo::kNorthstar) pending = r;
  REQUIRE(pending.is_object());
  CHECK(pending["client_name"] == "Maria José Nguyễn");

  auto acknowledged = acknowledge(provider, get_referral(provider, pending["id"].get<std::int64_t>()));
  CHECK(acknowledged["status"] == "acknowledged");
  CHECK(acknowledged["date_acknowledged"] == days_ago(1));
  CHECK(acknowledged["version"] == pending["version"].get<int>() + 1);
  auto resolved = resolve(provider, acknowledged, "services_provided");
  CHECK(resolved["status"] == "resolved");
  CHECK(resolved["result"] == "services_provided");
  CHECK(resolved["result_date"] == days_ago(0));
  CHECK(resolved["appointment_date"] == days_ago(1));
  CHECK(resolved["version"] == pending["version"].get<int>() + 2);
  // The stored referral is what the answers said.
  auto stored = get_referral(provider, pending["id"].get<std::int64_t>());
  CHECK(stored["status"] == "resolved");
  CHECK(stored["version"] == resolved["version"]);
}

TEST_CASE("the history lists create, acknowledge and resolve in order with who did each") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  auto provider = Api::signed_in(server, "demo-provider");
  auto referral = create_referral(caseworker, 7, demo::kRiversideEviction, demo::kNorthstarTh);
  auto acknowledged = acknowledge(provider, get_referral(provider, referral["id"].get<std::int64_t>()));
  resolve(provider, acknowledged, "no_show");

  for (Api* reader : {&caseworker, &provider}) {
    auto history = reader->get(path_of(referral, "/history"));
    REQUIRE(history.status == 200);
    const auto& items = history.body["items"];
    REQUIRE(items.size() == 3);
    CHECK(actions_of(history.body) == std::vector<std::string>{"create", "acknowledge", "resolve"});
    CHECK(items[0]["user_name"] == "Carlos Caseworker");
    CHECK(items[0]["organization_id"] == demo::kRiverside);
    CHECK(items[0]["workgroup"] == "hmis_user");
    CHECK(items[0]["before"].is_null());
    CHECK(items[0]["after"]["status"] == "pending");
    CHECK(items[1]["user_name"] == "Priya Provider");
    CHECK(items[1]["organization_id"] == demo::kNorthstar);
    CHECK(items[1]["before"]["status"] == "pending");
    CHECK(items[1]["after"]["status"] == "acknowledged");
    CHECK(items[2]["user_name"] == "Priya Provider");
    CHECK(items[2]["before"]["status"] == "acknowledged");
    CHECK(items[2]["after"]["status"] == "resolved");
    CHECK(items[2]["after"]["result"] == "no_show");
    // Oldest first.
    CHECK(items[0]["at"].get<std::string>() <= items[1]["at"].get<std::string>());
    CHECK(items[1]["at"].get<std::string>() <= items[2]["at"].get<std::string>());
  }
}

TEST_CASE("a returned referral is reassigned by the referrer, goes back to pending, and may be cancelled") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  auto provider = Api::signed_in(server, "demo-provider");
  auto agency = Api::signed_in(server, "demo-agency-admin");
  auto admin = Api::signed_in(server, "demo-admin");
  auto referral = create_referral(caseworker, 8, demo::kRiversideNavigation, demo::kNorthstarRrh);
  std::int64_t id = referral["id"].get<std::int64_t>();

  auto acknowledged = acknowledge(provider, get_referral(provider, id));
  auto returned = provider.post(path_of(referral, "/return"),
                                {{"reason", "  Over income for this program  "}, {"version", acknowledged["version"]}});
  REQUIRE(returned.status == 200);
  CHECK(returned.body["status"] == "returned");
  CHECK(returned.body["return_reason"] == "Over income for this program");

  {  // reassigning to the project that returned it, or to the referring project, is a 422 naming project_id
    auto same = caseworker.post(path_of(referral, "/reassign"),
                                {{"project_id", demo::kNorthstarRrh}, {"version", returned.body["version"]}});
    CHECK(same.status == 422);
    CHECK(same.names_field("project_id"));
    auto own = caseworker.post(path_of(referral, "/reassign"),
                               {{"project_id", demo::kRiversideNavigation}, {"version", returned.body["version"]}});
    CHECK(own.status == 422);
    CHECK(own.names_field("project_id"));
    auto nowhere =
        caseworker.post(path_of(referral, "/reassign"), {{"project_id", 9999}, {"version", returned.body["version"]}});
    CHECK(nowhere.status == 422);
    CHECK(nowhere.names_field("project_id"));
  }

  auto reassigned = caseworker.post(path_of(referral, "/reassign"),
                                    {{"project_id", demo::kHarborEmergency}, {"version", returned.body["version"]}});
  REQUIRE(reassigned.status == 200);
  CHECK(reassigned.body["status"] == "pending");
  CHECK(reassigned.body["to_project_id"] == demo::kHarborEmergency);
  CHECK(reassigned.body["to_organization_id"] == demo::kHarborLight);
  CHECK(reassigned.body["date_acknowledged"].is_null());
  CHECK(reassigned.body["return_reason"] == "");
  // The old receiver no longer sees it; the new one does.
  CHECK(provider.get(path_of(referral)).status == 404);
  CHECK(agency.get(path_of(referral)).status == 200);

  auto cancelled =
      caseworker.post(path_of(referral, "/cancel"), {{"reason", "Family moved"}, {"version", reassigned.body["version"]}});
  REQUIRE(cancelled.status == 200);
  CHECK(cancelled.body["status"] == "cancelled");
  CHECK(cancelled.body["cancel_reason"] == "Family moved");
  CHECK(cancelled.body["allowed_actions"].empty());

  auto history = admin.get(path_of(referral, "/history"));
  REQUIRE(history.status == 200);
  CHECK(actions_of(history.body) ==
        std::vector<std::string>{"create", "acknowledge", "return_to_referrer", "reassign", "cancel"});
  CHECK(history.body["items"][3]["user_name"] == "Carlos Caseworker");
}

TEST_CASE("a system admin reopens a resolved referral with a reason, back to acknowledged") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  auto provider = Api::signed_in(server, "demo-provider");
  auto admin = Api::signed_in(server, "demo-admin");
  auto referral = create_referral(caseworker, 9, demo::kRiversideNavigation, demo::kNorthstarPsh);
  auto resolved = resolve(provider, acknowledge(provider, get_referral(provider, referral["id"].get<std::int64_t>())));

  auto no_reason = admin.post(path_of(referral, "/reopen"), {{"reason", " "}, {"version", resolved["version"]}});
  CHECK(no_reason.status == 422);
  CHECK(no_reason.names_field("reason"));

  auto reopened =
      admin.post(path_of(referral, "/reopen"), {{"reason", "Wrong result recorded"}, {"version", resolved["version"]}});
  REQUIRE(reopened.status == 200);
  CHECK(reopened.body["status"] == "acknowledged");
  CHECK(reopened.body["result"].is_null());
  CHECK(reopened.body["result_date"].is_null());
  CHECK(reopened.body["appointment_date"] == resolved["appointment_date"]);  // kept for the receiver
  auto history = provider.get(path_of(referral, "/history"));
  REQUIRE(history.status == 200);
  CHECK(actions_of(history.body).back() == "reopen");
  CHECK(history.body["items"].back()["user_name"] == "Dana Admin");
  CHECK(history.body["items"].back()["workgroup"] == "system_admin");
}

TEST_CASE("a stale version is a 409 carrying the current referral, and changes nothing") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  auto provider = Api::signed_in(server, "demo-provider");
  auto referral = create_referral(caseworker, 10, demo::kRiversideNavigation, demo::kNorthstarRrh);
  auto first_look = get_referral(provider, referral["id"].get<std::int64_t>());
  auto acknowledged = acknowledge(provider, first_look);

  // A second person still looking at version 1 records an outcome.
  auto stale = provider.post(path_of(referral, "/outcome"), {{"appointment_date", days_ago(0)},
                                                             {"result_date", days_ago(0)},
                                                             {"result", "rejected"},
                                                             {"comments", ""},
                                                             {"version", first_look["version"]}});
  CHECK(stale.status == 409);
  CHECK(stale.code() == "stale_version");
  REQUIRE(stale.body.contains("current"));
  CHECK(stale.body["current"]["id"] == referral["id"]);
  CHECK(stale.body["current"]["version"] == acknowledged["version"]);
  CHECK(stale.body["current"]["status"] == "acknowledged");
  auto after = get_referral(provider, referral["id"].get<std::int64_t>());
  CHECK(after["version"] == acknowledged["version"]);
  CHECK(after["result"].is_null());
  CHECK(actions_of(provider.get(path_of(referral, "/history")).body).size() == 2);

  // A version from the future is just as stale.
  auto future = provider.post(path_of(referral, "/return"), {{"reason", "x"}, {"version", 99}});
  CHECK(future.status == 409);
  CHECK(future.code() == "stale_version");

  // Clients too.
  auto client = create_client(provider, "Stale", "Tester");
  std::string client_path = "/api/clients/" + std::to_string(client["id"].get<std::int64_t>());
  json edit = {{"first_name", "Stale"}, {"last_name", "Tested"}, {"date_of_birth", ""}, {"ssn_last4", ""},
               {"version", client["version"]}};
  auto first = provider.patch(client_path, edit);
  REQUIRE(first.status == 200);
  CHECK(first.body["version"] == client["version"].get<int>() + 1);
  edit["last_name"] = "Overwritten";
  auto second = caseworker.patch(client_path, edit);
  CHECK(second.status == 409);
  CHECK(second.code() == "stale_version");
  REQUIRE(second.body.contains("current"));
  CHECK(second.body["current"]["last_name"] == "Tested");
  CHECK(second.body["current"]["version"] == first.body["version"]);
  CHECK(provider.get(client_path).body["last_name"] == "Tested");
}

TEST_CASE("two people acknowledging the same referral at once: one wins, the other gets a 409") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  auto first = Api::signed_in(server, "demo-provider");
  auto second = Api::signed_in(server, "demo-provider");
  for (int round = 0; round < 5; ++round) {
    auto referral = create_referral(caseworker, 50 + round, demo::kRiversideNavigation, demo::kNorthstarRrh);
    json body = {{"date_acknowledged", days_ago(1)}, {"version", referral["version"]}};
    Reply a, b;
    std::thread one([&] { a = first.post(path_of(referral, "/acknowledge"), body); });
    std::thread two([&] { b = second.post(path_of(referral, "/acknowledge"), body); });
    one.join();
    two.join();
    INFO("round ", round, ": ", a.status, " ", a.raw, " / ", b.status, " ", b.raw);
    CHECK(((a.status == 200 && b.status == 409) || (a.status == 409 && b.status == 200)));
    auto history = caseworker.get(path_of(referral, "/history"));
    CHECK(actions_of(history.body) == std::vector<std::string>{"create", "acknowledge"});
    CHECK(get_referral(caseworker, referral["id"].get<std::int64_t>())["version"] == 2);
  }
}

TEST_CASE("a transition not allowed in the current state is a 409 invalid_state") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  auto provider = Api::signed_in(server, "demo-provider");
  auto referral = create_referral(caseworker, 11, demo::kRiversideNavigation, demo::kNorthstarRrh);

  auto early = provider.post(path_of(referral, "/outcome"), {{"appointment_date", ""},
                                                             {"result_date", days_ago(0)},
                                                             {"result", "rejected"},
                                                             {"comments", ""},
                                                             {"version", referral["version"]}});
  CHECK(early.status == 409);
  CHECK(early.code() == "invalid_state");
  auto reassign_pending =
      caseworker.post(path_of(referral, "/reassign"), {{"project_id", demo::kHarborFamily}, {"version", referral["version"]}});
  CHECK(reassign_pending.status == 409);
  CHECK(reassign_pending.code() == "invalid_state");

  auto acknowledged = acknowledge(provider, get_referral(provider, referral["id"].get<std::int64_t>()));
  auto twice = provider.post(path_of(referral, "/acknowledge"),
                             {{"date_acknowledged", days_ago(0)}, {"version", acknowledged["version"]}});
  CHECK(twice.status == 409);
  CHECK(twice.code() == "invalid_state");
  auto cancel_acknowledged =
      caseworker.post(path_of(referral, "/cancel"), {{"reason", "x"}, {"version", acknowledged["version"]}});
  CHECK(cancel_acknowledged.status == 409);
  CHECK(cancel_acknowledged.code() == "invalid_state");
  CHECK(get_referral(provider, referral["id"].get<std::int64_t>())["version"] == acknowledged["version"]);
}

TEST_CASE("outcome details without a result keep the referral acknowledged") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  auto provider = Api::signed_in(server, "demo-provider");
  auto referral = create_referral(caseworker, 12, demo::kRiversideNavigation, demo::kNorthstarRrh);
  auto acknowledged = acknowledge(provider, get_referral(provider, referral["id"].get<std::int64_t>()));
  auto details = provider.post(path_of(referral, "/outcome"), {{"appointment_date", days_ago(0)},
                                                               {"result_date", ""},
                                                               {"result", ""},
                                                               {"comments", "Called, appointment set"},
                                                               {"version", acknowledged["version"]}});
  REQUIRE(details.status == 200);
  CHECK(details.body["status"] == "acknowledged");
  CHECK(details.body["appointment_date"] == days_ago(0));
  CHECK(details.body["comments"] == "Called, appointment set");
  CHECK(details.body["version"] == acknowledged["version"].get<int>() + 1);

  {  // a result needs a result date, and a result date needs a result
    auto no_date = provider.post(path_of(referral, "/outcome"), {{"result", "rejected"}, {"version", details.body["version"]}});
    CHECK(no_date.status == 422);
    CHECK(no_date.names_field("result_date"));
    auto no_result =
        provider.post(path_of(referral, "/outcome"), {{"result_date", days_ago(0)}, {"version", details.body["version"]}});
    CHECK(no_result.status == 422);
    CHECK(no_result.names_field("result"));
    auto future = provider.post(path_of(referral, "/outcome"),
                                {{"result_date", days_ago(-3)}, {"result", "rejected"}, {"version", details.body["version"]}});
    CHECK(future.status == 422);
    CHECK(future.names_field("result_date"));
    auto before_ack = provider.post(path_of(referral, "/outcome"), {{"appointment_date", days_ago(3)},
                                                                    {"result_date", days_ago(0)},
                                                                    {"result", "rejected"},
                                                                    {"version", details.body["version"]}});
    CHECK(before_ack.status == 422);  // acknowledged yesterday, so no appointment three days ago
    CHECK(before_ack.names_field("appointment_date"));
    auto unknown = provider.post(path_of(referral, "/outcome"),
                                 {{"result_date", days_ago(0)}, {"result", "housed"}, {"version", details.body["version"]}});
    CHECK((unknown.status == 422 || unknown.status == 400));
    CHECK(unknown.names_field("result"));
    CHECK(get_referral(provider, referral["id"].get<std::int64_t>())["version"] == details.body["version"]);
  }
}

TEST_CASE("acknowledging checks the date: required, not before the referral date, not in the future") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  auto provider = Api::signed_in(server, "demo-provider");
  auto referral = create_referral(caseworker, 13, demo::kRiversideNavigation, demo::kNorthstarRrh, 3);
  for (const std::string& date : {std::string(""), days_ago(4), days_ago(-2), std::string("yesterday")}) {
    auto reply = provider.post(path_of(referral, "/acknowledge"), {{"date_acknowledged", date}, {"version", 1}});
    INFO("date_acknowledged = '", date, "': ", reply.raw);
    CHECK(reply.status == 422);
    CHECK(reply.code() == "validation");
    CHECK(reply.names_field("date_acknowledged"));
  }
  // US format is accepted too.
  std::string iso = days_ago(1);
  std::string us = iso.substr(5, 2) + "/" + iso.substr(8, 2) + "/" + iso.substr(0, 4);
  auto ok = provider.post(path_of(referral, "/acknowledge"), {{"date_acknowledged", us}, {"version", 1}});
  CHECK(ok.status == 200);
  CHECK(ok.body["date_acknowledged"] == iso);
}

TEST_CASE("creating a referral validates every field and names each bad one") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  auto reply = caseworker.post("/api/referrals", {{"client_id", 999999},
                                                  {"from_project_id", demo::kRiversideNavigation},
                                                  {"to_project_id", demo::kRiversideNavigation},
                                                  {"referral_date", days_ago(-5)},
                                                  {"note", ""}});
  CHECK(reply.status == 422);
  CHECK(reply.names_field("client_id"));
  CHECK(reply.names_field("to_project_id"));
  CHECK(reply.names_field("referral_date"));
  auto unknown_project = caseworker.post("/api/referrals", {{"client_id", 1},
                                                            {"from_project_id", demo::kRiversideNavigation},
                                                            {"to_project_id", 4242},
                                                            {"referral_date", days_ago(1)}});
  CHECK(unknown_project.status == 422);
  CHECK(unknown_project.names_field("to_project_id"));
  auto made = create_referral(caseworker, 1, demo::kRiversideNavigation, demo::kMapleTh, 0);
  CHECK(made["status"] == "pending");
  CHECK(made["version"] == 1);
  CHECK(made["from_project_name"] == "Riverside - Services Only - Family Navigation");
  CHECK(made["to_project_name"] == "Maple Street - TH - Youth Transitional Living");
  CHECK(made["client_name"] == "Maria José Nguyễn");
  CHECK(made["referral_date"] == days_ago(0));
  CHECK(made["note"] == "Made by the server tests");
}

TEST_CASE("referral lists: incoming and outgoing boxes, status and project filters, sorting and paging") {
  ServerProcess server(demo_options());
  auto provider = Api::signed_in(server, "demo-provider");

  auto incoming = provider.get("/api/referrals?box=incoming&page_size=200");
  REQUIRE(incoming.status == 200);
  CHECK(incoming.body["page"] == 1);
  CHECK(incoming.body["page_size"] == 200);
  CHECK(incoming.body["total"].get<int>() > 0);
  for (const auto& r : incoming.body["items"]) CHECK(r["to_organization_id"] == demo::kNorthstar);
  auto outgoing = provider.get("/api/referrals?box=outgoing&page_size=200");
  REQUIRE(outgoing.status == 200);
  CHECK(outgoing.body["total"].get<int>() > 0);
  for (const auto& r : outgoing.body["items"]) CHECK(r["from_organization_id"] == demo::kNorthstar);

  {  // the default page size is 50 and the default order is newest referral date first
    auto page1 = provider.get("/api/referrals?box=incoming");
    REQUIRE(page1.status == 200);
    CHECK(page1.body["page_size"] == 50);
    CHECK(page1.body["items"].size() == std::min<std::size_t>(50, incoming.body["total"].get<std::size_t>()));
    std::string previous = "9999-12-31";
    for (const auto& r : page1.body["items"]) {
      CHECK(r["referral_date"].get<std::string>() <= previous);
      previous = r["referral_date"].get<std::string>();
    }
  }
  {  // pages do not overlap and add up to the total
    std::set<std::int64_t> seen;
    int total = incoming.body["total"].get<int>();
    for (int page = 1; page <= (total + 29) / 30; ++page) {
      auto reply = provider.get("/api/referrals?box=incoming&page_size=30&page=" + std::to_string(page));
      REQUIRE(reply.status == 200);
      for (const auto& r : reply.body["items"]) CHECK(seen.insert(r["id"].get<std::int64_t>()).second);
    }
    CHECK(static_cast<int>(seen.size()) == total);
    auto beyond = provider.get("/api/referrals?box=incoming&page=1000");
    REQUIRE(beyond.status == 200);
    CHECK(beyond.body["items"].empty());
    CHECK(beyond.body["total"] == total);
  }
  {  // status and project filters
    auto pending = provider.get("/api/referrals?box=incoming&status=pending&page_size=200");
    REQUIRE(pending.status == 200);
    CHECK(pending.body["total"].get<int>() >= 6);  // Maria's six
    for (const auto& r : pending.body["items"]) CHECK(r["status"] == "pending");
    auto psh = provider.get("/api/referrals?box=incoming&page_size=200&project_id=" + std::to_string(demo::kNorthstarPsh));
    REQUIRE(psh.status == 200);
    CHECK(psh.body["total"].get<int>() > 0);
    // project_id matches either end of the referral.
    for (const auto& r : psh.body["items"])
      CHECK((r["to_project_id"] == demo::kNorthstarPsh || r["from_project_id"] == demo::kNorthstarPsh));
  }
  {  // every sort orders by its key
    for (const std::string& sort : std::vector<std::string>{"referral_date", "-referral_date", "status", "-status", "client_name", "-client_name"}) {
      auto reply = provider.get("/api/referrals?box=incoming&page_size=200&sort=" + query(sort));
      REQUIRE(reply.status == 200);
      bool descending = sort[0] == '-';
      std::string key = descending ? sort.substr(1) : sort;
      std::vector<std::string> values;
      for (const auto& r : reply.body["items"]) values.push_back(key == "client_name" ? lower(r[key].get<std::string>())
                                                                                      : r[key].get<std::string>());
      INFO("sort=", sort);
      if (key == "client_name") continue;  // accent folding makes byte order differ; checked below for ASCII keys
      if (descending) CHECK(std::is_sorted(values.rbegin(), values.rend()));
      else CHECK(std::is_sorted(values.begin(), values.end()));
    }
    auto by_name = provider.get("/api/referrals?box=incoming&page_size=200&sort=client_name");
    auto by_name_desc = provider.get("/api/referrals?box=incoming&page_size=200&sort=-client_name");
    REQUIRE(by_name.status == 200);
    REQUIRE(by_name_desc.status == 200);
    CHECK(by_name.body["items"].front()["client_name"] != by_name_desc.body["items"].front()["client_name"]);
  }
  {  // pages of every sort, read one after another, are the whole list in the same order; filtered
     // by status (sorted another way by the database), the list is the unfiltered one's pending rows
    REQUIRE(incoming.body["total"].get<int>() <= 200);
    for (const std::string& sort : std::vector<std::string>{"-referral_date", "referral_date", "status", "-status", "client_name", "-client_name"}) {
      std::vector<std::int64_t> unfiltered_pending;
      for (const std::string filter : {"", "&status=pending"}) {
        INFO("sort=", sort, filter);
        auto whole = provider.get("/api/referrals?box=incoming&page_size=200&sort=" + query(sort) + filter);
        REQUIRE(whole.status == 200);
        int total = whole.body["total"].get<int>();
        std::vector<std::int64_t> expected, paged;
        for (const auto& r : whole.body["items"]) {
          expected.push_back(r["id"].get<std::int64_t>());
          if (filter.empty() && r["status"] == "pending") unfiltered_pending.push_back(expected.back());
        }
        for (int page = 1; page <= (total + 6) / 7; ++page) {
          auto reply = provider.get("/api/referrals?box=incoming&page_size=7&sort=" + query(sort) + filter + "&page=" + std::to_string(page));
          REQUIRE(reply.status == 200);
          for (const auto& r : reply.body["items"]) paged.push_back(r["id"].get<std::int64_t>());
        }
        CHECK(paged == expected);
        if (!filter.empty()) CHECK(expected == unfiltered_pending);
      }
    }
  }
  {  // renaming a client moves their referrals in the client-name order at once
    auto first = provider.get("/api/referrals?box=incoming&page_size=1&sort=client_name");
    REQUIRE(first.status == 200);
    std::int64_t client_id = first.body["items"][0]["client_id"].get<std::int64_t>();
    std::string client_path = "/api/clients/" + std::to_string(client_id);
    auto client = provider.get(client_path);
    REQUIRE(client.status == 200);
    auto text = [&](const char* key) { return client.body[key].is_null() ? std::string() : client.body[key].get<std::string>(); };
    auto renamed = provider.patch(client_path, {{"first_name", text("first_name")}, {"last_name", "Zzyzx"},
                                                {"date_of_birth", text("date_of_birth")}, {"ssn_last4", text("ssn_last4")},
                                                {"version", client.body["version"]}});
    REQUIRE(renamed.status == 200);
    auto by_name = provider.get("/api/referrals?box=incoming&page_size=200&sort=client_name");
    auto by_name_desc = provider.get("/api/referrals?box=incoming&page_size=200&sort=-client_name");
    REQUIRE(by_name.status == 200);
    REQUIRE(by_name_desc.status == 200);
    CHECK(by_name.body["items"].back()["client_id"] == client_id);
    CHECK(by_name.body["items"].back()["client_name"] == text("first_name") + " Zzyzx");
    CHECK(by_name_desc.body["items"].front()["client_id"] == client_id);
    CHECK(by_name.body["items"].front()["client_id"] != client_id);
  }
}

TEST_CASE("the receiving organization enrolls the client from a referral resolved with Services Provided, once") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  auto provider = Api::signed_in(server, "demo-provider");
  auto referral = create_referral(caseworker, 14, demo::kRiversideNavigation, demo::kNorthstarRrh, 4);
  referral = resolve(provider, acknowledge(provider, referral), "services_provided");
  json enrollment = {{"client_id", 14},
                     {"project_id", demo::kNorthstarRrh},
                     {"entry_date", days_ago(0)},
                     {"referral_id", referral["id"]}};
  auto made = provider.post("/api/enrollments", enrollment);
  REQUIRE(made.status == 201);
  CHECK(made.body["client_id"] == 14);
  CHECK(made.body["project_id"] == demo::kNorthstarRrh);
  CHECK(made.body["referral_id"] == referral["id"]);
  CHECK(made.body["entry_date"] == days_ago(0));

  auto again = provider.post("/api/enrollments", enrollment);
  CHECK(again.status == 422);
  CHECK(again.names_field("referral_id"));

  auto listed = caseworker.get("/api/clients/14/enrollments");
  REQUIRE(listed.status == 200);
  int matching = 0;
  for (const auto& e : listed.body["items"]) matching += e["referral_id"] == referral["id"];
  CHECK(matching == 1);
  auto history = provider.get(path_of(referral, "/history"));
  CHECK(actions_of(history.body) == std::vector<std::string>{"create", "acknowledge", "resolve", "enroll"});

  {  // the referral must match the client and the project, and the entry date must be possible
    auto other_client = provider.post("/api/enrollments", {{"client_id", 15},
                                                           {"project_id", demo::kNorthstarRrh},
                                                           {"entry_date", days_ago(0)},
                                                           {"referral_id", referral["id"]}});
    CHECK(other_client.status == 422);
    CHECK(other_client.names_field("referral_id"));
    auto before_referral = create_referral(caseworker, 16, demo::kRiversideNavigation, demo::kNorthstarPsh, 2);
    before_referral = resolve(provider, acknowledge(provider, before_referral));
    auto early = provider.post("/api/enrollments", {{"client_id", 16},
                                                    {"project_id", demo::kNorthstarPsh},
                                                    {"entry_date", days_ago(5)},
                                                    {"referral_id", before_referral["id"]}});
    CHECK(early.status == 422);
    CHECK(early.names_field("entry_date"));
    auto future = provider.post("/api/enrollments",
                                {{"client_id", 16}, {"project_id", demo::kNorthstarPsh}, {"entry_date", days_ago(-3)}});
    CHECK(future.status == 422);
    CHECK(future.names_field("entry_date"));
  }
  {  // without a referral, into the organization's own project
    auto walk_in = provider.post("/api/enrollments",
                                 {{"client_id", 17}, {"project_id", demo::kNorthstarTh}, {"entry_date", days_ago(1)}});
    CHECK(walk_in.status == 201);
    CHECK(walk_in.body["referral_id"].is_null());
    auto elsewhere = provider.post("/api/enrollments",
                                   {{"client_id", 17}, {"project_id", demo::kMapleRrh}, {"entry_date", days_ago(1)}});
    CHECK(elsewhere.status == 403);
  }
}

TEST_CASE("enrolling from a referral not resolved with Services Provided is refused, and nothing is written") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  auto provider = Api::signed_in(server, "demo-provider");
  auto admin = Api::signed_in(server, "demo-admin");
  auto enroll = [&](Api& api, const json& referral) {
    return api.post("/api/enrollments", {{"client_id", referral["client_id"]},
                                         {"project_id", referral["to_project_id"]},
                                         {"entry_date", days_ago(0)},
                                         {"referral_id", referral["id"]}});
  };
  auto enrollments_of = [&](std::int64_t client) {
    return sql_value(server.db_path(), "SELECT count(*) FROM enrollments WHERE client_id = " + std::to_string(client));
  };

  auto pending = create_referral(caseworker, 30, demo::kRiversideNavigation, demo::kNorthstarRrh, 3);
  auto refused = enroll(provider, pending);
  CHECK(refused.status == 409);
  CHECK(refused.code() == "invalid_state");
  CHECK(refused.body["error"]["message"] ==
        "A pending referral cannot lead to an enrollment: only one resolved with Services Provided can");
  CHECK(refused.names_field("referral_id"));
  CHECK(enroll(admin, pending).status == 409);  // a system admin too: the rule is the referral's state

  auto acknowledged = acknowledge(provider, create_referral(caseworker, 31, demo::kRiversideNavigation,
                                                            demo::kNorthstarRrh, 3));
  CHECK(enroll(provider, acknowledged).status == 409);
  auto rejected = resolve(provider, acknowledge(provider, create_referral(caseworker, 32, demo::kRiversideNavigation,
                                                                          demo::kNorthstarRrh, 3)),
                          "rejected");
  auto after_rejection = enroll(provider, rejected);
  CHECK(after_rejection.status == 409);
  CHECK(after_rejection.body["error"]["message"].get<std::string>().find("resolved with Rejected") !=
        std::string::npos);
  for (std::int64_t client : {30, 31, 32}) CHECK(enrollments_of(client) == "0");
  for (const auto& r : {pending, acknowledged, rejected}) {
    auto history = provider.get(path_of(r, "/history"));
    auto actions = actions_of(history.body);
    CHECK(std::find(actions.begin(), actions.end(), "enroll") == actions.end());
  }

  // The referring organization may not enroll even once it is resolved: it does not run the project.
  auto resolved = resolve(provider, acknowledge(provider, create_referral(caseworker, 33, demo::kRiversideNavigation,
                                                                          demo::kNorthstarRrh, 3)));
  CHECK(enroll(caseworker, resolved).status == 403);
  CHECK(enroll(provider, resolved).status == 201);
}

TEST_CASE("an enrollment or a referral dated before the client's birth is refused at its date") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  auto provider = Api::signed_in(server, "demo-provider");
  auto baby = create_client(caseworker, "Nia", "Okafor", days_ago(10));
  json referral_body = {{"client_id", baby["id"]},
                        {"from_project_id", demo::kRiversideNavigation},
                        {"to_project_id", demo::kNorthstarRrh},
                        {"referral_date", days_ago(11)},
                        {"note", ""}};
  auto early_referral = caseworker.post("/api/referrals", referral_body);
  CHECK(early_referral.status == 422);
  REQUIRE(early_referral.names_field("referral_date"));
  CHECK(early_referral.fields()["referral_date"].get<std::string>().find("on or after the client's date of birth") !=
        std::string::npos);
  referral_body["referral_date"] = days_ago(10);  // the day of birth itself is possible
  auto referral = caseworker.post("/api/referrals", referral_body);
  REQUIRE(referral.status == 201);

  auto early_walk_in = provider.post("/api/enrollments", {{"client_id", baby["id"]},
                                                          {"project_id", demo::kNorthstarTh},
                                                          {"entry_date", days_ago(12)}});
  CHECK(early_walk_in.status == 422);
  CHECK(early_walk_in.names_field("entry_date"));
  CHECK(sql_value(server.db_path(), "SELECT count(*) FROM enrollments WHERE client_id = " +
                                        std::to_string(baby["id"].get<std::int64_t>())) == "0");
  // Without a date of birth there is nothing to compare with.
  auto unknown = create_client(caseworker, "Ama", "Mensah");
  auto long_ago = caseworker.post("/api/referrals", {{"client_id", unknown["id"]},
                                                     {"from_project_id", demo::kRiversideNavigation},
                                                     {"to_project_id", demo::kNorthstarRrh},
                                                     {"referral_date", "1950-01-01"},
                                                     {"note", ""}});
  CHECK(long_ago.status == 201);
}

TEST_CASE("the same enrollment (client, project, entry date) is made once; the second is a 422 at the entry date") {
  ServerProcess server(demo_options());
  auto provider = Api::signed_in(server, "demo-provider");
  json walk_in = {{"client_id", 40}, {"project_id", demo::kNorthstarTh}, {"entry_date", days_ago(3)}};
  REQUIRE(provider.post("/api/enrollments", walk_in).status == 201);
  auto twice = provider.post("/api/enrollments", walk_in);
  CHECK(twice.status == 422);
  REQUIRE(twice.names_field("entry_date"));
  CHECK(twice.fields()["entry_date"].get<std::string>().find("already enrolled") != std::string::npos);
  // Typed as a US date it is the same day.
  walk_in["entry_date"] = days_ago(3).substr(5, 2) + "/" + days_ago(3).substr(8, 2) + "/" + days_ago(3).substr(0, 4);
  CHECK(provider.post("/api/enrollments", walk_in).status == 422);
  CHECK(sql_value(server.db_path(), "SELECT count(*) FROM enrollments WHERE client_id = 40") == "1");
  // Another day, or another project, is another stay.
  walk_in["entry_date"] = days_ago(1);
  CHECK(provider.post("/api/enrollments", walk_in).status == 201);
  walk_in["project_id"] = demo::kNorthstarPsh;
  CHECK(provider.post("/api/enrollments", walk_in).status == 201);
  CHECK(sql_value(server.db_path(), "SELECT count(*) FROM enrollments WHERE client_id = 40") == "3");
}

TEST_CASE("clients: add, read, edit, and find by name prefix, accent-free, date of birth or ID") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");

  auto made = caseworker.post("/api/clients", {{"first_name", "  Zoë Anne "},
                                               {"last_name", "Quixote-O'Hara"},
                                               {"date_of_birth", "02/29/2000"},
                                               {"ssn_last4", "0042"}});
  REQUIRE(made.status == 201);
  CHECK(made.body["first_name"] == "Zoë Anne");
  CHECK(made.body["last_name"] == "Quixote-O'Hara");
  CHECK(made.body["date_of_birth"] == "2000-02-29");
  CHECK(made.body["ssn_last4"] == "0042");
  CHECK(made.body["version"] == 1);
  std::int64_t id = made.body["id"].get<std::int64_t>();
  CHECK(id > 300);
  auto read = caseworker.get("/api/clients/" + std::to_string(id));
  REQUIRE(read.status == 200);
  CHECK(read.body == made.body);

  auto ids = [](const Reply& reply) {
    std::set<std::int64_t> out;
    for (const auto& c : reply.body["items"]) out.insert(c["id"].get<std::int64_t>());
    return out;
  };
  for (const std::string& q : std::vector<std::string>{"zoe", "ZOË", "quix", "zo quix", "quixote-o'hara", "hara", "2000-02-29", "02/29/2000",
                              std::to_string(id), "#" + std::to_string(id)}) {
    auto found = caseworker.get("/api/clients?q=" + query(q));
    INFO("q=", q, ": ", found.raw.substr(0, 300));
    REQUIRE(found.status == 200);
    CHECK(ids(found).count(id) == 1);
  }
  auto miss = caseworker.get("/api/clients?q=" + query("zoe smith"));
  REQUIRE(miss.status == 200);
  CHECK(ids(miss).count(id) == 0);

  {  // "nguyen" finds "Nguyễn", and Maria by her date of birth
    auto nguyen = caseworker.get("/api/clients?q=nguyen&page_size=200");
    REQUIRE(nguyen.status == 200);
    CHECK(nguyen.body["total"].get<int>() >= 1);
    for (const auto& c : nguyen.body["items"]) {
      bool match = c["last_name"].get<std::string>().find("Nguyễn") != std::string::npos ||
                   c["first_name"].get<std::string>().find("Nguyễn") != std::string::npos;
      CHECK(match);
    }
    CHECK(ids(caseworker.get("/api/clients?q=1988-04-12")).count(1) == 1);
    CHECK(ids(caseworker.get("/api/clients?q=04/12/1988")).count(1) == 1);
    CHECK(ids(caseworker.get("/api/clients?q=%231")).count(1) == 1);
    // Typed with combining accents (decomposed), or in capitals, it is the same search.
    CHECK(ids(caseworker.get("/api/clients?q=" + query("Jose\u0301 NGUYE\u0302\u0303N"))).count(1) == 1);
    CHECK(ids(caseworker.get("/api/clients?q=" + query("maria nguy"))).count(1) == 1);
  }
  {  // an empty query lists everyone, by last name then first name, 50 to a page
    auto all = caseworker.get("/api/clients");
    REQUIRE(all.status == 200);
    CHECK(all.body["total"] == 301);
    CHECK(all.body["items"].size() == 50);
    auto big = caseworker.get("/api/clients?page_size=200&page=2");
    REQUIRE(big.status == 200);
    CHECK(big.body["items"].size() == 101);
  }
  {  // edit with the version; the answer has the next version
    auto edited = caseworker.patch("/api/clients/" + std::to_string(id), {{"first_name", "Zoë"},
                                                                          {"last_name", "Quixote"},
                                                                          {"date_of_birth", "2000-02-29"},
                                                                          {"ssn_last4", ""},
                                                                          {"version", 1}});
    REQUIRE(edited.status == 200);
    CHECK(edited.body["first_name"] == "Zoë");
    CHECK(edited.body["ssn_last4"].is_null());
    CHECK(edited.body["version"] == 2);
    CHECK(caseworker.get("/api/clients/" + std::to_string(id)).body["version"] == 2);
    auto missing = caseworker.patch("/api/clients/999999", {{"first_name", "A"}, {"last_name", "B"}, {"version", 1}});
    CHECK(missing.status == 404);
  }
  CHECK(caseworker.get("/api/clients/999999").status == 404);
  CHECK(caseworker.get("/api/clients/999999/referrals").status == 404);
  CHECK(caseworker.get("/api/clients/999999/enrollments").status == 404);
}

TEST_CASE("every read of a client's record is written to the audit log with who read it") {
  ServerProcess server(demo_options());
  auto outreach = Api::signed_in(server, "demo-outreach");
  auto count_reads = [&](std::int64_t client) {
    return sql_value(server.db_path(), "SELECT count(*) FROM audit_log WHERE entity = 'client' AND entity_id = " +
                                           std::to_string(client) + " AND action = 'read'");
  };
  CHECK(count_reads(5) == "0");
  REQUIRE(outreach.get("/api/clients/5").status == 200);
  REQUIRE(outreach.get("/api/clients/5").status == 200);
  CHECK(count_reads(5) == "2");
  CHECK(sql_value(server.db_path(), "SELECT user_name || '|' || organization_id || '|' || workgroup FROM audit_log "
                                    "WHERE entity = 'client' AND entity_id = 5 AND action = 'read' ORDER BY id DESC") ==
        "Omar Outreach|6|hmis_user");
  // A failed read of a missing client is not a read of anyone.
  CHECK(outreach.get("/api/clients/999999").status == 404);
  CHECK(count_reads(999999) == "0");
}

TEST_CASE("organizations and projects list the CoC, projects optionally of one organization") {
  ServerProcess server(demo_options());
  auto api = Api::signed_in(server, "demo-outreach");
  auto orgs = api.get("/api/organizations");
  REQUIRE(orgs.status == 200);
  REQUIRE(orgs.body["items"].size() == 7);
  const char* names[] = {"Waypoint CoC HMIS Administration", "Riverside Family Services", "Northstar Housing Partners",
                         "Harbor Light Shelter", "Cedar County Coordinated Entry", "Open Door Outreach",
                         "Maple Street Youth Services"};
  for (int i = 0; i < 7; ++i) {
    bool found = false;
    for (const auto& o : orgs.body["items"]) found = found || (o["id"] == i + 1 && o["name"] == names[i]);
    CHECK_MESSAGE(found, names[i]);
  }
  auto projects = api.get("/api/projects");
  REQUIRE(projects.status == 200);
  CHECK(projects.body["items"].size() >= 12);
  std::set<std::string> types;
  for (const auto& p : projects.body["items"]) types.insert(p["project_type"].get<std::string>());
  CHECK(types.size() >= 5);
  auto northstar = api.get("/api/projects?organization_id=3");
  REQUIRE(northstar.status == 200);
  CHECK(northstar.body["items"].size() == 3);
  for (const auto& p : northstar.body["items"]) {
    CHECK(p["organization_id"] == demo::kNorthstar);
    CHECK(p["organization_name"] == "Northstar Housing Partners");
  }
  auto none = api.get("/api/projects?organization_id=999");
  REQUIRE(none.status == 200);
  CHECK(none.body["items"].empty());
}
