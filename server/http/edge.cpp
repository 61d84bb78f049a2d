// [SECTION] index
//   connections: the table of open connections, their phases, and the caps on them
//   transport: plain or TLS reads and writes on a non-blocking socket
//   stream: what cpp-httplib reads a request from and writes its reply to
//   waiting room: the epoll thread (accept, TLS handshakes, reading until a request is whole, deadlines)
//   workers: run whole requests, keep a busy connection while nobody else waits
#include "server/http/edge.hpp"

#include "server/http/request_frame.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <climits>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace waypoint::http {

namespace {

using Clock = std::chrono::steady_clock;

int ms_until(Clock::time_point t) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(t - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, INT_MAX));
}

const char* reason_phrase(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
  }
  return "Error";
}

const char* code_for_status(int status) {
  switch (status) {
    case 408: return "request_timeout";
    case 411: return "length_required";
    case 413: return "payload_too_large";
    case 415: return "unsupported_media_type";
    case 429: return "too_many_connections";
    case 431: return "headers_too_large";
    case 501: return "not_implemented";
    case 503: return "unavailable";
  }
  return "bad_request";
}

std::string address_text(const sockaddr_storage& addr, int& port) {
  char text[INET6_ADDRSTRLEN] = "";
  if (addr.ss_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&addr);
    inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
    port = ntohs(in->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&addr);
    inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
    port = ntohs(in6->sin6_port);
    // A v4 client of a dual-stack socket counts as its v4 address.
    if (std::strncmp(text, "::ffff:", 7) == 0 && std::strchr(text + 7, '.')) std::memmove(text, text + 7, std::strlen(text + 7) + 1);
  }
  return text;
}

// [SECTION] connections
// draining: refused, its reply sent and our side shut; what the client still sends is read and
// dropped for a moment, since closing with unread bytes resets the connection and the client
// could lose the reply (a 413 for a body it is still sending).
enum class Phase { handshake, idle, reading, queued, working, draining };

struct Conn {
  explicit Conn(const EdgePolicy& policy) : scanner(policy) {}
  std::uint64_t id = 0;
  int fd = -1;
  SSL* ssl = nullptr;
  std::string address, local_address;
  int port = 0, local_port = 0;
  std::string in;  // received and not yet consumed by a request
  RequestScanner scanner;
  Phase phase = Phase::idle;
  Clock::time_point since, deadline;
  bool body_deadline_set = false;
  std::size_t accounted = 0;      // bytes of `in` counted in Impl::buffered_
  std::size_t request_end = 0;    // the request's last byte in `in`, once whole
  bool body_from_socket = false;  // 100-continue: the body comes after the reply to the headers
  std::uint64_t served = 0;
  bool peer_closed = false;
};

// [SECTION] transport
// Non-blocking: > 0 bytes, 0 closed by the peer, -1 nothing yet (`want` says what to wait for), -2 failed.
ssize_t read_some(Conn& c, char* buf, std::size_t size, short& want) {
  want = POLLIN;
  if (c.ssl) {
    int r = SSL_read(c.ssl, buf, static_cast<int>(std::min<std::size_t>(size, INT_MAX)));
    if (r > 0) return r;
    int e = SSL_get_error(c.ssl, r);
    if (e == SSL_ERROR_WANT_READ) return -1;
    if (e == SSL_ERROR_WANT_WRITE) {
      want = POLLOUT;
      return -1;
    }
    ERR_clear_error();
    return e == SSL_ERROR_ZERO_RETURN ? 0 : -2;
  }
  ssize_t r = ::recv(c.fd, buf, size, 0);
  if (r >= 0) return r;
  return (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) ? -1 : -2;
}

