// A press that arrives in the same frame as the pointer's move to a new place waits one frame.
// Items that let later items overlap them (ImGui's AllowOverlap: a table row with an edit button
// on it) count as hovered only if they were hovered the frame before, so without this they miss
// a tap on a touch screen or a quick move-and-click on a busy machine.
#pragma once

namespace waypoint::client::pointer_pacing {

// Before ImGui::NewFrame: holds back the queued input from the first mouse button change that
// follows a move.
void hold_press_after_move();
// After ImGui::NewFrame: queues what was held for the next frame (the loop keeps drawing while
// input is queued).
void release_held();

}  // namespace waypoint::client::pointer_pacing
