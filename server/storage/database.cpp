#include "server/storage/database.hpp"

#include <atomic>
#include <cstdio>
#include <map>
#include <memory>

namespace waypoint::storage {

namespace {
std::atomic<std::uint64_t> next_database_id{1};
thread_local Connection* leased = nullptr;
thread_local const Database* leased_from = nullptr;
}

Database::Database(std::string path) : path_(std::move(path)), id_(next_database_id++) {}

Database::~Database() {
  if (checkpointer_.joinable()) {
    {
      std::lock_guard lock(checkpoint_mutex_);
      stopping_ = true;
    }
    checkpoint_wanted_.notify_all();
    checkpointer_.join();
  }
}

Connection& Database::connection() {
  if (leased && leased_from == this) return *leased;
  // Keyed by database id so tests that open several databases in one process stay apart.
  thread_local std::map<std::uint64_t, std::unique_ptr<Connection>> connections;
  auto& slot = connections[id_];
  if (!slot) slot = std::make_unique<Connection>(path_, &writers_);
  return *slot;
}

Lease::Lease(Database& database) : database_(database), previous_(leased), previous_from_(leased_from) {
  std::unique_lock lock(database.pool_mutex_);
  database.pool_returned_.wait(lock, [&] { return !database.idle_.empty() || database.opened_ < kMaxConnections; });
  if (!database.idle_.empty()) {
    connection_ = std::move(database.idle_.back());
    database.idle_.pop_back();
  } else {
    ++database.opened_;
    lock.unlock();
    try {
      connection_ = std::make_unique<Connection>(database.path_, &database.writers_);
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
  leased_from = previous_from_;
  std::lock_guard lock(database_.pool_mutex_);
  database_.idle_.push_back(std::move(connection_));
  database_.pool_returned_.notify_one();
}

WriteLease::WriteLease(Database& database)
    : turn_(database.writers_), previous_(leased), previous_from_(leased_from) {
  if (!database.writer_) {
    // No writers mutex: this connection's transactions already run inside the turn held here.
    database.writer_ = std::make_unique<Connection>(database.path_);
    std::lock_guard lock(database.checkpoint_mutex_);
    if (database.checkpointer_.joinable())
      sqlite3_wal_hook(database.writer_->handle(), &Database::on_wal_commit, &database);
  }
  leased = database.writer_.get();
  leased_from = &database;
}

WriteLease::~WriteLease() {
  leased = previous_;
  leased_from = previous_from_;
}

int Database::on_wal_commit(void* self, sqlite3*, const char*, int pages) {
  if (pages >= kCheckpointPages) {
    auto* database = static_cast<Database*>(self);
    {
      std::lock_guard lock(database->checkpoint_mutex_);
      database->checkpoint_due_ = true;
    }
    database->checkpoint_wanted_.notify_one();
  }
  return SQLITE_OK;
}

void Database::start_checkpointer() {
  std::lock_guard turn(writers_);  // the writer connection is not in use while its hook changes
  std::lock_guard lock(checkpoint_mutex_);
  if (checkpointer_.joinable()) return;
  checkpointer_ = std::thread([this] { checkpoint_loop(); });
  if (writer_) sqlite3_wal_hook(writer_->handle(), &Database::on_wal_commit, this);
}

void Database::checkpoint_loop() {
  Connection conn(path_);
  std::unique_lock lock(checkpoint_mutex_);
  while (true) {
    checkpoint_wanted_.wait(lock, [&] { return checkpoint_due_ || stopping_; });
    if (stopping_) return;
    checkpoint_due_ = false;
    lock.unlock();
    // PASSIVE: copies what no reader still needs and never blocks readers or writers; the next
    // writer restarts the WAL from its beginning once everything in it has been copied.
    int rc = sqlite3_wal_checkpoint_v2(conn.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY)
      std::fprintf(stderr, "waypoint-server: checkpoint: %s\n", sqlite3_errmsg(conn.handle()));
    lock.lock();
  }
}

int Database::schema_version() {
  auto& stmt = connection().prepare("PRAGMA user_version");
  stmt.step();
  int version = stmt.integer(0);
  stmt.reset();
  return version;
}

}  // namespace waypoint::storage
