#include "server/http/server.hpp"

#include "server/http/http_core.hpp"
#include "server/http/json_reply.hpp"
#include "server/http/request_frame.hpp"
#include "server/http/request_guard.hpp"

#include <cstring>

namespace waypoint::http {

namespace {

// The JSON error code of each status the library itself answers (before or instead of a route).
const char* code_for_library_status(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "request_timeout";
    case 413: return "payload_too_large";
    case 414: return "uri_too_long";
    case 415: return "unsupported_media_type";
    case 416: return "range_not_satisfiable";
    case 431: return "headers_too_large";
    case 503: return "unavailable";
  }
  return status >= 500 ? "internal" : "bad_request";
}

// A request read from memory and its reply written to memory (Server::serve_bytes).
class MemoryStream final : public httplib::Stream {
 public:
  explicit MemoryStream(std::string_view in) : in_(in) {}
  bool is_readable() const override { return off_ < in_.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    size_t n = std::min(size, in_.size() - off_);
    std::memcpy(ptr, in_.data() + off_, n);
    off_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    out_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 50000;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 8080;
  }
  socket_t socket() const override { return -1; }
  std::string take() { return std::move(out_); }

 private:
  std::string_view in_;
  size_t off_ = 0;
  std::string out_;
};

}  // namespace

Server::Server(ServerOptions options, Services& services)
    : options_(std::move(options)), services_(services), core_(std::make_unique<Core>()), edge_(options_.edge, *this) {
  static_files_.load(options_.web_root);
  core_->set_payload_max_length(options_.edge.max_body_bytes);
  // What the Keep-Alive reply header announces; the edge enforces it.
  core_->set_keep_alive_timeout(std::max(1, options_.edge.keep_alive_idle_ms / 1000));
  core_->set_keep_alive_max_count(100000);
  core_->set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
    std::string message = "The server could not complete the request.";
    try {
      if (error) std::rethrow_exception(error);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "waypoint-server: unhandled error: %s\n", e.what());
    } catch (...) {
    }
    reply_error(res, 500, "internal", message);
  });
  core_->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413) {
      reply_error(res, 413, "payload_too_large", "The request body is larger than 1 MiB.");
    } else if (res.status == 404) {
      reply_error(res, 404, "not_found", "No such resource: " + req.path);
    } else if (res.status >= 400) {
      reply_error(res, res.status, code_for_library_status(res.status), "The request could not be read.");
    }
    if (!res.has_header("Content-Security-Policy")) res.set_header("Content-Security-Policy", kApiContentSecurityPolicy);
  });
  guard_ = std::make_shared<GuardConfig>(make_guard_config(options_.bind, options_.port, false, options_.public_origin));
  core_->set_default_headers(security_headers(false));
  core_->set_pre_routing_handler([guard = guard_](const httplib::Request& req, httplib::Response& res) {
    return refuse_request(*guard, req, res) ? httplib::Server::HandlerResponse::Handled
                                            : httplib::Server::HandlerResponse::Unhandled;
  });
  register_routes();
}

Server::~Server() = default;

bool Server::load_tls(std::string& error) {
  if (options_.tls_cert.empty() && options_.tls_key.empty()) return true;
  if (options_.tls_cert.empty() || options_.tls_key.empty()) {
    error = "--tls-cert and --tls-key go together";
    return false;
  }
  return edge_.use_tls(options_.tls_cert, options_.tls_key, error);
}

int Server::bind() {
  bound_port_ = edge_.bind(options_.bind, options_.port);
  if (bound_port_ <= 0) return bound_port_;
  // Known once bound (port 0 picks one), before any request: the guard checks Host and Origin against it.
  *guard_ = make_guard_config(options_.bind, bound_port_, edge_.tls(), options_.public_origin);
  core_->set_default_headers(security_headers(edge_.tls()));
  return bound_port_;
}

std::string Server::origin() const {
  if (!options_.public_origin.empty()) return options_.public_origin;
  std::string host = options_.bind == "0.0.0.0" || options_.bind == "::" ? "127.0.0.1" : options_.bind;
  return std::string(edge_.tls() ? "https" : "http") + "://" + host + ":" + std::to_string(bound_port_);
}

bool Server::listen() { return edge_.run(); }

void Server::stop() { edge_.stop(); }

bool Server::run_request(httplib::Stream& stream, const std::string& remote_addr, int remote_port,
                         const std::string& local_addr, int local_port, bool close_connection,
                         bool& connection_closed) {
  return core_->process_request(stream, remote_addr, remote_port, local_addr, local_port, close_connection,
                                connection_closed, nullptr);
}

std::string Server::serve_bytes(std::string_view raw_request) {
  // The edge's checks first, as for a connection: only a whole request within the limits goes on.
  RequestScanner scanner(options_.edge);
  RequestFrame frame = scanner.scan(raw_request);
  if (frame.state == RequestFrame::State::refused) return canned_error_reply(frame.status, "refused", frame.reason);
  if (frame.state == RequestFrame::State::incomplete) return {};
  MemoryStream stream(frame.state == RequestFrame::State::complete ? raw_request.substr(0, frame.end) : raw_request);
  bool closed = false;
  core_->process_request(stream, "127.0.0.1", 50000, "127.0.0.1", 8080, true, closed, nullptr);
  return stream.take();
}

}  // namespace waypoint::http
