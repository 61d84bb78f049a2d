// Effects are data: update() returns what should happen (an HTTP request, ...) and the
// platform's effect runner does it, then feeds the reply back as an action. So update()
// stays pure and is tested natively without a browser.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace waypoint::client {

// What a reply answers, so update() knows how to read it.
enum class RequestKind { health };

struct HttpRequest {
  RequestKind kind;
  std::string method;  // GET, POST, ...
  std::string path;    // /api/...
  std::string body;    // JSON, or empty
  std::int64_t tag = 0;
};

using Effect = std::variant<HttpRequest>;

}  // namespace waypoint::client
