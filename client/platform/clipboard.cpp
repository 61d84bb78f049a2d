#include "client/platform/clipboard.hpp"

#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <string>

namespace waypoint::client::clipboard {

namespace {
std::string pasted;   // the text of the browser's last paste event
std::string copied;   // what ImGui last asked to copy (for copies not started by a key)
std::string selection;
bool new_paste = false;

const char* get_text(void*) { return pasted.c_str(); }
void set_text(void*, const char* text) { copied = text ? text : ""; }
}  // namespace

void install() {
  ImGuiIO& io = ImGui::GetIO();
  io.GetClipboardTextFn = get_text;
  io.SetClipboardTextFn = set_text;
}

std::optional<std::string> take_new_paste() {
  if (!new_paste) return std::nullopt;
  new_paste = false;
  return pasted;
}

}  // namespace waypoint::client::clipboard

extern "C" {

// Called by glue.js on the paste event, before ImGui sees Ctrl+V.
EMSCRIPTEN_KEEPALIVE void waypoint_clipboard_paste(const char* text) {
  waypoint::client::clipboard::pasted = text ? text : "";
  waypoint::client::clipboard::new_paste = true;
}

// Called by glue.js on copy/cut: the active text field's selection (never a password).
EMSCRIPTEN_KEEPALIVE const char* waypoint_clipboard_selection() {
  using namespace waypoint::client::clipboard;
  selection.clear();
  ImGuiContext& g = *GImGui;
  ImGuiInputTextState* state = ImGui::GetInputTextState(g.ActiveId);
  if (!state || (state->Flags & ImGuiInputTextFlags_Password) || !state->HasSelection()) return selection.c_str();
  int start = std::min(state->GetSelectionStart(), state->GetSelectionEnd());
  int end = std::max(state->GetSelectionStart(), state->GetSelectionEnd());
  for (int i = start; i < end && i < state->CurLenW; ++i) {
    char buffer[5] = {};
    ImTextCharToUtf8(buffer, state->TextW[i]);
    selection += buffer;
  }
  return selection.c_str();
}

}
