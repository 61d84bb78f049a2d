// The application window: the header bar (product, organization and workgroup, user menu),
// the left navigation with counts, a network problem banner, the current screen, and on top
// the Settings sidebar and the toast. Signed out, the sign-in card is the whole page.
#include "client/a11y/semantics.hpp"
#include "client/automation/registry.hpp"
#include "client/screens/screen.hpp"
#include "client/widgets/data_table.hpp"
#include "client/widgets/theme.hpp"
#include "client/widgets/toast.hpp"
#include "client/widgets/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace waypoint::client {

namespace {

void draw_header(const State& state, const Dispatch& dispatch, float height) {
  float s = theme::scale();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImVec2 origin = ImGui::GetWindowPos();
  float width = ImGui::GetWindowWidth();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), theme::colour::header_bg);
  ImGui::PushFont(theme::fonts().heading);
  float text_y = origin.y + (height - ImGui::GetTextLineHeight()) * 0.5f;
  draw->AddText(ImVec2(origin.x + 16 * s, text_y), IM_COL32_WHITE, "Waypoint");
  ImVec2 product = ImGui::CalcTextSize("Waypoint");
  a11y::text_rect("Waypoint", origin.x + 16 * s, text_y, origin.x + 16 * s + product.x, text_y + product.y);
  ImGui::PopFont();
  if (state.session.phase != SessionPhase::signed_in) return;

  // Organization and workgroup, always visible.
  const Context& context = state.session.context;
  std::string workgroup(label(context.workgroup));
  ImGui::SetCursorPos(ImVec2(150 * s, (height - ImGui::GetTextLineHeight() * 2 - 2 * s) * 0.5f));
  ImGui::BeginGroup();
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8 * s, 2 * s));
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(0xff, 0xff, 0xff, 0xff));
  ImGui::PushFont(theme::fonts().bold);
  ImGui::TextUnformatted(context.organization_name.c_str());
  automation::tag(context.organization_name.c_str());
  ImGui::PopFont();
  ImGui::PopStyleColor();
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(0xd0, 0xdc, 0xea, 0xff));
  ImGui::PushFont(theme::fonts().small);
  std::string line = "Workgroup: " + workgroup;
  ImGui::TextUnformatted(line.c_str());
  automation::tag(line.c_str());
  ImGui::PopFont();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
  ImGui::EndGroup();

  // The user icon at the top right opens Settings.
  std::string name = state.session.user.display_name.empty() ? state.session.user.username
                                                             : state.session.user.display_name;
  float button = height - 16 * s;
  float name_width = ImGui::CalcTextSize(name.c_str()).x;
  ImGui::SetCursorPos(ImVec2(width - button - 16 * s - name_width - 12 * s,
                             (height - ImGui::GetTextLineHeight()) * 0.5f));
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32_WHITE);
  ImGui::TextUnformatted(name.c_str());
  a11y::text(name);
  ImGui::PopStyleColor();
  ImGui::SetCursorPos(ImVec2(width - button - 16 * s, 8 * s));
  ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(0x25, 0x45, 0x73, 0xff));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(0x33, 0x5a, 0x90, 0xff));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, IM_COL32(0x40, 0x6a, 0xa5, 0xff));
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32_WHITE);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, button * 0.5f);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0);
  std::string user_button = std::string(theme::icon::user) + "###User menu";
  if (ImGui::Button(user_button.c_str(), ImVec2(button, button))) {
    dispatch(state.settings.open ? Action{CloseSettings{}} : Action{OpenSettings{}});
  }
  if (a11y::Node* node = a11y::last_item()) {
    node->description = "Settings: organization, workgroup, password, sign out";
    node->state |= a11y::expandable | (state.settings.open ? a11y::expanded : 0u);
  }
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(4);
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) ImGui::SetTooltip("Settings: organization, workgroup, password, sign out");
}

void nav_item(const char* icon, const char* name, bool selected, const Route& route, const Dispatch& dispatch,
              int64_t count = -1) {
  float s = theme::scale();
  std::string label = std::string(icon) + "  " + name + "###" + name;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float width = ImGui::GetContentRegionAvail().x;
  if (selected) {
    ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + 4 * s, pos.y + 40 * s), theme::colour::primary);
  }
  ImGui::PushFont(selected ? theme::fonts().bold : theme::fonts().body);
  if (ImGui::Selectable(label.c_str(), selected, 0, ImVec2(0, 40 * s))) {
    dispatch(Navigate{route});
  }
  a11y::name_last(label.c_str());
  a11y::Node* node = a11y::last_item();
  if (node && selected) node->state |= a11y::selected | a11y::current;
  float text_end = pos.x + ImGui::GetStyle().FramePadding.x + ImGui::CalcTextSize(label.c_str(), nullptr, true).x;
  ImGui::PopFont();
  if (count > 0) {
    // Thousands as "20k" in the small font: five digits do not fit beside the words; the tooltip
    // has the number.
    std::string exact = std::to_string(count);
    bool thousands = count >= 1000;
    std::string text = thousands ? std::to_string(count / 1000) + "k" : exact;
    float pad = (thousands ? 6 : 8) * s;
    if (thousands) ImGui::PushFont(theme::fonts().small);
    ImVec2 size = ImGui::CalcTextSize(text.c_str());
    // Right after the words (never over them), or at the right edge when there is room.
    float left = std::max(text_end + 4 * s, pos.x + width - size.x - 2 * pad - 4 * s);
    ImVec2 min(left, pos.y + (40 * s - size.y) * 0.5f - 2 * s);
    ImVec2 max(left + size.x + 2 * pad, min.y + size.y + 4 * s);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, theme::colour::pending, 10 * s);
    draw->AddText(ImVec2(min.x + pad, min.y + 2 * s), IM_COL32_WHITE, text.c_str());
    if (thousands) ImGui::PopFont();
    std::string tag = exact + " pending";
    automation::tag_rect_only(tag.c_str(), min.x, min.y, max.x, max.y);
    if (node) node->description = widgets::with_commas(count) + " waiting for acknowledgement";
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
      ImGui::SetTooltip("%s waiting for acknowledgement", widgets::with_commas(count).c_str());
  }
}

