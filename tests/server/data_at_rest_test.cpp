// The data at rest: the database and its WAL and shared-memory files are the server's user's only
// (0600), new or found world-readable; `waypoint-server backup` copies a database while a server
// keeps writing to it, consistently, into a 0600 file; `restore` brings it back into a server that
// finds the data, and refuses what is not a Waypoint database, an existing database without
// --force, and a database a running server has open.
#include "api_client.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

using namespace waypoint::test;
using namespace std::chrono_literals;

namespace {

namespace fs = std::filesystem;

int mode_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return -1;
  return static_cast<int>(st.st_mode & 0777);
}

CommandResult server_command(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {WAYPOINT_SERVER_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, "");
}

// A folder of the test's own, removed at the end.
struct Folder {
  std::string path;
  Folder() {
    char pattern[] = "/tmp/waypoint-rest-XXXXXX";
    path = mkdtemp(pattern);
  }
  ~Folder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

TEST_CASE("the database, its WAL and shared-memory files are created readable by the server's user only") {
  Folder folder;
  const std::string db = folder.path + "/private.db";
  ServerOptions options = demo_options();
  options.db_path = db;
  {
    ServerProcess server(options);
    CHECK(Api(server).sign_in("demo-provider").status == 200);  // a write: the WAL is in use
    for (const char* suffix : {"", "-wal", "-shm"}) {
      INFO(db, suffix);
      CHECK(mode_of(db + suffix) == 0600);
    }
  }
  // One left world-readable (by an older version, or by hand) is made private when a server opens it.
  for (const char* suffix : {"", "-wal", "-shm"})
    if (fs::exists(db + suffix)) ::chmod((db + suffix).c_str(), 0644);
  ServerProcess again(options);
  CHECK(Api(again).sign_in("demo-provider").status == 200);
  for (const char* suffix : {"", "-wal", "-shm"}) {
    INFO(db, suffix);
    CHECK(mode_of(db + suffix) == 0600);
  }
}

TEST_CASE("a backup taken while the server writes is consistent and restores into a server that finds the data") {
  Folder folder;
  ServerProcess server(demo_options());
  const std::string backup = folder.path + "/backup.db", restored = folder.path + "/restored/waypoint.db";
  // A writer keeps adding clients throughout the backup.
  std::atomic<bool> writing{true};
  std::atomic<int> written{0};
  std::vector<std::int64_t> before_backup;
  std::atomic<bool> backup_started{false};
  std::mutex ids_mutex;
  std::thread writer([&] {
    auto api = Api::signed_in(server, "demo-caseworker");
    for (int i = 0; writing; ++i) {
      auto reply = api.post("/api/clients", {{"first_name", "Copy"}, {"last_name", "Backupwriter"}});
      if (reply.status != 201) continue;
      ++written;
      if (!backup_started) {
        std::lock_guard lock(ids_mutex);
        before_backup.push_back(reply.body["id"].get<std::int64_t>());
      }
    }
  });
  while (written < 20) std::this_thread::sleep_for(10ms);
  backup_started = true;
  auto made = server_command({"backup", "--db", server.db_path(), "--to", backup});
  int written_during = written;
  std::this_thread::sleep_for(200ms);
  writing = false;
  writer.join();
  INFO(made.out, made.err);
  REQUIRE(made.exit_code == 0);
  CHECK(made.out.find("Backed up") != std::string::npos);
  CHECK(mode_of(backup) == 0600);
  CHECK_FALSE(fs::exists(backup + "-wal"));  // one self-contained file
  CHECK(written > written_during);           // the server kept writing after it
  // One moment of the database: every client in it has its audit row, and everything answered
  // before the backup began is in it.
  auto in_backup = std::stoll(sql_value(backup, "SELECT count(*) FROM clients WHERE last_name = 'Backupwriter'"));
  CHECK(in_backup >= static_cast<long long>(before_backup.size()));
  CHECK(sql_value(backup, "SELECT count(*) FROM clients c WHERE last_name = 'Backupwriter' AND NOT EXISTS "
                          "(SELECT 1 FROM audit_log a WHERE a.entity = 'client' AND a.entity_id = c.id "
                          "AND a.action = 'create')") == "0");
  CHECK(sql_value(backup, "PRAGMA integrity_check") == "ok");

  auto back = server_command({"restore", "--from", backup, "--db", restored});
  INFO(back.out, back.err);
  REQUIRE(back.exit_code == 0);
  CHECK(mode_of(restored) == 0600);
  ServerOptions options;
  options.db_path = restored;
  ServerProcess revived(options);
  auto caseworker = Api::signed_in(revived, "demo-caseworker");
  auto first = caseworker.get("/api/clients/" + std::to_string(before_backup.front()));
  CHECK(first.status == 200);
  CHECK(first.body["last_name"] == "Backupwriter");
  auto found = caseworker.get("/api/clients?q=backupwriter&page_size=1");
  REQUIRE(found.status == 200);
  CHECK(found.body["total"] == in_backup);
}

TEST_CASE("restore refuses what is not a Waypoint database, an existing database without --force, and a live one") {
  Folder folder;
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  const std::string backup = folder.path + "/backup.db";
  REQUIRE(server_command({"backup", "--db", server.db_path(), "--to", backup}).exit_code == 0);
  {  // a backup never replaces a file silently
    auto again = server_command({"backup", "--db", server.db_path(), "--to", backup});
    CHECK(again.exit_code != 0);
    CHECK(again.err.find("--force") != std::string::npos);
    CHECK(server_command({"backup", "--db", server.db_path(), "--to", backup, "--force"}).exit_code == 0);
  }
  {  // not a database, and a database that is not Waypoint's
    const std::string text = folder.path + "/notes.txt", other = folder.path + "/other.db";
    std::ofstream(text) << "not a database at all, just some words";
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(other.c_str(), &db) == SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    for (const auto& from : {text, other, folder.path + "/missing.db"}) {
      auto refused = server_command({"restore", "--from", from, "--db", folder.path + "/target.db"});
      INFO(from, ": ", refused.err);
      CHECK(refused.exit_code != 0);
      CHECK(refused.err.find("not restoring") != std::string::npos);
      CHECK_FALSE(fs::exists(folder.path + "/target.db"));
    }
  }
  {  // the running server's own database: not without --force, and not while it is open even with it
    auto refused = server_command({"restore", "--from", backup, "--db", server.db_path()});
    CHECK(refused.exit_code != 0);
    CHECK(refused.err.find("--force") != std::string::npos);
    auto live = server_command({"restore", "--from", backup, "--db", server.db_path(), "--force"});
    INFO(live.err);
    CHECK(live.exit_code != 0);
    CHECK(live.err.find("running waypoint-server") != std::string::npos);
    CHECK(caseworker.get("/api/clients?q=nguyen").status == 200);  // still serving its own data
  }
  // Stopped, it may be replaced.
  std::string db_path = server.db_path();
  server.stop();
  auto replaced = server_command({"restore", "--from", backup, "--db", db_path, "--force"});
  INFO(replaced.err);
  CHECK(replaced.exit_code == 0);
  CHECK(mode_of(db_path) == 0600);
}
