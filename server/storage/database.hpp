// The database: a file path, its migrations, a bounded pool of read connections lent to request
// threads, and the one connection every write transaction of the process uses, in turn.
#pragma once

#include "server/storage/unit_of_work.hpp"

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct sqlite3;  // the checkpointer's WAL hook; the type stays opaque above storage/

namespace waypoint::storage {

class Connection;

class Database : public WriteTurns {
 public:
  explicit Database(std::string path);
  ~Database() override;
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
  // 32 MB of WAL: copying back many commits at once writes each hot page once, and the write turn
  // is then taken for the short remainder only every second or so under full load.
  static constexpr int kCheckpointPages = 8000;
  // Catch-up passes outside the turn stop once one finds fewer new frames than this.
  static constexpr int kCheckpointHeldFrames = 256;
  static constexpr int kCheckpointCatchUps = 4;

  std::unique_lock<std::mutex> exclusive() override;

 private:
  // Group commit: write requests that queue behind each other share one SQLite transaction (each
  // its own savepoint), committed by the last of them; each is answered only after that commit.
  // A commit writes every page it changed to the WAL, and consecutive outcome POSTs change many of
  // the same pages (counts, audit and idempotency tails, index interiors), so sharing commits
  // writes far fewer pages per request.
  struct Batch {
    std::mutex mutex;
    std::condition_variable done_signal;
    bool done = false;
    bool committed = false;
    int members = 0;
  };
  static constexpr int kMaxBatch = 32;
  void end_batch(bool commit);  // with the writers_ lock held
  friend class Lease;
  friend class WriteLease;
  static int on_wal_commit(void* self, sqlite3* db, const char* name, int pages);
  void watch_wal(Connection& conn);
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
  std::atomic<int> queued_writers_{0};
  std::shared_ptr<Batch> open_batch_;  // guarded by writers_
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

// The calling thread's turn to write: makes the writer connection the thread's connection, inside
// the current group-commit batch (see Database). Transactions opened on it are savepoints in that
// batch; finish() hands the turn on and returns once the batch is durable (or has failed).
class WriteLease {
 public:
  explicit WriteLease(Database& database);
  ~WriteLease();
  WriteLease(const WriteLease&) = delete;
  WriteLease& operator=(const WriteLease&) = delete;
  bool finish();  // true when everything written under this lease is committed

 private:
  Database& database_;
  std::unique_lock<std::mutex> turn_;
  std::shared_ptr<Database::Batch> batch_;
  bool finished_ = false;
  bool committed_ = false;
  Connection* previous_;
  const Database* previous_from_;
};

int latest_schema_version();

// Client data is for the server's own user only: creates the database file 0600 if it is missing
// and takes group and other access away from it and from its -wal, -shm and -journal files if they
// have it (SQLite creates those with the database file's mode, so they follow). Database's
// constructor calls it; so do backup and restore for the files they write.
void keep_database_private(const std::string& path);

}  // namespace waypoint::storage
