// The web client's platform layer: GLFW + WebGL2 window, the frame loop with redraw on
// demand, and the bridge to JavaScript (web/glue.js). Everything else is in store/,
// effects/, screens/ and widgets/.
#include "client/a11y/semantics.hpp"
#include "client/automation/registry.hpp"
#include "client/effects/http.hpp"
#include "client/platform/clipboard.hpp"
#include "client/platform/pointer_pacing.hpp"
#include "client/platform/redraw.hpp"
#include "client/platform/renderer.hpp"
#include "client/screens/screen.hpp"
#include "client/store/update.hpp"
#include "client/widgets/theme.hpp"

#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_internal.h>

#include <cstdio>
#include <cstdlib>
#include <deque>
#include <string>

namespace {

using namespace waypoint::client;
using waypoint::Date;
using waypoint::make_date;

struct Platform {
  GLFWwindow* window = nullptr;
  int width = 1280;  // framebuffer pixels
  int height = 720;
  float pixel_ratio = 1;
  bool ready = false;
};

Platform platform;
State state;
std::deque<Action> queue;

void dispatch(Action action) {
  queue.push_back(std::move(action));
  redraw::request();
}

// The browser's calendar day (local time), which "today" means in every date rule.
Date local_today() {
  int packed = EM_ASM_INT({
    const d = new Date();
    return d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate();
  });
  return make_date(packed / 10000, static_cast<unsigned>(packed / 100 % 100), static_cast<unsigned>(packed % 100));
}

std::string location_hash() {
  char* text = reinterpret_cast<char*>(EM_ASM_INT({
    const h = location.hash || "";
    const size = lengthBytesUTF8(h) + 1;
    const ptr = _malloc(size);
    stringToUTF8(h, ptr, size);
    return ptr;
  }));
  std::string out = text ? text : "";
  std::free(text);
  return out;
}

// The URL hash follows the screen: a new screen pushes a history entry, so Back returns to it.
std::string shown_hash;
void sync_hash() {
  if (state.session.phase != SessionPhase::signed_in) return;
  std::string hash = to_hash(state.route);
  if (hash == shown_hash) return;
  shown_hash = hash;
  EM_ASM({
    const h = UTF8ToString($0);
    if (location.hash !== h) {
      if (location.hash === "" || location.hash === "#") history.replaceState(null, "", h);
      else location.hash = h;
    }
  }, hash.c_str());
}

void run_effects(std::vector<Effect> effects) {
  for (auto& effect : effects) {
    std::visit([](const HttpRequest& request) { effects::start(request); }, effect);
  }
}

void drain_actions() {
  for (auto& reply : effects::take_replies()) {
    if (auto* replied = std::get_if<HttpReplied>(&reply)) theme::note_text(replied->body);  // names: new glyphs?
    queue.push_back(std::move(reply));
  }
  while (!queue.empty()) {
    Action action = std::move(queue.front());
    queue.pop_front();
    run_effects(update(state, action));
  }
}

// ImGui still has work after this frame: queued input, held keys or buttons, a modal
// dim fading, or a hover delay running (tooltips). Then the loop must not pause.
bool imgui_needs_frames() {
  ImGuiContext& g = *GImGui;
  if (g.InputEventsQueue.Size > 0) return true;
  for (int button = 0; button < ImGuiMouseButton_COUNT; ++button)
    if (ImGui::IsMouseDown(button)) return true;
  for (int key = ImGuiKey_NamedKey_BEGIN; key < ImGuiKey_NamedKey_END; ++key)
    if (ImGui::IsKeyDown(static_cast<ImGuiKey>(key))) return true;
  if (g.DimBgRatio > 0.0f && g.DimBgRatio < 1.0f) return true;
  // Content that shrank (a form section closed) leaves a window scrolled past its end until
  // ImGui clamps it a frame later: draw on until every scroll is back in range.
  // A window that just opened (a combo's list, a popup) is measured in a hidden frame and shown
  // in the next one: that frame must be drawn too.
  for (ImGuiWindow* window : g.Windows)
    if (window->Active && (window->Scroll.y > window->ScrollMax.y + 0.5f || window->Scroll.x > window->ScrollMax.x + 0.5f ||
                           window->HiddenFramesCannotSkipItems > 0 || window->HiddenFramesCanSkipItems > 0 ||
                           window->HiddenFramesForRenderOnly > 0))
      return true;
  if (g.HoverItemDelayId != 0 && g.HoverItemDelayTimer < 1.0f) redraw::request_after(100);
  return false;
}

// Typed and pasted characters reach ImGui before the frame that draws them: their glyphs too.
void note_new_text() {
  for (const ImGuiInputEvent& event : GImGui->InputEventsQueue)
    if (event.Type == ImGuiInputEventType_Text) theme::note_char(event.Text.Char);
  if (auto pasted = clipboard::take_new_paste()) theme::note_text(*pasted);
}

void frame() {
  double started = emscripten_get_now();
  Date today = local_today();
  if (today != state.today && state.today != Date{}) queue.push_back(DayChanged{today});
  drain_actions();
  sync_hash();
  ImGuiIO& io = ImGui::GetIO();
  note_new_text();
  // The names after sign-in need the full glyph ranges (~0.1 s to rasterize): build them while
  // the server checks the password rather than as the first list arrives.
  if (state.session.phase == SessionPhase::signing_in) theme::want_all_glyphs();
  if (theme::apply(platform.pixel_ratio)) renderer::upload_fonts();
  ImGui_ImplGlfw_NewFrame();
  // We work in framebuffer pixels (GLFW reports the mouse in canvas pixels too).
  io.DisplaySize = ImVec2(static_cast<float>(platform.width), static_cast<float>(platform.height));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  pointer_pacing::hold_press_after_move();
  a11y::before_new_frame();
  ImGui::NewFrame();
  pointer_pacing::release_held();
  draw_app(state, dispatch);
  a11y::end_frame();
  ImGui::Render();
  renderer::render(ImGui::GetDrawData(), platform.width, platform.height);
  a11y::publish();
  if (!platform.ready) EM_ASM(if (Module.waypointDrawn) Module.waypointDrawn(););
  platform.ready = true;
  redraw::frame_done(imgui_needs_frames() || !queue.empty() || a11y::pending(), started, emscripten_get_now());
}

}  // namespace

