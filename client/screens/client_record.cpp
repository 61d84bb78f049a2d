// The client record: the client's name and details on top, the menu group on the left
// (Profile; Enrollment and Services > Referrals, Enrollments) and the chosen page beside it.
// Also the Profile and Enrollments pages, which are small.
#include "client/a11y/semantics.hpp"
#include "client/automation/registry.hpp"
#include "client/screens/screen.hpp"
#include "client/widgets/data_table.hpp"
#include "client/widgets/form_field.hpp"
#include "client/widgets/theme.hpp"
#include "client/widgets/widgets.hpp"
#include "shared/names.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <string>

namespace waypoint::client {

namespace {

void menu_item(const char* name, bool selected, const Route& route, const Dispatch& dispatch, int level = 1) {
  float s = theme::scale();
  if (ImGui::Selectable(name, selected, 0, ImVec2(0, 32 * s))) dispatch(Navigate{route});
  a11y::name_last(name);
  if (a11y::Node* node = a11y::last_item()) {
    node->level = static_cast<std::uint8_t>(level);
    if (selected) node->state |= a11y::selected | a11y::current;
  }
}

void draw_menu(const State& state, const Dispatch& dispatch) {
  const Route& route = state.route;
  int64_t id = route.client_id;
  ImGui::PushFont(theme::fonts().small);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::muted);
  ImGui::TextUnformatted("CLIENT RECORD");
  ImGui::PopStyleColor();
  ImGui::PopFont();
  a11y::begin(a11y::Role::navigation, "Client record");
  a11y::begin(a11y::Role::tree, "Client record");
  menu_item("Profile", route.screen == Screen::client_profile, Route{Screen::client_profile, id, 0}, dispatch);
  // The folder the seed names; opened automatically when one of its pages is showing.
  bool inside = route.screen == Screen::client_referrals || route.screen == Screen::client_enrollments ||
                route.screen == Screen::referral_outcome || route.screen == Screen::referral_history;
  if (inside) ImGui::SetNextItemOpen(true, ImGuiCond_Always);
  ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_SpanAvailWidth | ImGuiTreeNodeFlags_FramePadding;
  ImGui::PushStyleVar(ImGuiStyleVar_IndentSpacing, 16 * theme::scale());
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(4 * theme::scale(), 6 * theme::scale()));
  bool open = ImGui::TreeNodeEx("Enrollment and Services", flags);
  ImGui::PopStyleVar(2);
  if (a11y::Node* node = a11y::last_item()) node->level = 1;
  if (open) {
    bool referrals = route.screen == Screen::client_referrals || route.screen == Screen::referral_outcome ||
                     route.screen == Screen::referral_history;
    menu_item("Referrals", referrals, Route{Screen::client_referrals, id, 0}, dispatch, 2);
    menu_item("Enrollments", route.screen == Screen::client_enrollments, Route{Screen::client_enrollments, id, 0},
              dispatch, 2);
    ImGui::TreePop();
  }
  a11y::end();
  a11y::end();
}

void draw_profile(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  const auto& record = state.record;
  const Client& c = record.client;
  widgets::heading("Profile");
  ImGui::Dummy(ImVec2(0, 4 * s));
  auto row = [&](const char* name, const std::string& value) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::muted);
    ImGui::TextUnformatted(name);
    a11y::text(name);
    ImGui::PopStyleColor();
    ImGui::SameLine(200 * s);
    widgets::text(value.c_str());
  };
  row("First name", c.first_name.empty() ? "Not given" : c.first_name);
  row("Last name", c.last_name.empty() ? "Not given" : c.last_name);
  row("Date of birth", c.date_of_birth ? format_us(*c.date_of_birth) : "Not known");
  row("Last 4 of SSN", c.ssn_last4 ? *c.ssn_last4 : "Not given");
  row("Client ID", "#" + std::to_string(c.id));
  ImGui::Dummy(ImVec2(0, 8 * s));
  // Saved as soon as it is chosen; the shared rules say first whether the names fit the choice.
  if (!record.message.empty()) widgets::error_text(record.message);
  // The names are not edited here, so whatever rule the choice breaks is said beside the dropdown.
  std::vector<std::string> messages;
  for (const auto& [key, message] : record.errors) messages.push_back(message);
  if (messages.size() > 1) widgets::error_summary(messages);
  std::string error = messages.empty() ? std::string() : messages.front();
  ImGui::BeginDisabled(record.saving);
  draw_name_data_quality_field(std::string(to_string(c.name_data_quality)), error.empty() ? nullptr : &error,
                               [&](NameDataQuality chosen) { dispatch(ChangeNameDataQuality{chosen}); });
  ImGui::EndDisabled();
  if (record.saving) widgets::slow_spinner("Saving...");
  ImGui::Dummy(ImVec2(0, 8 * s));
  widgets::muted("Referrals and enrollments are under Enrollment and Services in the menu.");
}

}  // namespace

