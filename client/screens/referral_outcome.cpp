// Referral Outcome: one referral's page. What shows depends on what the current user may do
// (the server's allowed_actions):
//   acknowledge          -> Date Referral Acknowledged + Finish
//   resolve              -> Outcome Information (Appointment Date, Result Date, Result, Comments) + Finish
//   resolved with Services Provided, receiving side -> Enroll client (Entry Date)
//   return_to_referrer   -> Return referral (red, confirmed in a modal with the reason)
//   reassign             -> Reassign to another project (the referrer, after a return)
//   cancel               -> Cancel referral (red, the referrer, while pending; a modal asks why)
//   reopen               -> Reopen referral (System Admin, resolved; a modal asks why)
// Errors from the shared validators (and the server's 422) show in red above their field, with
// a summary on top when Finish found more than one. Once a form shows errors every field keeps
// its error line's space, so a message that comes or goes as a field is left moves nothing under
// the pointer. Enter activates Finish; Esc closes the modal.
#include "client/a11y/semantics.hpp"
#include "client/automation/registry.hpp"
#include "client/screens/screen.hpp"
#include "client/widgets/date_picker.hpp"
#include "client/widgets/form_field.hpp"
#include "client/widgets/status_badge.hpp"
#include "client/widgets/theme.hpp"
#include "client/widgets/widgets.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <string>

namespace waypoint::client {

namespace {

bool allows(const OutcomeForm& form, ReferralAction action) {
  return std::find(form.allowed.begin(), form.allowed.end(), action) != form.allowed.end();
}

const std::string* error_for(const OutcomeForm& form, const char* key) {
  auto it = form.errors.find(key);
  return it == form.errors.end() ? nullptr : &it->second;
}

// The referral at a glance: two label/value pairs a row, on a light panel. Labels and values are
// tagged ("summary:Date acknowledged", and the value by its words or "summary:Date acknowledged
// value") so a test can measure the gap between them; the ids keep them apart from the form's
// own "Result" and "Result Date".
void draw_summary(const OutcomeForm& form) {
  float s = theme::scale();
  const Referral& r = form.referral;
  std::vector<std::pair<std::string, std::string>> pairs;
  pairs.emplace_back("Referral date", format_us(r.referral_date));
  pairs.emplace_back("From (referrer)", r.from_project_name);
  pairs.emplace_back("Client", r.client_name);
  pairs.emplace_back("To (receiver)", r.to_project_name);
  if (r.date_acknowledged) pairs.emplace_back("Date acknowledged", format_us(*r.date_acknowledged));
  if (r.appointment_date) pairs.emplace_back("Appointment date", format_us(*r.appointment_date));
  if (r.result_date) pairs.emplace_back("Result date", format_us(*r.result_date));
  if (r.result) pairs.emplace_back("Result", std::string(label(*r.result)));
  std::vector<std::pair<const char*, std::string>> long_texts;  // a whole row each
  if (!r.comments.empty() && r.status == ReferralStatus::resolved) long_texts.emplace_back("Comments", r.comments);
  if (!r.note.empty()) long_texts.emplace_back("Note", r.note);
  if (!r.return_reason.empty() && r.status == ReferralStatus::returned)
    long_texts.emplace_back("Reason returned", r.return_reason);
  if (!r.cancel_reason.empty() && r.status == ReferralStatus::cancelled)
    long_texts.emplace_back("Reason cancelled", r.cancel_reason);
  // The value column starts past the widest label drawn (and "Status"), whatever the words.
  std::vector<std::string> names{"Status"};
  for (const auto& [name, value] : pairs) names.push_back(name);
  for (const auto& [name, value] : long_texts) names.emplace_back(name);
  // Wider screens get longer value columns (project names on one line), up to a readable width.
  float width = std::min(ImGui::GetContentRegionAvail().x, 1040 * s);
  // Drawn as plain items over a background added afterwards (a child window sized to its
  // content would be one frame late, moving everything below it once).
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->ChannelsSplit(2);
  draw->ChannelsSetCurrent(1);
  ImVec2 start = ImGui::GetCursorScreenPos();
  float pad = 16 * s, name_width = widgets::label_column(names, 16 * s);
  float inner = width - 2 * pad;
  float half = inner * 0.5f;
  ImGui::SetCursorScreenPos(ImVec2(start.x + pad, start.y + 12 * s));
  float status_y = ImGui::GetCursorScreenPos().y;
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::muted);
  ImGui::SetCursorScreenPos(ImVec2(start.x + pad, status_y + 3 * s));  // level with the badge's word
  ImGui::TextUnformatted("Status");
  a11y::text("Status");
  ImGui::PopStyleColor();
  ImGui::SetCursorScreenPos(ImVec2(start.x + pad + name_width, status_y));
  widgets::status_badge(r.status);
  float y = ImGui::GetCursorScreenPos().y + 4 * s;
  // One label/value pair in a column starting at x; returns the bottom of what it drew.
  auto pair = [&](float x, float column, const std::string& name, const std::string& value) {
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::muted);
    ImGui::TextUnformatted(name.c_str());
    a11y::text(name);
    automation::tag(("##summary:" + name).c_str());
    ImGui::PopStyleColor();
    ImGui::SetCursorScreenPos(ImVec2(x + name_width, y));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(column - name_width - 12 * s, 48 * s));
    ImGui::TextWrapped("%s", value.c_str());
    a11y::text(value);
    ImGui::PopTextWrapPos();
    automation::tag((value + "##summary:" + name + " value").c_str());
    return ImGui::GetItemRectMax().y;
  };
  for (size_t i = 0; i < pairs.size(); i += 2) {
    float bottom = pair(start.x + pad, half, pairs[i].first, pairs[i].second);
    if (i + 1 < pairs.size()) bottom = std::max(bottom, pair(start.x + pad + half, half, pairs[i + 1].first, pairs[i + 1].second));
    y = bottom + 8 * s;
  }
  for (const auto& [name, text] : long_texts) {
    float bottom = pair(start.x + pad, inner, name, text);
    automation::tag(text.c_str());
    y = bottom + 8 * s;
  }
  ImVec2 end(start.x + width, y + 4 * s);
  draw->ChannelsSetCurrent(0);
  draw->AddRectFilled(start, end, theme::colour::panel, 4 * s);
  draw->AddRect(start, end, theme::colour::border, 4 * s, 0, 1 * s);
  draw->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(start.x, end.y + 8 * s));
  ImGui::Dummy(ImVec2(width, 1));
}

