#include "client/widgets/date_picker.hpp"

#include "client/a11y/semantics.hpp"
#include "client/automation/registry.hpp"
#include "client/widgets/theme.hpp"
#include "client/widgets/widgets.hpp"

#include <imgui_internal.h>

#include <cstdio>

namespace waypoint::client::widgets {

namespace {

const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                         "July",    "August",   "September", "October", "November", "December"};

// The month shown by a picker lives in ImGui's per-window storage: it is view state, not data.
int month_index(const Date& d) { return static_cast<int>(d.year()) * 12 + static_cast<int>(unsigned(d.month())) - 1; }

// Draws the month grid; returns the picked date.
std::optional<Date> month_grid(ImGuiStorage* storage, ImGuiID storage_key, Date today, std::optional<Date> current) {
  float s = theme::scale();
  int shown = storage->GetInt(storage_key, month_index(current ? *current : today));
  int year = shown / 12;
  unsigned month = static_cast<unsigned>(shown % 12) + 1;
  std::optional<Date> picked;

  std::string prev = std::string(theme::icon::left) + "###Previous month";
  std::string next = std::string(theme::icon::right) + "###Next month";
  if (ImGui::Button(prev.c_str(), ImVec2(36 * s, 0))) shown -= 1;
  ImGui::SameLine();
  char title[32];
  std::snprintf(title, sizeof title, "%s %d", kMonths[month - 1], year);
  float grid_width = 7 * 40 * s + 6 * 4 * s;
  ImGui::PushFont(theme::fonts().bold);
  float title_width = ImGui::CalcTextSize(title).x;
  float avail = grid_width - 2 * 36 * s - 2 * ImGui::GetStyle().ItemSpacing.x;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (avail - title_width) * 0.5f));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(title);
  automation::tag(title);
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMin().x + grid_width - 36 * s);
  if (ImGui::Button(next.c_str(), ImVec2(36 * s, 0))) shown += 1;
  storage->SetInt(storage_key, shown);
  year = shown / 12;
  month = static_cast<unsigned>(shown % 12) + 1;

  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(4 * s, 4 * s));
  const char* days[] = {"Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"};
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::muted);
  for (int i = 0; i < 7; ++i) {
    if (i) ImGui::SameLine();
    ImVec2 pos = ImGui::GetCursorPos();
    float w = ImGui::CalcTextSize(days[i]).x;
    ImGui::SetCursorPosX(pos.x + (40 * s - w) * 0.5f);
    ImGui::TextUnformatted(days[i]);
    ImGui::SameLine();
    ImGui::SetCursorPosX(pos.x + 40 * s);
    ImGui::Dummy(ImVec2(0, 0));
  }
  ImGui::PopStyleColor();
  Date first = make_date(year, month, 1);
  int weekday = static_cast<int>(std::chrono::weekday{std::chrono::sys_days{first}}.c_encoding());
  unsigned last = static_cast<unsigned>(std::chrono::year_month_day_last{first.year(), std::chrono::month_day_last{first.month()}}.day());
  for (int cell = 0; cell < 42; ++cell) {
    int day = cell - weekday + 1;
    if (cell % 7 != 0) ImGui::SameLine();
    if (day < 1 || day > static_cast<int>(last)) {
      ImGui::Dummy(ImVec2(40 * s, 32 * s));
      if (day > static_cast<int>(last) && cell % 7 == 6) break;
      continue;
    }
    Date date = make_date(year, month, static_cast<unsigned>(day));
    char label[40];
    std::snprintf(label, sizeof label, "%d###%s", day, format_iso(date).c_str());
    bool is_current = current && *current == date;
    bool is_today = date == today;
    int colours = 0;
    if (is_current) {
      ImGui::PushStyleColor(ImGuiCol_Button, theme::colour::primary);
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32_WHITE);
      colours = 2;
    } else {
      ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(0xff, 0xff, 0xff, 0xff));
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(0xd9, 0xe8, 0xf6, 0xff));
      ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::text);
      ImGui::PushStyleColor(ImGuiCol_Border, is_today ? theme::colour::primary : IM_COL32(0, 0, 0, 0));
      colours = 4;
    }
    if (ImGui::Button(label, ImVec2(40 * s, 32 * s))) picked = date;
    if (a11y::Node* node = a11y::last_item()) {
      node->name = std::to_string(day) + " " + kMonths[month - 1] + " " + std::to_string(year);
      node->labelled = true;
      if (is_today) node->description = is_current ? "Today, the date chosen" : "Today";
      else if (is_current) node->description = "The date chosen";
    }
    ImGui::PopStyleColor(colours);
  }
  ImGui::PopStyleVar();
  ImGui::Spacing();
  if (primary_button("Today")) picked = today;
  ImGui::SameLine();
  if (secondary_button("Close")) ImGui::CloseCurrentPopup();
  if (picked) storage->SetInt(storage_key, month_index(*picked));
  return picked;
}

}  // namespace

FieldResult date_field(const char* label, const std::string& value, Date today, const FieldOptions& options) {
  float s = theme::scale();
  FieldOptions field = options;
  if (!field.hint) field.hint = "For example, 05/01/2025";
  field.width = 150;
  ImVec2 top = ImGui::GetCursorScreenPos();
  ImGui::BeginGroup();
  ImGui::PushID(label);
  field_heading(label, field);
  ImGui::PopID();
  FieldResult result = text_input(label, value, field);
  ImGui::SameLine(0, 4 * s);
  std::string button = std::string(theme::icon::calendar) + "###Calendar##" + label;
  std::string popup = std::string("Choose a date##") + label;
  ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(0xff, 0xff, 0xff, 0xff));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(0xf0, 0xf4, 0xfa, 0xff));
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::primary);
  bool open = ImGui::Button(button.c_str(), ImVec2(ImGui::GetFrameHeight() * 1.2f, 0));
  ImGui::PopStyleColor(3);
  if (a11y::Node* node = a11y::last_item()) {
    node->name = std::string("Choose ") + label + " from a calendar";
    node->labelled = true;
    node->state |= a11y::expandable | (ImGui::IsPopupOpen(popup.c_str()) ? a11y::expanded : 0u);
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Choose %s from a calendar", label);
  ImGuiID key = ImGui::GetID(popup.c_str());
  ImGuiStorage* storage = ImGui::GetStateStorage();  // the field's window, not the popup's
  if (open) {
    storage->SetInt(key, month_index(parse_user_date(value).value_or(today)));
    ImGui::OpenPopup(popup.c_str());
  }
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12 * s, 12 * s));
  if (ImGui::BeginPopup(popup.c_str())) {
    a11y::begin(a11y::Role::dialog, std::string("Choose ") + label);
    if (auto picked = month_grid(storage, key, today, parse_user_date(value))) {
      result.changed = true;
      result.left = true;
      result.value = format_us(*picked);
      ImGui::CloseCurrentPopup();
    }
    a11y::end();
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar();
  ImGui::EndGroup();
  error_bar(top, field);
  return result;
}

}  // namespace waypoint::client::widgets
