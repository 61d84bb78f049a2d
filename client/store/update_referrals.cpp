// One referral's page (Referral Outcome: acknowledge, Outcome Information, enroll, return,
// reassign, cancel, reopen) and a referral's history; the Incoming / Outgoing lists are in
// update_inbox.cpp. Every form runs the shared validators before anything is sent, so errors
// show beside the field at once; the server's 422 field errors land in the same place.
// Every referral change is answered with the updated referral and its allowed actions: that
// answer becomes the form's copy at once (no second GET), so the next change carries the version
// the server now holds, and "someone else changed it" is said only after a 409 says so.
#include "client/store/update_internal.hpp"

#include "shared/json_mapping.hpp"
#include "shared/text.hpp"
#include "shared/validation.hpp"

#include <algorithm>

namespace waypoint::client::detail {

namespace {

const char* kConflict =
    "Someone else changed this referral while you were working on it. It has been reloaded with their changes; "
    "what you typed is kept. Check it and select Finish again.";

std::string referral_path(int64_t id) { return "/api/referrals/" + std::to_string(id); }

OutcomeRequest outcome_request(const OutcomeForm& form) {
  return OutcomeRequest{form.appointment_date, form.result_date, form.result, form.comments, form.referral.version};
}

NewEnrollmentRequest enroll_request(const OutcomeForm& form) {
  return NewEnrollmentRequest{form.referral.client_id, form.referral.to_project_id, form.entry_date,
                              form.referral.id};
}

// Fills the form's empty fields from the referral as stored (never overwriting what was typed).
void prefill(OutcomeForm& form) {
  const Referral& r = form.referral;
  if (form.date_acknowledged.empty()) form.date_acknowledged = us_or_empty(r.date_acknowledged);
  if (form.appointment_date.empty()) form.appointment_date = us_or_empty(r.appointment_date);
  if (form.result_date.empty()) form.result_date = us_or_empty(r.result_date);
  if (form.result.empty() && r.result) form.result = std::string(to_string(*r.result));
  if (form.comments.empty()) form.comments = r.comments;
  if (form.entry_date.empty()) form.entry_date = us_or_empty(r.result_date);
}

// The form's copy of the referral, from any answer that carries one: a GET, a change's reply, a
// 409's `current`. False when `body` is not this referral. An answer older than the copy is
// dropped: a GET sent before a change and answered after it must not bring back the version the
// change replaced (the next change would then be refused as stale).
bool take_referral(OutcomeForm& form, const nlohmann::json& body) {
  auto parsed = parse_referral(body);
  if (!parsed || parsed.value().id != form.referral_id) return false;
  form.load = Load::ready;
  if (form.referral.id == form.referral_id && parsed.value().version < form.referral.version) return true;
  form.referral = std::move(parsed).value();
  form.allowed.clear();
  if (body.contains("allowed_actions") && body["allowed_actions"].is_array()) {
    for (const auto& a : body["allowed_actions"])
      if (a.is_string())
        if (auto action = parse_referral_action(a.get<std::string>())) form.allowed.push_back(*action);
  }
  return true;
}

// Problems found before sending (or by the server's 422): shown at their fields, summarised on
// top when more than one, and from now on checked again as each field is left.
void show_errors(OutcomeForm& form) {
  form.errors_shown = true;
  form.summary.clear();
  if (form.errors.size() > 1)
    for (const auto& [key, message] : form.errors) form.summary.push_back(message);
}

// A check before sending: true when the request may go.
bool passes(OutcomeForm& form, FieldErrors errors) {
  form.errors = std::move(errors);
  form.message.clear();
  if (form.errors.empty()) {
    form.summary.clear();
    return true;
  }
  show_errors(form);
  return false;
}

std::optional<ReferralAction> action_of(RequestKind kind) {
  switch (kind) {
    case RequestKind::acknowledge: return ReferralAction::acknowledge;
    case RequestKind::outcome: return ReferralAction::resolve;
    case RequestKind::return_referral: return ReferralAction::return_to_referrer;
    case RequestKind::reassign: return ReferralAction::reassign;
    case RequestKind::cancel_referral: return ReferralAction::cancel;
    case RequestKind::reopen_referral: return ReferralAction::reopen;
    default: return std::nullopt;
  }
}

std::string error_code(const nlohmann::json& body) {
  if (body.is_object() && body.contains("error") && body["error"].is_object()) {
    const auto& error = body["error"];
    if (error.contains("code") && error["code"].is_string()) return error["code"].get<std::string>();
  }
  return "";
}

// 422 -> fields; 409 -> the referral as it now is; anything else -> the server's message on top.
Effects on_write_failure(State& state, const HttpReplied& reply, const nlohmann::json& body) {
  auto& form = state.outcome;
  if (reply.status == 422 || reply.status == 400) {
    form.errors = error_fields(body);
    if (form.errors.empty()) form.message = error_message(body, "The change was not accepted.");
    else show_errors(form);
    return {};
  }
  if (reply.status == 409) {
    // A modal would hide the message, and its action may no longer be allowed: what was typed stays.
    form.reason_dialog.reset();
    if (error_code(body) == "stale_version") {
      // Someone else saved first: the 409 carries the referral as they left it.
      form.message = kConflict;
      if (body.is_object() && body.contains("current") && take_referral(form, body["current"])) {
        prefill(form);
        return {};
      }
      return load_referral(state, form.referral_id);
    }
    // Not possible in the referral's status. If the server had offered this action for the copy
    // the form holds, the status has changed since: someone else changed the referral (the
    // server checks the status before the version, so this 409 carries no `current`).
    auto action = action_of(reply.kind);
    bool offered = action && std::find(form.allowed.begin(), form.allowed.end(), *action) != form.allowed.end();
    form.message = offered ? kConflict
                           : error_message(body, "This change is not possible in the referral's current status.");
    return load_referral(state, form.referral_id);
  }
  if (reply.status == 403) {
    form.message = error_message(body, "You cannot make this change in your current organization and workgroup.");
    return {};
  }
  form.message = error_message(body, "The change was not saved (" + std::to_string(reply.status) + ").");
  return {};
}

// A change was saved and its reply is the referral as stored: the form shows it, and what was
// typed (now saved, or cleared by the change, as a reassign or reopen clears the outcome) gives
// way to the stored values. The navigation's count of referrals waiting is asked again.
Effects changed(State& state, const nlohmann::json& body) {
  auto& form = state.outcome;
  form.message.clear();
  form.errors.clear();
  form.errors_shown = false;
  form.summary.clear();
  form.reason_dialog.reset();
  Effects effects = pending_count_request();
  if (!take_referral(form, body)) {
    // A success without the referral in it (not what this server sends): ask for it.
    auto load = load_referral(state, form.referral_id);
    effects.insert(effects.begin(), load.begin(), load.end());
    return effects;
  }
  form.date_acknowledged.clear();
  form.appointment_date.clear();
  form.result_date.clear();
  form.result.clear();
  form.comments.clear();
  form.entry_date.clear();
  form.reason.clear();
  prefill(form);
  return effects;
}

std::string project_name(const State& state, int64_t id) {
  for (const auto& p : state.projects)
    if (p.id == id) return p.name;
  return "project " + std::to_string(id);
}

}  // namespace

Effects load_referral(State& state, int64_t referral_id) {
  auto& form = state.outcome;
  if (form.referral_id != referral_id) {
    form = OutcomeForm{};
    form.referral_id = referral_id;
  }
  form.load = Load::loading;
  return {get(RequestKind::referral_get, referral_path(referral_id), referral_id)};
}

Effects submit_acknowledge(State& state) {
  auto& form = state.outcome;
  if (form.saving) return {};
  AcknowledgeRequest request{form.date_acknowledged, form.referral.version};
  if (!passes(form, validate_acknowledge(request, form.referral, state.today))) return {};
  request.date_acknowledged = to_iso(request.date_acknowledged);
  form.saving = true;
  return {send(RequestKind::acknowledge, "POST", referral_path(form.referral_id) + "/acknowledge",
               nlohmann::json(request), form.referral_id)};
}

Effects submit_outcome(State& state) {
  auto& form = state.outcome;
  if (form.saving) return {};
  OutcomeRequest request = outcome_request(form);
  if (!passes(form, validate_outcome(request, form.referral, state.today))) return {};
  request.appointment_date = to_iso(request.appointment_date);
  request.result_date = to_iso(request.result_date);
  nlohmann::json body = request;
  for (const char* key : {"appointment_date", "result_date", "result"})
    if (body[key].is_string() && body[key].get<std::string>().empty()) body[key] = nullptr;
  form.saving = true;
  return {send(RequestKind::outcome, "POST", referral_path(form.referral_id) + "/outcome", body, form.referral_id)};
}

Effects submit_enroll(State& state) {
  auto& form = state.outcome;
  if (form.saving) return {};
  NewEnrollmentRequest request = enroll_request(form);
  if (!passes(form, validate_enrollment(request, form.referral, state.today))) return {};
  request.entry_date = to_iso(request.entry_date);
  form.saving = true;
  return {send(RequestKind::enroll, "POST", "/api/enrollments", nlohmann::json(request), form.referral_id)};
}

void open_reason_dialog(State& state, ReferralAction action) {
  auto& form = state.outcome;
  if (form.reason_dialog != action) form.reason.clear();  // a return's reason is not a cancel's
  form.reason_dialog = action;
  form.errors.erase("reason");
}

Effects confirm_reason(State& state) {
  auto& form = state.outcome;
  if (form.saving || !form.reason_dialog) return {};
  std::string path = referral_path(form.referral_id);
  int64_t version = form.referral.version;
  HttpRequest request;
  switch (*form.reason_dialog) {
    case ReferralAction::return_to_referrer: {
      ReturnRequest r{form.reason, version};
      if (!passes(form, validate_return(r))) return {};
      request = send(RequestKind::return_referral, "POST", path + "/return", nlohmann::json(r), form.referral_id);
      break;
    }
    case ReferralAction::cancel: {
      CancelRequest r{form.reason, version};
      if (!passes(form, validate_cancel(r))) return {};
      request = send(RequestKind::cancel_referral, "POST", path + "/cancel", nlohmann::json(r), form.referral_id);
      break;
    }
    case ReferralAction::reopen: {
      ReopenRequest r{form.reason, version};
      if (!passes(form, validate_reopen(r))) return {};
      request = send(RequestKind::reopen_referral, "POST", path + "/reopen", nlohmann::json(r), form.referral_id);
      break;
    }
    default: return {};
  }
  form.saving = true;
  return {request};
}

Effects submit_reassign(State& state) {
  auto& form = state.outcome;
  if (form.saving) return {};
  ReassignRequest request{form.reassign_project_id, form.referral.version};
  if (!passes(form, validate_reassign(request, form.referral))) return {};
  form.saving = true;
  return {send(RequestKind::reassign, "POST", referral_path(form.referral_id) + "/reassign", nlohmann::json(request),
               form.referral_id)};
}

void check_field(State& state, Field field) {
  auto& form = state.outcome;
  FieldErrors found;
  std::string key;
  // The referral's forms are checked on Finish (GOV.UK); only once Finish has shown problems is
  // a field checked again as it is left, into the error line's space its form now keeps.
  bool outcome_field = field == Field::date_acknowledged || field == Field::appointment_date ||
                       field == Field::result_date || field == Field::comments || field == Field::entry_date;
  if (outcome_field && !form.errors_shown) return;
  switch (field) {
    case Field::date_acknowledged:
      key = "date_acknowledged";
      found = validate_acknowledge(AcknowledgeRequest{form.date_acknowledged, 0}, form.referral, state.today);
      break;
    case Field::appointment_date:
    case Field::result_date:
    case Field::comments: {
      key = field == Field::appointment_date ? "appointment_date"
            : field == Field::result_date   ? "result_date"
                                            : "comments";
      // While the person is still filling the form, a missing partner field is not yet an error.
      OutcomeRequest request = outcome_request(form);
      found = validate_outcome(request, form.referral, state.today);
      if (request.result.empty() && found[key] == "Enter the result date") found.erase(key);
      break;
    }
    case Field::entry_date:
      key = "entry_date";
      found = validate_enrollment(enroll_request(form), form.referral, state.today);
      break;
    case Field::date_of_birth:
    case Field::ssn_last4: {
      key = field == Field::date_of_birth ? "date_of_birth" : "ssn_last4";
      auto& c = state.clients.form;
      found = validate_client(NewClientRequest{"A", "A", c.date_of_birth, c.ssn_last4}, state.today);
      auto it = found.find(key);
      if (it != found.end()) c.errors[key] = it->second;
      else c.errors.erase(key);
      return;
    }
    default: return;
  }
  auto it = found.find(key);
  if (it != found.end() && !trim(it->second).empty()) form.errors[key] = it->second;
  else form.errors.erase(key);
}

Effects load_history(State& state, int64_t referral_id) {
  if (state.history.referral_id != referral_id) state.history = HistoryState{};
  state.history.referral_id = referral_id;
  state.history.load = Load::loading;
  return {get(RequestKind::history, referral_path(referral_id) + "/history", referral_id)};
}

Effects on_referrals_reply(State& state, const HttpReplied& reply) {
  if (reply.kind == RequestKind::incoming || reply.kind == RequestKind::outgoing) return on_inbox_reply(state, reply);
  auto body = body_of(reply);
  bool ok = reply.status >= 200 && reply.status < 300 && !body.is_discarded();
  auto& form = state.outcome;
  switch (reply.kind) {
    case RequestKind::referral_get: {
      if (reply.tag != form.referral_id) return {};
      if (!ok || !take_referral(form, body)) {
        form.load = Load::failed;
        form.message = reply.status == 404 ? "This referral does not exist or is not visible to your organization."
                                           : error_message(body, "The referral could not be loaded.");
        return {};
      }
      prefill(form);
      return {};
    }
    case RequestKind::enroll: {
      if (reply.tag != form.referral_id) return {};
      form.saving = false;
      if (!ok) return on_write_failure(state, reply, body);
      // The enrollment is the answer; the referral itself is unchanged.
      form.errors.clear();
      form.errors_shown = false;
      form.summary.clear();
      form.message.clear();
      form.enrolled = true;
      state.record.enrollments_load = Load::idle;
      toast(state, "Client enrolled in " + form.referral.to_project_name);
      return {};
    }
    case RequestKind::acknowledge:
    case RequestKind::outcome:
    case RequestKind::return_referral:
    case RequestKind::reassign:
    case RequestKind::cancel_referral:
    case RequestKind::reopen_referral: {
      if (reply.tag != form.referral_id) return {};
      form.saving = false;
      if (!ok) return on_write_failure(state, reply, body);
      std::string reassigned_to = project_name(state, form.reassign_project_id);
      Effects effects = changed(state, body);
      const Referral& r = form.referral;
      switch (reply.kind) {
        case RequestKind::acknowledge:
          toast(state, "Referral acknowledged" +
                           (r.date_acknowledged ? " (" + format_us(*r.date_acknowledged) + ")" : std::string()));
          break;
        case RequestKind::outcome:
          toast(state, r.result ? "Outcome saved: " + std::string(label(*r.result)) : "Outcome Information saved");
          break;
        case RequestKind::return_referral: toast(state, "Referral returned to " + r.from_project_name); break;
        case RequestKind::reassign:
          form.reassign_project_id = 0;
          toast(state, "Referral reassigned to " + reassigned_to);
          break;
        case RequestKind::cancel_referral: toast(state, "Referral cancelled"); break;
        default: toast(state, "Referral reopened: its outcome can be recorded again"); break;
      }
      return effects;
    }
    case RequestKind::pending_count:
      if (ok && body.is_object() && body.contains("total") && body["total"].is_number_integer())
        state.pending_incoming = body["total"].get<int64_t>();
      return {};
    case RequestKind::history:
      if (reply.tag != state.history.referral_id) return {};
      state.history.load = ok ? Load::ready : Load::failed;
      if (ok) state.history.items = audit_items(body);
      return {};
    default: return {};
  }
}

}  // namespace waypoint::client::detail
