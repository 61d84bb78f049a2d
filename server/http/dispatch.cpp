// What every API call goes through: its hold on the database (services' CallScope),
// authentication (cookie or bearer token), JSON body parsing, a write's unit of work with its
// idempotency record (services' run_write), and the one mapping from service errors to statuses.
#include "server/http/api.hpp"
#include "server/http/json_reply.hpp"
#include "server/http/http_core.hpp"
#include "server/http/request_guard.hpp"
#include "server/http/server.hpp"
#include "shared/json_mapping.hpp"

#include <regex>

namespace waypoint::http {

namespace {

std::string session_token(const httplib::Request& req) {
  auto auth = req.get_header_value("Authorization");
  if (auth.rfind("Bearer ", 0) == 0) return auth.substr(7);
  const std::string cookies = req.get_header_value("Cookie");
  const std::string name = "waypoint_session=";
  for (size_t at = cookies.find(name); at != std::string::npos; at = cookies.find(name, at + 1)) {
    if (at != 0 && cookies[at - 1] != ' ' && cookies[at - 1] != ';') continue;  // not "xwaypoint_session="
    size_t start = at + name.size();
    return cookies.substr(start, cookies.find(';', start) - start);
  }
  return {};
}

int status_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_request: return 400;
    case ErrorKind::unauthenticated: return 401;
    case ErrorKind::forbidden: return 403;
    case ErrorKind::not_found: return 404;
    case ErrorKind::stale_version: return 409;
    case ErrorKind::invalid_state: return 409;
    case ErrorKind::conflict: return 409;
    case ErrorKind::validation: return 422;
    case ErrorKind::throttled: return 429;
    case ErrorKind::account_locked: return 403;
    case ErrorKind::password_change_required: return 403;
    case ErrorKind::idempotency_key_reused: return 422;
    case ErrorKind::not_saved: return 503;
  }
  return 500;
}

const char* code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_request: return "bad_request";
    case ErrorKind::unauthenticated: return "unauthenticated";
    case ErrorKind::forbidden: return "forbidden";
    case ErrorKind::not_found: return "not_found";
    case ErrorKind::stale_version: return "stale_version";
    case ErrorKind::invalid_state: return "invalid_state";
    case ErrorKind::conflict: return "conflict";
    case ErrorKind::validation: return "validation";
    case ErrorKind::throttled: return "throttled";
    case ErrorKind::account_locked: return "account_locked";
    case ErrorKind::password_change_required: return "password_change_required";
    case ErrorKind::idempotency_key_reused: return "idempotency_key_reused";
    case ErrorKind::not_saved: return "not_saved";
  }
  return "internal";
}

bool is_write(const std::string& method) { return method != "GET" && method != "HEAD"; }

// A write's handler runs inside services' unit of work, which stores its reply for Idempotency-Key
// replays; the reply leaves only once the (group) commit is durable.
void run_write(Call& call, const Route& route, CallScope& scope) {
  const std::string key = call.req.get_header_value("Idempotency-Key");
  WriteCall write{call.session ? call.session->user.id : 0, key, call.req.method, call.req.path, call.req.body};
  auto done = call.services.run_write(scope, write, [&] {
    route.handle(call);
    return ReplyView{call.res.status, call.res.body};
  });
  if (!done) return reply_failure(call.res, done.error());
  if (const auto& replay = done.value()) {
    call.res.status = replay->status;
    call.res.set_header("Idempotent-Replay", "true");
    call.res.set_content(replay->body, "application/json");
  }
}

}  // namespace

void reply_failure(httplib::Response& res, const ServiceError& e) {
  nlohmann::json error = {{"code", code_for(e.kind)}, {"message", e.message}, {"fields", nlohmann::json::object()}};
  for (const auto& [name, text] : e.fields) error["fields"][name] = text;
  nlohmann::json body = {{"error", error}};
  if (!e.current.is_null()) body["current"] = e.current;
  if (e.kind == ErrorKind::throttled) res.set_header("Retry-After", "60");
  reply_json(res, status_for(e.kind), body);
}

void reply(Call& call, const JsonOutcome& outcome, int success_status) {
  if (outcome) reply_json(call.res, success_status, outcome.value());
  else reply_failure(call.res, outcome.error());
}

