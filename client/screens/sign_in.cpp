// Sign in: username and password, errors beside the fields, a notice when the session ended
// (after which the user comes back to the same screen), and the server status at the bottom.
#include "client/a11y/semantics.hpp"
#include "client/automation/registry.hpp"
#include "client/screens/screen.hpp"
#include "client/widgets/form_field.hpp"
#include "client/widgets/theme.hpp"
#include "client/widgets/widgets.hpp"

#include <imgui.h>

namespace waypoint::client {

namespace {

const std::string* error_for(const FieldErrors& errors, const char* key) {
  auto it = errors.find(key);
  return it == errors.end() ? nullptr : &it->second;
}

}  // namespace

void draw_sign_in(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  const auto& session = state.session;
  const auto& form = session.form;
  float width = std::min(ImGui::GetContentRegionAvail().x - 32 * s, 440 * s);
  float left = std::max(16 * s, (ImGui::GetWindowWidth() - width) * 0.5f);
  ImGui::Dummy(ImVec2(0, 32 * s));
  ImGui::SetCursorPosX(left);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->ChannelsSplit(2);
  draw->ChannelsSetCurrent(1);
  ImVec2 card = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(card.x + 32 * s, card.y + 28 * s));
  float inner = width - 64 * s;
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
  widgets::page_title("Sign in to Waypoint");
  widgets::muted("Referrals and housing inventory for your Continuum of Care.");
  ImGui::Dummy(ImVec2(inner, 8 * s));

  if (session.phase == SessionPhase::unknown || session.phase == SessionPhase::restoring) {
    widgets::spinner("Checking whether you are signed in...");
  } else {
    if (!form.message.empty()) {
      bool notice = session.expired && form.errors.empty() &&
                    form.message.rfind("Your session", 0) == 0;
      ImGui::PushStyleColor(ImGuiCol_Text, notice ? theme::colour::primary : theme::colour::error);
      ImGui::TextWrapped("%s %s", notice ? theme::icon::warning : theme::icon::warning, form.message.c_str());
      automation::tag(form.message.c_str());
      a11y::announce(form.message, notice ? a11y::Role::status : a11y::Role::alert);
      ImGui::PopStyleColor();
      ImGui::Dummy(ImVec2(0, 4 * s));
    }
    widgets::FieldOptions username;
    username.width = inner / s;
    username.error = error_for(form.errors, "username");
    username.required = true;
    username.autocomplete = "username";
    auto u = widgets::text_field("Username", form.username, username);
    if (u.changed) dispatch(EditField{Field::username, u.value});
    if (ImGui::IsWindowAppearing() || (form.username.empty() && !ImGui::IsAnyItemActive() && ImGui::GetFrameCount() < 5))
      ImGui::SetKeyboardFocusHere(-1);
    ImGui::Dummy(ImVec2(0, 4 * s));
    widgets::FieldOptions password = username;
    password.error = error_for(form.errors, "password");
    password.flags = ImGuiInputTextFlags_Password;
    password.autocomplete = "current-password";
    auto p = widgets::text_field("Password", form.password, password);
    if (p.changed) dispatch(EditField{Field::password, p.value});
    ImGui::Dummy(ImVec2(0, 8 * s));
    bool busy = session.phase == SessionPhase::signing_in;
    ImGui::BeginDisabled(busy);
    bool go = widgets::primary_button("Sign in", ImVec2(inner, 40 * s));
    ImGui::EndDisabled();
    if (busy) widgets::slow_spinner("Signing in...");
    if ((go || u.entered || p.entered) && !busy) dispatch(SignIn{});
  }
  ImGui::Dummy(ImVec2(0, 16 * s));
  widgets::rule(inner);
  ImGui::Dummy(ImVec2(0, 4 * s));
  draw_server_status(state, dispatch);
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  ImVec2 end(card.x + width, ImGui::GetItemRectMax().y + 24 * s);
  draw->ChannelsSetCurrent(0);
  draw->AddRectFilled(card, end, IM_COL32_WHITE, 6 * s);
  draw->AddRect(card, end, theme::colour::border, 6 * s, 0, 1 * s);
  draw->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(card.x, end.y + 16 * s));
  ImGui::Dummy(ImVec2(width, 1));
}

}  // namespace waypoint::client
