// Incoming referrals (sent to the current organization) and Outgoing referrals (sent by it):
// filters by status and project, sortable columns (server side), the count of referrals waiting
// for acknowledgement, and one continuous table over the whole result set. Only the rows on
// screen are drawn (ImGuiListClipper over fixed-height rows); the store fetches the windows of
// rows the table shows (update_inbox.cpp) and rows still on their way show placeholders.
// A row opens the referral.
#include "client/a11y/semantics.hpp"
#include "client/automation/registry.hpp"
#include "client/screens/screen.hpp"
#include "client/store/inbox.hpp"
#include "client/widgets/data_table.hpp"
#include "client/widgets/form_field.hpp"
#include "client/widgets/status_badge.hpp"
#include "client/widgets/theme.hpp"
#include "client/widgets/widgets.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace waypoint::client {

namespace {

// Every row is two lines tall (from project over to project) so the clipper can place any row
// of 100,000 without measuring the ones above it.
struct RowMetrics {
  float height = 0;  // the row, cell padding included
  float inner = 0;   // the cell's content height
};

RowMetrics row_metrics() {
  float s = theme::scale();
  const auto& f = theme::fonts();
  RowMetrics m;
  m.inner = f.small->FontSize + 2 * s + f.body->FontSize;
  m.height = std::ceil(m.inner + 2 * ImGui::GetStyle().CellPadding.y);
  return m;
}

void draw_row(const Referral& r, bool incoming, const RowMetrics& m, const Dispatch& dispatch) {
  float s = theme::scale();
  const auto& f = theme::fonts();
  float body_y = (m.inner - f.body->FontSize) * 0.5f;
  ImGui::TableSetColumnIndex(0);
  std::string row = format_us(r.referral_date) + "##row-referral-" + std::to_string(r.id);
  if (ImGui::Selectable(row.c_str(), false, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, m.inner))) {
    dispatch(Navigate{incoming ? Route{Screen::referral_outcome, r.client_id, r.id}
                               : Route{Screen::outgoing_referral, 0, r.id}});
  }  a11y::name_last(row.c_str());

  ImGui::TableSetColumnIndex(1);
  widgets::cell_text(r.client_name.c_str(), body_y, f.body, theme::colour::text);
  ImGui::TableSetColumnIndex(2);
  std::string from = "From " + r.from_project_name;
  std::string to = "To " + r.to_project_name;
  widgets::cell_text(from.c_str(), 0, f.small, theme::colour::muted);
  widgets::cell_text(to.c_str(), f.small->FontSize + 2 * s, f.body, theme::colour::text);
  ImGui::TableSetColumnIndex(3);
  float badge_h = f.body->FontSize + 6 * s;
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (m.inner - badge_h) * 0.5f);
  widgets::status_badge(r.status);
  ImGui::TableSetColumnIndex(4);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + body_y);
  widgets::result_text(r.result);
}

// A row whose window has not arrived: muted bars where its words will be, or (failed) a note.
void draw_placeholder_row(bool failed, const RowMetrics& m) {
  const auto& f = theme::fonts();
  float bar = f.small->FontSize * 0.6f;
  float centre = (m.inner - bar) * 0.5f;
  if (failed) {
    ImGui::TableSetColumnIndex(1);
    widgets::cell_text("Not loaded", (m.inner - f.body->FontSize) * 0.5f, f.body, theme::colour::muted);
    return;
  }
  const float widths[] = {0.7f, 0.6f, 0.8f, 0.5f, 0.5f};
  for (int column = 0; column < 5; ++column) {
    ImGui::TableSetColumnIndex(column);
    if (column == 2) {
      widgets::cell_placeholder(0.6f, (f.small->FontSize - bar) * 0.5f, bar);
      widgets::cell_placeholder(widths[column], m.inner - (f.body->FontSize + bar) * 0.5f, bar);
    } else {
      widgets::cell_placeholder(widths[column], centre, bar);
    }
  }
}

}  // namespace

