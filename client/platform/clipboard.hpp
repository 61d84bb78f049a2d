// The system clipboard for ImGui text fields. Emscripten's GLFW clipboard is a stub, so the
// browser's copy/cut/paste events (web/glue.js) exchange text with these functions.
#pragma once

namespace waypoint::client::clipboard {

// Points ImGui's clipboard callbacks here; call after the GLFW backend's init, which overwrites them.
void install();

}  // namespace waypoint::client::clipboard
