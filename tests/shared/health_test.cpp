#include "shared/health.hpp"

#include <doctest/doctest.h>

using waypoint::Health;

TEST_CASE("a health document survives a JSON round trip") {
  Health health{"ok", "1.2.3", 4};
  auto parsed = waypoint::health_from_json(waypoint::health_to_json(health));
  REQUIRE(parsed);
  CHECK(parsed->status == "ok");
  CHECK(parsed->version == "1.2.3");
  CHECK(parsed->schema_version == 4);
}

TEST_CASE("a body that is not a health document is refused without throwing") {
  CHECK_FALSE(waypoint::health_from_json(nlohmann::json::array()));
  CHECK_FALSE(waypoint::health_from_json({{"status", 1}, {"version", "x"}, {"schema_version", 1}}));
  CHECK_FALSE(waypoint::health_from_json({{"status", "ok"}, {"version", "x"}}));
}
