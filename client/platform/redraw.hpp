// Redraw on demand: the frame loop runs only while something changes (input, a network
// reply, an animation, a timer) and pauses otherwise, so an idle tab costs nothing.
#pragma once

namespace waypoint::client::redraw {

// Draw at least `frames` more frames (input handling needs a few to settle).
void request(int frames = 3);
// Wake after `milliseconds` (tooltips, toasts, spinners); the earliest request wins.
void request_after(double milliseconds);
// Called by the frame loop after each frame, with when it started and ended (emscripten_get_now,
// ms): pauses the loop when nothing needs it.
void frame_done(bool keep_going, double started_ms, double ended_ms);
int frames_drawn();
// The recorded frames (the latest 4,096 at most) as a JSON array of [start, duration] in ms, the
// start on the page's performance.now() clock, emptied by the call: the client benchmark reads
// them around a scroll and matches them with the kernel's CPU clock. Valid until the next call.
const char* take_frame_times_json();

}  // namespace waypoint::client::redraw
