// Redraw on demand: the frame loop runs only while something changes (input, a network
// reply, an animation, a timer) and pauses otherwise, so an idle tab costs nothing.
#pragma once

namespace waypoint::client::redraw {

// Draw at least `frames` more frames (input handling needs a few to settle).
void request(int frames = 3);
// Wake after `milliseconds` (tooltips, toasts, spinners); the earliest request wins.
void request_after(double milliseconds);
// Called by the frame loop after each frame, with the CPU time it took: pauses the loop when
// nothing needs it.
void frame_done(bool keep_going, double frame_ms);
int frames_drawn();
// The recorded frame times (the latest 4,096 at most) as a JSON array of milliseconds, emptied by
// the call: the client benchmark reads them around a scroll. Valid until the next call.
const char* take_frame_times_json();

}  // namespace waypoint::client::redraw
