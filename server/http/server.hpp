// The HTTP server: cpp-httplib configured for many kept-alive browser connections,
// the route table, and the web app's static files.
#pragma once

#include "server/http/static_files.hpp"

#include <httplib.h>

#include <memory>
#include <string>

namespace waypoint {
struct Services;
}

namespace waypoint::http {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string web_root;
  int threads = 96;  // a kept-alive connection holds a thread: size for many idle browsers
};

class Server {
 public:
  Server(ServerOptions options, Services& services);
  // Binds (port 0 picks a free one); returns the bound port or -1.
  int bind();
  // Blocks until stop().
  bool listen();
  void stop() { server_.stop(); }
  size_t static_file_count() const { return static_files_.size(); }

 private:
  void register_routes();
  ServerOptions options_;
  Services& services_;
  httplib::Server server_;
  StaticFiles static_files_;
  int listen_socket_ = -1;
};

}  // namespace waypoint::http
