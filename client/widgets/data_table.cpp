#include "client/widgets/data_table.hpp"

#include "client/a11y/semantics.hpp"

#include "client/automation/registry.hpp"
#include "client/widgets/theme.hpp"

#include <imgui_internal.h>

#include <algorithm>

namespace waypoint::client::widgets {

ImGuiTableFlags list_table_flags(bool sortable) {
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
  if (sortable) flags |= ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate;
  return flags;
}

void table_headers() {
  float s = theme::scale();
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers, 36 * s);
  int columns = ImGui::TableGetColumnCount();
  ImGui::PushFont(theme::fonts().bold);
  for (int c = 0; c < columns; ++c) {
    if (!ImGui::TableSetColumnIndex(c)) continue;
    const char* name = ImGui::TableGetColumnName(c);
    ImGui::AlignTextToFramePadding();
    ImGui::TableHeader(name);
    if (name && *name) automation::tag_only(name);
    if (a11y::Node* node = a11y::last_item()) {
      node->name = name ? name : "";
      node->labelled = true;
      ImGuiTable* table = ImGui::GetCurrentTable();
      bool sortable = (table->Flags & ImGuiTableFlags_Sortable) && !(ImGui::TableGetColumnFlags(c) & ImGuiTableColumnFlags_NoSort);
      if (!sortable) {
        node->role = a11y::Role::text;
        node->id = 0;
      } else {
        node->description = "Sort by this column";
      }
    }
  }
  ImGui::PopFont();
}

bool row_selectable(const char* id, bool selected, bool overlap) {
  float s = theme::scale();
  ImGuiSelectableFlags flags = ImGuiSelectableFlags_SpanAllColumns;
  if (overlap) flags |= ImGuiSelectableFlags_AllowOverlap;
  bool pressed = ImGui::Selectable(id, selected, flags, ImVec2(0, 28 * s));
  a11y::name_last(id);
  return pressed;
}

std::optional<std::string> sort_changed(const char* const* keys, int count) {
  ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
  if (!specs || !specs->SpecsDirty) return std::nullopt;
  specs->SpecsDirty = false;
  if (specs->SpecsCount == 0) return std::string();
  const ImGuiTableColumnSortSpecs& spec = specs->Specs[0];
  if (spec.ColumnIndex < 0 || spec.ColumnIndex >= count || !keys[spec.ColumnIndex]) return std::nullopt;
  std::string key = keys[spec.ColumnIndex];
  return spec.SortDirection == ImGuiSortDirection_Descending ? "-" + key : key;
}

void cell_text(const char* text, float y, ImFont* font, ImU32 colour) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float width = ImGui::GetContentRegionAvail().x;
  ImGui::PushFont(font);
  ImVec2 size = ImGui::CalcTextSize(text);
  ImVec2 min(pos.x, pos.y + y);
  ImVec2 max(pos.x + width, min.y + size.y);
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), min, max, max.x, max.x, text, nullptr, &size);
  ImGui::PopStyleColor();
  ImGui::PopFont();
  automation::tag_rect(text, min.x, min.y, std::min(max.x, min.x + size.x), max.y);
  if (size.x > width && ImGui::IsMouseHoveringRect(min, max) && ImGui::IsWindowHovered()) ImGui::SetTooltip("%s", text);
}

void cell_placeholder(float fraction, float y, float height) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float width = ImGui::GetContentRegionAvail().x * fraction;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(pos.x, pos.y + y), ImVec2(pos.x + width, pos.y + y + height),
                                            IM_COL32(0xe6, 0xe8, 0xeb, 0xff), height * 0.5f);
}

std::string with_commas(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

void empty_state(const char* title, const char* detail) {
  float s = theme::scale();
  ImGui::Dummy(ImVec2(0, 16 * s));
  ImGui::PushFont(theme::fonts().bold);
  ImGui::TextUnformatted(title);
  automation::tag(title);
  ImGui::PopFont();
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::muted);
  ImGui::TextWrapped("%s", detail);
  ImGui::PopStyleColor();
}

}  // namespace waypoint::client::widgets
