#include "server/storage/list_version_repo.hpp"

#include "server/storage/sqlite.hpp"

namespace waypoint::storage {

std::int64_t list_version(Connection& db) {
  auto& s = db.prepare("SELECT version FROM list_version");
  std::int64_t version = s.step() ? s.int64(0) : 0;
  s.reset();
  return version;
}

void bump_list_version(Connection& db) { db.prepare("UPDATE list_version SET version = version + 1").run(); }

}  // namespace waypoint::storage
