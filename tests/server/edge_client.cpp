#include "edge_client.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>

namespace waypoint::test {

namespace {

using Clock = std::chrono::steady_clock;

// Reads what is there within `timeout_ms`; false when the peer closed or failed.
bool read_some(int fd, std::string& into, int timeout_ms) {
  pollfd pfd{fd, POLLIN, 0};
  if (::poll(&pfd, 1, timeout_ms) <= 0) return true;
  char buf[65536];
  ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
  if (n <= 0) return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  into.append(buf, static_cast<std::size_t>(n));
  return true;
}

// Sends as much as the socket takes now; false when the server has closed (or reset) the connection.
bool send_some(int fd, const std::string& bytes, std::size_t& at) {
  while (at < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + at, bytes.size() - at, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK;
    at += static_cast<std::size_t>(n);
  }
  return true;
}

bool reply_whole(const std::string& reply) {
  auto end = reply.find("\r\n\r\n");
  if (end == std::string::npos) return false;
  std::string length = header_of(reply, "Content-Length");
  return reply.size() >= end + 4 + (length.empty() ? 0 : std::stoul(length));
}

// Streams `next()` pieces to a new connection until the server replies or closes; the reply.
template <class Next>
std::string stream_until_answered(int port, const std::string& start, Next next, std::size_t total) {
  int fd = connect_from(port, "127.0.0.1");
  if (fd < 0) return {};
  std::string reply, piece = start;
  std::size_t sent = 0, at = 0;
  auto deadline = Clock::now() + std::chrono::seconds(30);
  while (Clock::now() < deadline) {
    if (at == piece.size() && sent < total) {
      piece = next();
      sent += piece.size();
      at = 0;
    }
    if (!send_some(fd, piece, at)) break;
    if (!read_some(fd, reply, at < piece.size() ? 5 : 0)) break;
    if (reply_whole(reply)) break;
    if (sent >= total && at == piece.size()) {
      read_some(fd, reply, 5000);
      break;
    }
  }
  while (!reply_whole(reply) && read_some(fd, reply, 2000) && Clock::now() < deadline) {
  }
  close_fd(fd);
  return reply;
}

}  // namespace

int connect_from(int port, const std::string& source) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (!source.empty()) {
    sockaddr_in local{};
    local.sin_family = AF_INET;
    inet_pton(AF_INET, source.c_str(), &local.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
      ::close(fd);
      return -1;
    }
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const std::string& bytes) {
  std::size_t at = 0;
  while (at < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + at, bytes.size() - at, MSG_NOSIGNAL);
    if (n <= 0) return false;
    at += static_cast<std::size_t>(n);
  }
  return true;
}

void shutdown_write(int fd) { ::shutdown(fd, SHUT_WR); }
void close_fd(int fd) {
  if (fd >= 0) ::close(fd);
}

std::string read_all(int fd, int timeout_ms) {
  std::string reply;
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count());
    if (left <= 0) break;
    pollfd pfd{fd, POLLIN, 0};
    if (::poll(&pfd, 1, left) <= 0) break;
    char buf[65536];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    reply.append(buf, static_cast<std::size_t>(n));
  }
  return reply;
}

std::string request_on(int fd, const std::string& request, int timeout_ms) {
  if (!send_all(fd, request)) return {};
  std::string reply;
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!reply_whole(reply) && Clock::now() < deadline)
    if (!read_some(fd, reply, 100)) break;
  return reply;
}

std::string send_request(int port, const std::string& request, const std::string& source, int timeout_ms) {
  int fd = connect_from(port, source.empty() ? "127.0.0.1" : source);
  if (fd < 0) return {};
  std::string reply;
  std::size_t at = 0;
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  // Sends while reading: a server that answers early (413) and closes must still be heard.
  while (Clock::now() < deadline) {
    if (!send_some(fd, request, at)) break;
    if (!read_some(fd, reply, at < request.size() ? 5 : 50)) break;
    if (at == request.size() && reply_whole(reply) && header_of(reply, "Connection") == "close") break;
  }
  close_fd(fd);
  return reply;
}

std::string send_chunked(int port, const std::string& path, std::size_t total) {
  std::string head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n";
  std::string chunk = "10000\r\n" + std::string(0x10000, ' ') + "\r\n";
  return stream_until_answered(port, head, [&] { return chunk; }, total);
}

std::string send_endless_headers(int port, std::size_t total) {
  std::string line = "X-Filler: " + std::string(1000, 'a') + "\r\n";
  std::string block;
  for (int i = 0; i < 64; i++) block += line;
  return stream_until_answered(port, "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n", [&] { return block; }, total);
}

int status_of(const std::string& reply) {
  if (reply.rfind("HTTP/1.1 ", 0) != 0 || reply.size() < 12) return 0;
  return std::atoi(reply.c_str() + 9);
}

std::string header_of(const std::string& reply, const std::string& name) {
  auto end = reply.find("\r\n\r\n");
  std::istringstream lines(reply.substr(0, end));
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto colon = line.find(':');
    if (colon == std::string::npos || colon != name.size()) continue;
    if (strncasecmp(line.c_str(), name.c_str(), name.size()) != 0) continue;
    auto value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    return value;
  }
  return {};
}

long rss_kb(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

// [SECTION] attackers
Attack::~Attack() { stop(); }

void Attack::add(Attacker kind, const std::string& source) {
  Connection c;
  c.kind = kind;
  c.source = source;
  connections_.push_back(c);
}

void Attack::open(Connection& c, double now) {
  c.fd = connect_from(port_, c.source);
  c.got.clear();
  c.next_at = now;
  if (c.fd < 0) {
    c.next_at = now + 0.5;
    return;
  }
  if (c.kind == Attacker::slow_headers) send_all(c.fd, "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
  if (c.kind == Attacker::idle_kept_alive) send_all(c.fd, "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
}

void Attack::start() {
  for (auto& c : connections_) open(c, 0);
  thread_ = std::thread([this] { run(); });
}

void Attack::run() {
  auto started = Clock::now();
  while (!stopping_) {
    double now = std::chrono::duration<double>(Clock::now() - started).count();
    for (auto& c : connections_) {
      if (c.fd < 0) {
        if (now >= c.next_at) open(c, now);
        continue;
      }
      std::size_t had = c.got.size();
      bool open_still = read_some(c.fd, c.got, 0);
      if (c.kind == Attacker::slow_headers && c.got.find("HTTP/1.1 408") != std::string::npos && had == 0) figures_.timeouts++;
      if (c.kind == Attacker::request_a_second && c.got.size() > had) {
        while (reply_whole(c.got)) {
          figures_.chatty_replies++;
          auto end = c.got.find("\r\n\r\n");
          std::string length = header_of(c.got, "Content-Length");
          c.got.erase(0, end + 4 + (length.empty() ? 0 : std::stoul(length)));
        }
      }
      if (!open_still) {  // the server closed it: come back, as an attacker would
        close_fd(c.fd);
        c.fd = -1;
        figures_.reconnects++;
        continue;
      }
      if (now < c.next_at) continue;
      if (c.kind == Attacker::slow_headers) {
        send_all(c.fd, "a");
        c.next_at = now + 5;
      } else if (c.kind == Attacker::request_a_second) {
        send_all(c.fd, "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        c.next_at = now + 1;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

AttackFigures Attack::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  for (auto& c : connections_) {
    close_fd(c.fd);
    c.fd = -1;
  }
  return figures_;
}

}  // namespace waypoint::test
