#include "client/effects/http.hpp"

#include "client/platform/redraw.hpp"

#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/fetch.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <memory>

namespace waypoint::client::effects {

namespace {

struct Pending {
  HttpRequest request;
  double started_ms = 0;
  bool slow = false;  // has waited over kSlowMs
  std::string method;  // emscripten_fetch keeps pointers to these until it finishes
  std::string path;
  std::string body;
};

std::map<emscripten_fetch_t*, std::unique_ptr<Pending>> pending;
std::vector<Action> replies;
const char* const kJsonHeaders[] = {"Content-Type", "application/json", "Accept", "application/json", nullptr};

// A request is slow once it has waited this long: the screens then show a spinner (UI.md
// "Feedback": over 150 ms; quicker answers flash nothing). The store learns it as RequestsSlow.
constexpr double kSlowMs = 150;
int reported_slow = 0;
bool timer_armed = false;

// Tells the store how many requests are slow, when that number changed (after any reply just
// queued, so the two arrive in order).
void report_slow() {
  int slow = static_cast<int>(std::count_if(pending.begin(), pending.end(), [](const auto& p) { return p.second->slow; }));
  if (slow == reported_slow) return;
  reported_slow = slow;
  replies.push_back(RequestsSlow{slow});
  redraw::request();
}

void arm_timer();

void on_timer(void*) {
  timer_armed = false;
  double now = emscripten_get_now();
  for (auto& [fetch, item] : pending)
    if (!item->slow && now - item->started_ms >= kSlowMs - 1) item->slow = true;  // timers may fire a little early
  report_slow();
  arm_timer();
}

// One timer at a time, for the next request to cross kSlowMs.
void arm_timer() {
  if (timer_armed) return;
  double next = std::numeric_limits<double>::infinity();
  for (const auto& [fetch, item] : pending)
    if (!item->slow) next = std::min(next, item->started_ms + kSlowMs);
  if (next == std::numeric_limits<double>::infinity()) return;
  emscripten_set_timeout(on_timer, std::max(0.0, next - emscripten_get_now()), nullptr);
  timer_armed = true;
}

void finish(emscripten_fetch_t* fetch) {
  auto found = pending.find(fetch);
  if (found != pending.end()) {
    HttpReplied reply;
    reply.kind = found->second->request.kind;
    reply.tag = found->second->request.tag;
    reply.request = found->second->request;
    reply.status = fetch->status;  // 0 when the network failed
    if (fetch->numBytes > 0) reply.body.assign(fetch->data, static_cast<size_t>(fetch->numBytes));
    replies.push_back(std::move(reply));
    pending.erase(found);
    report_slow();
  }
  emscripten_fetch_close(fetch);
  redraw::request();
}

}  // namespace

void start(const HttpRequest& request) {
  auto item = std::make_unique<Pending>();
  item->request = request;
  item->started_ms = emscripten_get_now();
  item->method = request.method;
  item->path = request.path;
  item->body = request.body;

  emscripten_fetch_attr_t attr;
  emscripten_fetch_attr_init(&attr);
  std::strncpy(attr.requestMethod, item->method.c_str(), sizeof attr.requestMethod - 1);
  attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
  attr.onsuccess = finish;
  attr.onerror = finish;  // HTTP errors (4xx/5xx) arrive here too, with their status and body
  attr.requestHeaders = kJsonHeaders;
  attr.timeoutMSecs = 30000;
  if (!item->body.empty()) {
    attr.requestData = item->body.data();
    attr.requestDataSize = item->body.size();
  }
  emscripten_fetch_t* fetch = emscripten_fetch(&attr, item->path.c_str());
  if (fetch) pending.emplace(fetch, std::move(item));
  arm_timer();
}

std::vector<Action> take_replies() {
  std::vector<Action> out;
  out.swap(replies);
  return out;
}

int in_flight() { return static_cast<int>(pending.size()); }

}  // namespace waypoint::client::effects