// A section heading with a rule under it.
void section(const char* title) {
  float s = theme::scale();
  ImGui::Dummy(ImVec2(0, 8 * s));
  widgets::heading(title);
  automation::tag_only(title);
  widgets::rule(std::min(ImGui::GetContentRegionAvail().x, 760 * s));
  ImGui::Dummy(ImVec2(0, 4 * s));
}

struct Submit {
  bool enter = false;
  void take(const widgets::FieldResult& r) { enter = enter || r.entered; }
};

void edit(const Dispatch& dispatch, Field field, const widgets::FieldResult& r) {
  if (r.changed) dispatch(EditField{field, r.value});
  if (r.left) dispatch(LeaveField{field});
}

void draw_acknowledge(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  const auto& form = state.outcome;
  section("Acknowledge receipt");
  widgets::muted("Record the date you first learned of the referral. The referrer then knows you are reaching out "
                 "to the client.");
  ImGui::Dummy(ImVec2(0, 4 * s));
  widgets::FieldOptions opt;
  opt.reserve_error = form.errors_shown;
  opt.error = error_for(form, "date_acknowledged");
  opt.hint = "The day you first learned of it, for example 05/01/2025";
  auto r = widgets::date_field("Date Referral Acknowledged", form.date_acknowledged, state.today, opt);
  edit(dispatch, Field::date_acknowledged, r);
  ImGui::Dummy(ImVec2(0, 12 * s));
  ImGui::BeginDisabled(form.saving);
  if (widgets::primary_button("Finish", ImVec2(120 * s, 0)) || r.entered) dispatch(SubmitAcknowledge{});
  ImGui::EndDisabled();
}

