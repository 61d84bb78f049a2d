// The database: a file path, its migrations, and one SQLite connection per server thread
// (SQLite connections are not shared across threads; WAL lets readers run beside a writer).
#pragma once

#include "server/storage/sqlite.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace waypoint::storage {

class Database {
 public:
  explicit Database(std::string path);
  const std::string& path() const { return path_; }

  // The connection of the calling thread's current Lease, or else the thread's own (opened on first use:
  // command line, start-up, housekeeping).
  Connection& connection();

  // Applies every migration newer than the file's user_version, each in its own transaction.
  int migrate();
  int schema_version();

 private:
  friend class Lease;
  std::string path_;
  std::uint64_t id_;
  // Connections lent to request threads. Bounded, so memory does not grow with the thread pool
  // (every kept-alive browser holds a thread; each SQLite connection has its own page cache).
  std::mutex pool_mutex_;
  std::condition_variable pool_returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int opened_ = 0;
};

// Lends one of the database's pooled connections to the calling thread for a request.
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
};

int latest_schema_version();

}  // namespace waypoint::storage
