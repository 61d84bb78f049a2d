// The application window: a header bar with the product name, then the current screen.
#include "client/screens/screen.hpp"
#include "client/widgets/theme.hpp"
#include "client/widgets/widgets.hpp"

#include <imgui.h>

namespace waypoint::client {

namespace {

void draw_header(float height) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImVec2 origin = ImGui::GetWindowPos();
  float width = ImGui::GetWindowWidth();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), theme::colour::header_bg);
  ImGui::PushFont(theme::fonts().heading);
  float text_y = origin.y + (height - ImGui::GetTextLineHeight()) * 0.5f;
  draw->AddText(ImVec2(origin.x + 16 * theme::scale(), text_y), IM_COL32_WHITE, "Waypoint");
  ImGui::PopFont();
}

}  // namespace

void draw_app(const State& state, const Dispatch& dispatch) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                           ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("Waypoint", nullptr, flags);
  ImGui::PopStyleVar();
  float header = 56 * theme::scale();
  draw_header(header);
  ImGui::SetCursorPos(ImVec2(0, header));
  ImGui::BeginChild("content", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding);
  draw_server_status(state, dispatch);
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace waypoint::client
