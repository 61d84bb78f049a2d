// The use cases the HTTP layer calls. Each service authorizes, validates with shared/,
// runs one transaction through storage/, and audits. Nothing here knows about HTTP.
#pragma once

#include "server/storage/database.hpp"
#include "shared/health.hpp"

namespace waypoint {

struct Services {
  explicit Services(storage::Database& database) : db(database) {}
  storage::Database& db;

  Health health();
};

}  // namespace waypoint
