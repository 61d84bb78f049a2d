// GET /api/openapi.json: a parseable OpenAPI 3 document listing exactly the routes the server
// registers (waypoint::http::api_routes()), each of which really answers over HTTP; its references resolve, and the
// bounds it states for query parameters and the Idempotency-Key are the ones the server enforces.
#include "api_client.hpp"

#include "server/http/api.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <regex>
#include <set>

using namespace waypoint::test;

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::set<std::pair<std::string, std::string>> registered_routes() {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& route : waypoint::http::api_routes()) out.insert({route.path, lower(route.method)});
  return out;
}

}  // namespace

TEST_CASE("the OpenAPI document parses and lists every route the server registers, and no other") {
  ServerProcess server;
  Api anonymous(server);
  auto reply = anonymous.get("/api/openapi.json");
  REQUIRE(reply.status == 200);
  CHECK(reply.header("Content-Type") == "application/json");
  auto doc = json::parse(reply.raw);  // throws (fails the test) if it is not JSON
  REQUIRE(doc.is_object());
  CHECK(doc["openapi"].get<std::string>().rfind("3.", 0) == 0);
  CHECK(doc["info"]["title"].is_string());
  CHECK(doc["info"]["version"].is_string());
  REQUIRE(doc["paths"].is_object());

  const std::set<std::string> http_methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, operation] : item.items())
      if (http_methods.count(method)) documented.insert({path, method});

  auto registered = registered_routes();
  for (const auto& [path, method] : registered) CHECK_MESSAGE(documented.count({path, method}), method, " ", path, " is not documented");
  for (const auto& [path, method] : documented) CHECK_MESSAGE(registered.count({path, method}), method, " ", path, " is documented but not registered");
  CHECK(documented.size() == registered.size());

  // The contract's endpoints are all there (the route table itself could lose one).
  const std::pair<const char*, const char*> contract[] = {
      {"/api/session", "post"}, {"/api/session", "get"}, {"/api/session", "delete"}, {"/api/session/context", "put"},
      {"/api/organizations", "get"}, {"/api/projects", "get"}, {"/api/clients", "get"}, {"/api/clients", "post"},
      {"/api/clients/{id}", "get"}, {"/api/clients/{id}", "patch"}, {"/api/clients/{id}/referrals", "get"},
      {"/api/clients/{id}/enrollments", "get"}, {"/api/referrals", "get"}, {"/api/referrals", "post"},
      {"/api/referrals/{id}", "get"}, {"/api/referrals/{id}/history", "get"}, {"/api/referrals/{id}/acknowledge", "post"},
      {"/api/referrals/{id}/outcome", "post"}, {"/api/referrals/{id}/return", "post"},
      {"/api/referrals/{id}/reassign", "post"}, {"/api/referrals/{id}/cancel", "post"},
      {"/api/referrals/{id}/reopen", "post"}, {"/api/enrollments", "post"}, {"/api/users", "get"},
      {"/api/users", "post"}, {"/api/users/{id}", "patch"}, {"/api/openapi.json", "get"}, {"/api/health", "get"},
      {"/api/session/password", "post"}, {"/api/users/{id}/password", "post"},
  };
  for (const auto& [path, method] : contract) CHECK_MESSAGE(documented.count({path, method}), method, " ", path);
  CHECK(documented.size() == std::size(contract));
}

TEST_CASE("each documented operation has responses, path parameters and resolvable request schemas") {
  ServerProcess server;
  auto doc = json::parse(Api(server).get("/api/openapi.json").raw);
  const auto& schemas = doc["components"]["schemas"];
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      INFO(method, " ", path);
      CHECK(op["summary"].is_string());
      REQUIRE(op["responses"].is_object());
      CHECK_FALSE(op["responses"].empty());
      if (path.find("{id}") != std::string::npos) {
        bool has_id = false;
        for (auto p : op.value("parameters", json::array())) {
          if (p.contains("$ref")) p = doc.at(json::json_pointer(p["$ref"].get<std::string>().substr(1)));
          has_id = has_id || (p["name"] == "id" && p["in"] == "path" && p["required"] == true);
        }
        CHECK(has_id);
      }
      if (op.contains("requestBody")) {
        std::string ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"].get<std::string>();
        REQUIRE(ref.rfind("#/components/schemas/", 0) == 0);
        CHECK(schemas.contains(ref.substr(std::string("#/components/schemas/").size())));
      }
      if (op.contains("security"))
        for (const auto& requirement : op["security"])
          for (const auto& [scheme, scopes] : requirement.items())
            CHECK(doc["components"]["securitySchemes"].contains(scheme));
    }
  }
  // Routes that need a session say so; the public ones do not.
  for (const auto& route : waypoint::http::api_routes()) {
    INFO(route.method, " ", route.path);
    CHECK(doc["paths"][route.path][lower(route.method)].contains("security") == route.signed_in);
    if (route.method != "GET" && route.method != "DELETE") CHECK(!route.body_schema.empty());
  }
}

TEST_CASE("every registered route is served over HTTP, and other methods on its path are a 405 naming the allowed ones") {
  ServerProcess server;
  Api anonymous(server);
  auto registered = registered_routes();
  std::set<std::string> paths;
  for (const auto& [path, method] : registered) paths.insert(path);
  for (const auto& path : paths) {
    std::string concrete = std::regex_replace(path, std::regex("\\{id\\}"), "1");
    for (const std::string method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
      std::string body = method == "GET" || method == "DELETE" ? "" : "{}";
      auto reply = anonymous.send(method, concrete, body, {}, false);
      INFO(method, " ", concrete, " -> ", reply.status, " ", reply.raw.substr(0, 200));
      bool is_route = registered.count({path, lower(method)}) == 1;
      if (is_route) {
        // Answered by the route itself: 401 for signed-in routes, a real answer for the public ones.
        CHECK(reply.status != 404);
        CHECK(reply.status != 405);
        CHECK(reply.status < 500);
      } else {
        CHECK(reply.status == 405);
        CHECK(reply.code() == "method_not_allowed");
        auto found = reply.headers.find("Allow");
        std::string allow = found == reply.headers.end() ? "" : found->second;
        for (const auto& [route_path, route_method] : registered)
          if (route_path == path) CHECK(lower(allow).find(route_method) != std::string::npos);
      }
    }
  }
}

