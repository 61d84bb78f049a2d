#include "server/services/services.hpp"
#include "shared/version.hpp"

namespace waypoint {

Health Services::health() {
  Health result{"ok", kVersion, 0};
  try {
    result.schema_version = db.schema_version();
  } catch (const storage::StorageError&) {
    result.status = "database_unavailable";
  }
  return result;
}

}  // namespace waypoint
