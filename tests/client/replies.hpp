// Builds HttpReplied actions for store tests: what the effect runner would deliver.
#pragma once

#include "client/store/update.hpp"

#include <string>

namespace waypoint::client::testing {

inline HttpReplied reply(RequestKind kind, int status, std::string body, std::int64_t tag = 0) {
  HttpReplied r;
  r.kind = kind;
  r.status = status;
  r.body = std::move(body);
  r.tag = tag;
  return r;
}

}  // namespace waypoint::client::testing
