// A referral's history: every change, oldest first, with who made it (and in which
// organization and workgroup), when in local time, and what changed (field: before -> after).
#include "client/a11y/semantics.hpp"
#include "client/automation/registry.hpp"
#include "client/platform/local_time.hpp"
#include "client/screens/screen.hpp"
#include "client/widgets/data_table.hpp"
#include "client/widgets/form_field.hpp"
#include "client/widgets/theme.hpp"
#include "client/widgets/widgets.hpp"
#include "shared/audit.hpp"

#include <imgui.h>

#include <string>
#include <vector>

namespace waypoint::client {

namespace {

// Field names as people say them.
std::string field_name(const std::string& key) {
  static const std::pair<const char*, const char*> names[] = {
      {"status", "Status"},
      {"date_acknowledged", "Date Referral Acknowledged"},
      {"appointment_date", "Appointment Date"},
      {"result_date", "Result Date"},
      {"result", "Result"},
      {"comments", "Comments"},
      {"return_reason", "Reason returned"},
      {"cancel_reason", "Reason cancelled"},
      {"to_project_id", "To project"},
      {"from_project_id", "From project"},
      {"referral_date", "Referral date"},
      {"note", "Note"},
      {"entry_date", "Entry date"},
      {"to_project_name", "To project"},
      {"to_organization_id", "To organization"},
      {"from_organization_id", "From organization"},
  };
  for (const auto& [k, v] : names)
    if (key == k) return v;
  std::string out = key;
  for (auto& c : out)
    if (c == '_') c = ' ';
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string organization_name(const State& state, int64_t id) {
  for (const auto& o : state.organizations)
    if (o.id == id) return o.name;
  for (const auto& m : state.session.memberships)
    if (m.organization_id == id) return m.organization_name;
  return "organization " + std::to_string(id);
}

std::string value_text(const State& state, const std::string& key, const nlohmann::json& v) {
  if (v.is_null()) return "(empty)";
  if (v.is_string()) {
    std::string text = v.get<std::string>();
    if (text.empty()) return "(empty)";
    if (key == "status")
      if (auto st = parse_referral_status(text)) return std::string(label(*st));
    if (key == "result")
      if (auto r = parse_referral_result(text)) return std::string(label(*r));
    if (auto date = parse_iso_date(text)) return format_us(*date);
    return text;
  }
  if (v.is_number_integer() && (key == "to_project_id" || key == "from_project_id")) {
    for (const auto& p : state.projects)
      if (p.id == v.get<int64_t>()) return p.name;
  }
  if (v.is_number_integer() && key.size() > 15 && key.compare(key.size() - 15, 15, "organization_id") == 0)
    return organization_name(state, v.get<int64_t>());
  return v.dump();
}

// The shared audit table's words; an action this build does not know yet (a newer server) shows as it came.
std::string action_words(const std::string& action) {
  std::string_view words = audit_action_label("referral", action);
  return words.empty() ? action : std::string(words);
}

}  // namespace

void draw_referral_history(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  const auto& history = state.history;
  widgets::title("History");
  automation::tag_only("History");
  const Referral& r = state.outcome.referral;
  if (r.id == state.route.referral_id) {
    std::string subtitle = "Referral #" + std::to_string(r.id) + " from " + r.from_project_name + " to " +
                           r.to_project_name;
    widgets::muted(subtitle.c_str());
  }
  std::string back = std::string(theme::icon::left) + "  Referral Outcome###Back to Referral Outcome";
  if (widgets::secondary_button(back.c_str()))
    dispatch(Navigate{Route{Screen::referral_outcome, state.route.client_id, state.route.referral_id}});
  ImGui::Dummy(ImVec2(0, 8 * s));
  if (history.load == Load::loading && history.items.empty()) widgets::slow_spinner("Loading the history...");
  if (history.load == Load::failed) widgets::error_text("The history could not be loaded.");
  if (history.load == Load::ready && history.items.empty())
    widgets::empty_state("No changes recorded", "Every change to this referral will be listed here.");

  float width = std::min(ImGui::GetContentRegionAvail().x, 820 * s);
  for (size_t i = 0; i < history.items.size(); ++i) {
    const AuditEntry& e = history.items[i];
    ImGui::PushID(static_cast<int>(i));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 start = ImGui::GetCursorScreenPos();
    // The time line: a dot per change.
    draw->AddCircleFilled(ImVec2(start.x + 8 * s, start.y + 12 * s), 5 * s, theme::colour::primary);
    if (i + 1 < history.items.size())
      draw->AddLine(ImVec2(start.x + 8 * s, start.y + 20 * s), ImVec2(start.x + 8 * s, start.y + 80 * s),
                    theme::colour::border, 2 * s);
    ImGui::SetCursorScreenPos(ImVec2(start.x + 28 * s, start.y));
    ImGui::BeginGroup();
    ImGui::PushFont(theme::fonts().bold);
    std::string headline = action_words(e.action);
    ImGui::TextUnformatted(headline.c_str());
    automation::tag(headline.c_str());
    ImGui::PopFont();
    std::string who = local_time::format(e.at) + "  ·  " + e.user_name;
    if (e.organization_id > 0)
      who += " (" + std::string(label(e.workgroup)) + ", " + organization_name(state, e.organization_id) + ")";
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::muted);
    ImGui::TextUnformatted(who.c_str());
    automation::tag(who.c_str());
    ImGui::PopStyleColor();
    if (e.before.is_object() && e.after.is_object()) {
      for (const auto& [key, after] : e.after.items()) {
        if (key == "version" || key == "updated_at" || key == "created_at") continue;
        nlohmann::json before = e.before.contains(key) ? e.before[key] : nlohmann::json();
        if (before == after) continue;
        std::string line = field_name(key) + ": " + value_text(state, key, before) + "  ->  " +
                           value_text(state, key, after);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 40 * s);
        ImGui::BulletText("%s", line.c_str());
        a11y::text(line);
        ImGui::PopTextWrapPos();
        automation::tag(line.c_str());
      }
    } else if (e.after.is_object() && e.after.contains("status")) {
      std::string line = "Status: " + value_text(state, "status", e.after["status"]);
      ImGui::BulletText("%s", line.c_str());
      automation::tag(line.c_str());
    } else if (e.action == "enroll" && e.after.is_object() && e.after.contains("entry_date")) {
      // The enrollment the referral led to.
      std::string line = "Entry date: " + value_text(state, "entry_date", e.after["entry_date"]);
      ImGui::BulletText("%s", line.c_str());
      automation::tag(line.c_str());
    }
    ImGui::EndGroup();
    ImGui::Dummy(ImVec2(0, 12 * s));
    ImGui::PopID();
  }
}

}  // namespace waypoint::client
