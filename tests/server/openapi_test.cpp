// GET /api/openapi.json: a parseable OpenAPI 3 document listing exactly the routes the server
// registers (waypoint::http::api_routes()), each of which really answers over HTTP.
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
        for (const auto& p : op.value("parameters", json::array()))
          has_id = has_id || (p["name"] == "id" && p["in"] == "path" && p["required"] == true);
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
