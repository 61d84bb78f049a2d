// The Clients workspace: search by name, date of birth or client ID, results in a clipped
// table (whole row opens the client record), and the way to Add client.
#include "client/a11y/semantics.hpp"
#include "client/automation/registry.hpp"
#include "client/screens/screen.hpp"
#include "client/widgets/data_table.hpp"
#include "client/widgets/form_field.hpp"
#include "client/widgets/theme.hpp"
#include "client/widgets/widgets.hpp"
#include "shared/names.hpp"

#include <imgui.h>

#include <string>

namespace waypoint::client {

void draw_clients(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  const auto& clients = state.clients;
  float right = ImGui::GetContentRegionMax().x;
  ImVec2 top = ImGui::GetCursorPos();
  widgets::page_title("Clients", "Find a client's record to see their referrals and enrollments.");
  ImVec2 after = ImGui::GetCursorPos();
  std::string add = std::string(theme::icon::plus) + "  Add client###Add client";
  ImGui::SetCursorPos(ImVec2(right - ImGui::CalcTextSize(add.c_str(), nullptr, true).x - 24 * s, top.y + 4 * s));
  if (widgets::secondary_button(add.c_str())) dispatch(Navigate{Route{Screen::client_new, 0, 0}});
  ImGui::SetCursorPos(after);

  widgets::FieldOptions search;
  search.hint = "Name, date of birth (MM/DD/YYYY) or client ID";
  search.width = 420;
  auto field = widgets::text_field("Search clients", clients.query, search);
  if (field.changed) dispatch(EditField{Field::client_query, field.value});
  ImGui::SameLine();
  ImGui::SetCursorPosY(ImGui::GetItemRectMax().y - ImGui::GetWindowPos().y + ImGui::GetScrollY() - ImGui::GetFrameHeight());
  std::string search_label = std::string(theme::icon::search) + "  Search###Search";
  if (widgets::primary_button(search_label.c_str()) || field.entered) dispatch(SearchClients{});
  ImGui::Dummy(ImVec2(0, 4 * s));

  if (clients.load == Load::loading) widgets::slow_spinner("Searching...");
  if (clients.load == Load::failed) widgets::error_text("The search did not finish. Select Search to try again.");
  if (clients.load != Load::ready) return;
  std::string count = std::to_string(clients.total) + (clients.total == 1 ? " client" : " clients") +
                      (clients.searched.empty() ? "" : " match \"" + clients.searched + "\"");
  if (clients.total > static_cast<int64_t>(clients.results.size()))
    count += " (showing the first " + std::to_string(clients.results.size()) + ": search more precisely)";
  widgets::muted(count.c_str());
  if (clients.results.empty()) {
    widgets::empty_state("No clients found",
                         "Check the spelling, or search by date of birth or client ID. If the client is new to "
                         "Waypoint, use Add client.");
    return;
  }
  if (ImGui::BeginTable("clients", 4, widgets::list_table_flags(), ImVec2(0, 0))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupColumn("Date of birth", ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn("Client ID", ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn("Last 4 of SSN", ImGuiTableColumnFlags_WidthStretch, 1);
    widgets::table_headers();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(clients.results.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const Client& c = clients.results[static_cast<size_t>(i)];
        ImGui::TableNextRow(0, 28 * s);
        ImGui::TableSetColumnIndex(0);
        std::string name = client_display_name(c);
        std::string label = name + "##client-" + std::to_string(c.id);
        ImGui::AlignTextToFramePadding();
        if (widgets::row_selectable(label.c_str())) dispatch(Navigate{Route{Screen::client_profile, c.id, 0}});
        ImGui::TableSetColumnIndex(1);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(c.date_of_birth ? format_us(*c.date_of_birth).c_str() : "Not known");
        a11y::text(c.date_of_birth ? format_us(*c.date_of_birth) : std::string("Not known"));
        ImGui::TableSetColumnIndex(2);
        ImGui::AlignTextToFramePadding();
        ImGui::Text("#%lld", static_cast<long long>(c.id));
        a11y::text("#" + std::to_string(c.id));
        ImGui::TableSetColumnIndex(3);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(c.ssn_last4 ? c.ssn_last4->c_str() : "—");
        a11y::text(c.ssn_last4 ? *c.ssn_last4 : std::string("None"));
      }
    }
    ImGui::EndTable();
  }
}

}  // namespace waypoint::client
