#include "shared/health.hpp"

namespace waypoint {

nlohmann::json health_to_json(const Health& health) {
  return {{"status", health.status}, {"version", health.version}, {"schema_version", health.schema_version}};
}

std::optional<Health> health_from_json(const nlohmann::json& body) {
  if (!body.is_object()) return std::nullopt;
  auto status = body.find("status");
  auto version = body.find("version");
  auto schema = body.find("schema_version");
  if (status == body.end() || !status->is_string()) return std::nullopt;
  if (version == body.end() || !version->is_string()) return std::nullopt;
  if (schema == body.end() || !schema->is_number_integer()) return std::nullopt;
  return Health{status->get<std::string>(), version->get<std::string>(), schema->get<int>()};
}

}  // namespace waypoint
