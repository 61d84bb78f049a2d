// waypoint-server: flags, wiring, start. Serves the JSON API and the web app.
//   waypoint-server [--port 8080] [--bind 127.0.0.1] [--db data/waypoint.db] [--web-root DIR] [--demo]
//   waypoint-server create-user --db PATH --username U --password-stdin --membership ORG_ID:WORKGROUP
//   waypoint-server backup --db PATH --to FILE [--force]      (safe while the server runs)
//   waypoint-server restore --from FILE --db PATH [--force]   (with the server stopped)
//   waypoint-server openapi                                  (prints the API's OpenAPI document)
#include "server/http/api.hpp"
#include "server/http/server.hpp"
#include "server/services/demo_data.hpp"
#include "server/services/services.hpp"
#include "server/storage/backup.hpp"
#include "server/storage/catalog_repo.hpp"
#include "server/storage/database.hpp"
#include "shared/version.hpp"

#include <CLI/CLI.hpp>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <pthread.h>
#include <sys/resource.h>
#include <thread>

#ifndef WAYPOINT_DEFAULT_WEB_ROOT
#define WAYPOINT_DEFAULT_WEB_ROOT "build/wasm/web"
#endif

namespace {

std::string default_web_root() {
  // The built web app of this source tree; a relative fallback keeps a moved checkout working from its root.
  std::error_code ec;
  if (std::filesystem::is_directory(WAYPOINT_DEFAULT_WEB_ROOT, ec)) return WAYPOINT_DEFAULT_WEB_ROOT;
  return "build/wasm/web";
}

void ensure_parent_folder(const std::string& path) {
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
}

std::mutex housekeeping_mutex;
std::condition_variable housekeeping_stop;
bool stopping = false;

struct RunOptions {
  std::string db_path = "data/waypoint.db";
  bool demo = false;
  waypoint::SessionPolicy sessions;
};

// create-user: the first administrator of a new deployment (or any user) from the command line.
// Creates the database and runs migrations if needed; SQLite's locking makes it safe beside a running server.
int create_user(const std::string& db_path, const std::string& username, const std::string& display_name,
                const std::vector<std::string>& memberships, const std::vector<std::string>& new_organizations) {
  std::string password;
  std::getline(std::cin, password);
  ensure_parent_folder(db_path);
  waypoint::storage::Database db(db_path);
  db.migrate();
  for (const auto& name : new_organizations) {
    auto id = waypoint::storage::insert_organization(db.connection(), name);
    std::printf("Created organization %lld: %s\n", static_cast<long long>(id), name.c_str());
  }
  waypoint::NewUserRequest request{username, password, display_name.empty() ? username : display_name, {}};
  for (const auto& m : memberships) {
    auto colon = m.find(':');
    if (colon == std::string::npos) {
      std::fprintf(stderr, "waypoint-server: --membership must be ORG_ID:WORKGROUP, not %s\n", m.c_str());
      return 2;
    }
    try {
      request.memberships.push_back({std::stoll(m.substr(0, colon)), m.substr(colon + 1)});
    } catch (...) {
      std::fprintf(stderr, "waypoint-server: --membership must be ORG_ID:WORKGROUP, not %s\n", m.c_str());
      return 2;
    }
  }
  waypoint::Services services(db);
  auto created = services.create_user(nullptr, request);
  if (!created) {
    std::fprintf(stderr, "waypoint-server: %s\n", created.error().message.c_str());
    for (const auto& [field, message] : created.error().fields)
      std::fprintf(stderr, "  %s: %s\n", field.c_str(), message.c_str());
    return 1;
  }
  std::printf("Created user %s (id %lld)\n", username.c_str(), static_cast<long long>(created.value()["id"].get<std::int64_t>()));
  return 0;
}

// backup and restore: the whole database as one self-contained file (server/storage/backup.hpp).
int copy_database(bool restore, const std::string& from, const std::string& to, bool force) {
  auto report = restore ? waypoint::storage::restore_database(from, to, force)
                        : waypoint::storage::backup_database(from, to, force);
  std::printf("%s %s to %s (schema %d, %lld bytes)\n", restore ? "Restored" : "Backed up", from.c_str(), to.c_str(),
              report.schema_version, static_cast<long long>(report.bytes));
  return 0;
}

int run_server(waypoint::http::ServerOptions options, const RunOptions& run) {
  const std::string& db_path = run.db_path;
  // Block the stop signals in every thread; one thread waits for them and stops the server,
  // so in-flight requests finish and SQLite closes cleanly.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  // Every open connection is a descriptor: take the hard limit so the edge's caps, not the
  // default 1,024, decide when a client is turned away.
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
  }

  ensure_parent_folder(db_path);
  waypoint::storage::Database db(db_path);
  int schema = db.migrate();
  if (run.demo && waypoint::load_demo_data(db)) std::printf("Loaded the demo data into %s\n", db_path.c_str());
  db.start_checkpointer();
  waypoint::Services services(db, run.sessions);
  waypoint::http::Server server(options, services);
  std::string tls_error;
  if (!server.load_tls(tls_error)) {
    std::fprintf(stderr, "waypoint-server: TLS: %s\n", tls_error.c_str());
    return 1;
  }
  if (server.static_file_count() == 0) {
    std::fprintf(stderr, "waypoint-server: no web app at %s (build it with script/server); serving the API only\n",
                 options.web_root.c_str());
  }
  int port = server.bind();
  if (port <= 0) {
    std::fprintf(stderr, "waypoint-server: cannot listen on %s:%d (is another server using it?)\n",
                 options.bind.c_str(), options.port);
    return 1;
  }
  std::printf("Waypoint %s (schema %d, database %s)\n", waypoint::kVersion, schema, db_path.c_str());
  std::printf("Waypoint listening on %s://%s:%d\n", server.tls() ? "https" : "http", options.bind.c_str(), port);
  if (run.demo) {
    std::printf("Demo sign-ins (password \"%s\"):\n", waypoint::kDemoPassword);
    for (const auto& [user, roles] : waypoint::demo_sign_ins()) std::printf("  %-18s %s\n", user.c_str(), roles.c_str());
  }
  std::fflush(stdout);

