// Everything that can happen to the client: user intents from screens and replies from effects.
#pragma once

#include "client/store/effect.hpp"

#include <string>
#include <variant>

namespace waypoint::client {

struct AppStarted {};
struct RetryHealth {};

// status 0 means the request never reached the server (offline, refused, timed out).
struct HttpReplied {
  RequestKind kind;
  int status = 0;
  std::string body;
  std::int64_t tag = 0;
};

using Action = std::variant<AppStarted, RetryHealth, HttpReplied>;

}  // namespace waypoint::client
