// The database: a file path, its migrations, a bounded pool of read connections lent to request
// threads, and the one connection every write transaction of the process uses, in turn.
#pragma once

#include "server/storage/sqlite.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace waypoint::storage {

class Database {
 public:
  explicit Database(std::string path);
  ~Database();
  const std::string& path() const { return path_; }

  // The connection of the calling thread's current Lease or WriteLease, or else the thread's own
  // (opened on first use: command line, start-up, housekeeping).
  Connection& connection();

  // Applies every migration newer than the file's user_version, each in its own transaction.
  int migrate();
  int schema_version();

  // Moves WAL checkpoints off the write path: commits stop copying the WAL back into the database
  // (and waiting for its fsync while the next writers queue), and a background thread does it once
  // the WAL holds kCheckpointPages pages. Stopped by the destructor.
  void start_checkpointer();
  static constexpr int kCheckpointPages = 1000;  // SQLite's own auto-checkpoint threshold

 private:
  friend class Lease;
  friend class WriteLease;
  static int on_wal_commit(void* self, sqlite3* db, const char* name, int pages);
  void checkpoint_loop();

  std::string path_;
  std::uint64_t id_;
  // Connections lent to request threads for reads. Bounded, so memory does not grow with the thread
  // pool (every kept-alive browser holds a thread; each SQLite connection has its own page cache).
  std::mutex pool_mutex_;
  std::condition_variable pool_returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int opened_ = 0;
  // Write transactions take turns on this mutex (see Connection). The writer connection is used only
  // by its holder: being the only connection that writes, its cache and memory map stay valid across
  // commits instead of being dropped whenever another connection changed the file.
  std::mutex writers_;
  std::unique_ptr<Connection> writer_;
  // Checkpointer
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_wanted_;
  bool checkpoint_due_ = false;
  bool stopping_ = false;
  std::thread checkpointer_;
};

// Lends one of the database's pooled read connections to the calling thread for a request.
class Lease {
 public:
  static constexpr int kMaxConnections = 12;
  explicit Lease(Database& database);
  ~Lease();
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

 private:
  Database& database_;
  std::unique_ptr<Connection> connection_;
  Connection* previous_;
  const Database* previous_from_;
};

// The calling thread's turn to write: holds the writer mutex and makes the writer connection the
// thread's connection until destroyed. Transactions opened on it nest as usual.
class WriteLease {
 public:
  explicit WriteLease(Database& database);
  ~WriteLease();
  WriteLease(const WriteLease&) = delete;
  WriteLease& operator=(const WriteLease&) = delete;

 private:
  std::unique_lock<std::mutex> turn_;
  Connection* previous_;
  const Database* previous_from_;
};

int latest_schema_version();

}  // namespace waypoint::storage
