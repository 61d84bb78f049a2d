// Route <-> URL hash.
#include "client/store/route.hpp"

#include <vector>

namespace waypoint::client {

namespace {

std::vector<std::string_view> split(std::string_view text) {
  std::vector<std::string_view> parts;
  while (!text.empty()) {
    auto slash = text.find('/');
    auto part = text.substr(0, slash);
    if (!part.empty()) parts.push_back(part);
    if (slash == std::string_view::npos) break;
    text.remove_prefix(slash + 1);
  }
  return parts;
}

int64_t id_of(std::string_view text) {
  if (text.empty() || text.size() > 15) return 0;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return 0;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

std::string to_hash(const Route& r) {
  std::string client = "#/clients/" + std::to_string(r.client_id);
  std::string referral = std::to_string(r.referral_id);
  switch (r.screen) {
    case Screen::clients: return "#/clients";
    case Screen::client_new: return "#/clients/new";
    case Screen::client_profile: return client;
    case Screen::client_referrals: return client + "/referrals";
    case Screen::client_enrollments: return client + "/enrollments";
    case Screen::referral_outcome: return client + "/referrals/" + referral;
    case Screen::referral_history: return client + "/referrals/" + referral + "/history";
    case Screen::incoming: return "#/referrals/incoming";
    case Screen::outgoing: return "#/referrals/outgoing";
    case Screen::outgoing_referral: return "#/referrals/outgoing/" + referral;
    case Screen::change_password: return "#/settings/password";
    case Screen::users: return "#/admin/users";
  }
  return "#/clients";
}

Route parse_hash(std::string_view hash) {
  if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
  auto p = split(hash);
  Route route;
  if (p.size() >= 2 && p[0] == "referrals") {
    if (p[1] == "incoming") route.screen = Screen::incoming;
    if (p[1] == "outgoing") route.screen = Screen::outgoing;
    if (p[1] == "outgoing" && p.size() >= 3 && id_of(p[2]) > 0) {
      route.screen = Screen::outgoing_referral;
      route.referral_id = id_of(p[2]);
    }
    return route;
  }
  if (p.size() == 2 && p[0] == "settings" && p[1] == "password") return Route{Screen::change_password, 0, 0};
  if (p.size() == 2 && p[0] == "admin" && p[1] == "users") return Route{Screen::users, 0, 0};
  if (p.empty() || p[0] != "clients" || p.size() == 1) return route;
  if (p[1] == "new") return Route{Screen::client_new, 0, 0};
  int64_t client = id_of(p[1]);
  if (client <= 0) return route;
  route.client_id = client;
  route.screen = Screen::client_profile;
  if (p.size() >= 3 && p[2] == "enrollments") route.screen = Screen::client_enrollments;
  if (p.size() >= 3 && p[2] == "referrals") {
    route.screen = Screen::client_referrals;
    if (p.size() >= 4 && id_of(p[3]) > 0) {
      route.referral_id = id_of(p[3]);
      route.screen = p.size() >= 5 && p[4] == "history" ? Screen::referral_history : Screen::referral_outcome;
    }
  }
  return route;
}

}  // namespace waypoint::client
