#include "client/widgets/widgets.hpp"

#include "client/a11y/semantics.hpp"

#include "client/automation/registry.hpp"
#include "client/platform/redraw.hpp"
#include "client/widgets/theme.hpp"

#include <algorithm>
#include <cmath>

namespace waypoint::client::widgets {

void heading(const char* text) {
  ImGui::PushFont(theme::fonts().heading);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
  a11y::text(text, a11y::Role::heading, 2);
}

void title(const char* text) {
  ImGui::PushFont(theme::fonts().title);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
  a11y::text(text, a11y::Role::heading, 1);
}

void text(const char* text) {
  ImGui::TextUnformatted(text);
  automation::tag(text);
}

void muted(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::muted);
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
  a11y::text(text);
}

void rule(float width) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddLine(pos, ImVec2(pos.x + width, pos.y), IM_COL32(0xc9, 0xc9, 0xc9, 0xff),
                                      theme::scale());
  ImGui::Dummy(ImVec2(width, theme::scale()));
}

void badge(const char* word, ImU32 colour) {
  float s = theme::scale();
  ImVec2 size = ImGui::CalcTextSize(word);
  ImVec2 pad(8 * s, 3 * s);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImU32 fill = (colour & 0x00ffffff) | 0x22000000;
  draw->AddRectFilled(pos, ImVec2(pos.x + size.x + pad.x * 2, pos.y + size.y + pad.y * 2), fill, 10 * s);
  draw->AddRect(pos, ImVec2(pos.x + size.x + pad.x * 2, pos.y + size.y + pad.y * 2), colour, 10 * s, 0, 1 * s);
  draw->AddText(ImVec2(pos.x + pad.x, pos.y + pad.y), colour, word);
  ImGui::Dummy(ImVec2(size.x + pad.x * 2, size.y + pad.y * 2));
  automation::tag(word);
}

void spinner(const char* caption) {
  float s = theme::scale();
  float radius = 7 * s;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImVec2 centre(pos.x + radius, pos.y + ImGui::GetTextLineHeight() * 0.5f);
  double t = ImGui::GetTime();
  float start = static_cast<float>(std::fmod(t * 6.0, 2 * M_PI));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PathArcTo(centre, radius, start, start + 4.2f, 24);
  draw->PathStroke(theme::colour::primary, 0, 2.5f * s);
  ImGui::Dummy(ImVec2(radius * 2, ImGui::GetTextLineHeight()));
  ImGui::SameLine();
  ImGui::TextUnformatted(caption);
  a11y::text(caption);
  a11y::announce(caption);
  redraw::request(2);  // an animation: keep frames coming while it shows
}

bool primary_button(const char* label, ImVec2 size) {
  ImGui::PushStyleColor(ImGuiCol_Button, theme::colour::primary);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(0x1a, 0x4f, 0x8c, 0xff));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, IM_COL32(0x16, 0x2e, 0x51, 0xff));
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32_WHITE);
  ImGui::PushStyleColor(ImGuiCol_Border, theme::colour::primary);
  bool pressed = ImGui::Button(label, size);
  a11y::name_last(label);
  ImGui::PopStyleColor(5);
  return pressed;
}

bool secondary_button(const char* label, ImVec2 size) {
  ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(0xff, 0xff, 0xff, 0xff));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(0xf0, 0xf4, 0xfa, 0xff));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, IM_COL32(0xe7, 0xf0, 0xfa, 0xff));
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::primary);
  ImGui::PushStyleColor(ImGuiCol_Border, theme::colour::primary);
  bool pressed = ImGui::Button(label, size);
  a11y::name_last(label);
  ImGui::PopStyleColor(5);
  return pressed;
}

bool danger_button(const char* label) {
  ImGui::PushStyleColor(ImGuiCol_Button, theme::colour::error);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(0x8b, 0x0a, 0x03, 0xff));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, IM_COL32(0x6f, 0x08, 0x02, 0xff));
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32_WHITE);
  bool pressed = ImGui::Button(label);
  a11y::name_last(label);
  ImGui::PopStyleColor(4);
  return pressed;
}

bool icon_button(const char* icon, const char* name, const char* tooltip) {
  std::string label = std::string(icon) + "###" + name;
  ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(0, 0, 0, 0));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(0xd9, 0xe8, 0xf6, 0xff));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, IM_COL32(0xc4, 0xdc, 0xf2, 0xff));
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::primary);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0);
  bool pressed = ImGui::Button(label.c_str());
  a11y::name_last(label.c_str());
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(4);
  if (tooltip) {
    if (a11y::Node* node = a11y::last_item()) node->description = tooltip;
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) ImGui::SetTooltip("%s", tooltip);
  }
  return pressed;
}

namespace {
bool requests_slow = false;  // this frame's State::requests_slow > 0 (set_requests_slow)
}  // namespace

void set_requests_slow(bool slow) { requests_slow = slow; }

void slow_spinner(const char* caption) {
  if (requests_slow) spinner(caption);
  else ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeight()));  // its line, so nothing moves when it shows
}

float label_column(const std::vector<std::string>& labels, float gap) {
  float widest = 0;
  for (const auto& label : labels) widest = std::max(widest, ImGui::CalcTextSize(label.c_str()).x);
  return widest + gap;
}

void page_title(const char* title_text, const char* subtitle) {
  title(title_text);
  automation::tag_only(title_text);
  if (subtitle) muted(subtitle);
  ImGui::Dummy(ImVec2(0, 4 * theme::scale()));
}

}  // namespace waypoint::client::widgets
