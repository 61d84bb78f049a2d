#include "server/http/request_frame.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace waypoint::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Digits only, no sign, no overflow: anything else is a malformed length (request smuggling starts here).
bool parse_decimal(std::string_view s, std::uint64_t& out) {
  if (s.empty() || s.size() > 19) return false;
  std::uint64_t value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  out = value;
  return true;
}

bool parse_hex(std::string_view s, std::uint64_t& out) {
  if (s.empty() || s.size() > 15) return false;
  std::uint64_t value = 0;
  for (char c : s) {
    int digit = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
    if (digit < 0) return false;
    value = value * 16 + static_cast<std::uint64_t>(digit);
  }
  out = value;
  return true;
}

}  // namespace

RequestFrame RequestScanner::refuse(int status, const char* reason) {
  RequestFrame frame;
  frame.state = RequestFrame::State::refused;
  frame.status = status;
  frame.reason = reason;
  return frame;
}

RequestFrame RequestScanner::scan(std::string_view bytes) {
  if (!bytes.empty()) started_ = true;
  if (!headers_done_) {
    auto frame = scan_headers(bytes);
    if (frame.state != RequestFrame::State::complete) return frame;
    // scan_headers answers complete when the headers are in; the body decides the rest.
  }
  RequestFrame frame;
  frame.header_end = header_end_;
  if (chunked_) return scan_chunked(bytes);
  if (bytes.size() - header_end_ >= content_length_) {
    frame.state = RequestFrame::State::complete;
    frame.end = header_end_ + static_cast<std::size_t>(content_length_);
  }
  return frame;
}

RequestFrame RequestScanner::scan_headers(std::string_view bytes) {
  std::size_t from = searched_ >= 3 ? searched_ - 3 : 0;
  std::size_t terminator = bytes.find("\r\n\r\n", from);
  if (terminator == std::string_view::npos) {
    searched_ = bytes.size();
    if (bytes.size() > policy_->max_header_bytes)
      return refuse(431, "The request's headers are larger than the server accepts.");
    return {};
  }
  header_end_ = terminator + 4;
  if (header_end_ > policy_->max_header_bytes)
    return refuse(431, "The request's headers are larger than the server accepts.");
  headers_done_ = true;

  bool has_length = false, expect_continue = false;
  std::string_view head = bytes.substr(0, terminator);
  std::size_t line_start = head.find("\r\n");
  if (line_start == std::string_view::npos) line_start = head.size();  // a request line alone
  else line_start += 2;
  while (line_start < head.size()) {
    std::size_t line_end = head.find("\r\n", line_start);
    if (line_end == std::string_view::npos) line_end = head.size();
    std::string_view line = head.substr(line_start, line_end - line_start);
    line_start = line_end + 2;
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;  // the library answers 400 for it
    std::string_view name = line.substr(0, colon), value = trim(line.substr(colon + 1));
    if (iequals(name, "Content-Length")) {
      std::uint64_t length = 0;
      if (!parse_decimal(value, length) || (has_length && length != content_length_))
        return refuse(400, "The request's Content-Length is not a length.");
      has_length = true;
      content_length_ = length;
    } else if (iequals(name, "Transfer-Encoding")) {
      if (!iequals(value, "chunked")) return refuse(501, "Only chunked transfer encoding is understood.");
      chunked_ = true;
    } else if (iequals(name, "Content-Encoding")) {
      if (!value.empty() && !iequals(value, "identity"))
        return refuse(415, "Request bodies must not be compressed.");
    } else if (iequals(name, "Expect")) {
      expect_continue = iequals(value, "100-continue");
    }
  }
  // Both framings at once is how requests are smuggled past a proxy: refuse it.
  if (chunked_ && has_length) return refuse(400, "A request cannot have both Content-Length and chunked encoding.");
  if (content_length_ > policy_->max_body_bytes) return refuse(413, "The request body is larger than 1 MiB.");
  at_ = header_end_;
  RequestFrame frame;
  frame.header_end = header_end_;
  if (expect_continue && (chunked_ || content_length_ > 0)) {
    frame.state = RequestFrame::State::headers_done;
    return frame;
  }
  frame.state = RequestFrame::State::complete;  // headers complete; scan() checks the body
  return frame;
}

RequestFrame RequestScanner::scan_chunked(std::string_view bytes) {
  RequestFrame frame;
  frame.header_end = header_end_;
  auto framing_exceeded = [&] {
    return (at_ - header_end_) - decoded_ > policy_->max_chunk_framing_bytes;
  };
  while (at_ < bytes.size()) {
    if (chunk_ == Chunk::data) {
      std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(chunk_left_, bytes.size() - at_));
      at_ += take;
      chunk_left_ -= take;
      decoded_ += take;
      if (chunk_left_ > 0) break;
      chunk_ = Chunk::data_end;
      continue;
    }
    std::size_t eol = bytes.find("\r\n", at_);
    if (eol == std::string_view::npos) {
      if (bytes.size() - at_ > 4096) return refuse(400, "A chunk size line is too long.");
      break;
    }
    std::string_view line = bytes.substr(at_, eol - at_);
    at_ = eol + 2;
    if (chunk_ == Chunk::data_end) {
      if (!line.empty()) return refuse(400, "A chunk does not end where its size says.");
      chunk_ = Chunk::size_line;
    } else if (chunk_ == Chunk::size_line) {
      std::uint64_t size = 0;
      if (!parse_hex(trim(line.substr(0, line.find(';'))), size)) return refuse(400, "A chunk size is not a number.");
      if (size > policy_->max_body_bytes || decoded_ + size > policy_->max_body_bytes)
        return refuse(413, "The request body is larger than 1 MiB.");
      chunk_left_ = size;
      chunk_ = size == 0 ? Chunk::trailer : Chunk::data;
    } else {  // trailer: header lines until an empty one
      if (line.empty()) {
        frame.state = RequestFrame::State::complete;
        frame.end = at_;
        return frame;
      }
    }
    if (framing_exceeded()) return refuse(413, "The request's chunk framing is larger than the server accepts.");
  }
  if (framing_exceeded()) return refuse(413, "The request's chunk framing is larger than the server accepts.");
  return frame;
}

}  // namespace waypoint::http
