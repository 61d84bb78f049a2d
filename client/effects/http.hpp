// HTTP effects: runs HttpRequest effects with emscripten_fetch and turns each reply
// into an HttpReplied action on the queue the frame loop drains. When the number of requests
// that have waited over 150 ms changes, a RequestsSlow action joins the same queue: screens
// learn from the state when to show a spinner, never by asking the network layer.
#pragma once

#include "client/store/actions.hpp"

#include <vector>

namespace waypoint::client::effects {

void start(const HttpRequest& request);
// Replies (and RequestsSlow) since the last call, in arrival order.
std::vector<Action> take_replies();
// Requests in flight (the test hook's busy count).
int in_flight();

}  // namespace waypoint::client::effects