void draw_outcome_information(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  const auto& form = state.outcome;
  section("Outcome Information");
  widgets::muted("After you met the client and decided on eligibility. A result and its date go together.");
  ImGui::Dummy(ImVec2(0, 4 * s));
  Submit submit;
  widgets::FieldOptions opt;
  opt.reserve_error = form.errors_shown;
  opt.error = error_for(form, "appointment_date");
  opt.hint = "When you met with the client to determine eligibility";
  auto r = widgets::date_field("Appointment Date", form.appointment_date, state.today, opt);
  edit(dispatch, Field::appointment_date, r);
  submit.take(r);
  ImGui::Dummy(ImVec2(0, 4 * s));
  opt.error = error_for(form, "result_date");
  opt.hint = "When the result of the referral was determined";
  r = widgets::date_field("Result Date", form.result_date, state.today, opt);
  edit(dispatch, Field::result_date, r);
  submit.take(r);
  ImGui::Dummy(ImVec2(0, 4 * s));

  std::vector<std::string> results;
  int selected = -1;
  for (auto result : all_referral_results()) {
    if (to_string(result) == form.result) selected = static_cast<int>(results.size());
    results.emplace_back(label(result));
  }
  widgets::FieldOptions combo;
  combo.reserve_error = form.errors_shown;
  combo.error = error_for(form, "result");
  combo.hint = "The outcome of the referral";
  combo.width = 320;
  int chosen = widgets::combo_field("Result", results, selected, combo);
  if (chosen >= 0) {
    dispatch(EditField{Field::result, std::string(to_string(all_referral_results()[static_cast<size_t>(chosen)]))});
  }
  ImGui::Dummy(ImVec2(0, 4 * s));
  widgets::FieldOptions comments;
  comments.reserve_error = form.errors_shown;
  comments.optional = true;
  comments.error = error_for(form, "comments");
  comments.hint = "Notes for tracking purposes";
  comments.width = std::min(ImGui::GetContentRegionAvail().x, 760 * s) / s;
  comments.lines = 4;
  r = widgets::text_field("Comments", form.comments, comments);
  edit(dispatch, Field::comments, r);
  ImGui::Dummy(ImVec2(0, 12 * s));
  ImGui::BeginDisabled(form.saving);
  if (widgets::primary_button("Finish", ImVec2(120 * s, 0)) || submit.enter) dispatch(SubmitOutcome{});
  ImGui::EndDisabled();
}

void draw_enroll(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  const auto& form = state.outcome;
  section("Enrollment");
  if (form.enrolled) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::success);
    std::string done = std::string(theme::icon::check) + " Enrolled in " + form.referral.to_project_name;
    ImGui::TextUnformatted(done.c_str());
    automation::tag_only("Enrolled");
    a11y::text(done);
    ImGui::PopStyleColor();
    return;
  }
  std::string text = "Services Provided: enroll the client in " + form.referral.to_project_name + ".";
  widgets::muted(text.c_str());
  ImGui::Dummy(ImVec2(0, 4 * s));
  widgets::FieldOptions opt;
  opt.reserve_error = form.errors_shown;
  opt.error = error_for(form, "entry_date");
  opt.hint = "The first day of the client's stay or service";
  auto r = widgets::date_field("Entry Date", form.entry_date, state.today, opt);
  edit(dispatch, Field::entry_date, r);
  if (const auto* e = error_for(form, "project_id")) widgets::error_text(*e);
  if (const auto* e = error_for(form, "referral_id")) widgets::error_text(*e);
  ImGui::Dummy(ImVec2(0, 12 * s));
  ImGui::BeginDisabled(form.saving);
  if (widgets::primary_button("Enroll client") || r.entered) dispatch(SubmitEnroll{});
  ImGui::EndDisabled();
}