void draw_referrals_inbox(const State& state, const Dispatch& dispatch, Box box) {
  float s = theme::scale();
  bool incoming = box == Box::incoming;
  const InboxState& inbox = incoming ? state.incoming : state.outgoing;
  const std::string& org = state.session.context.organization_name;
  std::string subtitle = incoming ? "Referrals sent to " + org + "'s projects."
                                  : "Referrals " + org + "'s projects sent to other projects.";
  widgets::page_title(incoming ? "Incoming referrals" : "Outgoing referrals", subtitle.c_str());
  if (incoming) {
    std::string waiting = widgets::with_commas(state.pending_incoming) +
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

  if (inbox.total == 0) {
    if (inbox.load == Load::failed) {
      widgets::error_text("The referrals could not be loaded.");
      if (widgets::secondary_button("Try again")) dispatch(Reload{});
    } else if (inbox.load == Load::ready) {
      widgets::empty_state("No referrals here",
                           incoming ? "Referrals sent to your organization's projects appear here. Change the "
                                      "filters to see others."
                                    : "Referrals your organization's projects send appear here. Change the "
                                      "filters to see others.");
    } else {
      widgets::slow_spinner("Loading referrals...");
    }
    return;
  }

  // The line under the table: which rows show, and of how many.
  float footer = ImGui::GetFrameHeightWithSpacing() + 8 * s;
  RowMetrics metrics = row_metrics();
  int64_t first = 0, end = 0;
  static const char* const keys[] = {"referral_date", "client_name", nullptr, "status", nullptr};
  if (ImGui::BeginTable(incoming ? "incoming" : "outgoing", 5, widgets::list_table_flags(true), ImVec2(0, -footer))) {
    // A new result set (filters, sort) starts at its top.
    static int64_t shown_query[2] = {-1, -1};
    if (shown_query[incoming ? 0 : 1] != inbox.query) {
      ImGui::SetScrollY(0);
      shown_query[incoming ? 0 : 1] = inbox.query;
    }
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
    clipper.Begin(static_cast<int>(std::min<int64_t>(inbox.total, INT32_MAX)), metrics.height);
    // Begin() ended the header row, so the clip rect now starts under the frozen header.
    const ImRect& clip = ImGui::GetCurrentWindow()->ClipRect;
    first = std::clamp<int64_t>(static_cast<int64_t>((clip.Min.y - clipper.StartPosY) / metrics.height), 0,
                                inbox.total);
    end = std::clamp<int64_t>(static_cast<int64_t>(std::ceil((clip.Max.y - clipper.StartPosY) / metrics.height)),
                              first, inbox.total);
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        ImGui::TableNextRow(0, metrics.height);
        if (const Referral* r = inbox_row(inbox, i)) draw_row(*r, incoming, metrics, dispatch);
        else draw_placeholder_row(inbox_row_failed(inbox, i), metrics);
      }
    }
    ImGui::EndTable();
  }
  if (first != inbox.first_shown || end != inbox.end_shown) dispatch(ShowInboxRows{box, first, end});

  ImGui::Dummy(ImVec2(0, 0));
  ImGui::AlignTextToFramePadding();
  std::string where = end > first ? "Rows " + widgets::with_commas(first + 1) + "–" + widgets::with_commas(end) +
                                        " of " + widgets::with_commas(inbox.total)
                                  : widgets::with_commas(inbox.total) + (inbox.total == 1 ? " referral" : " referrals");
  ImGui::TextUnformatted(where.c_str());
  automation::tag(where.c_str());
  bool waiting = false, failed = false;
  for (int64_t i = first; i < end; ++i) {
    if (inbox_row(inbox, i)) continue;
    (inbox_row_failed(inbox, i) ? failed : waiting) = true;
  }
  if (failed) {
    ImGui::SameLine(0, 16 * s);
    if (widgets::secondary_button("Try again")) dispatch(RetryFailed{});
  } else if (waiting) {
    ImGui::SameLine(0, 16 * s);
    widgets::slow_spinner("Loading rows...");
  }
}

}  // namespace waypoint::client
