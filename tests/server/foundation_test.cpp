// The server's foundation: health, static files, JSON 404s, deep links, clean shutdown.
#include "server_process.hpp"

#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

using waypoint::test::ServerProcess;

TEST_CASE("GET /api/health answers JSON with status, version and schema version") {
  ServerProcess server;
  auto res = server.client().Get("/api/health");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "application/json");
  auto body = nlohmann::json::parse(res->body);
  CHECK(body["status"] == "ok");
  CHECK(body["version"].is_string());
  CHECK(body["schema_version"].get<int>() >= 1);
}

TEST_CASE("wasm is served as application/wasm, gzip-compressed when accepted, with an ETag") {
  ServerProcess server;
  auto client = server.client();
  auto plain = client.Get("/app.wasm");
  REQUIRE(plain);
  CHECK(plain->status == 200);
  CHECK(plain->get_header_value("Content-Type") == "application/wasm");
  CHECK(plain->body.size() == 4096);
  std::string etag = plain->get_header_value("ETag");
  CHECK_FALSE(etag.empty());

  client.set_decompress(false);
  auto packed = client.Get("/app.wasm", {{"Accept-Encoding", "gzip"}});
  REQUIRE(packed);
  CHECK(packed->get_header_value("Content-Encoding") == "gzip");
  CHECK(packed->body.size() < 4096);

  auto again = client.Get("/app.wasm", {{"If-None-Match", etag}});
  REQUIRE(again);
  CHECK(again->status == 304);
}

TEST_CASE("unknown API paths answer a JSON 404 and unknown pages serve the app") {
  ServerProcess server;
  auto client = server.client();
  auto api = client.Get("/api/no-such-thing");
  REQUIRE(api);
  CHECK(api->status == 404);
  auto error = nlohmann::json::parse(api->body);
  CHECK(error["error"]["code"] == "not_found");

  auto posted = client.Post("/api/no-such-thing", "{}", "application/json");
  REQUIRE(posted);
  CHECK(posted->status == 404);

  auto page = client.Get("/clients/12/referrals/34");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type").find("text/html") == 0);
}

TEST_CASE("SIGTERM stops the server cleanly with exit status 0") {
  ServerProcess server;
  REQUIRE(server.client().Get("/api/health"));
  int status = server.stop();
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
