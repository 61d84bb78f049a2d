// Incoming referrals (sent to the current organization) and Outgoing referrals (sent by it):
// filters by status and project, sortable columns (server side), paging, and the count of
// referrals waiting for acknowledgement. A row opens the referral.
#include "client/automation/registry.hpp"
#include "client/screens/screen.hpp"
#include "client/widgets/data_table.hpp"
#include "client/widgets/form_field.hpp"
#include "client/widgets/status_badge.hpp"
#include "client/widgets/theme.hpp"
#include "client/widgets/widgets.hpp"

#include <imgui.h>

#include <string>
#include <vector>

namespace waypoint::client {

void draw_referrals_inbox(const State& state, const Dispatch& dispatch, Box box) {
  float s = theme::scale();
  bool incoming = box == Box::incoming;
  const InboxState& inbox = incoming ? state.incoming : state.outgoing;
  const std::string& org = state.session.context.organization_name;
  std::string subtitle = incoming ? "Referrals sent to " + org + "'s projects."
                                  : "Referrals " + org + "'s projects sent to other projects.";
  widgets::page_title(incoming ? "Incoming referrals" : "Outgoing referrals", subtitle.c_str());
  if (incoming) {
    std::string waiting = std::to_string(state.pending_incoming) +
                          (state.pending_incoming == 1 ? " referral is" : " referrals are") +
                          " waiting for acknowledgement";
    ImGui::PushStyleColor(ImGuiCol_Text, state.pending_incoming > 0 ? theme::colour::pending : theme::colour::muted);
    ImGui::TextUnformatted(waiting.c_str());
    automation::tag(waiting.c_str());
    ImGui::PopStyleColor();
  }

  // Filters.
  std::vector<std::string> statuses{"Any status"};
  int status_index = 0;
  for (auto st : all_referral_statuses()) {
    if (to_string(st) == inbox.status) status_index = static_cast<int>(statuses.size());
    statuses.emplace_back(label(st));
  }
  std::vector<std::string> projects{"Any project"};
  std::vector<int64_t> project_ids{0};
  int project_index = 0;
  for (const auto& p : state.projects) {
    if (p.organization_id != state.session.context.organization_id) continue;
    if (p.id == inbox.project_id) project_index = static_cast<int>(projects.size());
    projects.push_back(p.name);
    project_ids.push_back(p.id);
  }
  widgets::FieldOptions opt;
  opt.width = 200;
  ImVec2 filters = ImGui::GetCursorPos();
  int chosen = widgets::combo_field("Status", statuses, status_index, opt);
  if (chosen >= 0) {
    std::string wire = chosen == 0 ? "" : std::string(to_string(all_referral_statuses()[static_cast<size_t>(chosen - 1)]));
    dispatch(FilterInbox{box, wire, inbox.project_id});
  }
  // Side by side from the same top (SameLine would offset the second label by the frame padding).
  ImGui::SetCursorPos(ImVec2(filters.x + (200 + 16) * s, filters.y));
  opt.width = 420;
  chosen = widgets::combo_field(incoming ? "To project" : "From project", projects, project_index, opt);
  if (chosen >= 0) dispatch(FilterInbox{box, inbox.status, project_ids[static_cast<size_t>(chosen)]});
  ImGui::Dummy(ImVec2(0, 4 * s));

  if (inbox.load == Load::loading) widgets::slow_spinner("Loading referrals...");
  if (inbox.load == Load::failed) {
    widgets::error_text("The referrals could not be loaded.");
    if (widgets::secondary_button("Try again")) dispatch(Reload{});
  }
  if (inbox.load == Load::ready && inbox.items.empty()) {
    if (incoming)
      widgets::empty_state("No referrals here",
                           "Referrals sent to your organization's projects appear here. Change the filters to see "
                           "others.");
    else
      widgets::empty_state("No referrals here",
                           "Referrals your organization's projects send appear here. Change the filters to see "
                           "others.");
    return;
  }
  if (inbox.items.empty()) return;

  // Paging line under the table: keep room for it.
  float footer = ImGui::GetFrameHeightWithSpacing() + 8 * s;
  static const char* const keys[] = {"referral_date", "client_name", nullptr, "status", nullptr};
  if (ImGui::BeginTable(incoming ? "incoming" : "outgoing", 5, widgets::list_table_flags(true),
                        ImVec2(0, -footer))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    auto sort_flags = [&](const char* key) {
      ImGuiTableColumnFlags f = 0;
      if (inbox.sort == key) f |= ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortAscending;
      if (inbox.sort == std::string("-") + key)
        f |= ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending;
      return f;
    };
    ImGui::TableSetupColumn("Referral date", ImGuiTableColumnFlags_WidthFixed | sort_flags("referral_date"), 140 * s);
    ImGui::TableSetupColumn("Client", ImGuiTableColumnFlags_WidthStretch | sort_flags("client_name"), 2);
    ImGui::TableSetupColumn("From project / To project",
                            ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoSort, 3.5f);
    ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed | sort_flags("status"), 150 * s);
    ImGui::TableSetupColumn("Result", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, 150 * s);
    widgets::table_headers();
    if (auto sort = widgets::sort_changed(keys, 5)) {
      std::string wanted = sort->empty() ? "-referral_date" : *sort;
      if (wanted != inbox.sort) dispatch(SortInbox{box, wanted});
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(inbox.items.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const Referral& r = inbox.items[static_cast<size_t>(i)];
        ImGui::TableNextRow(0, 28 * s);
        ImGui::TableSetColumnIndex(0);
        std::string row = format_us(r.referral_date) + "##row-referral-" + std::to_string(r.id);
        if (widgets::row_selectable(row.c_str())) {
          dispatch(Navigate{incoming ? Route{Screen::referral_outcome, r.client_id, r.id}
                                     : Route{Screen::outgoing_referral, 0, r.id}});
        }
        ImGui::TableSetColumnIndex(1);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(r.client_name.c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::PushFont(theme::fonts().small);
        ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::muted);
        ImGui::TextWrapped("From %s", r.from_project_name.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
        ImGui::TextWrapped("To %s", r.to_project_name.c_str());
        ImGui::TableSetColumnIndex(3);
        widgets::status_badge(r.status);
        ImGui::TableSetColumnIndex(4);
        ImGui::AlignTextToFramePadding();
        widgets::result_text(r.result);
      }
    }
    ImGui::EndTable();
  }
  int64_t pages = std::max<int64_t>(1, (inbox.total + inbox.page_size - 1) / inbox.page_size);
  ImGui::BeginDisabled(inbox.page <= 1);
  std::string prev = std::string(theme::icon::left) + "  Previous###Previous";
  if (widgets::secondary_button(prev.c_str())) dispatch(PageInbox{box, inbox.page - 1});
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(inbox.page >= pages);
  std::string next = std::string("Next  ") + theme::icon::right + "###Next";
  if (widgets::secondary_button(next.c_str())) dispatch(PageInbox{box, inbox.page + 1});
  ImGui::EndDisabled();
  ImGui::SameLine(0, 16 * s);
  ImGui::AlignTextToFramePadding();
  std::string where = "Page " + std::to_string(inbox.page) + " of " + std::to_string(pages) + "   ·   " +
                      std::to_string(inbox.total) + (inbox.total == 1 ? " referral" : " referrals");
  ImGui::TextUnformatted(where.c_str());
  automation::tag(where.c_str());
}

}  // namespace waypoint::client
