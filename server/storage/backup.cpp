// Backup and restore: see backup.hpp. Plain SQLite handles rather than storage::Connection, whose
// pragmas (WAL, memory map) are for serving, not for copying a file once.
#include "server/storage/backup.hpp"

#include "server/storage/database.hpp"
#include "server/storage/sqlite.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <thread>

namespace waypoint::storage {

namespace fs = std::filesystem;

namespace {

struct CloseHandle {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Handle = std::unique_ptr<sqlite3, CloseHandle>;

Handle open_handle(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Handle db(raw);
  if (rc != SQLITE_OK)
    throw BackupError("cannot open " + path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

// The first column of the first row of `sql`, as text; `rc` gets SQLite's code.
std::string first_value(sqlite3* db, const char* sql, int& rc) {
  sqlite3_stmt* stmt = nullptr;
  rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
  std::string value;
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      value = text ? text : "";
      rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
      rc = SQLITE_OK;
    }
  }
  sqlite3_finalize(stmt);
  return value;
}

std::string first_value(sqlite3* db, const char* sql) {
  int rc = SQLITE_OK;
  std::string value = first_value(db, sql, rc);
  if (rc != SQLITE_OK) throw BackupError(std::string(sql) + ": " + sqlite3_errmsg(db));
  return value;
}

std::string problem_of(sqlite3* db) {
  int rc = SQLITE_OK;
  std::string version_text = first_value(db, "PRAGMA user_version", rc);
  if (rc != SQLITE_OK) return std::string("it is not an SQLite database (") + sqlite3_errmsg(db) + ")";
  int version = std::atoi(version_text.c_str());
  if (version < 1) return "it is not a Waypoint database (no schema version)";
  if (version > latest_schema_version())
    return "its schema version " + std::to_string(version) + " is newer than this server's (" +
           std::to_string(latest_schema_version()) + "): use the waypoint-server that made it";
  std::string tables = first_value(
      db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'clients', 'referrals', "
          "'audit_log')", rc);
  if (rc != SQLITE_OK || tables != "4") return "it is not a Waypoint database (its tables are missing)";
  std::string integrity = first_value(db, "PRAGMA integrity_check", rc);
  if (rc != SQLITE_OK) return std::string("its integrity check could not run: ") + sqlite3_errmsg(db);
  if (integrity != "ok") return "it failed SQLite's integrity check: " + integrity;
  return {};
}

int schema_of(sqlite3* db) { return std::atoi(first_value(db, "PRAGMA user_version").c_str()); }

void sync_folder_of(const std::string& path) {
  auto parent = fs::path(path).parent_path();
  int fd = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// A new file beside `target`, mode 0600 (mkstemp's), removed again unless kept.
class TemporaryFile {
 public:
  explicit TemporaryFile(const std::string& target) {
    std::string pattern = target + ".partial-XXXXXX";
    int fd = ::mkstemp(pattern.data());
    if (fd < 0) throw BackupError("cannot create a file beside " + target + ": " + std::strerror(errno));
    ::close(fd);
    path_ = pattern;
  }
  ~TemporaryFile() {
    if (path_.empty()) return;
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path_ + suffix, ec);
  }
  const std::string& path() const { return path_; }
  void rename_to(const std::string& target) {
    if (std::rename(path_.c_str(), target.c_str()) != 0)
      throw BackupError("cannot rename " + path_ + " to " + target + ": " + std::strerror(errno));
    path_.clear();
    sync_folder_of(target);
  }

 private:
  std::string path_;
};

// Copies every page of `source` into the file at `target` (through a checked temporary file) and
// answers the schema version and the size written.
CopyReport copy_into(sqlite3* source, const std::string& target) {
  TemporaryFile temporary(target);
  {
    Handle copy = open_handle(temporary.path(), SQLITE_OPEN_READWRITE);
    sqlite3_backup* backup = sqlite3_backup_init(copy.get(), "main", source, "main");
    if (!backup) throw BackupError(std::string("backup: ") + sqlite3_errmsg(copy.get()));
    // All pages in one step: one read snapshot of the source, so the copy is one consistent moment
    // even while a server commits (WAL readers never block its writers, nor it them).
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 100; ++attempt) {
      rc = sqlite3_backup_step(backup, -1);
      if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) throw BackupError(std::string("backup: ") + sqlite3_errstr(rc));
  }
  // The copied header still says WAL (the source's mode). Reopened, it is switched to a rollback
  // journal, so the file stands alone: nothing in a -wal beside it that a plain copy would miss.
  Handle copy = open_handle(temporary.path(), SQLITE_OPEN_READWRITE);
  if (first_value(copy.get(), "PRAGMA journal_mode=DELETE") != "delete")
    throw BackupError("cannot take " + temporary.path() + " out of WAL mode");
  if (auto problem = problem_of(copy.get()); !problem.empty())
    throw BackupError("the copy is not sound, " + problem);
  CopyReport report{schema_of(copy.get()), 0};
  copy.reset();
  if (int fd = ::open(temporary.path().c_str(), O_RDONLY | O_CLOEXEC); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  report.bytes = static_cast<std::int64_t>(fs::file_size(temporary.path()));
  temporary.rename_to(target);
  return report;
}

bool any_file_of(const std::string& db_path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    if (fs::exists(db_path + suffix, ec)) return true;
  return false;
}

// A server keeps its connections open, and a WAL database leaves WAL mode only when no other
// connection has it open: so if switching succeeds, no server is using the file.
void refuse_if_in_use(const std::string& db_path) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(db_path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
  Handle db(raw);
  if (rc != SQLITE_OK) return;  // not openable as a database: nothing can be serving it
  int mode_rc = SQLITE_OK;
  std::string mode = first_value(db.get(), "PRAGMA journal_mode=DELETE", mode_rc);
  if ((mode_rc & 0xff) == SQLITE_NOTADB) return;  // not a database at all: --force replaces it
  if (mode_rc != SQLITE_OK || mode != "delete")
    throw BackupError(db_path + " is open in another process (a running waypoint-server?): stop it, then restore");
}

}  // namespace

std::string waypoint_database_problem(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return "there is no file at " + path;
  Handle db = open_handle(path, SQLITE_OPEN_READONLY);
  return problem_of(db.get());
}

CopyReport backup_database(const std::string& db_path, const std::string& to, bool overwrite) {
  std::error_code ec;
  if (!fs::is_regular_file(db_path, ec)) throw BackupError("there is no database at " + db_path);
  if (fs::exists(to, ec)) {
    if (fs::equivalent(db_path, to, ec)) throw BackupError("the backup file cannot be the database itself");
    if (!overwrite) throw BackupError(to + " already exists: pass --force to replace it");
  }
  // Read-write so that SQLite may recover a WAL left by a stopped server; nothing is written.
  Handle source = open_handle(db_path, SQLITE_OPEN_READWRITE);
  sqlite3_busy_timeout(source.get(), 5000);
  int rc = SQLITE_OK;
  std::string version = first_value(source.get(), "PRAGMA user_version", rc);
  if (rc != SQLITE_OK || std::atoi(version.c_str()) < 1)
    throw BackupError(db_path + " is not a Waypoint database");
  return copy_into(source.get(), to);
}

CopyReport restore_database(const std::string& from, const std::string& db_path, bool overwrite) {
  if (auto problem = waypoint_database_problem(from); !problem.empty())
    throw BackupError("not restoring " + from + ": " + problem);
  if (any_file_of(db_path)) {
    if (!overwrite) throw BackupError(db_path + " already exists: pass --force to replace it (stop the server first)");
    refuse_if_in_use(db_path);
  }
  Handle source = open_handle(from, SQLITE_OPEN_READONLY);
  auto parent = fs::path(db_path).parent_path();
  if (!parent.empty()) fs::create_directories(parent);
  // Whatever journal the old database left would be replayed into the restored file: removed first.
  std::error_code ec;
  for (const char* suffix : {"-wal", "-shm", "-journal"}) fs::remove(db_path + suffix, ec);
  auto report = copy_into(source.get(), db_path);
  keep_database_private(db_path);
  return report;
}

}  // namespace waypoint::storage
