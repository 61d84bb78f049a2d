// The server's edge: accepting connections, TLS, and holding each connection until a whole request
// has arrived within the limits of EdgePolicy (edge_policy.hpp), then handing it to a worker thread
// that runs it through cpp-httplib's request parser and the route table (RequestRunner).
//
// Why not cpp-httplib's own listen loop: there a connection holds a pool thread from accept to close,
// so a few dozen slow senders or idle kept-alive clients take every thread and a new client waits
// (slowloris). Here one epoll thread waits for all of them at the cost of a file descriptor each.
#pragma once

#include "server/http/edge_policy.hpp"

#include <httplib.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace waypoint::http {

// Runs one request read from `stream` and writes its reply (Server does it with cpp-httplib).
class RequestRunner {
 public:
  virtual ~RequestRunner() = default;
  virtual bool run_request(httplib::Stream& stream, const std::string& remote_addr, int remote_port,
                           const std::string& local_addr, int local_port, bool close_connection,
                           bool& connection_closed) = 0;
};

// A reply the edge sends by itself, without a worker: a JSON error and Connection: close.
std::string canned_error_reply(int status, const std::string& code, const std::string& message);

struct EdgeCounters {
  std::atomic<std::uint64_t> accepted{0}, refused{0}, shed{0}, timed_out{0}, requests{0};
};

class Edge {
 public:
  Edge(EdgePolicy policy, RequestRunner& runner);
  ~Edge();
  Edge(const Edge&) = delete;
  Edge& operator=(const Edge&) = delete;

  // Serve over TLS with this PEM certificate (chain) and key; false with `error` set if they do not load.
  bool use_tls(const std::string& cert_file, const std::string& key_file, std::string& error);
  bool tls() const;
  // Binds and listens (port 0 picks a free one); returns the bound port or -1.
  int bind(const std::string& host, int port);
  // Runs the waiting room and the workers until stop(); false if not bound.
  bool run();
  // Safe from any thread and from a signal-waiting thread: stops accepting, finishes requests in flight.
  void stop();
  const EdgeCounters& counters() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace waypoint::http
