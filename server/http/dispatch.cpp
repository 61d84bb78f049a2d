// What every API call goes through: authentication (cookie or bearer token), JSON body
// parsing, the per-request write transaction with its idempotency record, and the one
// mapping from service errors to HTTP statuses.
#include "server/http/api.hpp"
#include "server/http/json_reply.hpp"
#include "server/http/response_cache.hpp"
#include "server/http/http_core.hpp"
#include "server/http/request_guard.hpp"
#include "server/http/server.hpp"
#include "shared/json_mapping.hpp"

#include <sodium.h>

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
  }
  return "internal";
}

std::string request_hash(const Call& call) {
  std::string material = call.req.method + " " + call.req.path + "\n" + call.req.body;
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(material.data()), material.size(),
                     nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool is_write(const std::string& method) { return method != "GET" && method != "HEAD"; }

// Runs a write inside one transaction; with an Idempotency-Key the reply is stored in the same
// transaction, so a replay after a crash or a lost reply never applies the change twice. The reply
// leaves only once the (group) commit is durable; a failed commit turns it into a 503.
void run_write(Call& call, const Route& route, storage::WriteLease& turn) {
  auto& conn = call.services.db.connection();
  std::string key = call.req.get_header_value("Idempotency-Key");
  std::int64_t user_id = call.session ? call.session->user.id : 0;
  storage::Transaction tx(conn);
  if (!key.empty()) {
    if (key.size() > 200) {
      reply_error(call.res, 400, "bad_request", "The Idempotency-Key header is too long.",
                  {{"Idempotency-Key", "must be at most 200 characters"}});
      return;
    }
    std::string hash = request_hash(call);
    if (auto previous = storage::find_idempotent_reply(conn, user_id, key)) {
      if (previous->request_hash != hash) {
        reply_error(call.res, 422, "idempotency_key_reused",
                    "This Idempotency-Key was already used for a different request.",
                    {{"Idempotency-Key", "was used for a different request"}});
        return;
      }
      call.res.status = previous->status;
      call.res.set_header("Idempotent-Replay", "true");
      call.res.set_content(previous->body, "application/json");
      return;
    }
    route.handle(call);
    if (call.res.status < 500)
      storage::store_idempotent_reply(conn, user_id, key, {hash, call.res.status, call.res.body}, unix_now());
  } else {
    route.handle(call);
  }
  tx.commit();
  if (!turn.finish()) {
    reply_error(call.res, 503, "not_saved", "The change could not be saved. Try again.");
    return;
  }
  // Bumped after the commit: a page rendered from now on sees this write; one rendered before is dropped.
  response_cache().bump();
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

void Server::register_routes() {
  for (const auto& route : api_routes()) {
    std::string pattern = std::regex_replace(route.path, std::regex("\\{id\\}"), "(\\d+)");
    auto handler = [this, &route](const httplib::Request& req, httplib::Response& res) {
      res.set_header("Cache-Control", "no-store");
      res.set_header("Content-Security-Policy", kApiContentSecurityPolicy);
      // One connection for the whole request: a pooled reader, or for writes the writer connection,
      // whose turn is taken before authentication too (on a reader, the first read after each commit
      // elsewhere would drop and rebuild that reader's memory map: more than the lookups themselves).
      std::optional<storage::Lease> reader;
      std::optional<storage::WriteLease> writer;
      if (is_write(route.method) && !route.carries_password) writer.emplace(services_.db);
      else reader.emplace(services_.db);
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
      if (writer) {
        run_write(call, route, *writer);
      } else {
        route.handle(call);  // reads, and the password routes, whose services open their own write transactions
        if (is_write(route.method) && call.res.status < 300) response_cache().bump();
      }
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
