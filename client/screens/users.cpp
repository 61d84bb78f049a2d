// Users (system admins, Admin workspace): every account with where it works, its state as a badge
// with its word (Active, Locked, Deactivated, Must change password), the last sign-in, and per row
// Reset password (a modal that sets a temporary password) and Unlock for accounts locked by disuse.
#include "client/a11y/semantics.hpp"
#include "client/automation/registry.hpp"
#include "client/screens/screen.hpp"
#include "client/widgets/data_table.hpp"
#include "client/widgets/form_field.hpp"
#include "client/widgets/theme.hpp"
#include "client/widgets/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace waypoint::client {

namespace {

std::string where(const UserRow& row) {
  std::string text;
  for (const auto& m : row.memberships) {
    if (!text.empty()) text += "; ";
    text += std::string(label(m.workgroup)) + " @ " + m.organization_name;
  }
  return text.empty() ? "No organization" : text;
}

// "05/01/2025" from "2025-05-01T14:03:00Z"; "Never" when it never happened.
std::string day_of(const std::optional<std::string>& timestamp) {
  if (!timestamp || timestamp->size() < 10) return "Never";
  auto date = parse_user_date(timestamp->substr(0, 10));
  return date ? format_us(*date) : *timestamp;
}

void draw_reset_dialog(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  const auto& users = state.users;
  const char* id = "Reset password###Reset password dialog";
  bool open = users.reset_user_id != 0;
  if (open && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
  std::string name = "this user";
  for (const auto& row : users.rows)
    if (row.user.id == users.reset_user_id) name = row.user.display_name + " (" + row.user.username + ")";
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(560 * s, viewport->Size.x - 32 * s), 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24 * s, 20 * s));
  if (ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                              ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoTitleBar)) {
    a11y::begin(a11y::Role::dialog, "Reset password").state |= a11y::modal;
    widgets::title("Reset password");
    automation::tag_only("Reset password");
    std::string what = "Set a temporary password for " + name +
                       ". They are signed out everywhere now, and must choose their own password when they next "
                       "sign in. Give it to them in person or by phone, not by email.";
    ImGui::PushTextWrapPos(0);
    ImGui::TextWrapped("%s", what.c_str());
    a11y::text(what);
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(0, 4 * s));
    widgets::FieldOptions opt;
    auto it = users.reset_errors.find("new_password");
    opt.error = it == users.reset_errors.end() ? nullptr : &it->second;
    opt.hint = "At least 12 characters: three or four unrelated words";
    opt.autocomplete = "new-password";
    opt.width = ImGui::GetContentRegionAvail().x / s;
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere(0);
    auto r = widgets::text_field("Temporary password", users.temporary_password, opt);
    if (r.changed) dispatch(EditField{Field::temporary_password, r.value});
    ImGui::Dummy(ImVec2(0, 12 * s));
    ImGui::BeginDisabled(users.saving);
    if (widgets::primary_button("Set temporary password") || (r.entered && !users.saving))
      dispatch(SubmitPasswordReset{});
    ImGui::EndDisabled();
    ImGui::SameLine();
    bool cancel = widgets::secondary_button("Cancel###Cancel reset");
    if (users.saving) widgets::slow_spinner("Saving...");
    if (cancel || ImGui::IsKeyPressed(ImGuiKey_Escape) || !open) {
      if (open) dispatch(ClosePasswordReset{});
      ImGui::CloseCurrentPopup();
    }
    a11y::end();
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar();
}

}  // namespace

void draw_users(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  const auto& users = state.users;
  widgets::page_title("Users", "Reset a forgotten password, or unlock an account that was not used for 60 days.");
  if (state.session.context.workgroup != Workgroup::system_admin) {
    widgets::empty_state("Only system administrators manage users",
                         "Choose the System Admin workgroup in Settings if you have it.");
    return;
  }
  if (!users.message.empty()) widgets::error_text(users.message);
  if (users.load == Load::loading && users.rows.empty()) widgets::slow_spinner("Loading users...");
  if (users.load == Load::failed) {
    if (widgets::secondary_button("Try again")) dispatch(Reload{});
    return;
  }
  if (users.rows.empty()) return;

  if (ImGui::BeginTable("users", 5, widgets::list_table_flags())) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn("Organization and workgroup", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, 190 * s);
    ImGui::TableSetupColumn("Last signed in", ImGuiTableColumnFlags_WidthFixed, 120 * s);
    ImGui::TableSetupColumn("Actions", ImGuiTableColumnFlags_WidthFixed, 250 * s);
    widgets::table_headers();
    for (const auto& row : users.rows) {
      const User& u = row.user;
      ImGui::PushID(static_cast<int>(u.id));
      ImGui::TableNextRow(0, 52 * s);
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(u.display_name.c_str());
      automation::tag(u.display_name.c_str());
      ImGui::PushFont(theme::fonts().small);
      ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::muted);
      ImGui::TextUnformatted(u.username.c_str());
      a11y::text(u.username);
      ImGui::PopStyleColor();
      ImGui::PopFont();
      ImGui::TableSetColumnIndex(1);
      std::string roles = where(row);
      ImGui::TextWrapped("%s", roles.c_str());
      a11y::text(roles);
      ImGui::TableSetColumnIndex(2);
      if (!u.active) widgets::badge("Deactivated", theme::colour::cancelled);
      else if (u.locked) widgets::badge("Locked", theme::colour::returned);
      else widgets::badge("Active", theme::colour::success);
      if (u.must_change_password) {
        ImGui::PushFont(theme::fonts().small);
        ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::pending);
        ImGui::TextUnformatted("Must change password");
        automation::tag("Must change password");
        ImGui::PopStyleColor();
        ImGui::PopFont();
      }
      ImGui::TableSetColumnIndex(3);
      std::string last = day_of(u.last_sign_in_at);
      ImGui::TextUnformatted(last.c_str());
      a11y::text(last);
      ImGui::TableSetColumnIndex(4);
      bool self = u.id == state.session.user.id;
      ImGui::BeginDisabled(self || users.saving);
      std::string reset = "Reset password##reset-" + u.username;
      if (widgets::secondary_button(reset.c_str())) dispatch(OpenPasswordReset{u.id});
      ImGui::EndDisabled();
      if (self && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled | ImGuiHoveredFlags_DelayShort))
        ImGui::SetTooltip("Change your own password in Settings");
      if (u.locked && u.active) {
        ImGui::SameLine();
        ImGui::BeginDisabled(users.saving);
        std::string unlock = "Unlock##unlock-" + u.username;
        if (widgets::primary_button(unlock.c_str())) dispatch(UnlockUser{u.id});
        ImGui::EndDisabled();
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  draw_reset_dialog(state, dispatch);
}

}  // namespace waypoint::client
