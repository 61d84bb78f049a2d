// Every limit the server puts on a connection and a request, in one place. A reviewer reads this
// file to know how much any client can make the server hold, wait for or read.
//
// The shape behind the numbers (server/http/edge.cpp): connections wait in one epoll "waiting room"
// thread, which costs no worker thread, until a whole request (headers and body) has arrived within
// its deadline and limits. Only then does a worker run it. So slow senders (slowloris) and idle
// kept-alive connections never hold a worker, and a new client's complete request never waits
// behind them.
#pragma once

#include <cstddef>

namespace waypoint::http {

struct EdgePolicy {
  // Request line and headers together; above it 431 (the library's own limits are 8 KB a line,
  // 100 header fields).
  std::size_t max_header_bytes = 32 * 1024;
  // A request body, as the handler sees it. Compressed request bodies are refused (415), so the
  // decoded size is the size on the wire; chunked bodies are counted as they are decoded.
  std::size_t max_body_bytes = 1024 * 1024;
  // Chunked framing around max_body_bytes (chunk-size lines, trailers).
  std::size_t max_chunk_framing_bytes = 64 * 1024;
  // All the bytes buffered for requests still arriving, over every connection: above it the request
  // that would grow it is refused (503), so many half-sent bodies cannot fill memory.
  std::size_t max_buffered_bytes = 32 * 1024 * 1024;

  // From a request's first byte to the end of its headers, and from there to the end of its body:
  // a slow sender is cut off with 408, not waited for.
  int header_deadline_ms = 10'000;
  int body_deadline_ms = 20'000;
  // A TLS handshake must finish within this.
  int handshake_deadline_ms = 10'000;
  // A kept-alive connection with no request in progress is closed after this.
  int keep_alive_idle_ms = 5'000;
  // Sending a reply: a client that does not read it is cut off (a reply is at most ~1 MB).
  int write_timeout_ms = 10'000;
  // After a reply, a worker waits this long for the next request on the same connection (the fast
  // path for a busy client) unless another connection's request is waiting for a worker.
  int linger_ms = 20;

  // Open connections of one client address, and of all: above the first, that address's oldest
  // idle connection is closed to make room, else the new one is refused (429); above the second,
  // the oldest idle connection anywhere, then the oldest slow one, is closed first (else 503).
  int max_connections_per_address = 128;
  int max_connections = 4096;
  // Threads that run complete requests. A worker never waits for a slow client to send.
  int workers = 64;
  int listen_backlog = 1024;  // bursts of new connections are not dropped into SYN retries

  // Byte ranges: at most one (static files only; the API ignores Range).
  static constexpr int max_ranges = 1;
};

}  // namespace waypoint::http
