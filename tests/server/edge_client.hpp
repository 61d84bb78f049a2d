// Raw-socket clients for the edge tests: exact bytes on the wire (cpp-httplib's client would fix
// up what an attacker sends), from a chosen loopback source address, and the attackers themselves.
#pragma once

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace waypoint::test {

// A connection to 127.0.0.1:port from `source` (any 127.x address is this machine); -1 on failure.
int connect_from(int port, const std::string& source);
bool send_all(int fd, const std::string& bytes);
void shutdown_write(int fd);
void close_fd(int fd);
// Reads until the peer closes or `timeout_ms` passes.
std::string read_all(int fd, int timeout_ms);
// Sends one request on an open connection and reads one reply (headers plus Content-Length bytes).
std::string request_on(int fd, const std::string& request, int timeout_ms = 5000);
// Connects, sends, and reads until the server closes (requests should say Connection: close).
std::string send_request(int port, const std::string& request, const std::string& source = "", int timeout_ms = 10000);
// A chunked POST of `total` bytes, sent until the server answers or closes; its reply.
std::string send_chunked(int port, const std::string& path, std::size_t total);
// A request whose headers go on for `total` bytes, sent until the server answers or closes.
std::string send_endless_headers(int port, std::size_t total);

int status_of(const std::string& reply);
std::string header_of(const std::string& reply, const std::string& name);
long rss_kb(int pid);

enum class Attacker { slow_headers, idle_kept_alive, request_a_second };

struct AttackFigures {
  long timeouts = 0;        // 408 replies the slow senders got
  long reconnects = 0;      // connections the attackers opened again after the server closed them
  long chatty_replies = 0;  // replies to the request-a-second connections
};

// Keeps its connections open and misbehaving (reconnecting whenever the server closes one) on one
// thread until stop().
class Attack {
 public:
  explicit Attack(int port) : port_(port) {}
  ~Attack();
  void add(Attacker kind, const std::string& source);
  void start();
  AttackFigures stop();

 private:
  struct Connection {
    Attacker kind;
    std::string source;
    int fd = -1;
    double next_at = 0;  // seconds since start
    std::string got;
  };
  void open(Connection& c, double now);
  void run();
  int port_;
  std::vector<Connection> connections_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  AttackFigures figures_;
};

}  // namespace waypoint::test
