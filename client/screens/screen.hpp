// What every screen gets: the state to draw and a way to emit actions.
#pragma once

#include "client/store/actions.hpp"
#include "client/store/state.hpp"

#include <functional>

namespace waypoint::client {

using Dispatch = std::function<void(Action)>;

// The whole window: header bar and the current screen.
void draw_app(const State& state, const Dispatch& dispatch);
// The server status panel (first screen): status, version, schema, retry when unreachable.
void draw_server_status(const State& state, const Dispatch& dispatch);

}  // namespace waypoint::client
