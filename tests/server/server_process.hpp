// Starts the real waypoint-server binary on an ephemeral loopback port with a fresh
// temporary database (and optionally a web root), and stops it when the test ends.
#pragma once

#include <string>
#include <vector>

// httplib.h costs ~20 s of compile time per file (header-only: every file that includes it emits its
// classes' vtables and virtual functions), so only the files that use a client include it.
namespace httplib {
class Client;
}

namespace waypoint::test {

struct ServerOptions {
  std::vector<std::string> extra_args;
  std::string web_root;  // empty: a temporary folder with a tiny index.html and app.wasm
  std::string db_path;   // empty: a fresh temporary file
};

class ServerProcess {
 public:
  explicit ServerProcess(ServerOptions options = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  int pid() const { return pid_; }
  const std::string& db_path() const { return db_path_; }
  const std::string& folder() const { return folder_; }
  // A client of the server; the caller includes <httplib.h>.
  httplib::Client client() const;
  void kill_hard();  // SIGKILL: no clean shutdown
  int stop();        // SIGTERM; returns the exit status

 private:
  void start();
  ServerOptions options_;
  std::string folder_;
  std::string db_path_;
  int pid_ = -1;
  int port_ = 0;
};

}  // namespace waypoint::test