// Writes everything or gives up after `timeout_ms` of the socket taking nothing.
bool write_all(Conn& c, const char* data, std::size_t size, int timeout_ms) {
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  while (size > 0) {
    ssize_t written = -1;
    short want = POLLOUT;
    if (c.ssl) {
      int r = SSL_write(c.ssl, data, static_cast<int>(std::min<std::size_t>(size, INT_MAX)));
      if (r > 0) written = r;
      else {
        int e = SSL_get_error(c.ssl, r);
        if (e == SSL_ERROR_WANT_READ) want = POLLIN;
        else if (e != SSL_ERROR_WANT_WRITE) {
          ERR_clear_error();
          return false;
        }
      }
    } else {
      written = ::send(c.fd, data, size, MSG_NOSIGNAL);
      if (written < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return false;
    }
    if (written > 0) {
      data += written;
      size -= static_cast<std::size_t>(written);
      continue;
    }
    pollfd pfd{c.fd, want, 0};
    int left = ms_until(deadline);
    if (left <= 0 || ::poll(&pfd, 1, left) <= 0) return false;
  }
  return true;
}

// [SECTION] stream
// cpp-httplib reads the request from here: first the bytes the waiting room gathered (exactly this
// request's: past its end the stream says "closed", so a body without a length is never waited
// for), from the socket only for a 100-continue body, and then within the body deadline.
class EdgeStream final : public httplib::Stream {
 public:
  EdgeStream(Conn& c, Clock::time_point read_deadline, int write_timeout_ms)
      : c_(c), read_deadline_(read_deadline), write_timeout_ms_(write_timeout_ms) {}

  bool is_readable() const override {
    return off_ < c_.request_end || (c_.body_from_socket && c_.ssl && SSL_pending(c_.ssl) > 0);
  }
  bool is_writable() const override {
    pollfd pfd{c_.fd, POLLOUT, 0};
    return ::poll(&pfd, 1, write_timeout_ms_) > 0 && !(pfd.revents & (POLLERR | POLLHUP | POLLNVAL));
  }
  ssize_t read(char* ptr, std::size_t size) override {
    if (off_ < c_.request_end) {
      std::size_t n = std::min(size, c_.request_end - off_);
      std::memcpy(ptr, c_.in.data() + off_, n);
      off_ += n;
      return static_cast<ssize_t>(n);
    }
    if (!c_.body_from_socket) return 0;
    for (;;) {
      short want = POLLIN;
      ssize_t r = read_some(c_, ptr, size, want);
      if (r >= 0) return r;
      if (r == -2) return -1;
      pollfd pfd{c_.fd, want, 0};
      int left = ms_until(read_deadline_);
      if (left <= 0 || ::poll(&pfd, 1, left) <= 0) {
        broken_ = true;
        return -1;
      }
    }
  }
  ssize_t write(const char* ptr, std::size_t size) override {
    if (write_all(c_, ptr, size, write_timeout_ms_)) return static_cast<ssize_t>(size);
    broken_ = true;
    return -1;
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = c_.address;
    port = c_.port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = c_.local_address;
    port = c_.local_port;
  }
  socket_t socket() const override { return c_.fd; }

  std::size_t consumed() const { return off_; }
  bool broken() const { return broken_; }

 private:
  Conn& c_;
  std::size_t off_ = 0;
  Clock::time_point read_deadline_;
  int write_timeout_ms_;
  bool broken_ = false;
};

// Where the request a worker is about to run ends in `in` (for 100-continue, where its headers end).
void note_whole_request(Conn& c, const RequestFrame& frame) {
  c.body_from_socket = frame.state == RequestFrame::State::headers_done;
  c.request_end = c.body_from_socket ? frame.header_end : frame.end;
}

constexpr std::uint64_t kListenId = 0, kWakeId = 1;

}  // namespace

std::string canned_error_reply(int status, const std::string& code, const std::string& message) {
  nlohmann::json body = {{"error", {{"code", code}, {"message", message}, {"fields", nlohmann::json::object()}}}};
  std::string text = body.dump();
  std::string reply = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) + "\r\n";
  reply += "Content-Type: application/json\r\nContent-Length: " + std::to_string(text.size()) + "\r\n";
  reply += "Connection: close\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n";
  if (status == 429 || status == 503) reply += "Retry-After: 1\r\n";
  reply += "\r\n" + text;
  return reply;
}

