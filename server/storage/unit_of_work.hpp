// What storage/ offers the layers above: units of work over an opaque Connection, the write turns
// they take, and the one exception a storage failure raises. No SQLite type appears here.
#pragma once

#include <mutex>
#include <stdexcept>
#include <string>

namespace waypoint::storage {

class Connection;

struct StorageError : std::runtime_error {
  int code;
  StorageError(int c, const std::string& what) : std::runtime_error(what), code(c) {}
};

// Where the write transactions of one process take turns. A writer waiting for its turn starts
// the moment the previous one ends, instead of being polled awake by SQLite's busy handler with
// sleeps of up to 100 ms (which cost a third of the write throughput and p99s of ~0.5 s).
class WriteTurns {
 public:
  virtual ~WriteTurns() = default;
  // The sole right to write until the lock is released (anything pending is committed first).
  virtual std::unique_lock<std::mutex> exclusive() = 0;
};

// One unit of work: a transaction on a connection, rolled back unless committed. A write one is
// BEGIN IMMEDIATE, which takes the write lock at once, so two writers never deadlock upgrading a
// read; a read one is one snapshot. Inside an open transaction it becomes a SAVEPOINT, so a use
// case's unit of work nests in the per-request one (which also stores the idempotency record).
class UnitOfWork {
 public:
  explicit UnitOfWork(Connection& connection, bool write = true);
  UnitOfWork(const UnitOfWork&) = delete;
  UnitOfWork& operator=(const UnitOfWork&) = delete;
  ~UnitOfWork();
  void commit();

 private:
  Connection& connection_;
  std::unique_lock<std::mutex> writer_turn_;
  bool open_ = true;
  bool nested_ = false;
};

}  // namespace waypoint::storage
