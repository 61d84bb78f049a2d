// GET /api/health: what the server says about itself. The client's first screen shows it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace waypoint {

struct Health {
  std::string status;  // "ok" when the server and its database answer
  std::string version;
  int schema_version = 0;
};

nlohmann::json health_to_json(const Health& health);
// Non-throwing: nullopt when the body is not a health document.
std::optional<Health> health_from_json(const nlohmann::json& body);

}  // namespace waypoint
