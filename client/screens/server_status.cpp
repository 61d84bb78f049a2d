// The server's status, compact, at the bottom of the sign-in card: Online / Unreachable with
// Check again / Retry, the version and the database schema.
#include "client/a11y/semantics.hpp"
#include "client/automation/registry.hpp"
#include "client/screens/screen.hpp"
#include "client/widgets/theme.hpp"
#include "client/widgets/widgets.hpp"

#include <imgui.h>

#include <string>

namespace waypoint::client {

void draw_server_status(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  ImGui::PushFont(theme::fonts().small);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::muted);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Server status");
  automation::tag("Server status");
  ImGui::PopStyleColor();
  ImGui::SameLine(0, 12 * s);
  const auto& health = state.health;
  switch (health.link) {
    case ServerLink::unknown:
    case ServerLink::checking: widgets::spinner("Checking the server..."); break;
    case ServerLink::online:
      widgets::badge("Online", theme::colour::success);
      ImGui::SameLine();
      if (widgets::secondary_button("Check again")) dispatch(RetryHealth{});
      break;
    case ServerLink::unreachable:
      widgets::badge("Unreachable", theme::colour::error);
      ImGui::SameLine();
      if (widgets::primary_button("Retry")) dispatch(RetryHealth{});
      ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::error);
      ImGui::TextWrapped("%s %s", theme::icon::warning, health.problem.c_str());
      a11y::text(health.problem);
      ImGui::PopStyleColor();
      break;
  }
  if (health.health) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::muted);
    ImGui::TextUnformatted("Version");
    a11y::text("Version");
    ImGui::SameLine(0, 4 * s);
    widgets::text(health.health->version.c_str());
    ImGui::SameLine(0, 16 * s);
    ImGui::TextUnformatted("Database schema");
    a11y::text("Database schema");
    ImGui::SameLine(0, 4 * s);
    widgets::text(std::to_string(health.health->schema_version).c_str());
    ImGui::PopStyleColor();
  }
  ImGui::PopFont();
}

}  // namespace waypoint::client
