#include "server/storage/database.hpp"

#include <atomic>
#include <map>
#include <memory>

namespace waypoint::storage {

namespace {
std::atomic<std::uint64_t> next_database_id{1};
thread_local Connection* leased = nullptr;
thread_local const Database* leased_from = nullptr;
}

Database::Database(std::string path) : path_(std::move(path)), id_(next_database_id++) {}

Connection& Database::connection() {
  if (leased && leased_from == this) return *leased;
  // Keyed by database id so tests that open several databases in one process stay apart.
  thread_local std::map<std::uint64_t, std::unique_ptr<Connection>> connections;
  auto& slot = connections[id_];
  if (!slot) slot = std::make_unique<Connection>(path_);
  return *slot;
}

Lease::Lease(Database& database) : database_(database), previous_(leased) {
  std::unique_lock lock(database.pool_mutex_);
  database.pool_returned_.wait(lock, [&] { return !database.idle_.empty() || database.opened_ < kMaxConnections; });
  if (!database.idle_.empty()) {
    connection_ = std::move(database.idle_.back());
    database.idle_.pop_back();
  } else {
    ++database.opened_;
    lock.unlock();
    try {
      connection_ = std::make_unique<Connection>(database.path_);
    } catch (...) {
      std::lock_guard relock(database.pool_mutex_);
      --database.opened_;
      database.pool_returned_.notify_one();
      throw;
    }
  }
  leased = connection_.get();
  leased_from = &database;
}

Lease::~Lease() {
  leased = previous_;
  leased_from = previous_ ? &database_ : nullptr;
  std::lock_guard lock(database_.pool_mutex_);
  database_.idle_.push_back(std::move(connection_));
  database_.pool_returned_.notify_one();
}

int Database::schema_version() {
  auto& stmt = connection().prepare("PRAGMA user_version");
  stmt.step();
  int version = stmt.integer(0);
  stmt.reset();
  return version;
}

}  // namespace waypoint::storage
