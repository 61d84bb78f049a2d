#include "client/effects/http.hpp"

#include "client/platform/redraw.hpp"

#include <emscripten.h>
#include <emscripten/fetch.h>

#include <cstring>
#include <map>
#include <memory>

namespace waypoint::client::effects {

namespace {

struct Pending {
  HttpRequest request;
  double started_ms = 0;
  std::string method;  // emscripten_fetch keeps pointers to these until it finishes
  std::string path;
  std::string body;
};

std::map<emscripten_fetch_t*, std::unique_ptr<Pending>> pending;
std::vector<Action> replies;
const char* const kJsonHeaders[] = {"Content-Type", "application/json", "Accept", "application/json", nullptr};

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
}

std::vector<Action> take_replies() {
  std::vector<Action> out;
  out.swap(replies);
  return out;
}

int in_flight() { return static_cast<int>(pending.size()); }

double oldest_wait_ms() {
  double now = emscripten_get_now();
  double oldest = 0;
  for (const auto& [fetch, item] : pending) oldest = std::max(oldest, now - item->started_ms);
  return oldest;
}

}  // namespace waypoint::client::effects
