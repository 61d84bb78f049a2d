// The HTTP server: the edge (edge.hpp: connections, TLS, limits) in front of cpp-httplib's request
// parser, the request checks every reply shares (request_guard.hpp: Host, Origin, Content-Type,
// security headers), the route table and the web app's static files.
#pragma once

#include "server/http/edge.hpp"
#include "server/http/edge_policy.hpp"
#include "server/http/static_files.hpp"

#include <httplib.h>

#include <memory>
#include <string>
#include <string_view>

namespace waypoint {
struct Services;
}

namespace waypoint::http {

struct GuardConfig;

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string web_root;
  EdgePolicy edge;
  std::string tls_cert, tls_key;  // both set: HTTPS only
  // The origin users reach the server at (https://waypoint.example.org), when not the bind
  // address: Host and Origin headers must name it.
  std::string public_origin;
};

class Server : private RequestRunner {
 public:
  Server(ServerOptions options, Services& services);
  ~Server() override;
  // Binds (port 0 picks a free one); returns the bound port or -1. Loads TLS first: false and
  // `error` set if the certificate or key cannot be used.
  int bind();
  bool load_tls(std::string& error);
  // Blocks until stop().
  bool listen();
  void stop();
  size_t static_file_count() const { return static_files_.size(); }
  bool tls() const { return edge_.tls(); }
  std::string origin() const;

  // One raw HTTP/1.1 request in, the raw reply out, through the same request checks and routes as
  // a connection (for fuzzing the request handler in-process). At most one request is read.
  std::string serve_bytes(std::string_view raw_request);

 private:
  class Core;
  bool run_request(httplib::Stream& stream, const std::string& remote_addr, int remote_port,
                   const std::string& local_addr, int local_port, bool close_connection,
                   bool& connection_closed) override;
  void register_routes();
  ServerOptions options_;
  Services& services_;
  std::unique_ptr<Core> core_;
  std::shared_ptr<GuardConfig> guard_;  // shared with the pre-routing check
  StaticFiles static_files_;
  Edge edge_;
  int bound_port_ = 0;
};

}  // namespace waypoint::http