void draw_navigation(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  ImGui::Dummy(ImVec2(0, 8 * s));
  if (state.session.must_change_password) return;  // nothing else opens until the password is changed
  a11y::begin(a11y::Role::navigation, "Main");
  a11y::begin(a11y::Role::tree, "Main menu");
  Screen screen = state.route.screen;
  bool clients = screen != Screen::incoming && screen != Screen::outgoing && screen != Screen::outgoing_referral &&
                 screen != Screen::users && screen != Screen::change_password;
  nav_item(theme::icon::users, "Clients", clients, Route{Screen::clients, 0, 0}, dispatch);
  nav_item(theme::icon::inbox, "Incoming referrals", screen == Screen::incoming, Route{Screen::incoming, 0, 0},
           dispatch, state.pending_incoming);
  nav_item(theme::icon::send, "Outgoing referrals", screen == Screen::outgoing || screen == Screen::outgoing_referral,
           Route{Screen::outgoing, 0, 0}, dispatch);
  if (state.session.context.workgroup == Workgroup::system_admin)
    nav_item(theme::icon::user, "Users", screen == Screen::users, Route{Screen::users, 0, 0}, dispatch);
  a11y::end();
  a11y::end();
}

void draw_network_banner(const State& state, const Dispatch& dispatch) {
  if (state.network_problem.empty()) return;
  float s = theme::scale();
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float width = ImGui::GetContentRegionAvail().x;
  ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + 48 * s), IM_COL32(0xfd, 0xf1, 0xf1, 0xff));
  ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + 4 * s, pos.y + 48 * s), theme::colour::error);
  ImGui::SetCursorScreenPos(ImVec2(pos.x + 16 * s, pos.y + 8 * s));
  ImGui::AlignTextToFramePadding();
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::error);
  ImGui::Text("%s  %s", theme::icon::warning, state.network_problem.c_str());
  automation::tag(state.network_problem.c_str());
  a11y::announce(state.network_problem, a11y::Role::alert);
  ImGui::PopStyleColor();
  ImGui::SameLine();
  if (state.failed_request && widgets::primary_button("Retry")) dispatch(RetryFailed{});
  ImGui::SameLine();
  if (widgets::secondary_button("Dismiss")) dispatch(DismissProblem{});
  ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + 56 * s));
}

void draw_screen(const State& state, const Dispatch& dispatch) {
  switch (state.route.screen) {
    case Screen::clients: draw_clients(state, dispatch); break;
    case Screen::client_new: draw_client_new(state, dispatch); break;
    case Screen::client_profile:
    case Screen::client_referrals:
    case Screen::client_enrollments:
    case Screen::referral_outcome:
    case Screen::referral_history: draw_client_record(state, dispatch); break;
    case Screen::incoming: draw_referrals_inbox(state, dispatch, Box::incoming); break;
    case Screen::outgoing: draw_referrals_inbox(state, dispatch, Box::outgoing); break;
    case Screen::outgoing_referral: draw_referral_outcome(state, dispatch); break;
    case Screen::change_password: draw_change_password(state, dispatch); break;
    case Screen::users: draw_users(state, dispatch); break;
  }
}

}  // namespace

void draw_app(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  widgets::set_requests_slow(state.requests_slow > 0);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  // No background: the renderer clears to the same white, and a software renderer (headless
  // browsers, VMs without a GPU) pays for every full-screen fill.
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBackground |
                           ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("Waypoint", nullptr, flags);
  ImGui::PopStyleVar();
  float header = 56 * s;
  a11y::begin(a11y::Role::banner);
  draw_header(state, dispatch, header);
  a11y::end();
  ImGui::SetCursorPos(ImVec2(0, header));

  if (state.session.phase != SessionPhase::signed_in) {
    ImGui::BeginChild("content", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding);
    a11y::begin(a11y::Role::main);
    draw_sign_in(state, dispatch);
    a11y::end();
    ImGui::EndChild();
  } else {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8 * s, 8 * s));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::colour::nav_bg);  // the whole column, unclipped
    ImGui::BeginChild("navigation", ImVec2(236 * s, 0), ImGuiChildFlags_AlwaysUseWindowPadding);
    draw_navigation(state, dispatch);
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    ImGui::SameLine(0, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24 * s, 16 * s));
    ImGui::BeginChild("content", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
    a11y::begin(a11y::Role::main);
    draw_network_banner(state, dispatch);
    draw_screen(state, dispatch);
    a11y::end();
    ImGui::EndChild();
  }
  ImGui::End();

  if (state.session.phase == SessionPhase::signed_in && state.settings.open) draw_settings_sidebar(state, dispatch);
  if (widgets::toast(state.toast.serial, state.toast.text)) dispatch(DismissToast{});
}

}  // namespace waypoint::client
