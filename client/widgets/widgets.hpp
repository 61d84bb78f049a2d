// Small drawing helpers shared by screens: headings, muted text, status badges, spinners.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace waypoint::client::widgets {

void heading(const char* text);
void title(const char* text);
void muted(const char* text);
// A horizontal rule of a given width (Separator() spans the whole window).
void rule(float width);
// Plain text that tests can find by its words.
void text(const char* text);
// A coloured badge that always carries its word (colour never alone).
void badge(const char* word, ImU32 colour);
// An animated spinner with a caption; asks the frame loop for the next frames while shown.
void spinner(const char* caption);
// A filled primary button (the one per form) and a secondary outlined one.
bool primary_button(const char* label, ImVec2 size = ImVec2(0, 0));
bool secondary_button(const char* label, ImVec2 size = ImVec2(0, 0));
// Red, for destructive actions (always confirmed in a modal).
bool danger_button(const char* label);
// A borderless icon button findable as `name` ("Edit##referral-34"); the icon is what shows.
bool icon_button(const char* icon, const char* name, const char* tooltip = nullptr);
// Shows a spinner with its caption once a request has waited over 150 ms (quick answers flash
// nothing), else keeps its line empty. What it knows of requests is the state's: draw_app hands
// it State::requests_slow each frame with set_requests_slow (widgets never ask the network).
void slow_spinner(const char* caption);
void set_requests_slow(bool slow);
// Where values start in a label/value grid, from the grid's left: the widest of `labels` as the
// current font draws it, plus `gap`. Never a constant: a longer label (or a wider font) moves
// the values instead of running into them.
float label_column(const std::vector<std::string>& labels, float gap);
// A page title with an optional muted line under it.
void page_title(const char* title, const char* subtitle = nullptr);

}  // namespace waypoint::client::widgets
