// The automation registry: this frame's ImGui items (window, label, id, rect, flags),
// collected from ImGui's test-engine hooks and handed to JavaScript as JSON on request
// (window.waypoint.items() in web/glue.js, only with ?automation=1).
#pragma once

struct ImGuiContext;

namespace waypoint::client::automation {

// Installs the hooks on the context; items are cleared at the start of every frame.
void install(ImGuiContext* context);
// Pixels of the framebuffer per CSS pixel, so rects reach JavaScript in CSS pixels.
void set_pixel_ratio(float ratio);
// Registers the last drawn item (text, badge: things ImGui gives no ID) under a label. What a
// test finds by its words a screen reader reads: it is also a text node of the semantic mirror.
void tag(const char* label);
// Registers a rectangle (framebuffer pixels) under a label, and a text node for it.
void tag_rect(const char* label, float x0, float y0, float x1, float y1);
// The same for tests alone, where the mirror has the thing another way (a combo, a heading).
void tag_only(const char* label);
void tag_rect_only(const char* label, float x0, float y0, float x1, float y1);
// A JSON array of the last drawn frame's items. The pointer stays valid until the next call.
const char* items_json();

}  // namespace waypoint::client::automation
