// Table helpers (UI.md "Tables and lists"): the flags every list uses (sticky header, zebra
// rows, scrolling), headers drawn with TableHeader and tagged so tests find them, a whole-row
// Selectable, a server-side sort read from ImGui's sort specs, and the cells of fixed-height
// (virtualized) rows: one-line text with an ellipsis and placeholders for rows on their way.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>

namespace waypoint::client::widgets {

ImGuiTableFlags list_table_flags(bool sortable = false);
// After TableSetupColumn()s: the header row, each cell tagged with its name.
void table_headers();
// A Selectable spanning the row (call in the first column); returns true when clicked.
// `overlap`: other items (an edit button) sit on the row; ImGui then lets the row take a click
// only once it was hovered the frame before, so plain rows leave it off.
bool row_selectable(const char* id, bool selected = false, bool overlap = false);
// The sort asked for by clicking a header, as a "name" or "-name" string, when it changed.
// `keys[column]` is the API sort key of each column (nullptr: not sortable).
std::optional<std::string> sort_changed(const char* const* keys, int count);
// One line of text in a fixed-height row, `y` below the cell's top, cut with an ellipsis at the
// column's edge (the whole text in a tooltip on hover); findable by tests as `text`.
void cell_text(const char* text, float y, ImFont* font, ImU32 colour);
// A muted bar where a row's text will be once it arrives (`fraction` of the column, `y` below
// the cell's top, `height` tall).
void cell_placeholder(float fraction, float y, float height);
// 99985 -> "99,985".
std::string with_commas(int64_t value);
// The empty state: what belongs here and how it gets here.
void empty_state(const char* title, const char* detail);

}  // namespace waypoint::client::widgets
