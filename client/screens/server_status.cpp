// The first screen: is the Waypoint server there, and which version answers.
#include "client/automation/registry.hpp"
#include "client/screens/screen.hpp"
#include "client/widgets/theme.hpp"
#include "client/widgets/widgets.hpp"

#include <imgui.h>

#include <string>

namespace waypoint::client {

void draw_server_status(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  float width = std::min(ImGui::GetContentRegionAvail().x, 560 * s);
  ImGui::SetCursorPosX(std::max(16 * s, (ImGui::GetWindowWidth() - width) * 0.5f));
  ImGui::BeginGroup();
  ImGui::Dummy(ImVec2(width, 24 * s));
  widgets::title("Welcome to Waypoint");
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  widgets::muted("Referrals and housing inventory for your Continuum of Care.");
  ImGui::Dummy(ImVec2(0, 16 * s));
  widgets::heading("Server status");
  automation::tag("Server status");
  widgets::rule(width);

  const auto& health = state.health;
  switch (health.link) {
    case ServerLink::unknown:
    case ServerLink::checking:
      widgets::spinner("Checking the server...");
      break;
    case ServerLink::online:
      ImGui::TextUnformatted("Server");
      ImGui::SameLine(200 * s);
      widgets::badge("Online", theme::colour::success);
      ImGui::SameLine();
      if (widgets::secondary_button("Check again")) dispatch(RetryHealth{});
      break;
    case ServerLink::unreachable:
      ImGui::TextUnformatted("Server");
      ImGui::SameLine(200 * s);
      widgets::badge("Unreachable", theme::colour::error);
      ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::error);
      ImGui::TextWrapped("%s %s", theme::icon::warning, health.problem.c_str());
      ImGui::PopStyleColor();
      if (widgets::primary_button("Retry")) dispatch(RetryHealth{});
      break;
  }
  if (health.health) {
    ImGui::TextUnformatted("Version");
    ImGui::SameLine(200 * s);
    widgets::text(health.health->version.c_str());
    ImGui::TextUnformatted("Database schema");
    ImGui::SameLine(200 * s);
    widgets::text(std::to_string(health.health->schema_version).c_str());
    ImGui::TextUnformatted("Status");
    ImGui::SameLine(200 * s);
    ImGui::TextUnformatted(health.health->status.c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace waypoint::client