struct Edge::Impl {
  Impl(EdgePolicy p, RequestRunner& r) : policy(p), runner(r) {}

  EdgePolicy policy;
  RequestRunner& runner;
  EdgeCounters counters;
  SSL_CTX* tls = nullptr;
  int listen_fd = -1, epoll_fd = -1, wake_fd = -1, queued_fd = -1;
  std::atomic<bool> stopping{false};

  std::mutex mu;  // the connection table, the per-address counts and the buffered total
  std::unordered_map<std::uint64_t, std::unique_ptr<Conn>> conns;
  std::unordered_map<std::string, int> per_address;
  std::size_t buffered = 0;
  std::uint64_t next_id = 2;

  std::mutex queue_mu;  // whole requests waiting for a worker
  std::condition_variable queue_cv;
  std::deque<Conn*> queue;

  // [SECTION] connections (all under mu)
  void arm(Conn& c, std::uint32_t events) {
    epoll_event ev{};
    ev.events = events | EPOLLRDHUP | EPOLLONESHOT;
    ev.data.u64 = c.id;
    if (::epoll_ctl(epoll_fd, EPOLL_CTL_MOD, c.fd, &ev) != 0) ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, c.fd, &ev);
  }

  void close_locked(Conn& c) {
    if (auto found = per_address.find(c.address); found != per_address.end() && --found->second <= 0)
      per_address.erase(found);
    buffered -= c.accounted;
    if (c.ssl) {
      SSL_shutdown(c.ssl);  // best effort on a non-blocking socket
      SSL_free(c.ssl);
      ERR_clear_error();
    }
    ::close(c.fd);
    conns.erase(c.id);  // frees c
  }

  // Sends a short error without waiting for the socket (the reply fits its buffer), then drains.
  void refuse_locked(Conn& c, int status, const std::string& message) {
    if (c.phase == Phase::handshake) return close_locked(c);
    std::string reply = canned_error_reply(status, code_for_status(status), message);
    write_all(c, reply.data(), reply.size(), 0);
    drain_locked(c);
  }

  void drain_locked(Conn& c) {
    if (c.ssl) SSL_shutdown(c.ssl);
    ::shutdown(c.fd, SHUT_WR);
    buffered -= c.accounted;
    c.accounted = 0;
    c.in.clear();
    c.in.shrink_to_fit();
    c.phase = Phase::draining;
    c.request_end = 0;  // counts the bytes dropped
    c.deadline = Clock::now() + std::chrono::seconds(2);
    arm(c, EPOLLIN);
  }

  // Closes the oldest idle connection (of `address`, if given), else, for the whole server only,
  // the oldest one still sending its request. False if there is none to close.
  bool shed_locked(const std::string* address) {
    Conn* oldest_idle = nullptr;
    Conn* oldest_slow = nullptr;
    for (auto& [id, c] : conns) {
      if (address && c->address != *address) continue;
      if (c->phase == Phase::idle) {
        if (!oldest_idle || c->since < oldest_idle->since) oldest_idle = c.get();
      } else if (c->phase == Phase::reading || c->phase == Phase::handshake) {
        if (!oldest_slow || c->since < oldest_slow->since) oldest_slow = c.get();
      }
    }
    Conn* victim = oldest_idle ? oldest_idle : (address ? nullptr : oldest_slow);
    if (!victim) return false;
    counters.shed++;
    if (victim->phase == Phase::idle) close_locked(*victim);
    else refuse_locked(*victim, 503, "The server is busy. Try again.");
    return true;
  }

  // [SECTION] waiting room
  void accept_all() {
    for (;;) {
      sockaddr_storage addr{};
      socklen_t len = sizeof addr;
      int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&addr), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        return;  // EAGAIN, or out of descriptors (the sweep frees some)
      }
      int yes = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);  // else each reply waits for delayed ACK
      auto c = std::make_unique<Conn>(policy);
      c->fd = fd;
      c->address = address_text(addr, c->port);
      sockaddr_storage local{};
      socklen_t local_len = sizeof local;
      if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len) == 0)
        c->local_address = address_text(local, c->local_port);
      counters.accepted++;

      std::lock_guard lock(mu);
      auto count_of = [&] {
        auto found = per_address.find(c->address);
        return found == per_address.end() ? 0 : found->second;
      };
      bool room = count_of() < policy.max_connections_per_address || shed_locked(&c->address);
      if (room && static_cast<int>(conns.size()) >= policy.max_connections) room = shed_locked(nullptr);
      if (!room) {
        counters.refused++;
        int status = count_of() >= policy.max_connections_per_address ? 429 : 503;
        if (!tls) {
          std::string reply = canned_error_reply(status, code_for_status(status),
                                                 status == 429 ? "Too many connections from your address."
                                                               : "The server is busy. Try again.");
          write_all(*c, reply.data(), reply.size(), 0);
        }
        ::close(fd);
        continue;
      }
      per_address[c->address]++;
      c->id = next_id++;
      c->since = Clock::now();
      if (tls) {
        c->ssl = SSL_new(tls);
        SSL_set_fd(c->ssl, fd);
        SSL_set_accept_state(c->ssl);
        c->phase = Phase::handshake;
        c->deadline = c->since + std::chrono::milliseconds(policy.handshake_deadline_ms);
      } else {
        c->phase = Phase::idle;
        c->deadline = c->since + std::chrono::milliseconds(std::min(policy.keep_alive_idle_ms, policy.header_deadline_ms));
      }
      Conn& ref = *c;
      conns.emplace(ref.id, std::move(c));
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
      ev.data.u64 = ref.id;
      ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &ev);
    }
  }

  void on_ready(std::uint64_t id) {
    std::lock_guard lock(mu);
    auto found = conns.find(id);
    if (found == conns.end()) return;
    Conn& c = *found->second;
    if (c.phase == Phase::queued || c.phase == Phase::working) return;
    if (c.phase == Phase::draining) {
      char sink[16384];
      short ignored;
      for (;;) {
        ssize_t r = read_some(c, sink, sizeof sink, ignored);
        if (r == 0 || r == -2) return close_locked(c);
        if (r < 0) return arm(c, EPOLLIN);
        c.request_end += static_cast<std::size_t>(r);
        if (c.request_end > 8 * 1024 * 1024) return close_locked(c);
      }
    }
    if (c.phase == Phase::handshake) {
      int r = SSL_accept(c.ssl);
      if (r != 1) {
        int e = SSL_get_error(c.ssl, r);
        if (e == SSL_ERROR_WANT_READ) return arm(c, EPOLLIN);
        if (e == SSL_ERROR_WANT_WRITE) return arm(c, EPOLLOUT);
        ERR_clear_error();
        return close_locked(c);
      }
      c.phase = Phase::idle;
      c.since = Clock::now();
      c.deadline = c.since + std::chrono::milliseconds(policy.keep_alive_idle_ms);
    }
    char buf[16384];
    short want = POLLIN;
    const std::size_t cap = policy.max_header_bytes + policy.max_body_bytes + policy.max_chunk_framing_bytes;
    while (c.in.size() < cap) {
      ssize_t r = read_some(c, buf, sizeof buf, want);
      if (r == -2 || (r == 0 && c.in.empty())) return close_locked(c);
      if (r == 0) {  // sent its request and shut its side: answer it, then close
        c.peer_closed = true;
        break;
      }
      if (r < 0) break;
      if (c.phase == Phase::idle) {
        c.phase = Phase::reading;
        c.since = Clock::now();
        c.deadline = c.since + std::chrono::milliseconds(policy.header_deadline_ms);
      }
      c.in.append(buf, static_cast<std::size_t>(r));
      c.accounted += static_cast<std::size_t>(r);
      buffered += static_cast<std::size_t>(r);
      if (buffered > policy.max_buffered_bytes) {
        counters.refused++;
        return refuse_locked(c, 503, "The server is busy. Try again.");
      }
      if (static_cast<std::size_t>(r) < sizeof buf && !c.ssl) break;  // drained
    }
    if (c.in.empty()) return arm(c, want == POLLOUT ? EPOLLOUT : EPOLLIN);
    if (!examine_locked(c)) return;
    // Still incomplete: at the cap it can only be over a limit; with the peer gone it never completes.
    if (c.in.size() >= cap) {
      counters.refused++;
      return refuse_locked(c, 413, "The request is larger than the server accepts.");
    }
    if (c.peer_closed) return close_locked(c);
    arm(c, want == POLLOUT ? EPOLLOUT : EPOLLIN);
  }

  // Looks at what has arrived: refuses, queues a whole request for a worker, or keeps waiting
  // (returns true then). Under mu, for a connection in the waiting room.
  bool examine_locked(Conn& c) {
    RequestFrame frame = c.scanner.scan(c.in);
    switch (frame.state) {
      case RequestFrame::State::refused:
        counters.refused++;
        refuse_locked(c, frame.status, frame.reason);
        return false;
      case RequestFrame::State::incomplete:
        if (frame.header_end > 0 && !c.body_deadline_set) {
          c.body_deadline_set = true;
          c.deadline = Clock::now() + std::chrono::milliseconds(policy.body_deadline_ms);
        }
        return true;
      case RequestFrame::State::headers_done:
      case RequestFrame::State::complete:
        note_whole_request(c, frame);
        c.phase = Phase::queued;
        buffered -= c.accounted;
        c.accounted = 0;
        enqueue(&c);
        return false;
    }
    return false;
  }

  void sweep() {
    std::lock_guard lock(mu);
    auto now = Clock::now();
    std::vector<Conn*> expired;
    for (auto& [id, c] : conns)
      if ((c->phase == Phase::idle || c->phase == Phase::reading || c->phase == Phase::handshake ||
           c->phase == Phase::draining) && c->deadline < now)
        expired.push_back(c.get());
    for (Conn* c : expired) {
      if (c->phase == Phase::reading) {
        counters.timed_out++;
        refuse_locked(*c, 408, "The request took too long to arrive.");
      } else {
        if (c->phase == Phase::handshake) counters.timed_out++;
        close_locked(*c);
      }
    }
  }

  void waiting_room() {
    std::vector<epoll_event> events(512);
    auto last_sweep = Clock::now();
    while (!stopping) {
      int n = ::epoll_wait(epoll_fd, events.data(), static_cast<int>(events.size()), 100);
      for (int i = 0; i < n; i++) {
        std::uint64_t id = events[static_cast<std::size_t>(i)].data.u64;
        if (id == kListenId) accept_all();
        else if (id != kWakeId) on_ready(id);
      }
      if (Clock::now() - last_sweep >= std::chrono::milliseconds(100)) {
        sweep();
        last_sweep = Clock::now();
      }
    }
  }

  // [SECTION] workers
  void enqueue(Conn* c) {
    std::lock_guard lock(queue_mu);
    queue.push_back(c);
    if (queue.size() == 1) {
      std::uint64_t one = 1;
      [[maybe_unused]] auto w = ::write(queued_fd, &one, sizeof one);  // wakes lingering workers
    }
    queue_cv.notify_one();
  }

  // Workers drain the queue even while stopping: a queued request is answered, not dropped.
  Conn* dequeue() {
    Conn* c;
    {
      std::unique_lock lock(queue_mu);
      queue_cv.wait(lock, [&] { return !queue.empty() || stopping; });
      if (queue.empty()) return nullptr;
      c = queue.front();
      queue.pop_front();
      if (queue.empty()) {
        std::uint64_t count;
        [[maybe_unused]] auto r = ::read(queued_fd, &count, sizeof count);
      }
    }
    std::lock_guard table(mu);  // never while holding queue_mu: the waiting room takes mu, then queue_mu
    c->phase = Phase::working;
    return c;
  }

  void drain(Conn* c) {
    std::lock_guard lock(mu);
    drain_locked(*c);
  }

  void close_conn(Conn* c) {
    std::lock_guard lock(mu);
    close_locked(*c);
  }

  // Back to the waiting room: for its next request, or the rest of one.
  void hand_back(Conn* c) {
    std::lock_guard lock(mu);
    if (stopping) return close_locked(*c);
    c->body_deadline_set = false;
    c->since = Clock::now();
    c->accounted = c->in.size();
    buffered += c->accounted;
    if (c->in.empty()) {
      c->phase = Phase::idle;
      c->deadline = c->since + std::chrono::milliseconds(policy.keep_alive_idle_ms);
    } else {
      c->phase = Phase::reading;
      c->deadline = c->since + std::chrono::milliseconds(policy.header_deadline_ms);
      if (!examine_locked(*c)) return;
    }
    arm(*c, EPOLLIN);
  }

  // The next request on this connection is whole in `in`: true, with its end noted.
  bool next_request_ready(Conn* c, bool& refused) {
    refused = false;
    if (c->in.empty()) return false;
    RequestFrame frame = c->scanner.scan(c->in);
    if (frame.state == RequestFrame::State::refused) {
      std::string reply = canned_error_reply(frame.status, code_for_status(frame.status), frame.reason);
      write_all(*c, reply.data(), reply.size(), policy.write_timeout_ms);
      refused = true;
      return false;
    }
    if (frame.state == RequestFrame::State::incomplete) return false;
    note_whole_request(*c, frame);
    return true;
  }

  // Reads what the socket has now (or within `wait_ms`, unless another request waits for a worker).
  // False when the peer closed.
  bool read_more(Conn* c, int wait_ms) {
    char buf[16384];
    std::size_t cap = policy.max_header_bytes + policy.max_body_bytes + policy.max_chunk_framing_bytes;
    bool waited = false, got = false;
    while (c->in.size() < cap) {
      short want = POLLIN;
      ssize_t r = read_some(*c, buf, sizeof buf, want);
      if (r == 0 || r == -2) return false;
      if (r > 0) {
        c->in.append(buf, static_cast<std::size_t>(r));
        got = true;
        continue;
      }
      if (got || waited || wait_ms <= 0) return true;
      waited = true;
      pollfd fds[2] = {{c->fd, want, 0}, {queued_fd, POLLIN, 0}};
      if (::poll(fds, 2, wait_ms) <= 0 || (fds[1].revents & POLLIN) || !(fds[0].revents & (want | POLLHUP | POLLERR)))
        return true;
    }
    return true;
  }

  void serve(Conn* c) {
    for (;;) {
      bool closing = stopping || c->peer_closed || c->served + 1 >= 100000;
      bool closed = false;
      bool ok;
      std::size_t consumed;
      bool broken;
      {
        EdgeStream stream(*c, Clock::now() + std::chrono::milliseconds(policy.body_deadline_ms), policy.write_timeout_ms);
        ok = runner.run_request(stream, c->address, c->port, c->local_address, c->local_port, closing, closed);
        consumed = stream.consumed();
        broken = stream.broken();
      }
      c->served++;
      counters.requests++;
      // A request refused before its body was read leaves the body unread: it is not the next request.
      c->in.erase(0, c->body_from_socket ? consumed : std::max(consumed, c->request_end));
      if (c->in.capacity() > 64 * 1024 && c->in.size() < 4096) std::string(c->in).swap(c->in);  // give big buffers back
      c->scanner.reset();
      if (!ok || closed || closing || broken || c->body_from_socket) return close_conn(c);
      bool refused = false;
      if (next_request_ready(c, refused)) continue;
      if (refused) return drain(c);
      if (c->in.empty()) {
        std::size_t queued;
        {
          std::lock_guard lock(queue_mu);
          queued = queue.size();
        }
        if (!read_more(c, queued == 0 ? policy.linger_ms : 0)) return close_conn(c);
        if (next_request_ready(c, refused)) continue;
        if (refused) return drain(c);
      }
      return hand_back(c);
    }
  }

  void worker() {
    while (Conn* c = dequeue()) serve(c);
  }
};

