// GET /api/openapi.json (and `waypoint-server openapi`): an OpenAPI 3 document generated from the route table and
// the shared body schemas (shared/api_schema.hpp), so it cannot drift from what the server reads and answers.
// tests/contract/ validates it with an OpenAPI validator and every response the server tests receive against it.
// Index:
//   [SECTION] Failures    every error status, its error codes and the routes that answer it
//   [SECTION] Operations  one per route: parameters, request body, each status it can answer
//   [SECTION] Document
#include <algorithm>
#include <set>

#include "server/http/api.hpp"
#include "shared/api_schema.hpp"
#include "shared/version.hpp"

namespace waypoint::http {

namespace {

using nlohmann::json;

constexpr const char* kSchemas = "#/components/schemas/";

json component(const std::string& where) { return {{"$ref", where}}; }

// [SECTION] Failures
// Every error body is {"error": {"code", "message", "fields"}}; these are the codes each status carries.
struct Failure {
  int status;
  const char* name;  // of the shared response in components/responses
  const char* description;
  std::vector<const char*> codes;
};

const std::vector<Failure>& failures() {
  static const std::vector<Failure> table = {
      {400,
       "BadRequest",
       "The request could not be read: malformed JSON, a missing field or a wrong type, a bad query parameter, an "
       "Idempotency-Key over 200 characters, or a malformed request line, Host or framing. `fields` names each.",
       {"bad_request"}},
      {401,
       "Unauthorized",
       "Not signed in, the session ended, or (signing in) the username or password is not right.",
       {"unauthenticated"}},
      {403,
       "Forbidden",
       "Your workgroup or organization may not do this (forbidden); the account is locked for disuse "
       "(account_locked); this session must choose a new password first (password_change_required); or a change "
       "came from another site's page (forbidden_origin).",
       {"forbidden", "account_locked", "password_change_required", "forbidden_origin"}},
      {404,
       "NotFound",
       "No such record, or one the current organization may not see; also any unknown /api/ path.",
       {"not_found"}},
      {405,
       "MethodNotAllowed",
       "The path exists but not with this method; Allow lists those it has.",
       {"method_not_allowed"}},
      {408, "RequestTimeout", "The request took too long to arrive.", {"request_timeout"}},
      {409,
       "Conflict",
       "Someone changed the record since you read it (stale_version, with `current`: the record as it is now), the "
       "change is not possible in its state (invalid_state), or it would break a rule across records (conflict).",
       {"stale_version", "invalid_state", "conflict"}},
      {411, "LengthRequired", "A body was sent without a length.", {"length_required"}},
      {413, "PayloadTooLarge", "The body is over 1 MiB.", {"payload_too_large"}},
      {414, "UriTooLong", "The URL is too long.", {"uri_too_long"}},
      {415,
       "UnsupportedMediaType",
       "A body that is not application/json, or is compressed.",
       {"unsupported_media_type"}},
      {421, "MisdirectedRequest", "The Host header names another server.", {"misdirected_request"}},
      {422,
       "ValidationFailed",
       "The request breaks a rule: `fields` names each problem with the message to show beside it (validation); "
       "or the Idempotency-Key was already used for a different request (idempotency_key_reused).",
       {"validation", "idempotency_key_reused"}},
      {429,
       "TooManyRequests",
       "Too many failed sign-ins (throttled) or open connections from your address (too_many_connections); "
       "Retry-After says when to try again.",
       {"throttled", "too_many_connections"}},
      {431, "HeadersTooLarge", "The request's headers are too large.", {"headers_too_large"}},
      {500, "InternalError", "The server could not complete the request.", {"internal"}},
      {501, "NotImplemented", "A transfer encoding other than chunked.", {"not_implemented"}},
      {503,
       "Unavailable",
       "The server is busy (unavailable; Retry-After), or a change could not be saved and was not made (not_saved).",
       {"unavailable", "not_saved"}},
  };
  return table;
}

// Null for a status missing from the table: the document then says so, and openapi_test fails on it.
const Failure* failure(int status) {
  for (const auto& f : failures())
    if (f.status == status) return &f;
  return nullptr;
}

// Answered by the edge or the library before any route, for any request.
const std::vector<int> kAnyRequest = {400, 408, 411, 413, 414, 415, 421, 429, 431, 500, 501, 503};

// The Error schema with this status's codes, and `current` (in the route's own shape) only for 409.
json error_schema(const Failure& f, const std::string& current_schema) {
  json schema = response_body_schemas()["Error"];
  auto& codes = schema["properties"]["error"]["properties"]["code"]["enum"];
  for (const char* code : f.codes) codes.push_back(code);
  if (f.status == 409 && !current_schema.empty())
    schema["properties"]["current"] = component(kSchemas + current_schema);
  else
    schema["properties"].erase("current");
  return schema;
}

json header(const char* description, bool required) {
  return {{"description", description}, {"required", required}, {"schema", {{"type", "string"}}}};
}

json failure_response(const Failure& f, const std::string& current_schema) {
  json response = {{"description", f.description},
                   {"content", {{"application/json", {{"schema", error_schema(f, current_schema)}}}}}};
  if (f.status == 405) response["headers"]["Allow"] = header("The methods this path has, e.g. GET, PATCH", true);
  if (f.status == 429) response["headers"]["Retry-After"] = header("Seconds to wait", true);
  if (f.status == 503) response["headers"]["Retry-After"] = header("Seconds to wait, when busy", false);
  return response;
}

json shared_failures() {
  json out = json::object();
  for (const auto& f : failures()) out[f.name] = failure_response(f, "");
  return out;
}

// [SECTION] Operations

bool is_write(const Route& route) { return route.method != "GET"; }

// Every status the route can answer, beyond its success.
std::set<int> failure_statuses(const Route& route) {
  std::set<int> statuses(kAnyRequest.begin(), kAnyRequest.end());
  statuses.insert(route.answers.errors.begin(), route.answers.errors.end());
  if (route.signed_in) statuses.insert(401);
  // Until a reset password is changed, only the routes marked before_password_change answer.
  if (route.signed_in && !route.before_password_change) statuses.insert(403);
  if (is_write(route)) statuses.insert(403);  // forbidden_origin
  if (route.path.find("{id}") != std::string::npos) statuses.insert(404);
  if (is_write(route) && !route.carries_password) statuses.insert(422);  // idempotency_key_reused
  return statuses;
}

json success_response(const Route& route) {
  const int status = route.answers.success;
  json response = {{"description", status == 201 ? "Created" : status == 204 ? "Done; no body" : "OK"}};
  if (status != 204) {
    json schema = route.answers.schema.empty() ? json{{"type", "object"}} : component(kSchemas + route.answers.schema);
    response["content"] = {{"application/json", {{"schema", schema}}}};
  }
  if (route.path == "/api/session" && route.method == "POST")
    response["headers"]["Set-Cookie"] = header("waypoint_session: the same token, HttpOnly, SameSite=Strict", true);
  if (is_write(route) && !route.carries_password)
    response["headers"]["Idempotent-Replay"] =
        header("true when this is the stored reply to an earlier request with the same Idempotency-Key", false);
  return response;
}

json operation(const Route& route) {
  json op = {{"summary", route.summary}, {"responses", json::object()}};
  op["responses"][std::to_string(route.answers.success)] = success_response(route);
  for (int status : failure_statuses(route)) {
    const Failure* known = failure(status);
    if (!known) {
      op["responses"][std::to_string(status)] = {{"description", "Missing from openapi.cpp's failures()"}};
      continue;
    }
    const Failure& f = *known;
    json response = status == 409 ? failure_response(f, route.answers.schema)
                                  : json{{"$ref", std::string("#/components/responses/") + f.name}};
    // A route that lists 503 itself answers it with its own body too (health: database_unavailable).
    bool own =
        std::find(route.answers.errors.begin(), route.answers.errors.end(), status) != route.answers.errors.end();
    if (status == 503 && own && !route.answers.schema.empty()) {
      response = failure_response(f, "");
      auto& content = response["content"]["application/json"];
      content["schema"] = {{"oneOf", json::array({component(kSchemas + route.answers.schema), content["schema"]})}};
      response["description"] = "Its own body with a status other than ok, or the shared 503 error";
    }
    op["responses"][std::to_string(status)] = response;
  }
  if (route.signed_in) op["security"] = json::array({{{"cookie", json::array()}}, {{"bearer", json::array()}}});

  auto parameters = json::array();
  if (route.path.find("{id}") != std::string::npos) parameters.push_back(component("#/components/parameters/Id"));
  for (const auto& q : route.query) {
    json parameter = {{"name", q.name}, {"in", "query"}, {"required", false}, {"schema", q.schema}};
    if (!q.description.empty()) parameter["description"] = q.description;
    parameters.push_back(parameter);
  }
  if (is_write(route) && !route.carries_password)
    parameters.push_back(component("#/components/parameters/IdempotencyKey"));
  if (!parameters.empty()) op["parameters"] = parameters;

  if (!route.body_schema.empty())
    op["requestBody"] = {{"required", true},
                         {"content", {{"application/json", {{"schema", component(kSchemas + route.body_schema)}}}}}};
  return op;
}

json parameters() {
  return {
      {"Id",
       {{"name", "id"},
        {"in", "path"},
        {"required", true},
        {"schema", {{"type", "integer"}, {"format", "int64"}, {"minimum", 1}}}}},
      {"IdempotencyKey",
       {{"name", "Idempotency-Key"},
        {"in", "header"},
        {"required", false},
        {"description",
         "Any unique text: a retry with the same key and request gets the stored reply (Idempotent-Replay: true) "
         "instead of doing the change twice. Kept at least 24 hours."},
        {"schema", {{"type", "string"}, {"maxLength", kMaxIdempotencyKey}}}}},  // services' run_write refuses longer (400)
  };
}

}  // namespace

// [SECTION] Document

nlohmann::json openapi_document() {
  json paths = json::object();
  for (const auto& route : api_routes()) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    paths[route.path][method] = operation(route);
  }
  json schemas = request_body_schemas();
  schemas.update(response_body_schemas());
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "Waypoint API"},
            {"version", kVersion},
            {"description",
             "Referrals and housing inventory for a Continuum of Care. Every error is JSON "
             "{\"error\": {\"code\", \"message\", \"fields\"}}; the codes of each status are listed with it. Any "
             "unknown /api/ path answers 404 (NotFound), and a known path asked with a method it lacks answers 405 "
             "(MethodNotAllowed) with Allow. Dates are ISO 2025-05-01; timestamps UTC."}}},
          {"paths", paths},
          {"components",
           {{"schemas", schemas},
            {"responses", shared_failures()},
            {"parameters", parameters()},
            {"securitySchemes",
             {{"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "waypoint_session"}}},
              {"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
}

}  // namespace waypoint::http
