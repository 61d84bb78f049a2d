#include "server/http/request_guard.hpp"

#include "server/http/json_reply.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

namespace waypoint::http {

const char* const kPageContentSecurityPolicy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const char* const kApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool is_ip_literal(const std::string& host) {
  unsigned char buf[16];
  if (inet_pton(AF_INET, host.c_str(), buf) == 1) return true;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    return inet_pton(AF_INET6, host.substr(1, host.size() - 2).c_str(), buf) == 1;
  return false;
}

// "Host: name[:port]" into its parts; false when malformed.
bool split_host(const std::string& value, std::string& host, int& port) {
  port = -1;
  std::string v = lower(value);
  std::size_t colon = v.rfind(':');
  if (colon != std::string::npos && v.find(']', colon) == std::string::npos) {
    std::string digits = v.substr(colon + 1);
    if (digits.empty() || digits.size() > 5 || !std::all_of(digits.begin(), digits.end(), ::isdigit)) return false;
    port = std::stoi(digits);
    v.resize(colon);
  }
  if (v.empty()) return false;
  host = v;
  return true;
}

bool is_state_changing(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

bool is_json(const std::string& content_type) {
  std::string type = lower(content_type.substr(0, content_type.find(';')));
  type.erase(std::remove(type.begin(), type.end(), ' '), type.end());
  return type == "application/json";
}

}  // namespace

GuardConfig make_guard_config(const std::string& bind, int port, bool tls, const std::string& public_origin) {
  GuardConfig config;
  config.scheme = tls ? "https" : "http";
  config.port = port;
  std::string bound = lower(bind);
  if (bound == "0.0.0.0" || bound == "::" || bound.empty()) config.any_ip_literal = true;
  else config.hosts.push_back(bound.find(':') != std::string::npos ? "[" + bound + "]" : bound);
  if (bound == "127.0.0.1" || bound == "::1" || bound == "localhost" || config.any_ip_literal) {
    config.hosts.push_back("localhost");
    config.hosts.push_back("127.0.0.1");
    config.hosts.push_back("[::1]");
  }
  if (!public_origin.empty()) {
    config.public_origin = lower(public_origin);
    while (!config.public_origin.empty() && config.public_origin.back() == '/') config.public_origin.pop_back();
    auto scheme_end = config.public_origin.find("://");
    std::string host_port = scheme_end == std::string::npos ? config.public_origin : config.public_origin.substr(scheme_end + 3);
    std::string host;
    int ignored;
    if (split_host(host_port, host, ignored)) config.hosts.push_back(host);
  }
  return config;
}

bool refuse_request(const GuardConfig& config, const httplib::Request& req, httplib::Response& res) {
  const bool api = req.path.rfind("/api/", 0) == 0;
  if (api) const_cast<httplib::Request&>(req).ranges.clear();  // httplib's own object; the API never answers 206

  std::string host;
  int port = -1;
  if (!req.has_header("Host") || !split_host(req.get_header_value("Host"), host, port)) {
    reply_error(res, 400, "bad_request", "The request has no valid Host header.", {{"Host", "is missing or malformed"}});
    return true;
  }
  bool known = std::find(config.hosts.begin(), config.hosts.end(), host) != config.hosts.end() ||
               (config.any_ip_literal && is_ip_literal(host));
  bool port_ok = port < 0 || port == config.port || !config.public_origin.empty();
  if (!known || !port_ok) {
    reply_error(res, 421, "misdirected_request", "This server does not answer for " + req.get_header_value("Host") + ".",
                {{"Host", "is not this server's name"}});
    return true;
  }

  if (!is_state_changing(req.method)) return false;
  std::string origin = req.get_header_value("Origin");
  if (!origin.empty()) {
    std::string own = config.scheme + "://" + lower(req.get_header_value("Host"));
    std::string given = lower(origin);
    if (given != own && (config.public_origin.empty() || given != config.public_origin)) {
      reply_error(res, 403, "forbidden_origin", "Changes are only accepted from Waypoint's own pages.",
                  {{"Origin", "is not this server's origin"}});
      return true;
    }
  }
  if (lower(req.get_header_value("Sec-Fetch-Site")) == "cross-site") {
    reply_error(res, 403, "forbidden_origin", "Changes are only accepted from Waypoint's own pages.",
                {{"Sec-Fetch-Site", "is cross-site"}});
    return true;
  }
  // A body-less DELETE (sign out) cannot be sent cross-site without a CORS preflight, which fails.
  // (Checked before the body is read, so by its announced size.)
  bool needs_json = req.method != "DELETE" || req.get_header_value_u64("Content-Length") > 0 ||
                    req.has_header("Transfer-Encoding");
  if (api && needs_json && !is_json(req.get_header_value("Content-Type"))) {
    reply_error(res, 415, "unsupported_media_type", "Send the request body as JSON (Content-Type: application/json).",
                {{"Content-Type", "must be application/json"}});
    return true;
  }
  return false;
}

httplib::Headers security_headers(bool tls) {
  httplib::Headers headers = {
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
  };
  if (tls) headers.emplace("Strict-Transport-Security", "max-age=31536000");
  return headers;
}

}  // namespace waypoint::http