extern "C" {

// glue.js calls these. Sizes are CSS pixels; the canvas backing store is css * ratio.
EMSCRIPTEN_KEEPALIVE void waypoint_resize(int css_width, int css_height, double pixel_ratio) {
  platform.pixel_ratio = static_cast<float>(pixel_ratio > 0 ? pixel_ratio : 1);
  platform.width = static_cast<int>(css_width * platform.pixel_ratio + 0.5);
  platform.height = static_cast<int>(css_height * platform.pixel_ratio + 0.5);
  int width = 0, height = 0;
  emscripten_get_canvas_element_size("#canvas", &width, &height);
  if (width != platform.width || height != platform.height)  // setting a size, even the same, clears the canvas
    emscripten_set_canvas_element_size("#canvas", platform.width, platform.height);
  automation::set_pixel_ratio(platform.pixel_ratio);
  a11y::set_pixel_ratio(platform.pixel_ratio);
  redraw::request();
}
// web/mirror.js: what the user did to the mirror's elements.
EMSCRIPTEN_KEEPALIVE void waypoint_a11y_focus(unsigned id, int keyboard) { a11y::request_focus(id, keyboard != 0); }
EMSCRIPTEN_KEEPALIVE void waypoint_a11y_activate(unsigned id) { a11y::request_activate(id); }
EMSCRIPTEN_KEEPALIVE void waypoint_a11y_edit(unsigned id, int sequence, const char* value, int start, int end) {
  std::string text = value ? value : "";
  theme::note_text(text);  // typed or dictated characters need their glyphs
  a11y::request_edit(id, sequence, std::move(text), start, end);
}
EMSCRIPTEN_KEEPALIVE void waypoint_a11y_key(unsigned id, int key) { a11y::request_key(id, key); }
EMSCRIPTEN_KEEPALIVE void waypoint_a11y_blur() { a11y::request_blur(); }
// The time the last changed frame spent building its tree (ms), and how many trees were sent.
EMSCRIPTEN_KEEPALIVE double waypoint_a11y_cost() { return a11y::last_publish_ms(); }
EMSCRIPTEN_KEEPALIVE int waypoint_a11y_publishes() { return a11y::publishes(); }
EMSCRIPTEN_KEEPALIVE void waypoint_wake() { redraw::request(); }
// glue.js: the hash changed (Back, Forward, a typed address).
EMSCRIPTEN_KEEPALIVE void waypoint_hash_changed(const char* hash) {
  std::string text = hash ? hash : "";
  if (text == shown_hash) return;
  shown_hash = text;
  dispatch(HashChanged{text});
}
EMSCRIPTEN_KEEPALIVE const char* waypoint_items() { return automation::items_json(); }
EMSCRIPTEN_KEEPALIVE int waypoint_frames() { return redraw::frames_drawn(); }
// The frames drawn since the last call: [start, duration] in ms, as a JSON array.
EMSCRIPTEN_KEEPALIVE const char* waypoint_frame_times() { return redraw::take_frame_times_json(); }
// Busy while requests are in flight or input waits to be handled: tests settle on 0.
EMSCRIPTEN_KEEPALIVE int waypoint_busy() {
  return effects::in_flight() + static_cast<int>(queue.size()) + GImGui->InputEventsQueue.Size;
}
EMSCRIPTEN_KEEPALIVE int waypoint_ready() { return platform.ready ? 1 : 0; }
}

int main() {
  if (!glfwInit()) {
    std::fprintf(stderr, "glfwInit failed\n");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  // ImGui draws opaque 2D triangles: no depth, stencil or alpha channel to allocate and clear.
  // glue.js creates the context early with these same attributes.
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  glfwWindowHint(GLFW_ALPHA_BITS, 0);
  // The canvas glue.js sized to the window: GLFW would otherwise resize it (reallocating its buffer).
  int canvas_width = 0, canvas_height = 0;
  emscripten_get_canvas_element_size("#canvas", &canvas_width, &canvas_height);
  if (canvas_width > 0 && canvas_height > 0) {
    platform.width = canvas_width;
    platform.height = canvas_height;
  }
  platform.window = glfwCreateWindow(platform.width, platform.height, "Waypoint", nullptr, nullptr);
  if (!platform.window) {
    std::fprintf(stderr, "WebGL2 context could not be created\n");
    return 1;
  }
  glfwMakeContextCurrent(platform.window);

  IMGUI_CHECKVERSION();
  ImGuiContext* context = ImGui::CreateContext();
  automation::install(context);
  a11y::install(context);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is the app's, not a file's
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.ConfigInputTextCursorBlink = false;  // a blinking caret would keep the loop awake
  ImGui_ImplGlfw_InitForOpenGL(platform.window, true);
  renderer::init();
  clipboard::install();

  EM_ASM(if (Module.waypointStarted) Module.waypointStarted(););  // sizes the canvas: the pixel ratio is known
  dispatch(AppStarted{local_today(), location_hash()});
  // The fonts now, while the browser waits for its next frame to call the first one.
  if (theme::apply(platform.pixel_ratio)) renderer::upload_fonts();
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
