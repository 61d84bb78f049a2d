#include "client/platform/redraw.hpp"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdio>
#include <string>
#include <vector>

namespace waypoint::client::redraw {

namespace {
int pending_frames = 3;
int drawn = 0;
bool paused = false;
long timer_id = 0;
double timer_due = 0;
constexpr size_t kMaxFrameTimes = 4096;  // bounded: nobody may ever read them
struct FrameTime {
  double start_ms;
  float duration_ms;
};
std::vector<FrameTime> frame_times;
std::string frame_times_json;

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

void frame_done(bool keep_going, double started_ms, double ended_ms) {
  ++drawn;
  if (frame_times.size() == kMaxFrameTimes) frame_times.erase(frame_times.begin(), frame_times.begin() + kMaxFrameTimes / 2);
  frame_times.push_back({started_ms, static_cast<float>(ended_ms - started_ms)});
  if (pending_frames > 0) --pending_frames;
  if (keep_going || pending_frames > 0) return;
  paused = true;
  emscripten_pause_main_loop();
}

int frames_drawn() { return drawn; }

const char* take_frame_times_json() {
  frame_times_json = "[";
  char pair[64];
  for (size_t i = 0; i < frame_times.size(); ++i) {
    std::snprintf(pair, sizeof pair, "%s[%.3f,%.3f]", i ? "," : "", frame_times[i].start_ms,
                  static_cast<double>(frame_times[i].duration_ms));
    frame_times_json += pair;
  }
  frame_times_json += "]";
  frame_times.clear();
  return frame_times_json.c_str();
}

}  // namespace waypoint::client::redraw
