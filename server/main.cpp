// waypoint-server: flags, wiring, start. Serves the JSON API and the web app.
//   waypoint-server [--port 8080] [--bind 127.0.0.1] [--db data/waypoint.db] [--web-root DIR] [--demo]
//   waypoint-server create-user --db PATH --username U --password-stdin --membership ORG_ID:WORKGROUP
#include "server/http/server.hpp"
#include "server/services/services.hpp"
#include "server/storage/database.hpp"
#include "shared/version.hpp"

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <pthread.h>
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

int run_server(waypoint::http::ServerOptions options, const std::string& db_path) {
  // Block the stop signals in every thread; one thread waits for them and stops the server,
  // so in-flight requests finish and SQLite closes cleanly.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  ensure_parent_folder(db_path);
  waypoint::storage::Database db(db_path);
  int schema = db.migrate();
  waypoint::Services services(db);
  waypoint::http::Server server(options, services);
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
  std::printf("Waypoint listening on http://%s:%d\n", options.bind.c_str(), port);
  std::fflush(stdout);

  std::thread stopper([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    std::printf("Waypoint stopping (signal %d)\n", signal);
    std::fflush(stdout);
    server.stop();
  });
  bool ok = server.listen();
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
  std::string db_path = "data/waypoint.db";
  app.add_option("--port", options.port, "TCP port (0 picks a free one)")->capture_default_str();
  app.add_option("--bind", options.bind, "Address to listen on")->capture_default_str();
  app.add_option("--db", db_path, "SQLite database file (created on first start)")->capture_default_str();
  app.add_option("--web-root", options.web_root, "Folder of the built web app")->capture_default_str();
  app.add_option("--threads", options.threads, "Worker threads (each kept-alive connection holds one)")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  try {
    return run_server(options, db_path);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "waypoint-server: %s\n", e.what());
    return 1;
  }
}
