// The semantic mirror's model: each frame, what the UI means to assistive technology (roles,
// names, states, where each thing is drawn), gathered from ImGui's own items (the test-engine
// hooks give every interactive item's ID, rect, label and flags) and from widgets that say what
// ImGui cannot know (headings, text, landmarks, tables, field hints and errors). After the frame,
// publish() hands it to web/mirror.js as compact JSON when it differs from the last one, and the
// page keeps real DOM elements in step over the canvas. What the page asks back (focus this,
// activate that, the text of a field) is applied before the next frame's NewFrame.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

struct ImGuiContext;
struct ImRect;
typedef unsigned int ImGuiID;

namespace waypoint::client::a11y {

enum class Role : std::uint8_t {
  group, text, heading, button, link, checkbox, textbox, combobox, listbox, option,
  table, row, columnheader, cell, dialog, alert, status, banner, navigation, main,
  complementary, tree, treeitem, list, listitem, form, region,
};

// States and properties of a node (aria-*), as bits.
enum State : std::uint32_t {
  checked = 1u << 0,
  expanded = 1u << 1,    // only with `expandable`
  expandable = 1u << 2,
  selected = 1u << 3,
  disabled = 1u << 4,
  invalid = 1u << 5,
  required = 1u << 6,
  password = 1u << 7,
  multiline = 1u << 8,
  modal = 1u << 9,
  selectable = 1u << 10,  // aria-selected is meaningful (false included)
  current = 1u << 11,     // aria-current="page"
  readonly = 1u << 12,
};

struct Node {
  ImGuiID id = 0;  // the ImGui item (0: not interactive)
  int parent = -1;
  Role role = Role::group;
  std::uint8_t level = 0;  // heading level, or a tree item's
  std::uint32_t state = 0;
  std::string name;
  std::string description;  // a hint: aria-describedby
  std::string error;         // a field's message: aria-invalid + aria-describedby
  std::string value;         // a field's text, a combobox's shown choice
  std::string autocomplete;
  int selection_start = 0, selection_end = 0;  // in UTF-16 units, for fields
  int row_index = 0;  // a row's aria-rowindex (1-based; 0: not set)
  int row_count = 0;  // a table's aria-rowcount (0: not set)
  ImGuiID window = 0;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // framebuffer pixels
  bool labelled = false;  // ImGui reported a label, or a widget named it
};

// Once, after CreateContext (with the automation registry's hooks).
void install(ImGuiContext* context);
void set_pixel_ratio(float ratio);

// Containers: what is submitted between begin and end belongs to the node begun.
Node& begin(Role role, std::string_view name = {});
void end();
// A node for the last drawn item (Text, a drawn badge): its rect is ImGui's last item rect.
Node& text(std::string_view text, Role role = Role::text, int level = 0);
// A node for a rect ImGui has no item for (framebuffer pixels).
Node& text_rect(std::string_view text, float x0, float y0, float x1, float y1);
// The node of an interactive item ImGui reported (the last one, or by ID); nullptr when the item
// was not submitted (clipped by a list clipper, in a hidden window).
Node* last_item();
Node* item(ImGuiID id);
// Names the last item from its ImGui label if ImGui did not (it reports no label for an item
// scrolled out of view): the widgets that draw buttons and rows call it.
void name_last(const char* label);
// A live region: `status` (polite) or `alert` (assertive). Its words are read when they change.
void announce(std::string_view words, Role role = Role::status);

// Called by the automation registry's ImGui hooks.
void on_item_add(ImGuiID id, const ImRect& rect, bool disabled);
void on_item_info(ImGuiID id, const char* label, int flags);

// The frame loop: apply the page's requests before NewFrame; draw the focus ring before
// Render; publish after it.
void before_new_frame();
void end_frame();
void publish();
// The field text and selection a focused text field shows (InputText's live state if active).
void note_field(ImGuiID id, const std::string& value);
// True while the page has a request not applied yet: the loop must draw another frame.
bool pending();
// A frame whose tree differs from the one before: its build time in ms, for the benchmark.
double last_publish_ms();
int publishes();

// A field's text as the page's input element holds it, waiting for the field (text_input's
// callback applies it while the field is active, then calls field_edit_done).
struct Edit {
  int sequence = 0;
  std::string value;
  int selection_start = 0, selection_end = 0;  // UTF-16 units, as the page counts
};
const Edit* field_edit(ImGuiID id);
void field_edit_done(ImGuiID id);

// From web/mirror.js.
void request_focus(ImGuiID id, bool keyboard);
void request_activate(ImGuiID id);
void request_edit(ImGuiID id, int sequence, std::string value, int selection_start, int selection_end);
void request_key(ImGuiID id, int key);  // 0 Enter, 1 Escape
void request_blur();

}  // namespace waypoint::client::a11y
