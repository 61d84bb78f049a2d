// The checks every request passes before routing, and the headers every reply carries:
//  - Host must name this server (its public origin or the address it is bound to): a page on
//    another name that resolves here (DNS rebinding) is refused.
//  - A state-changing request must be JSON and, when it says where it comes from (Origin), come
//    from this origin: a form or a text/plain fetch on another site cannot post with the cookie.
//  - Byte ranges are for static files; the API ignores Range.
#pragma once

#include <httplib.h>

#include <string>
#include <vector>

namespace waypoint::http {

struct GuardConfig {
  std::string scheme = "http";          // or https
  int port = 0;                         // the bound port
  std::vector<std::string> hosts;       // lower-case host names or addresses that Host may name
  bool any_ip_literal = false;          // bound to every interface, no public origin: any address, no names
  std::string public_origin;            // scheme://host[:port], when configured
};

// From the bind address and port, and the public origin if given ("" when none).
GuardConfig make_guard_config(const std::string& bind, int port, bool tls, const std::string& public_origin);

// true when the request was refused (the reply is set: a JSON error).
bool refuse_request(const GuardConfig& config, const httplib::Request& req, httplib::Response& res);

// nosniff, no referrer, no framing, HSTS over TLS: on every reply, from the first byte on.
httplib::Headers security_headers(bool tls);
// The page's Content-Security-Policy, and the API's (nothing may load from a JSON reply).
extern const char* const kPageContentSecurityPolicy;
extern const char* const kApiContentSecurityPolicy;

}  // namespace waypoint::http
