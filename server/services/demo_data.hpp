// Demo data: a fictional Continuum of Care for `waypoint-server --demo`.
#pragma once

#include "server/services/services.hpp"

#include <string>
#include <utility>
#include <vector>

namespace waypoint {

inline constexpr const char* kDemoPassword = "waypoint-demo";

// Loads the demo into an empty database; false (and nothing written) when it already has data.
bool load_demo_data(storage::Database& database);
// (username, memberships in words) for the start-up message and the README.
std::vector<std::pair<std::string, std::string>> demo_sign_ins();

}  // namespace waypoint
