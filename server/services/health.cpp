#include "server/services/repositories.hpp"
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

void Services::housekeeping() {
  auto& conn = db.connection();
  std::int64_t now = unix_now();
  storage::UnitOfWork tx(conn);
  storage::delete_expired_sessions(conn, now - sessions.idle_seconds(), now - sessions.max_age_seconds());
  storage::purge_idempotent_replies(conn, now - 48 * 3600);
  tx.commit();
}

}  // namespace waypoint
