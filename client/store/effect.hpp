// Effects are data: update() returns what should happen (an HTTP request, ...) and the
// platform's effect runner does it, then feeds the reply back as an action. So update()
// stays pure and is tested natively without a browser.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace waypoint::client {

// What a reply answers, so update() knows how to read it.
enum class RequestKind {
  health,
  session_restore,  // GET /api/session on load
  sign_in,
  sign_out,
  set_context,
  projects,
  organizations,
  clients_search,
  client_create,
  client_get,
  client_patch,     // PATCH /api/clients/{id}, from the client record (tag: the client id)
  client_referrals,
  client_enrollments,
  referral_get,
  acknowledge,
  outcome,
  return_referral,
  reassign,
  cancel_referral,  // POST /api/referrals/{id}/cancel (tag: the referral id)
  reopen_referral,  // POST /api/referrals/{id}/reopen (tag: the referral id)
  enroll,
  incoming,
  outgoing,
  pending_count,
  history,
  password_change,  // POST /api/session/password
  users,            // GET /api/users
  password_reset,   // POST /api/users/{id}/password (tag: the user id)
  user_unlock,      // PATCH /api/users/{id} {locked: false} (tag: the user id)
};

struct HttpRequest {
  RequestKind kind = RequestKind::health;
  std::string method;  // GET, POST, ...
  std::string path;    // /api/...
  std::string body;    // JSON, or empty
  std::int64_t tag = 0;

  bool operator==(const HttpRequest&) const = default;
};

using Effect = std::variant<HttpRequest>;

}  // namespace waypoint::client