void reply(Call& call, const Outcome<ReferralView>& outcome, int success_status) {
  if (outcome) reply_json(call.res, success_status, nlohmann::json(outcome.value()));
  else reply_failure(call.res, outcome.error());
}

void Server::register_routes() {
  for (const auto& route : api_routes()) {
    std::string pattern = std::regex_replace(route.path, std::regex("\\{id\\}"), "(\\d+)");
    auto handler = [this, &route](const httplib::Request& req, httplib::Response& res) {
      res.set_header("Cache-Control", "no-store");
      res.set_header("Content-Security-Policy", kApiContentSecurityPolicy);
      // One connection for the whole request: a pooled reader, or for writes the writer connection,
      // whose turn is taken before authentication too (on a reader, the first read after each commit
      // elsewhere would drop and rebuild that reader's memory map: more than the lookups themselves).
      CallScope scope(services_, is_write(route.method) && !route.carries_password ? CallScope::Access::write
                                                                                    : CallScope::Access::read);
      Call call{req, res, services_, nullptr, 0, {}};
      if (!req.matches.empty() && req.matches.size() > 1) {
        try {
          call.id = std::stoll(req.matches[1]);
        } catch (...) {
          reply_error(res, 404, "not_found", "No such resource: " + req.path);
          return;
        }
      }
      std::optional<Session> session;
      if (route.signed_in) {
        session = services_.authenticate(session_token(req));
        if (!session) {
          reply_error(res, 401, "unauthenticated", "Your session has ended. Sign in again.");
          return;
        }
        call.session = &*session;
      }
      if (route.method == "POST" || route.method == "PUT" || route.method == "PATCH") {
        auto parsed = parse_json_text(req.body.empty() ? std::string_view("{}") : std::string_view(req.body));
        if (!parsed || !parsed.value().is_object()) {
          reply_error(res, 400, "bad_request", "The request body must be a JSON object.",
                      {{"body", parsed ? "must be a JSON object" : parsed.error().begin()->second}});
          return;
        }
        call.body = std::move(parsed).value();
      }
      // Reads, and the password routes, whose services open their own write units of work (none
      // changes what a cached list shows).
      if (scope.writes()) run_write(call, route, scope);
      else route.handle(call);
      // Over TLS the session cookie never travels in the clear (one place for every route that sets it).
      if (edge_.tls())
        for (auto& [name, value] : res.headers)
          if (name == "Set-Cookie" && value.find("; Secure") == std::string::npos) value += "; Secure";
    };
    if (route.method == "GET") core_->Get(pattern, handler);
    else if (route.method == "POST") core_->Post(pattern, handler);
    else if (route.method == "PUT") core_->Put(pattern, handler);
    else if (route.method == "PATCH") core_->Patch(pattern, handler);
    else if (route.method == "DELETE") core_->Delete(pattern, handler);
  }

  // Anything else under /api/ is a JSON 404, whatever the method.
  // A path the table has, asked with a method it lacks, is 405 with the methods it has (Allow).
  auto known = std::make_shared<std::vector<std::pair<std::regex, std::string>>>();
  for (const auto& route : api_routes())
    known->emplace_back(std::regex(std::regex_replace(route.path, std::regex("\\{id\\}"), "(\\d+)")), route.method);
  auto api_not_found = [known](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_header("Content-Security-Policy", kApiContentSecurityPolicy);
    std::string allow;
    for (const auto& [pattern, method] : *known)
      if (std::regex_match(req.path, pattern) && allow.find(method) == std::string::npos)
        allow += (allow.empty() ? "" : ", ") + method;
    if (allow.empty()) return reply_error(res, 404, "not_found", "No such resource: " + req.path);
    res.set_header("Allow", allow);
    reply_error(res, 405, "method_not_allowed", req.method + " is not allowed here; use " + allow + ".");
  };
  core_->Get("/api/.*", api_not_found);
  core_->Post("/api/.*", api_not_found);
  core_->Put("/api/.*", api_not_found);
  core_->Patch("/api/.*", api_not_found);
  core_->Delete("/api/.*", api_not_found);

  core_->Get(".*", [this](const httplib::Request& req, httplib::Response& res) { static_files_.serve(req, res); });
}

}  // namespace waypoint::http
