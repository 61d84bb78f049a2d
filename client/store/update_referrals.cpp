// One referral's page (Referral Outcome: acknowledge, Outcome Information, enroll, return,
// reassign) and a referral's history; the Incoming / Outgoing lists are in update_inbox.cpp.
// Every form runs the shared validators before anything is sent, so errors show beside the
// field at once; the server's 422 field errors land in the same place.
#include "client/store/update_internal.hpp"

#include "shared/json_mapping.hpp"
#include "shared/text.hpp"
#include "shared/validation.hpp"

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

// 422 -> fields; 409 -> reload; anything else -> the server's message at the top of the form.
Effects on_write_failure(State& state, const HttpReplied& reply, const nlohmann::json& body) {
  auto& form = state.outcome;
  if (reply.status == 422 || reply.status == 400) {
    form.errors = error_fields(body);
    if (form.errors.empty()) form.message = error_message(body, "The change was not accepted.");
    return {};
  }
  if (reply.status == 409) {
    form.message = kConflict;
    return load_referral(state, form.referral_id);
  }
  if (reply.status == 403) {
    form.message = error_message(body, "You cannot make this change in your current organization and workgroup.");
    return {};
  }
  form.message = error_message(body, "The change was not saved (" + std::to_string(reply.status) + ").");
  return {};
}

Effects saved(State& state, std::string what) {
  state.outcome.saving = false;
  state.outcome.message.clear();
  toast(state, std::move(what));
  Effects effects = load_referral(state, state.outcome.referral_id);
  auto count = pending_count_request();
  effects.insert(effects.end(), count.begin(), count.end());
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
  form.errors = validate_acknowledge(request, form.referral, state.today);
  form.message.clear();
  if (!form.errors.empty()) return {};
  request.date_acknowledged = to_iso(request.date_acknowledged);
  form.saving = true;
  return {send(RequestKind::acknowledge, "POST", referral_path(form.referral_id) + "/acknowledge",
               nlohmann::json(request), form.referral_id)};
}

Effects submit_outcome(State& state) {
  auto& form = state.outcome;
  if (form.saving) return {};
  OutcomeRequest request = outcome_request(form);
  form.errors = validate_outcome(request, form.referral, state.today);
  form.message.clear();
  if (!form.errors.empty()) return {};
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
  form.errors = validate_enrollment(request, form.referral, state.today);
  form.message.clear();
  if (!form.errors.empty()) return {};
  request.entry_date = to_iso(request.entry_date);
  form.saving = true;
  return {send(RequestKind::enroll, "POST", "/api/enrollments", nlohmann::json(request), form.referral_id)};
}

Effects confirm_return(State& state) {
  auto& form = state.outcome;
  if (form.saving) return {};
  ReturnRequest request{form.return_reason, form.referral.version};
  form.errors = validate_return(request);
  form.message.clear();
  if (!form.errors.empty()) return {};
  form.saving = true;
  return {send(RequestKind::return_referral, "POST", referral_path(form.referral_id) + "/return",
               nlohmann::json(request), form.referral_id)};
}

Effects submit_reassign(State& state) {
  auto& form = state.outcome;
  if (form.saving) return {};
  ReassignRequest request{form.reassign_project_id, form.referral.version};
  form.errors = validate_reassign(request, form.referral);
  form.message.clear();
  if (!form.errors.empty()) return {};
  form.saving = true;
  return {send(RequestKind::reassign, "POST", referral_path(form.referral_id) + "/reassign", nlohmann::json(request),
               form.referral_id)};
}

void check_field(State& state, Field field) {
  auto& form = state.outcome;
  FieldErrors found;
  std::string key;
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
      auto referral = ok ? parse_referral(body) : parse_referral(nlohmann::json());
      if (!referral) {
        form.load = Load::failed;
        form.message = reply.status == 404 ? "This referral does not exist or is not visible to your organization."
                                           : error_message(body, "The referral could not be loaded.");
        return {};
      }
      form.referral = referral.value();
      form.allowed.clear();
      if (body.contains("allowed_actions") && body["allowed_actions"].is_array()) {
        for (const auto& a : body["allowed_actions"])
          if (a.is_string())
            if (auto action = parse_referral_action(a.get<std::string>())) form.allowed.push_back(*action);
      }
      form.load = Load::ready;
      prefill(form);
      return {};
    }
    case RequestKind::acknowledge:
    case RequestKind::outcome:
    case RequestKind::return_referral:
    case RequestKind::reassign:
    case RequestKind::enroll: {
      if (reply.tag != form.referral_id) return {};
      form.saving = false;
      if (!ok) return on_write_failure(state, reply, body);
      form.errors.clear();
      if (reply.kind == RequestKind::acknowledge)
        {
        auto date = parse_user_date(form.date_acknowledged);
        return saved(state, "Referral acknowledged" + (date ? " (" + format_us(*date) + ")" : std::string()));
      }
      if (reply.kind == RequestKind::outcome) {
        auto result = parse_referral_result(form.result);
        return saved(state, result ? "Outcome saved: " + std::string(label(*result)) : "Outcome Information saved");
      }
      if (reply.kind == RequestKind::return_referral) {
        form.return_dialog = false;
        return saved(state, "Referral returned to " + form.referral.from_project_name);
      }
      if (reply.kind == RequestKind::reassign) {
        std::string to = project_name(state, form.reassign_project_id);
        form.reassign_project_id = 0;
        return saved(state, "Referral reassigned to " + to);
      }
      form.enrolled = true;
      state.record.enrollments_load = Load::idle;
      return saved(state, "Client enrolled in " + form.referral.to_project_name);
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
