// The database: a file path, its migrations, and one SQLite connection per server thread
// (SQLite connections are not shared across threads; WAL lets readers run beside a writer).
#pragma once

#include "server/storage/sqlite.hpp"

#include <string>

namespace waypoint::storage {

class Database {
 public:
  explicit Database(std::string path);
  const std::string& path() const { return path_; }

  // The calling thread's connection, opened on first use.
  Connection& connection();

  // Applies every migration newer than the file's user_version, each in its own transaction.
  int migrate();
  int schema_version();

 private:
  std::string path_;
  std::uint64_t id_;
};

int latest_schema_version();

}  // namespace waypoint::storage