namespace {

// Every "$ref" in `node`, anywhere.
void collect_refs(const json& node, std::vector<std::string>& out) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "$ref" && value.is_string()) out.push_back(value.get<std::string>());
      else collect_refs(value, out);
    }
  } else if (node.is_array()) {
    for (const auto& value : node) collect_refs(value, out);
  }
}

const json* resolve_pointer(const json& doc, const std::string& ref) {
  if (ref.rfind("#/", 0) != 0) return nullptr;
  auto pointer = json::json_pointer(ref.substr(1));
  return doc.contains(pointer) ? &doc.at(pointer) : nullptr;
}

std::string with_query(std::string path, const std::string& name, const std::string& value) {
  return path + (path.find('?') == std::string::npos ? "?" : "&") + name + "=" + query(value);
}

}  // namespace

TEST_CASE("every $ref in the document resolves, and every status a route answers has a JSON error body or its own") {
  auto doc = waypoint::http::openapi_document();
  std::vector<std::string> refs;
  collect_refs(doc, refs);
  CHECK(refs.size() > 100);
  for (const auto& ref : refs) CHECK_MESSAGE(resolve_pointer(doc, ref), ref, " does not resolve");
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      for (const auto& [status, raw] : op["responses"].items()) {
        INFO(method, " ", path, " ", status);
        const json* response = raw.contains("$ref") ? resolve_pointer(doc, raw["$ref"]) : &raw;
        REQUIRE(response);
        if (status == "204") CHECK_FALSE(response->contains("content"));
        else CHECK((*response)["content"]["application/json"].contains("schema"));
      }
    }
  }
  // The numbers the issue asked for: writes say 201 and 204, sign-in its 401, 403 and 429, every route 414.
  CHECK(doc["paths"]["/api/clients"]["post"]["responses"].contains("201"));
  CHECK(doc["paths"]["/api/session"]["delete"]["responses"].contains("204"));
  for (const char* status : {"401", "403", "422", "429", "414"})
    CHECK(doc["paths"]["/api/session"]["post"]["responses"].contains(status));
}

TEST_CASE("each documented query parameter's type and bounds are the handler's: its limits pass, one past is a 400") {
  ServerProcess server(demo_options());
  auto admin = Api::signed_in(server, "demo-admin");  // a system administrator sees every list
  auto doc = json::parse(admin.get("/api/openapi.json").raw);
  int checked = 0;
  for (const auto& [path, item] : doc["paths"].items()) {
    if (!item.contains("get")) continue;
    std::string concrete = std::regex_replace(path, std::regex("\\{id\\}"), "1");
    for (const auto& parameter : item["get"].value("parameters", json::array())) {
      if (parameter.value("in", "") != "query") continue;
      const std::string name = parameter["name"];
      const json& schema = parameter["schema"];
      INFO("GET ", concrete, " ", name, " ", schema.dump());
      auto answer = [&](const std::string& value) { return admin.get(with_query(concrete, name, value)); };
      auto accepted = [&](const std::string& value) {
        auto reply = answer(value);
        CHECK_MESSAGE(reply.status == 200, name, "=", value, " -> ", reply.status, " ", reply.raw.substr(0, 200));
      };
      auto refused = [&](const std::string& value) {
        auto reply = answer(value);
        CHECK_MESSAGE(reply.status == 400, name, "=", value, " -> ", reply.status);
        CHECK(reply.names_field(name));
      };
      if (schema["type"] == "integer") {
        std::int64_t min = schema["minimum"];
        accepted(std::to_string(min));
        refused(std::to_string(min - 1));
        refused("one");
        if (schema.contains("maximum")) {
          std::int64_t max = schema["maximum"];
          accepted(std::to_string(max));
          refused(std::to_string(max + 1));
        }
      } else if (schema.contains("enum")) {
        for (const auto& value : schema["enum"]) accepted(value.get<std::string>());
        refused("not-one-of-them");
      } else {
        REQUIRE(schema["type"] == "string");
        REQUIRE(schema.contains("maxLength"));
        std::size_t max = schema["maxLength"];
        accepted(std::string(max, 'a'));
        refused(std::string(max + 1, 'a'));
      }
      ++checked;
    }
  }
  // organization_id; q, page, page_size; page, page_size; box, status, project_id, page, page_size, sort
  CHECK(checked == 12);
}

TEST_CASE("the documented Idempotency-Key limit is the server's: one at the limit works, one past it is a 400") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  auto doc = waypoint::http::openapi_document();
  std::size_t max = doc["components"]["parameters"]["IdempotencyKey"]["schema"]["maxLength"];
  json body = {{"first_name", "Ana"}, {"last_name", "Lima"}, {"date_of_birth", ""}, {"ssn_last4", ""}};
  auto at_limit = caseworker.post("/api/clients", body, {{"Idempotency-Key", std::string(max, 'k')}});
  CHECK(at_limit.status == 201);
  auto past = caseworker.post("/api/clients", body, {{"Idempotency-Key", std::string(max + 1, 'k')}});
  CHECK(past.status == 400);
  CHECK(past.names_field("Idempotency-Key"));
}