Edge::Edge(EdgePolicy policy, RequestRunner& runner) : impl_(std::make_unique<Impl>(policy, runner)) {}

Edge::~Edge() {
  if (impl_->tls) SSL_CTX_free(impl_->tls);
  for (int fd : {impl_->listen_fd, impl_->epoll_fd, impl_->wake_fd, impl_->queued_fd})
    if (fd >= 0) ::close(fd);
}

bool Edge::use_tls(const std::string& cert_file, const std::string& key_file, std::string& error) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  auto fail = [&](const std::string& what) {
    char detail[256] = "";
    ERR_error_string_n(ERR_get_error(), detail, sizeof detail);
    error = what + " (" + detail + ")";
    SSL_CTX_free(ctx);
    return false;
  };
  if (!ctx) return fail("cannot make a TLS context");
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  // Retries after a full socket buffer may pass the rest of the buffer, not the same pointer.
  SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  if (SSL_CTX_use_certificate_chain_file(ctx, cert_file.c_str()) != 1) return fail("cannot read the certificate " + cert_file);
  if (SSL_CTX_use_PrivateKey_file(ctx, key_file.c_str(), SSL_FILETYPE_PEM) != 1) return fail("cannot read the key " + key_file);
  if (SSL_CTX_check_private_key(ctx) != 1) return fail("the key does not match the certificate");
  if (impl_->tls) SSL_CTX_free(impl_->tls);
  impl_->tls = ctx;
  return true;
}

