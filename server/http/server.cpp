#include "server/http/server.hpp"

#include "server/http/json_reply.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace waypoint::http {

namespace {
constexpr int kListenBacklog = 1024;          // the library's own is 5: bursts of connections would wait 1 s
constexpr size_t kMaxBodyBytes = 1024 * 1024;  // 413 above this
}  // namespace

Server::Server(ServerOptions options, Services& services) : options_(std::move(options)), services_(services) {
  static_files_.load(options_.web_root);
  server_.set_tcp_nodelay(true);  // without it every kept-alive reply waits ~40 ms for delayed ACK
  server_.set_keep_alive_max_count(100000);
  server_.set_keep_alive_timeout(2);  // idle browsers reconnect cheaply; a stop never waits long for them
  server_.set_read_timeout(30, 0);
  server_.set_payload_max_length(kMaxBodyBytes);
  int threads = options_.threads;
  server_.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  // Our own socket options: SO_REUSEADDR only. The library's default adds SO_REUSEPORT, which lets
  // a stray second server silently take half the traffic of the port.
  server_.set_socket_options([this](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_socket_ = sock;
  });
  server_.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
    std::string message = "The server could not complete the request.";
    try {
      if (error) std::rethrow_exception(error);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "waypoint-server: unhandled error: %s\n", e.what());
    } catch (...) {
    }
    reply_error(res, 500, "internal", message);
  });
  server_.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413) {
      reply_error(res, 413, "payload_too_large", "The request body is larger than 1 MiB.");
    } else if (res.status == 404 || req.path.rfind("/api/", 0) == 0) {
      reply_error(res, res.status, "not_found", "No such resource: " + req.path);
    } else if (res.status >= 400) {
      reply_error(res, res.status, "bad_request", "The request could not be read.");
    }
  });
  register_routes();
}

int Server::bind() {
  int port = options_.port == 0 ? server_.bind_to_any_port(options_.bind)
                                : (server_.bind_to_port(options_.bind, options_.port) ? options_.port : -1);
  if (port > 0 && listen_socket_ >= 0) ::listen(listen_socket_, kListenBacklog);  // widen the library's backlog
  return port;
}

bool Server::listen() { return server_.listen_after_bind(); }

}  // namespace waypoint::http