void draw_reassign(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  const auto& form = state.outcome;
  const Referral& r = form.referral;
  section("Reassign to another project");
  widgets::muted("The receiving project returned this referral. Send it to another project; it starts again as "
                 "pending there.");
  ImGui::Dummy(ImVec2(0, 4 * s));
  std::vector<std::string> names;
  std::vector<int64_t> ids;
  int selected = -1;
  for (const auto& p : state.projects) {
    if (p.id == r.to_project_id || p.id == r.from_project_id) continue;
    if (p.id == form.reassign_project_id) selected = static_cast<int>(ids.size());
    ids.push_back(p.id);
    names.push_back(p.name);
  }
  widgets::FieldOptions opt;
  opt.reserve_error = form.errors_shown;
  opt.error = error_for(form, "project_id");
  opt.hint = "Not the project that returned it, and not your own";
  opt.width = 480;
  int chosen = widgets::combo_field("Project", names, selected, opt, "Choose a project...");
  if (chosen >= 0) dispatch(ChooseReassignProject{ids[static_cast<size_t>(chosen)]});
  ImGui::Dummy(ImVec2(0, 12 * s));
  ImGui::BeginDisabled(form.saving);
  if (widgets::primary_button("Reassign")) dispatch(SubmitReassign{});
  ImGui::EndDisabled();
}

// What the reason modal says for each action that asks why.
struct ReasonWords {
  std::string title;    // also the popup's visible name
  std::string what;     // what will happen
  const char* hint;
  const char* confirm;  // button label###id
  const char* keep;     // the secondary button that closes it
  bool destructive;     // red confirm (UI.md: return, cancel)
};

ReasonWords reason_words(ReferralAction action, const Referral& r) {
  switch (action) {
    case ReferralAction::cancel:
      return {"Cancel referral?",
              "The referral is withdrawn: " + r.to_project_name +
                  " sees it as cancelled and can no longer act on it. This cannot be undone. Say why.",
              "Kept in the referral's history", "Cancel referral###Confirm cancel", "Keep referral###Keep referral",
              true};
    case ReferralAction::reopen:
      return {"Reopen referral?",
              "Its result and result date are cleared and it is acknowledged again, so " + r.to_project_name +
                  " can record the outcome anew. Say why.",
              "Kept in the referral's history", "Reopen referral###Confirm reopen", "Cancel###Cancel reopen", false};
    default:
      return {"Return referral?",
              "The referral goes back to " + r.from_project_name +
                  ", who can then send it to another project. Tell them why.",
              "Shown to the referrer", "Return referral###Confirm return", "Cancel###Cancel return", true};
  }
}

// Return, Cancel or Reopen: a modal that says what will happen and asks for the reason. Open
// while the state says so (one popup per action, so each closes itself when the state moves on).
void draw_reason_dialog(const State& state, const Dispatch& dispatch, ReferralAction action) {
  float s = theme::scale();
  const auto& form = state.outcome;
  bool wanted = form.reason_dialog == action;
  ReasonWords words = reason_words(action, form.referral);
  std::string id = words.title + "###Reason dialog " + std::string(to_string(action));
  if (wanted && !ImGui::IsPopupOpen(id.c_str())) ImGui::OpenPopup(id.c_str());
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(560 * s, viewport->Size.x - 32 * s), 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24 * s, 20 * s));
  if (ImGui::BeginPopupModal(id.c_str(), nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoTitleBar)) {
    a11y::begin(a11y::Role::dialog, words.title).state |= a11y::modal;
    widgets::title(words.title.c_str());
    automation::tag_only(words.title.c_str());
    ImGui::PushTextWrapPos(0);
    ImGui::TextWrapped("%s", words.what.c_str());
    a11y::text(words.what);
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(0, 4 * s));
    widgets::FieldOptions opt;
    opt.error = error_for(form, "reason");
    opt.hint = words.hint;
    opt.lines = 3;
    opt.width = (ImGui::GetContentRegionAvail().x) / s;
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere(0);
    auto r = widgets::text_field("Reason", form.reason, opt);
    edit(dispatch, Field::reason, r);
    ImGui::Dummy(ImVec2(0, 12 * s));
    ImGui::BeginDisabled(form.saving);
    bool confirm = words.destructive ? widgets::danger_button(words.confirm) : widgets::primary_button(words.confirm);
    if (confirm) dispatch(ConfirmReasonDialog{});
    ImGui::EndDisabled();
    ImGui::SameLine();
    bool keep = widgets::secondary_button(words.keep);
    if (keep || ImGui::IsKeyPressed(ImGuiKey_Escape) || !wanted) {
      if (wanted) dispatch(CloseReasonDialog{});
      ImGui::CloseCurrentPopup();
    }
    a11y::end();
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar();
}

}  // namespace