bool Edge::tls() const { return impl_->tls != nullptr; }

const EdgeCounters& Edge::counters() const { return impl_->counters; }

int Edge::bind(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return -1;
  int fd = -1;
  for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    // SO_REUSEADDR only: SO_REUSEPORT would let a stray second server silently take half the port's traffic.
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, impl_->policy.listen_backlog) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(found);
  if (fd < 0) return -1;
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int bound = 0;
  address_text(addr, bound);
  impl_->listen_fd = fd;
  return bound;
}

bool Edge::run() {
  Impl& m = *impl_;
  if (m.listen_fd < 0) return false;
  m.epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
  m.wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  m.queued_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = kListenId;
  ::epoll_ctl(m.epoll_fd, EPOLL_CTL_ADD, m.listen_fd, &ev);
  ev.data.u64 = kWakeId;
  ::epoll_ctl(m.epoll_fd, EPOLL_CTL_ADD, m.wake_fd, &ev);

  std::vector<std::thread> workers;
  for (int i = 0; i < std::max(1, m.policy.workers); i++) workers.emplace_back([&m] { m.worker(); });
  m.waiting_room();

  // Stopping: no new connections; requests already queued or running finish, then everything closes.
  ::close(m.listen_fd);
  m.listen_fd = -1;
  {
    std::lock_guard lock(m.queue_mu);
    m.queue_cv.notify_all();
  }
  for (auto& t : workers) t.join();
  std::lock_guard lock(m.mu);
  std::vector<Conn*> open;
  for (auto& [id, c] : m.conns) open.push_back(c.get());
  for (Conn* c : open) m.close_locked(*c);
  return true;
}

void Edge::stop() {
  impl_->stopping = true;
  if (impl_->wake_fd >= 0) {
    std::uint64_t one = 1;
    [[maybe_unused]] auto w = ::write(impl_->wake_fd, &one, sizeof one);
  }
  std::lock_guard lock(impl_->queue_mu);
  impl_->queue_cv.notify_all();
}

}  // namespace waypoint::http
