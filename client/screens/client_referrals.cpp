// The Client Referrals page: every referral of the client visible to the current
// organization, newest first, each with its status badge and an edit icon that opens
// Referral Outcome for it.
#include "client/a11y/semantics.hpp"
#include "client/automation/registry.hpp"
#include "client/screens/screen.hpp"
#include "client/widgets/data_table.hpp"
#include "client/widgets/form_field.hpp"
#include "client/widgets/status_badge.hpp"
#include "client/widgets/theme.hpp"
#include "client/widgets/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace waypoint::client {

void draw_client_referrals(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  const auto& record = state.record;
  widgets::heading("Client Referrals");
  automation::tag_only("Client Referrals");
  widgets::muted("Select a referral's edit icon to acknowledge it or record its outcome.");
  ImGui::Dummy(ImVec2(0, 4 * s));
  if (record.referrals_load == Load::loading && record.referrals.empty())
    widgets::slow_spinner("Loading referrals...");
  if (record.referrals_load == Load::failed) {
    widgets::error_text("The referrals could not be loaded.");
    if (widgets::secondary_button("Try again")) dispatch(Reload{});
  }
  if (record.referrals.empty()) {
    if (record.referrals_load == Load::ready)
      widgets::empty_state("No referrals for this client",
                           "Referrals between this client and your organization's projects appear here.");
    return;
  }
  std::vector<const Referral*> rows;
  for (const auto& r : record.referrals) rows.push_back(&r);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Referral* a, const Referral* b) { return a->referral_date > b->referral_date; });

  if (ImGui::BeginTable("client referrals", 4, widgets::list_table_flags())) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Referral date", ImGuiTableColumnFlags_WidthFixed, 116 * s);
    ImGui::TableSetupColumn("From project / To project", ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn("Status / Result", ImGuiTableColumnFlags_WidthFixed, 160 * s);
    ImGui::TableSetupColumn("Edit", ImGuiTableColumnFlags_WidthFixed, 40 * s);
    widgets::table_headers();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const Referral& r = *rows[static_cast<size_t>(i)];
        std::string id = std::to_string(r.id);
        Route open{Screen::referral_outcome, r.client_id, r.id};
        ImGui::TableNextRow(0, 28 * s);
        ImGui::TableSetColumnIndex(0);
        std::string row = format_us(r.referral_date) + "##row-referral-" + id;
        if (widgets::row_selectable(row.c_str(), false, true)) dispatch(Navigate{open});
        ImGui::TableSetColumnIndex(1);
        // Two lines: where it comes from (muted), where it goes.
        ImGui::PushFont(theme::fonts().small);
        ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::muted);
        ImGui::TextWrapped("From %s", r.from_project_name.c_str());
        a11y::text("From " + r.from_project_name);
        ImGui::PopStyleColor();
        ImGui::PopFont();
        ImGui::TextWrapped("To %s", r.to_project_name.c_str());
        a11y::text("To " + r.to_project_name);
        ImGui::TableSetColumnIndex(2);
        widgets::status_badge(r.status);
        if (r.result) widgets::result_text(r.result);
        ImGui::TableSetColumnIndex(3);
        std::string edit = "Edit##referral-" + id;
        if (widgets::icon_button(theme::icon::pencil, edit.c_str(), "Referral Outcome")) dispatch(Navigate{open});
      }
    }
    ImGui::EndTable();
  }
}

}  // namespace waypoint::client
