#include "client/store/update.hpp"

#include "tests/client/replies.hpp"

#include <doctest/doctest.h>

using namespace waypoint::client;
using waypoint::client::testing::reply;

TEST_CASE("starting the app asks the server for its health") {
  State state;
  auto effects = update(state, AppStarted{});
  REQUIRE(effects.size() == 2);  // health, then the session from the cookie
  auto& request = std::get<HttpRequest>(effects[0]);
  CHECK(request.method == "GET");
  CHECK(request.path == "/api/health");
  CHECK(state.health.link == ServerLink::checking);
}

TEST_CASE("a health reply shows the server online with its version") {
  State state;
  update(state, AppStarted{});
  update(state, reply(RequestKind::health, 200, R"({"status":"ok","version":"0.1.0","schema_version":1})"));
  CHECK(state.health.link == ServerLink::online);
  REQUIRE(state.health.health);
  CHECK(state.health.health->version == "0.1.0");
}

TEST_CASE("a network failure says the server is unreachable and retry asks again") {
  State state;
  update(state, AppStarted{});
  update(state, reply(RequestKind::health, 0, ""));
  CHECK(state.health.link == ServerLink::unreachable);
  CHECK_FALSE(state.health.problem.empty());
  auto effects = update(state, RetryHealth{});
  CHECK(effects.size() == 1);
  CHECK(state.health.attempts == 2);
}

TEST_CASE("a reply that is not JSON is reported, not trusted") {
  State state;
  update(state, reply(RequestKind::health, 502, "<html>Bad gateway</html>"));
  CHECK(state.health.link == ServerLink::unreachable);
  CHECK(state.health.problem.find("502") != std::string::npos);
}

TEST_CASE("the effect runner's count of slow requests is the state the spinners read") {
  State state;
  CHECK(state.requests_slow == 0);
  CHECK(update(state, RequestsSlow{2}).empty());
  CHECK(state.requests_slow == 2);
  update(state, RequestsSlow{0});
  CHECK(state.requests_slow == 0);
}
