// Toasts: a short confirmation at the bottom right naming what was saved, gone after ~4 s
// without any input (the frame loop is woken by a timer for it).
#pragma once

#include <cstdint>
#include <string>

namespace waypoint::client::widgets {

// Draws the toast `serial` until it is 4 s old; returns true when it should be dismissed.
bool toast(std::int64_t serial, const std::string& text);

}  // namespace waypoint::client::widgets
