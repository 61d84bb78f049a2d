#include "server/storage/database.hpp"

#include <atomic>
#include <map>
#include <memory>

namespace waypoint::storage {

namespace {
std::atomic<std::uint64_t> next_database_id{1};
}

Database::Database(std::string path) : path_(std::move(path)), id_(next_database_id++) {}

Connection& Database::connection() {
  // Keyed by database id so tests that open several databases in one process stay apart.
  thread_local std::map<std::uint64_t, std::unique_ptr<Connection>> connections;
  auto& slot = connections[id_];
  if (!slot) slot = std::make_unique<Connection>(path_);
  return *slot;
}

int Database::schema_version() {
  auto& stmt = connection().prepare("PRAGMA user_version");
  stmt.step();
  int version = stmt.integer(0);
  stmt.reset();
  return version;
}

}  // namespace waypoint::storage
