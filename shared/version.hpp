// The product version, one value for server and client (set by CMake from project()).
#pragma once

namespace waypoint {
#ifdef WAYPOINT_VERSION
inline constexpr const char* kVersion = WAYPOINT_VERSION;
#else
inline constexpr const char* kVersion = "0.0.0-dev";
#endif
}  // namespace waypoint
