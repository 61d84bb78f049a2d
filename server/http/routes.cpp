// The route table: every endpoint in one readable place. Handlers are short: parse,
// call a service, reply. Work happens in services/.
#include "server/http/json_reply.hpp"
#include "server/http/server.hpp"
#include "server/services/services.hpp"

namespace waypoint::http {

void Server::register_routes() {
  server_.Get("/api/health", [this](const httplib::Request&, httplib::Response& res) {
    auto health = services_.health();
    res.set_header("Cache-Control", "no-store");
    reply_json(res, health.status == "ok" ? 200 : 503, health_to_json(health));
  });

  // Anything else under /api/ is a JSON 404, whatever the method.
  auto api_not_found = [](const httplib::Request& req, httplib::Response& res) {
    reply_error(res, 404, "not_found", "No such resource: " + req.path);
  };
  server_.Get("/api/.*", api_not_found);
  server_.Post("/api/.*", api_not_found);
  server_.Put("/api/.*", api_not_found);
  server_.Patch("/api/.*", api_not_found);
  server_.Delete("/api/.*", api_not_found);

  server_.Get(".*", [this](const httplib::Request& req, httplib::Response& res) { static_files_.serve(req, res); });
}

}  // namespace waypoint::http
