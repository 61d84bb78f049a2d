// The Settings sidebar (user icon, top right): Workgroup and Organization from the user's
// memberships, Apply (PUT /api/session/context), Change password, and Sign out. Esc closes it.
#include "client/a11y/semantics.hpp"
#include "client/automation/registry.hpp"
#include "client/screens/screen.hpp"
#include "client/widgets/form_field.hpp"
#include "client/widgets/theme.hpp"
#include "client/widgets/widgets.hpp"

#include <imgui.h>

#include <string>
#include <vector>

namespace waypoint::client {

void draw_settings_sidebar(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  const auto& settings = state.settings;
  const auto& session = state.session;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  float width = std::min(380 * s, viewport->Size.x);
  float top = 56 * s;
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x - width, viewport->Pos.y + top));
  ImGui::SetNextWindowSize(ImVec2(width, viewport->Size.y - top));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24 * s, 20 * s));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1 * s);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::colour::panel);
  ImGui::Begin("Settings", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  if (ImGui::IsWindowAppearing()) ImGui::SetWindowFocus();
  a11y::begin(a11y::Role::complementary, "Settings");
  widgets::title("Settings");
  automation::tag_only("Settings");
  ImGui::SameLine(ImGui::GetContentRegionMax().x - ImGui::GetFrameHeight());
  if (widgets::icon_button(theme::icon::close, "Close settings", "Close")) dispatch(CloseSettings{});
  std::string who = "Signed in as " + session.user.display_name + " (" + session.user.username + ")";
  widgets::muted(who.c_str());
  ImGui::Dummy(ImVec2(0, 8 * s));

  // Organizations, once each, in membership order; workgroups the user has in the chosen one.
  std::vector<int64_t> org_ids;
  std::vector<std::string> org_names;
  std::vector<Workgroup> workgroups;
  std::vector<std::string> workgroup_names;
  for (const auto& m : session.memberships) {
    bool seen = false;
    for (auto id : org_ids) seen = seen || id == m.organization_id;
    if (!seen) {
      org_ids.push_back(m.organization_id);
      org_names.push_back(m.organization_name);
    }
    if (m.organization_id == settings.organization_id) {
      workgroups.push_back(m.workgroup);
      workgroup_names.emplace_back(label(m.workgroup));
    }
  }
  int org_index = -1, workgroup_index = -1;
  for (size_t i = 0; i < org_ids.size(); ++i)
    if (org_ids[i] == settings.organization_id) org_index = static_cast<int>(i);
  for (size_t i = 0; i < workgroups.size(); ++i)
    if (workgroups[i] == settings.workgroup) workgroup_index = static_cast<int>(i);

  auto error = [&](const char* key) -> const std::string* {
    auto it = settings.errors.find(key);
    return it == settings.errors.end() ? nullptr : &it->second;
  };
  widgets::FieldOptions field;
  field.width = (width - 48 * s) / s;
  field.hint = "The role you act in, usually HMIS User";
  field.error = error("workgroup");
  int chosen = widgets::combo_field("Workgroup", workgroup_names, workgroup_index, field);
  if (chosen >= 0) dispatch(ChooseWorkgroup{workgroups[static_cast<size_t>(chosen)]});
  ImGui::Dummy(ImVec2(0, 8 * s));
  field.hint = "Your project's organization";
  field.error = error("organization_id");
  chosen = widgets::combo_field("Organization", org_names, org_index, field);
  if (chosen >= 0) dispatch(ChooseOrganization{org_ids[static_cast<size_t>(chosen)]});
  ImGui::Dummy(ImVec2(0, 16 * s));
  ImGui::BeginDisabled(settings.applying);
  if (widgets::primary_button("Apply", ImVec2(120 * s, 0))) dispatch(ApplySettings{});
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (widgets::secondary_button("Cancel")) dispatch(CloseSettings{});
  if (settings.applying) widgets::slow_spinner("Applying...");

  ImGui::Dummy(ImVec2(0, 24 * s));
  widgets::rule(width - 48 * s);
  ImGui::Dummy(ImVec2(0, 8 * s));
  if (widgets::secondary_button("Change password")) dispatch(Navigate{Route{Screen::change_password, 0, 0}});
  ImGui::Dummy(ImVec2(0, 8 * s));
  std::string sign_out = std::string(theme::icon::sign_out) + "  Sign out###Sign out";
  if (widgets::secondary_button(sign_out.c_str())) dispatch(SignOut{});

  if (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) && ImGui::IsKeyPressed(ImGuiKey_Escape) &&
      !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId))
    dispatch(CloseSettings{});
  a11y::end();
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(2);
}

}  // namespace waypoint::client