void draw_referral_outcome(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  const auto& form = state.outcome;
  const Route& route = state.route;
  bool from_outgoing = route.screen == Screen::outgoing_referral;
  if (from_outgoing) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::primary);
    ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0);
    std::string back = std::string(theme::icon::left) + " Outgoing referrals###Back to outgoing referrals";
    if (ImGui::Button(back.c_str())) dispatch(Navigate{Route{Screen::outgoing, 0, 0}});
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
  }
  widgets::title("Referral Outcome");
  automation::tag_only("Referral Outcome");
  if (form.referral_id != route.referral_id || (form.load != Load::ready && form.referral.id != route.referral_id)) {
    if (form.load == Load::failed) {
      widgets::error_text(form.message.empty() ? "The referral could not be loaded." : form.message);
      if (widgets::secondary_button("Try again")) dispatch(Reload{});
    } else {
      widgets::slow_spinner("Loading the referral...");
    }
    return;
  }
  const Referral& r = form.referral;
  std::string subtitle = "Referral #" + std::to_string(r.id) + " to " + r.to_project_name;
  widgets::muted(subtitle.c_str());
  ImGui::Dummy(ImVec2(0, 4 * s));

  static std::string shown_message;  // a new form-level message scrolls into view once
  if (!form.message.empty()) {
    if (form.message != shown_message) ImGui::SetScrollHereY(0.0f);
    widgets::error_text(form.message);
    ImGui::Dummy(ImVec2(0, 4 * s));
  }
  shown_message = form.message;
  if (!form.summary.empty()) widgets::error_summary(form.summary);
  draw_summary(form);

  if (allows(form, ReferralAction::acknowledge)) {
    draw_acknowledge(state, dispatch);
  } else if (allows(form, ReferralAction::resolve)) {
    draw_outcome_information(state, dispatch);
  }
  if (may_enroll_from_referral(Actor{state.session.context.workgroup, state.session.context.organization_id}, r)) {
    draw_enroll(state, dispatch);
  }
  if (allows(form, ReferralAction::reassign)) draw_reassign(state, dispatch);
  if (form.saving) widgets::slow_spinner("Saving...");

  ImGui::Dummy(ImVec2(0, 16 * s));
  widgets::rule(std::min(ImGui::GetContentRegionAvail().x, 760 * s));
  ImGui::Dummy(ImVec2(0, 4 * s));
  std::string history = std::string(theme::icon::history) + "  History###History";
  if (widgets::secondary_button(history.c_str()))
    dispatch(Navigate{Route{Screen::referral_history, r.client_id, r.id}});
  if (!from_outgoing) {
    ImGui::SameLine();
    std::string back = std::string(theme::icon::left) + "  Back to referrals###Back to referrals";
    if (widgets::secondary_button(back.c_str()))
      dispatch(Navigate{Route{Screen::client_referrals, route.client_id, 0}});
  }
  if (allows(form, ReferralAction::reopen)) {
    ImGui::SameLine(0, 32 * s);
    std::string label = std::string(theme::icon::undo) + "  Reopen referral###Reopen referral";
    if (widgets::secondary_button(label.c_str())) dispatch(OpenReasonDialog{ReferralAction::reopen});
  }
  if (allows(form, ReferralAction::return_to_referrer)) {
    ImGui::SameLine(0, 32 * s);
    std::string label = std::string(theme::icon::undo) + "  Return referral###Return referral";
    if (widgets::danger_button(label.c_str())) dispatch(OpenReasonDialog{ReferralAction::return_to_referrer});
  }
  if (allows(form, ReferralAction::cancel)) {
    ImGui::SameLine(0, 32 * s);
    std::string label = std::string(theme::icon::close) + "  Cancel referral###Cancel referral";
    if (widgets::danger_button(label.c_str())) dispatch(OpenReasonDialog{ReferralAction::cancel});
  }
  for (auto action : {ReferralAction::return_to_referrer, ReferralAction::cancel, ReferralAction::reopen})
    draw_reason_dialog(state, dispatch, action);
}

}  // namespace waypoint::client
