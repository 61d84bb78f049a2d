// The one update function: applies an action to the state and returns the effects to run.
#pragma once

#include "client/store/actions.hpp"
#include "client/store/effect.hpp"
#include "client/store/state.hpp"

#include <vector>

namespace waypoint::client {

std::vector<Effect> update(State& state, const Action& action);

}  // namespace waypoint::client
