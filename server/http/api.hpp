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

struct Route {
  std::string method;   // GET, POST, PUT, PATCH, DELETE
  std::string path;     // OpenAPI form: /api/referrals/{id}/acknowledge
  std::string summary;  // one line for the OpenAPI document
  bool signed_in = true;
  std::function<void(Call&)> handle;
  std::vector<std::string> query = {};  // documented query parameters
  std::string body_schema = {};         // name of the request schema in the OpenAPI document
  // Idempotency-Key replies are stored with a fast hash of the request: never for bodies that
  // carry a password (sign-in, new user), whose stored hash would undo argon2id.
  bool replayable = true;
};

const std::vector<Route>& api_routes();
nlohmann::json openapi_document();

// Replies for handlers.
void reply(Call& call, const JsonOutcome& outcome, int success_status = 200);
void reply_failure(httplib::Response& res, const ServiceError& error);

}  // namespace waypoint::http
