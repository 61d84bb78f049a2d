// Change password: Current password, New password (with what makes a good one), Confirm new
// password, Save. Reached from Settings, and shown alone right after signing in with a temporary
// password an administrator set. The server's reasons ("too easy to guess: ...") show beside the field.
#include "client/automation/registry.hpp"
#include "client/screens/screen.hpp"
#include "client/widgets/form_field.hpp"
#include "client/widgets/theme.hpp"
#include "client/widgets/widgets.hpp"

#include <imgui.h>

namespace waypoint::client {

void draw_change_password(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  const auto& form = state.password;
  bool required = state.session.must_change_password;
  widgets::page_title("Change password",
                      required ? "An administrator set a temporary password for you. Choose your own to continue."
                               : "Anywhere else you are signed in is signed out when you save.");
  auto error = [&](const char* key) -> const std::string* {
    auto it = form.errors.find(key);
    return it == form.errors.end() ? nullptr : &it->second;
  };
  if (form.errors.size() > 1) {
    std::vector<std::string> messages;
    for (const char* key : {"current_password", "new_password", "confirm_password"})
      if (const auto* m = error(key)) messages.push_back(*m);
    widgets::error_summary(messages);
  }
  if (!form.message.empty()) widgets::error_text(form.message);

  bool enter = false;
  widgets::FieldOptions opt;
  opt.width = 360;
  opt.flags = ImGuiInputTextFlags_Password;
  opt.error = error("current_password");
  opt.autocomplete = "current-password";
  if (required) opt.hint = "The temporary password you signed in with";
  auto r = widgets::text_field("Current password", form.current_password, opt);
  if (r.changed) dispatch(EditField{Field::current_password, r.value});
  if (ImGui::IsWindowAppearing() || (form.current_password.empty() && !ImGui::IsAnyItemActive() &&
                                     ImGui::GetFrameCount() < 5))
    ImGui::SetKeyboardFocusHere(-1);
  enter |= r.entered;
  ImGui::Dummy(ImVec2(0, 4 * s));

  opt.hint = "At least 12 characters. Three or four unrelated words are easy to remember and hard to guess.";
  opt.error = error("new_password");
  opt.autocomplete = "new-password";
  r = widgets::text_field("New password", form.new_password, opt);
  if (r.changed) dispatch(EditField{Field::new_password, r.value});
  enter |= r.entered;
  ImGui::Dummy(ImVec2(0, 4 * s));

  opt.hint = nullptr;
  opt.error = error("confirm_password");
  r = widgets::text_field("Confirm new password", form.confirm_password, opt);
  if (r.changed) dispatch(EditField{Field::confirm_password, r.value});
  enter |= r.entered;
  ImGui::Dummy(ImVec2(0, 12 * s));

  ImGui::BeginDisabled(form.saving);
  if (widgets::primary_button("Save password") || (enter && !form.saving)) dispatch(SubmitPasswordChange{});
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (required) {
    if (widgets::secondary_button("Sign out")) dispatch(SignOut{});
  } else if (widgets::secondary_button("Cancel")) {
    dispatch(Navigate{Route{Screen::clients, 0, 0}});
  }
  if (form.saving) widgets::slow_spinner("Saving...");
}

}  // namespace waypoint::client
