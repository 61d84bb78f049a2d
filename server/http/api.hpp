// The API's route table and what a handler receives. One table drives both the HTTP
// registration and the OpenAPI document, so the two can never disagree.
#pragma once

#include "server/services/services.hpp"

#include <httplib.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace waypoint::http {

struct Call {
  const httplib::Request& req;
  httplib::Response& res;
  Services& services;
  const Session* session = nullptr;  // set when the route needs a signed-in user
  std::int64_t id = 0;               // the {id} path parameter, when the route has one
  nlohmann::json body;               // the parsed JSON body of POST/PUT/PATCH
};

// A query parameter as the handler reads it: its JSON Schema says the type and the bounds the handler checks (400).
struct QueryParameter {
  std::string name;
  nlohmann::json schema;
  std::string description = {};
};

// What a route answers besides what every route may (openapi.cpp adds those: the edge's limits, 401 and 403 for
// signed-in routes, 404 for an {id}, 400 for a body or query parameter, idempotency's 422 and 503 for writes).
struct Answers {
  int success = 200;             // 201 when it creates, 204 when the reply has no body
  std::string schema = {};       // the success body's schema (shared/api_schema.hpp); empty: any JSON object
  std::vector<int> errors = {};  // the failures its handler and services answer
};

// A route only one workgroup may call at all, and the words of its refusal.
struct RoleRequirement {
  Workgroup workgroup = Workgroup::system_admin;
  std::string refusal;  // e.g. "Only system administrators manage users."
};

struct Route {
  std::string method;   // GET, POST, PUT, PATCH, DELETE
  std::string path;     // OpenAPI form: /api/referrals/{id}/acknowledge
  std::string summary;  // one line for the OpenAPI document
  bool signed_in = true;
  std::function<void(Call&)> handle;
  std::vector<QueryParameter> query = {};
  std::string body_schema = {};  // name of the request schema (shared/api_schema.hpp)
  // Bodies with a password (sign-in, new user) are never stored for Idempotency-Key replays, whose
  // fast hash of the request would undo argon2id; and their handlers hash or verify it (~50 ms)
  // before taking the write turn, which would otherwise stall every other save meanwhile.
  bool carries_password = false;
  // Callable by a session whose password an administrator reset (sign out, who-am-I, change it);
  // every other signed-in route answers 403 password_change_required until it is changed.
  bool before_password_change = false;
  Answers answers = {};
  // Checked before the handler reads the body: any other workgroup is answered 403 whatever it sent, so a caller
  // without the right learns nothing of the route (not even which fields it takes). The service checks again.
  std::optional<RoleRequirement> requires_role = std::nullopt;
};

const std::vector<Route>& api_routes();
nlohmann::json openapi_document();

// Replies for handlers.
void reply(Call& call, const JsonOutcome& outcome, int success_status = 200);
void reply(Call& call, const Outcome<ReferralView>& outcome, int success_status = 200);
void reply_failure(httplib::Response& res, const ServiceError& error);

}  // namespace waypoint::http
