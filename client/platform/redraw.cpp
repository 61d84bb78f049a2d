#include "client/platform/redraw.hpp"

#include <emscripten.h>
#include <emscripten/html5.h>

namespace waypoint::client::redraw {

namespace {
int pending_frames = 3;
int drawn = 0;
bool paused = false;
long timer_id = 0;
double timer_due = 0;

void on_timer(void*) {
  timer_id = 0;
  request(2);
}
}  // namespace

void request(int frames) {
  if (pending_frames < frames) pending_frames = frames;
  if (paused) {
    paused = false;
    emscripten_resume_main_loop();
  }
}

void request_after(double milliseconds) {
  double due = emscripten_get_now() + milliseconds;
  if (timer_id != 0) {
    if (timer_due <= due) return;
    emscripten_clear_timeout(timer_id);
  }
  timer_due = due;
  timer_id = emscripten_set_timeout(on_timer, milliseconds, nullptr);
}

void frame_done(bool keep_going) {
  ++drawn;
  if (pending_frames > 0) --pending_frames;
  if (keep_going || pending_frames > 0) return;
  paused = true;
  emscripten_pause_main_loop();
}

int frames_drawn() { return drawn; }

}  // namespace waypoint::client::redraw
