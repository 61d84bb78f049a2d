#include "client/store/update.hpp"

#include <nlohmann/json.hpp>

namespace waypoint::client {

namespace {

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;  // clang 14 (Emscripten) lacks aggregate CTAD

HttpRequest health_request() { return HttpRequest{RequestKind::health, "GET", "/api/health", "", 0}; }

std::vector<Effect> check_health(State& state) {
  state.health.link = ServerLink::checking;
  state.health.attempts += 1;
  return {health_request()};
}

void on_health_reply(State& state, const HttpReplied& reply) {
  auto& health = state.health;
  if (reply.status == 0) {
    health.link = ServerLink::unreachable;
    health.problem = "The Waypoint server cannot be reached. Check your connection, then try again.";
    return;
  }
  auto body = nlohmann::json::parse(reply.body, nullptr, false);
  auto parsed = body.is_discarded() ? std::nullopt : health_from_json(body);
  if (!parsed) {
    health.link = ServerLink::unreachable;
    health.problem = "The server answered " + std::to_string(reply.status) + " but not with its status.";
    return;
  }
  health.health = parsed;
  health.link = parsed->status == "ok" ? ServerLink::online : ServerLink::unreachable;
  health.problem = parsed->status == "ok" ? "" : "The server is up but its database is not available.";
}

}  // namespace

std::vector<Effect> update(State& state, const Action& action) {
  return std::visit(overloaded{
                        [&](const AppStarted&) { return check_health(state); },
                        [&](const RetryHealth&) { return check_health(state); },
                        [&](const HttpReplied& reply) {
                          switch (reply.kind) {
                            case RequestKind::health: on_health_reply(state, reply); break;
                          }
                          return std::vector<Effect>{};
                        },
                    },
                    action);
}

}  // namespace waypoint::client
