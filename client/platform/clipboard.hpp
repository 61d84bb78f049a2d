// The system clipboard for ImGui text fields. Emscripten's GLFW clipboard is a stub, so the
// browser's copy/cut/paste events (web/glue.js) exchange text with these functions.
#pragma once

#include <optional>
#include <string>

namespace waypoint::client::clipboard {

// Points ImGui's clipboard callbacks here; call after the GLFW backend's init, which overwrites them.
void install();
// The text of a paste event not asked for yet (once), so its glyphs can be ready for the frame.
std::optional<std::string> take_new_paste();

}  // namespace waypoint::client::clipboard
