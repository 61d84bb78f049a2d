// Idempotency-Key over real HTTP: the same key and body replays the first response (with the
// Idempotent-Replay header) and applies nothing twice; the same key with another request is a 422.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

using namespace waypoint::test;

namespace {

waypoint::test::Headers key(const std::string& value) { return {{"Idempotency-Key", value}}; }

std::string count_audit(const ServerProcess& server, const std::string& entity, std::int64_t id,
                        const std::string& action) {
  return sql_value(server.db_path(), "SELECT count(*) FROM audit_log WHERE entity = '" + entity +
                                         "' AND entity_id = " + std::to_string(id) + " AND action = '" + action + "'");
}

}  // namespace

TEST_CASE("the same key and body replays the first response and creates nothing twice") {
  ServerProcess server(demo_options());
  auto api = Api::signed_in(server, "demo-caseworker");
  json body = {{"first_name", "Replay"}, {"last_name", "Once"}, {"date_of_birth", "1990-01-02"}, {"ssn_last4", ""}};

  auto first = api.post("/api/clients", body, key("client-once-1"));
  REQUIRE(first.status == 201);
  CHECK(first.header("Idempotent-Replay").empty());
  auto again = api.post("/api/clients", body, key("client-once-1"));
  CHECK(again.status == 201);
  CHECK(again.header("Idempotent-Replay") == "true");
  CHECK(again.body == first.body);
  auto third = api.post("/api/clients", body, key("client-once-1"));
  CHECK(third.body == first.body);

  CHECK(api.get("/api/clients").body["total"] == 301);
  CHECK(api.get("/api/clients?q=" + query("replay once")).body["total"] == 1);
  CHECK(count_audit(server, "client", first.body["id"].get<std::int64_t>(), "create") == "1");

  // Without a key the same request is a new client each time: the check above can tell.
  CHECK(api.post("/api/clients", body).status == 201);
  CHECK(api.post("/api/clients", body).status == 201);
  CHECK(api.get("/api/clients?q=" + query("replay once")).body["total"] == 3);
}

TEST_CASE("a replayed acknowledgement leaves the version and the history unchanged") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  auto provider = Api::signed_in(server, "demo-provider");
  auto referral = create_referral(caseworker, 30, demo::kRiversideNavigation, demo::kNorthstarRrh);
  std::string path = "/api/referrals/" + std::to_string(referral["id"].get<std::int64_t>());
  json body = {{"date_acknowledged", days_ago(1)}, {"version", referral["version"]}};

  auto first = provider.post(path + "/acknowledge", body, key("ack-1"));
  REQUIRE(first.status == 200);
  CHECK(first.body["version"] == 2);
  auto replay = provider.post(path + "/acknowledge", body, key("ack-1"));
  CHECK(replay.status == 200);  // not 409: the first answer, not a second attempt
  CHECK(replay.header("Idempotent-Replay") == "true");
  CHECK(replay.body == first.body);

  auto now = get_referral(provider, referral["id"].get<std::int64_t>());
  CHECK(now["version"] == 2);
  CHECK(now["status"] == "acknowledged");
  auto history = provider.get(path + "/history");
  REQUIRE(history.status == 200);
  CHECK(history.body["items"].size() == 2);

  // A retry without the key is a second attempt, refused on its merits.
  auto without = provider.post(path + "/acknowledge", body);
  CHECK(without.status == 409);
  CHECK(get_referral(provider, referral["id"].get<std::int64_t>())["version"] == 2);
}

