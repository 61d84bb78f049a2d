#include "client/widgets/status_badge.hpp"

#include "client/automation/registry.hpp"
#include "client/widgets/theme.hpp"
#include "client/widgets/widgets.hpp"

#include <string>

namespace waypoint::client::widgets {

ImU32 status_colour(ReferralStatus status) {
  switch (status) {
    case ReferralStatus::pending: return theme::colour::pending;
    case ReferralStatus::acknowledged: return theme::colour::acknowledged;
    case ReferralStatus::resolved: return theme::colour::success;
    case ReferralStatus::returned: return theme::colour::returned;
    case ReferralStatus::cancelled: return theme::colour::cancelled;
  }
  return theme::colour::muted;
}

void status_badge(ReferralStatus status) {
  std::string word(label(status));
  badge(word.c_str(), status_colour(status));
}

void result_text(const std::optional<ReferralResult>& result) {
  if (!result) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::muted);
    ImGui::TextUnformatted("—");
    ImGui::PopStyleColor();
    return;
  }
  std::string word(label(*result));
  bool refusal = *result == ReferralResult::rejected || *result == ReferralResult::no_show;
  ImGui::PushStyleColor(ImGuiCol_Text, refusal ? theme::colour::returned : theme::colour::text);
  ImGui::TextUnformatted(word.c_str());
  automation::tag(word.c_str());
  ImGui::PopStyleColor();
}

}  // namespace waypoint::client::widgets
