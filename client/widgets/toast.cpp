#include "client/widgets/toast.hpp"

#include "client/a11y/semantics.hpp"

#include "client/automation/registry.hpp"
#include "client/platform/redraw.hpp"
#include "client/widgets/theme.hpp"

#include <imgui.h>

namespace waypoint::client::widgets {

namespace {
constexpr double kShownSeconds = 4.0;
std::int64_t shown_serial = -1;
double shown_at = 0;
}  // namespace

bool toast(std::int64_t serial, const std::string& text) {
  if (text.empty()) return false;
  double now = ImGui::GetTime();
  if (serial != shown_serial) {
    shown_serial = serial;
    shown_at = now;
  }
  double left = kShownSeconds - (now - shown_at);
  if (left <= 0) return true;
  redraw::request_after(left * 1000.0 + 20);

  float s = theme::scale();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImVec2 pad(16 * s, 12 * s);
  ImGui::PushFont(theme::fonts().body);
  ImVec2 size = ImGui::CalcTextSize(text.c_str());
  size.x += pad.x * 2 + 28 * s;
  size.y += pad.y * 2;
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x - size.x - 24 * s,
                                 viewport->Pos.y + viewport->Size.y - size.y - 24 * s));
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, pad);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 6 * s);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0x1b, 0x3a, 0x27, 0xf5));
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32_WHITE);
  ImGui::Begin("##toast", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav |
                   ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoInputs);
  ImGui::Text("%s  %s", theme::icon::check, text.c_str());
  automation::tag(text.c_str());
  a11y::announce(text);
  ImGui::End();
  ImGui::PopStyleColor(2);
  ImGui::PopStyleVar(2);
  ImGui::PopFont();
  return false;
}

}  // namespace waypoint::client::widgets
