// Form fields in Waypoint's voice (UI.md "Forms"): the label above the field, a hint under it
// in muted text, the error in red directly above the field with a red bar and frame. The
// field's ImGui label is "##<label>", so tests find it by the visible words. Values are the
// store's: a field reports what changed and the screen dispatches it.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace waypoint::client::widgets {

struct FieldOptions {
  const char* hint = nullptr;
  const std::string* error = nullptr;  // nullptr or empty: no error
  float width = 320;                   // CSS pixels; 0 = the whole row
  ImGuiInputTextFlags flags = 0;
  int lines = 1;  // > 1 is a multiline box
  bool optional = false;
  bool required = false;               // aria-required: the form will not go without it
  const char* autocomplete = nullptr;  // the mirror input's autocomplete ("username", "current-password")
  // Keep the error line's space even while there is no error (UI.md "Forms": nothing moves under
  // the pointer). A form sets it on all its fields once it shows errors, as a field's message may
  // then come or go as it is left, in the same frame as the click that left it. The space kept is
  // the tallest message the field has shown since (a message wrapped to two lines keeps two).
  bool reserve_error = false;
};

struct FieldResult {
  bool changed = false;  // `value` holds the new text
  bool left = false;     // lost focus this frame: check its rule
  bool entered = false;  // Enter pressed in a single-line field
  std::string value;
};

// Label, hint and error, drawn above a field (use before any custom field).
void field_heading(const char* label, const FieldOptions& options);
// Names the last item (a field) for the semantic mirror: its label, hint, error and whether it is
// required. text_input and combo_field do it; composite fields call it for their own items.
void describe_field(const char* label, const FieldOptions& options);
// Red frame around the next field when there is an error; returns how many colours to pop.
int begin_error_frame(const FieldOptions& options);
FieldResult text_field(const char* label, const std::string& value, const FieldOptions& options = {});
// The field alone ("##<label>"), for composite fields that draw their heading themselves.
FieldResult text_input(const char* label, const std::string& value, const FieldOptions& options);
// The red bar left of a field group in error, from the group's top to the last item.
void error_bar(ImVec2 top, const FieldOptions& options);

// A dropdown with the label above. Returns the index chosen this frame, or -1.
int combo_field(const char* label, const std::vector<std::string>& choices, int selected,
                const FieldOptions& options = {}, const char* placeholder = "Choose...");

// GOV.UK's error summary: shown when a form has more than one problem.
void error_summary(const std::vector<std::string>& messages);
// A red message on its own (form level), findable by its words.
void error_text(const std::string& message);

}  // namespace waypoint::client::widgets
