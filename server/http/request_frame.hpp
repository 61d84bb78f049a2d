// Where one HTTP/1.1 request ends in the bytes received so far. Not a full parser (cpp-httplib parses
// the request once it is whole): just enough for the edge to keep a connection in the waiting room
// until its request has arrived, and to refuse what breaks a limit before any worker reads it.
// Pure and resumable: call scan() again with the grown buffer; it carries on where it stopped.
#pragma once

#include "server/http/edge_policy.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace waypoint::http {

struct RequestFrame {
  enum class State { incomplete, headers_done, complete, refused };
  State state = State::incomplete;
  int status = 0;              // when refused: 400, 413, 415, 431, 501
  const char* reason = "";     // when refused: one sentence for the JSON error
  std::size_t header_end = 0;  // offset past the blank line, once headers are in
  std::size_t end = 0;         // offset past the body, once complete
};

class RequestScanner {
 public:
  explicit RequestScanner(const EdgePolicy& policy) : policy_(&policy) {}
  // `bytes` starts at the request's first byte. headers_done is returned (once) for a request that
  // asks for 100-continue: its body only comes after the worker has answered the headers.
  RequestFrame scan(std::string_view bytes);
  void reset() { *this = RequestScanner(*policy_); }
  bool started() const { return started_; }
  std::size_t body_bytes() const { return decoded_; }

 private:
  RequestFrame refuse(int status, const char* reason);
  RequestFrame scan_headers(std::string_view bytes);
  RequestFrame scan_chunked(std::string_view bytes);

  const EdgePolicy* policy_;
  bool started_ = false;
  bool headers_done_ = false;
  std::size_t searched_ = 0;  // the header terminator is not before this offset
  std::size_t header_end_ = 0;
  // Body framing.
  bool chunked_ = false;
  std::uint64_t content_length_ = 0;
  // Chunked decoding state.
  enum class Chunk { size_line, data, data_end, trailer } chunk_ = Chunk::size_line;
  std::size_t at_ = 0;             // next unread byte of the body
  std::uint64_t chunk_left_ = 0;   // bytes of the current chunk still to come
  std::size_t decoded_ = 0;        // body bytes (without framing) so far
};

}  // namespace waypoint::http
