// The client's whole state. Screens draw from it; only update() changes it.
#pragma once

#include "shared/health.hpp"

#include <optional>
#include <string>

namespace waypoint::client {

enum class ServerLink { unknown, checking, online, unreachable };

struct HealthState {
  ServerLink link = ServerLink::unknown;
  std::optional<Health> health;
  std::string problem;  // what went wrong, in words for the user
  int attempts = 0;
};

struct State {
  HealthState health;
};

}  // namespace waypoint::client