TEST_CASE("the same key with another body or another path is a 422 and changes nothing") {
  ServerProcess server(demo_options());
  auto api = Api::signed_in(server, "demo-caseworker");
  json body = {{"first_name", "Keyed"}, {"last_name", "Person"}};
  auto first = api.post("/api/clients", body, key("reused-key"));
  REQUIRE(first.status == 201);

  json other = {{"first_name", "Other"}, {"last_name", "Person"}};
  auto reused = api.post("/api/clients", other, key("reused-key"));
  CHECK(reused.status == 422);
  CHECK(reused.names_field("Idempotency-Key"));
  CHECK(reused.header("Idempotent-Replay").empty());

  auto referral = api.post("/api/referrals",
                           {{"client_id", 1}, {"from_project_id", 1}, {"to_project_id", 3}, {"referral_date", days_ago(1)}},
                           key("reused-key"));
  CHECK(referral.status == 422);
  CHECK(referral.names_field("Idempotency-Key"));

  CHECK(api.get("/api/clients?q=" + query("other person")).body["total"] == 0);
  CHECK(api.get("/api/clients?q=" + query("keyed person")).body["total"] == 1);
  CHECK(api.get("/api/clients").body["total"] == 301);
  CHECK(sql_value(server.db_path(), "SELECT count(*) FROM referrals") == "800");
  // The original still replays.
  CHECK(api.post("/api/clients", body, key("reused-key")).body == first.body);
}

TEST_CASE("a refusal is replayed as the same refusal") {
  ServerProcess server(demo_options());
  auto api = Api::signed_in(server, "demo-caseworker");
  json bad = {{"first_name", "R2D2"}, {"last_name", "Droid"}};
  auto first = api.post("/api/clients", bad, key("refused-1"));
  REQUIRE(first.status == 422);
  auto replay = api.post("/api/clients", bad, key("refused-1"));
  CHECK(replay.status == 422);
  CHECK(replay.body == first.body);
  CHECK(api.get("/api/clients").body["total"] == 300);
}

TEST_CASE("an idempotency key of one user never replays another user's response") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  auto provider = Api::signed_in(server, "demo-provider");
  json body = {{"first_name", "Shared"}, {"last_name", "Key"}};
  auto mine = caseworker.post("/api/clients", body, key("same-key-two-users"));
  REQUIRE(mine.status == 201);
  auto theirs = provider.post("/api/clients", body, key("same-key-two-users"));
  CHECK(theirs.status == 201);
  CHECK(theirs.header("Idempotent-Replay").empty());
  CHECK(theirs.body["id"] != mine.body["id"]);
  CHECK(caseworker.get("/api/clients?q=" + query("shared key")).body["total"] == 2);
}

TEST_CASE("concurrent requests with one key apply once and answer alike") {
  ServerProcess server(demo_options());
  auto token = Api::signed_in(server, "demo-caseworker").token();
  json body = {{"first_name", "Racing"}, {"last_name", "Twins"}};
  constexpr int kThreads = 6;
  std::vector<Reply> replies(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      Api api(server);
      api.set_token(token);
      replies[static_cast<size_t>(i)] = api.post("/api/clients", body, key("race-key"));
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& reply : replies) {
    CHECK(reply.status == 201);
    CHECK(reply.body == replies[0].body);
  }
  Api api(server);
  api.set_token(token);
  CHECK(api.get("/api/clients?q=" + query("racing twins")).body["total"] == 1);
}

TEST_CASE("a replay still works after the server restarts") {
  char pattern[] = "/tmp/waypoint-idem-XXXXXX";
  std::string folder = mkdtemp(pattern);
  ServerOptions options = demo_options();
  options.db_path = folder + "/restart.db";
  json body = {{"first_name", "Survives"}, {"last_name", "Restart"}};
  Reply first;
  std::string token;
  {
    ServerProcess server(options);
    auto api = Api::signed_in(server, "demo-caseworker");
    token = api.token();
    first = api.post("/api/clients", body, key("restart-key"));
    REQUIRE(first.status == 201);
    server.kill_hard();
  }
  {
    ServerProcess server(options);
    Api api(server);
    api.set_token(token);  // sessions are stored, so the token still works
    auto replay = api.post("/api/clients", body, key("restart-key"));
    CHECK(replay.status == 201);
    CHECK(replay.header("Idempotent-Replay") == "true");
    CHECK(replay.body == first.body);
    CHECK(api.get("/api/clients?q=" + query("survives restart")).body["total"] == 1);
  }
  std::filesystem::remove_all(folder);
}