void draw_client_enrollments(const State& state, const Dispatch&) {
  float s = theme::scale();
  const auto& record = state.record;
  widgets::heading("Enrollments");
  automation::tag_only("Enrollments");
  ImGui::Dummy(ImVec2(0, 4 * s));
  if (record.enrollments_load == Load::loading) widgets::slow_spinner("Loading enrollments...");
  if (record.enrollments_load == Load::failed) widgets::error_text("The enrollments could not be loaded.");
  if (record.enrollments_load != Load::ready) return;
  if (record.enrollments.empty()) {
    widgets::empty_state("No enrollments yet",
                         "When a referral is resolved with Services Provided, enroll the client from the "
                         "Referral Outcome page and the enrollment appears here.");
    return;
  }
  if (ImGui::BeginTable("enrollments", 4, widgets::list_table_flags())) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Project", ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupColumn("Entry date", ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn("Exit date", ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn("From referral", ImGuiTableColumnFlags_WidthStretch, 1);
    widgets::table_headers();
    for (const auto& e : record.enrollments) {
      ImGui::TableNextRow(0, 36 * s);
      ImGui::TableSetColumnIndex(0);
      ImGui::AlignTextToFramePadding();
      std::string project = "Project " + std::to_string(e.project_id);
      for (const auto& p : state.projects)
        if (p.id == e.project_id) project = p.name;
      widgets::text(project.c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(format_us(e.entry_date).c_str());
      a11y::text(format_us(e.entry_date));
      ImGui::TableSetColumnIndex(2);
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(e.exit_date ? format_us(*e.exit_date).c_str() : "Still enrolled");
      a11y::text(e.exit_date ? format_us(*e.exit_date) : std::string("Still enrolled"));
      ImGui::TableSetColumnIndex(3);
      ImGui::AlignTextToFramePadding();
      if (e.referral_id) ImGui::Text("#%lld", static_cast<long long>(*e.referral_id));
      else ImGui::TextUnformatted("—");
      a11y::text(e.referral_id ? "#" + std::to_string(*e.referral_id) : std::string("None"));
    }
    ImGui::EndTable();
  }
}

void draw_client_record(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  const auto& record = state.record;
  // Breadcrumb back to the workspace.
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::primary);
  ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(0, 0, 0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0, 2 * s));
  std::string back = std::string(theme::icon::left) + " Clients###Back to clients";
  if (ImGui::Button(back.c_str())) dispatch(Navigate{Route{Screen::clients, 0, 0}});
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(2);

  if (record.load == Load::failed && record.client.id != state.route.client_id) {
    widgets::error_text("This client's record could not be loaded. It may not exist, or the server could not be "
                        "reached.");
    if (widgets::secondary_button("Try again")) dispatch(Reload{});
    return;
  }
  if (record.client.id != state.route.client_id) {
    widgets::slow_spinner("Loading the client's record...");
    return;
  }
  const Client& c = record.client;
  std::string name = client_display_name(c);
  widgets::title(name.c_str());
  automation::tag_only(name.c_str());
  std::string details = "Client ID #" + std::to_string(c.id) +
                        (c.date_of_birth ? "   ·   Born " + format_us(*c.date_of_birth) : std::string());
  widgets::muted(details.c_str());
  ImGui::Dummy(ImVec2(0, 8 * s));

  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8 * s, 8 * s));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::colour::panel);
  ImGui::BeginChild("menu group", ImVec2(224 * s, 0), ImGuiChildFlags_AlwaysUseWindowPadding | ImGuiChildFlags_Border);
  draw_menu(state, dispatch);
  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
  ImGui::SameLine(0, 24 * s);
  ImGui::BeginChild("record page", ImVec2(0, 0));
  switch (state.route.screen) {
    case Screen::client_referrals: draw_client_referrals(state, dispatch); break;
    case Screen::client_enrollments: draw_client_enrollments(state, dispatch); break;
    case Screen::referral_outcome: draw_referral_outcome(state, dispatch); break;
    case Screen::referral_history: draw_referral_history(state, dispatch); break;
    default: draw_profile(state, dispatch); break;
  }
  ImGui::EndChild();
}

}  // namespace waypoint::client