  std::thread stopper([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    std::printf("Waypoint stopping (signal %d)\n", signal);
    std::fflush(stdout);
    server.stop();
  });
  std::thread housekeeper([&] {
    std::unique_lock lock(housekeeping_mutex);
    while (!housekeeping_stop.wait_for(lock, std::chrono::minutes(10), [] { return stopping; })) {
      try {
        services.housekeeping();
      } catch (const std::exception& e) {
        std::fprintf(stderr, "waypoint-server: housekeeping: %s\n", e.what());
      }
    }
  });
  bool ok = server.listen();
  {
    std::lock_guard lock(housekeeping_mutex);
    stopping = true;
  }
  housekeeping_stop.notify_all();
  housekeeper.join();
  if (stopper.joinable()) {
    pthread_kill(stopper.native_handle(), SIGTERM);  // wake the waiter if listen ended on its own
    stopper.join();
  }
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Waypoint: referrals and housing inventory for a Continuum of Care"};
  app.set_version_flag("--version", std::string(waypoint::kVersion));
  waypoint::http::ServerOptions options;
  options.web_root = default_web_root();
  RunOptions run;
  app.add_option("--port", options.port, "TCP port (0 picks a free one)")->capture_default_str();
  app.add_option("--bind", options.bind, "Address to listen on")->capture_default_str();
  app.add_option("--db", run.db_path, "SQLite database file (created on first start)")->capture_default_str();
  app.add_flag("--demo", run.demo, "Load the demo CoC into an empty database and list its sign-ins");
  app.add_option("--session-idle-minutes", run.sessions.idle_minutes, "Sign out after this much inactivity")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 24.0 * 60));
  app.add_option("--session-max-hours", run.sessions.max_hours, "Sign out this long after sign-in, however active")
      ->capture_default_str()
      ->check(CLI::Range(0.0005, 7.0 * 24));
  app.add_option("--inactive-lock-days", run.sessions.inactive_lock_days,
                 "Lock accounts unused this long, until an administrator unlocks them")
      ->capture_default_str()
      ->check(CLI::Range(0.00001, 3650.0));
  app.add_option("--web-root", options.web_root, "Folder of the built web app")->capture_default_str();
  app.add_option("--threads", options.edge.workers, "Worker threads (they run whole requests; waiting costs none)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  app.add_option("--max-connections-per-address", options.edge.max_connections_per_address,
                 "Open connections one client address may hold")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  app.add_option("--tls-cert", options.tls_cert, "PEM certificate (chain): serve HTTPS only")->check(CLI::ExistingFile);
  app.add_option("--tls-key", options.tls_key, "PEM private key of --tls-cert")->check(CLI::ExistingFile);
  app.add_option("--public-origin", options.public_origin,
                 "The origin users open (https://waypoint.example.org) when it is not the bind address");
  auto* create = app.add_subcommand("create-user", "Create a user (e.g. the first system administrator)");
  std::string cu_db = "data/waypoint.db", cu_user, cu_name;
  std::vector<std::string> cu_memberships, cu_orgs;
  bool cu_stdin = false;
  create->add_option("--db", cu_db, "SQLite database file (created if missing)")->capture_default_str();
  create->add_option("--username", cu_user, "Username")->required();
  create->add_option("--display-name", cu_name, "Name shown in the app and the audit trail");
  create->add_flag("--password-stdin", cu_stdin, "Read the password from standard input")->required();
  create->add_option("--membership", cu_memberships, "ORG_ID:WORKGROUP (repeatable)")->required();
  create->add_option("--create-organization", cu_orgs, "Create an organization first (repeatable; ids print)");
  auto* backup = app.add_subcommand("backup", "Copy the database into one file, consistent while the server runs");
  std::string bk_db = "data/waypoint.db", bk_to;
  bool bk_force = false;
  backup->add_option("--db", bk_db, "SQLite database file")->capture_default_str();
  backup->add_option("--to", bk_to, "Backup file to write (mode 0600)")->required();
  backup->add_flag("--force", bk_force, "Replace the backup file if it exists");
  auto* restore = app.add_subcommand("restore", "Replace the database with a backup (stop the server first)");
  std::string rs_from, rs_db = "data/waypoint.db";
  bool rs_force = false;
  restore->add_option("--from", rs_from, "Backup file, checked before anything is replaced")->required();
  restore->add_option("--db", rs_db, "SQLite database file to create or replace")->capture_default_str();
  restore->add_flag("--force", rs_force, "Replace the database if it exists");
  auto* openapi = app.add_subcommand("openapi", "Print the OpenAPI document of the API (GET /api/openapi.json)");
  CLI11_PARSE(app, argc, argv);

  if (*openapi) {
    std::printf("%s\n", waypoint::http::openapi_document().dump(2).c_str());
    return 0;
  }

  try {
    if (*create) return create_user(cu_db, cu_user, cu_name, cu_memberships, cu_orgs);
    if (*backup) return copy_database(false, bk_db, bk_to, bk_force);
    if (*restore) return copy_database(true, rs_from, rs_db, rs_force);
    return run_server(options, run);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "waypoint-server: %s\n", e.what());
    return 1;
  }
}
