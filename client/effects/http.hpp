// HTTP effects: runs HttpRequest effects with emscripten_fetch and turns each reply
// into an HttpReplied action on the queue the frame loop drains.
#pragma once

#include "client/store/actions.hpp"

#include <vector>

namespace waypoint::client::effects {

void start(const HttpRequest& request);
// Replies that arrived since the last call, in arrival order.
std::vector<Action> take_replies();
int in_flight();
// Milliseconds the oldest request in flight has been waiting (0 when none).
double oldest_wait_ms();

}  // namespace waypoint::client::effects
