// The version of everything lists show: a counter in the database, bumped inside each write's unit
// of work, so a rendered list kept by any process is known to be stale once any process has written.
#pragma once

#include <cstdint>

namespace waypoint::storage {

class Connection;

std::int64_t list_version(Connection& db);
void bump_list_version(Connection& db);

}  // namespace waypoint::storage
