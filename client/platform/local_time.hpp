// UTC timestamps from the server shown in the browser's local time and language.
#pragma once

#include <string>

namespace waypoint::client::local_time {

// "2025-05-01T14:03:00Z" -> "05/01/2025, 10:03 AM" (local); the input unchanged if unreadable.
std::string format(const std::string& iso_utc);

}  // namespace waypoint::client::local_time
