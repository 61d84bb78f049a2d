// Backup and restore of the whole database (waypoint-server backup / restore), with SQLite's online
// backup API: a backup is one read snapshot, so it is consistent while a server keeps writing, and
// it is a single self-contained file (rollback journal mode, no -wal beside it).
//
// Both write a temporary file beside the target (mode 0600: it is client data), check it, and
// rename it into place, so a crash or a full disk never leaves a half-written target behind.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace waypoint::storage {

struct BackupError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct CopyReport {
  int schema_version = 0;
  std::int64_t bytes = 0;  // of the file written
};

// Copies the database at `db_path` into `to`. Refuses to replace an existing `to` unless `overwrite`.
CopyReport backup_database(const std::string& db_path, const std::string& to, bool overwrite);

// Makes `db_path` a copy of the backup `from`, once `from` proves to be a whole Waypoint database this
// build can open. Refuses to replace an existing database unless `overwrite`, and always refuses
// while another process (a running server) has it open.
CopyReport restore_database(const std::string& from, const std::string& db_path, bool overwrite);

// Empty when the file at `path` is a Waypoint database this build can open: SQLite's integrity_check
// passes, its schema version is one this build knows, and the core tables are there. Else what is wrong.
std::string waypoint_database_problem(const std::string& path);

}  // namespace waypoint::storage
