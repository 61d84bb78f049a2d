// The one update function: applies an action to the state and returns the effects to run.
// This file dispatches; features live in update_session.cpp, update_clients.cpp,
// update_referrals.cpp and update_inbox.cpp. Index:
//   [SECTION] Helpers: requests, replies, dates
//   [SECTION] Health
//   [SECTION] Routing: which requests a screen needs
//   [SECTION] Replies shared by every request: 401 and network failures
//   [SECTION] update()
#include "client/store/update.hpp"

#include "client/store/update_internal.hpp"

namespace waypoint::client {

namespace detail {

// [SECTION] Helpers: requests, replies, dates

HttpRequest get(RequestKind kind, std::string path, int64_t tag) {
  return HttpRequest{kind, "GET", std::move(path), "", tag};
}

HttpRequest send(RequestKind kind, std::string method, std::string path, const nlohmann::json& body, int64_t tag) {
  return HttpRequest{kind, std::move(method), std::move(path),
                     body.is_null() ? "" : body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), tag};
}

std::string url_encode(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

nlohmann::json body_of(const HttpReplied& reply) { return nlohmann::json::parse(reply.body, nullptr, false); }

std::string error_message(const nlohmann::json& body, const std::string& fallback) {
  if (body.is_object() && body.contains("error") && body["error"].is_object()) {
    const auto& error = body["error"];
    if (error.contains("message") && error["message"].is_string()) return error["message"].get<std::string>();
  }
  return fallback;
}

FieldErrors error_fields(const nlohmann::json& body) {
  FieldErrors fields;
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return fields;
  const auto& error = body["error"];
  if (!error.contains("fields") || !error["fields"].is_object()) return fields;
  for (const auto& [key, value] : error["fields"].items()) {
    if (value.is_string()) fields[key] = value.get<std::string>();
  }
  return fields;
}

std::string to_iso(const std::string& user_text) {
  auto date = parse_user_date(user_text);
  return date ? format_iso(*date) : user_text;
}

std::string us_or_empty(const std::optional<Date>& date) { return date ? format_us(*date) : ""; }

void toast(State& state, std::string text) {
  state.toast.serial += 1;
  state.toast.text = std::move(text);
}

// [SECTION] Routing: which requests a screen needs

Effects pending_count_request() {
  return {get(RequestKind::pending_count, "/api/referrals?box=incoming&status=pending&page_size=1")};
}

Effects enter_route(State& state) {
  if (state.session.phase != SessionPhase::signed_in) return {};
  const Route& route = state.route;
  Effects effects;
  auto add = [&](Effects more) { effects.insert(effects.end(), more.begin(), more.end()); };
  auto record = [&]() {
    if (state.record.client_id != route.client_id || state.record.load != Load::ready) {
      add(load_client(state, route.client_id));
    }
  };
  switch (route.screen) {
    case Screen::clients:
      if (state.clients.load == Load::idle) add(search_clients(state));
      break;
    case Screen::client_new: break;
    case Screen::client_profile: record(); break;
    case Screen::client_referrals:
      record();
      state.record.referrals_load = Load::loading;
      effects.push_back(get(RequestKind::client_referrals,
                            "/api/clients/" + std::to_string(route.client_id) + "/referrals?page_size=200",
                            route.client_id));
      break;
    case Screen::client_enrollments:
      record();
      state.record.enrollments_load = Load::loading;
      effects.push_back(get(RequestKind::client_enrollments,
                            "/api/clients/" + std::to_string(route.client_id) + "/enrollments?page_size=200",
                            route.client_id));
      break;
    case Screen::referral_outcome:
      record();
      add(load_referral(state, route.referral_id));
      break;
    case Screen::referral_history:
      record();
      add(load_referral(state, route.referral_id));
      add(load_history(state, route.referral_id));
      break;
    case Screen::incoming: add(load_inbox(state, Box::incoming)); break;
    case Screen::outgoing: add(load_inbox(state, Box::outgoing)); break;
    case Screen::outgoing_referral: add(load_referral(state, route.referral_id)); break;
    case Screen::change_password: break;
    case Screen::users:
      if (state.session.context.workgroup == Workgroup::system_admin) add(load_users(state));
      break;
  }
  return effects;
}

namespace {

Effects navigate(State& state, const Route& route) {
  if (state.session.phase != SessionPhase::signed_in) {
    state.route = route;
    state.session.return_to = route;
    return {};
  }
  // A temporary password is changed before anything else (the server refuses the rest).
  state.route = state.session.must_change_password ? Route{Screen::change_password, 0, 0} : route;
  state.settings.open = false;
  return enter_route(state);
}

std::string* field_text(State& state, Field field) {
  switch (field) {
    case Field::username: return &state.session.form.username;
    case Field::password: return &state.session.form.password;
    case Field::client_query: return &state.clients.query;
    case Field::first_name: return &state.clients.form.first_name;
    case Field::last_name: return &state.clients.form.last_name;
    case Field::date_of_birth: return &state.clients.form.date_of_birth;
    case Field::ssn_last4: return &state.clients.form.ssn_last4;
    case Field::date_acknowledged: return &state.outcome.date_acknowledged;
    case Field::appointment_date: return &state.outcome.appointment_date;
    case Field::result_date: return &state.outcome.result_date;
    case Field::result: return &state.outcome.result;
    case Field::comments: return &state.outcome.comments;
    case Field::entry_date: return &state.outcome.entry_date;
    case Field::reason: return &state.outcome.reason;
    case Field::current_password: return &state.password.current_password;
    case Field::new_password: return &state.password.new_password;
    case Field::confirm_password: return &state.password.confirm_password;
    case Field::temporary_password: return &state.users.temporary_password;
    case Field::name_data_quality: return &state.clients.form.name_data_quality;
  }
  return nullptr;
}

// Where a field's error message lives: its form's errors and the request's key.
std::pair<FieldErrors*, std::string> field_error(State& state, Field field) {
  switch (field) {
    case Field::username: return {&state.session.form.errors, "username"};
    case Field::password: return {&state.session.form.errors, "password"};
    case Field::client_query: return {nullptr, ""};
    case Field::first_name: return {&state.clients.form.errors, "first_name"};
    case Field::last_name: return {&state.clients.form.errors, "last_name"};
    case Field::date_of_birth: return {&state.clients.form.errors, "date_of_birth"};
    case Field::ssn_last4: return {&state.clients.form.errors, "ssn_last4"};
    case Field::date_acknowledged: return {&state.outcome.errors, "date_acknowledged"};
    case Field::appointment_date: return {&state.outcome.errors, "appointment_date"};
    case Field::result_date: return {&state.outcome.errors, "result_date"};
    case Field::result: return {&state.outcome.errors, "result"};
    case Field::comments: return {&state.outcome.errors, "comments"};
    case Field::entry_date: return {&state.outcome.errors, "entry_date"};
    case Field::reason: return {&state.outcome.errors, "reason"};
    case Field::current_password: return {&state.password.errors, "current_password"};
    case Field::new_password: return {&state.password.errors, "new_password"};
    case Field::confirm_password: return {&state.password.errors, "confirm_password"};
    case Field::temporary_password: return {&state.users.reset_errors, "new_password"};
    case Field::name_data_quality: return {&state.clients.form.errors, "name_data_quality"};
  }
  return {nullptr, ""};
}

// [SECTION] Health

Effects check_health(State& state) {
  state.health.link = ServerLink::checking;
  state.health.attempts += 1;
  return {get(RequestKind::health, "/api/health")};
}

void on_health_reply(State& state, const HttpReplied& reply) {
  auto& health = state.health;
  if (reply.status == 0) {
    health.link = ServerLink::unreachable;
    health.problem = "The Waypoint server cannot be reached. Check your connection, then try again.";
    return;
  }
  auto body = body_of(reply);
  auto parsed = body.is_discarded() ? std::nullopt : health_from_json(body);
  if (!parsed) {
    health.link = ServerLink::unreachable;
    health.problem = "The server answered " + std::to_string(reply.status) + " but not with its status.";
    return;
  }
  health.health = parsed;
  health.link = parsed->status == "ok" ? ServerLink::online : ServerLink::unreachable;
  health.problem = parsed->status == "ok" ? "" : "The server is up but its database is not available.";
}

// [SECTION] Replies shared by every request: 401 and network failures

// Stops every "saving"/"loading" flag so the person can act again.
void settle_flags(State& state) {
  state.outcome.saving = false;
  state.clients.form.saving = false;
  state.record.saving = false;
  state.settings.applying = false;
  state.password.saving = false;
  state.users.saving = false;
}

// The session ended under us: back to sign-in, remembering the screen; forms stay as typed.
void session_expired(State& state) {
  settle_flags(state);
  auto& session = state.session;
  session.phase = SessionPhase::signed_out;
  session.expired = true;
  session.return_to = state.route;
  session.form.password.clear();
  session.form.errors.clear();
  session.form.message = "Your session has ended. Sign in again to continue where you were; what you typed is kept.";
  state.settings.open = false;
}

bool is_auth_request(RequestKind kind) {
  return kind == RequestKind::sign_in || kind == RequestKind::session_restore || kind == RequestKind::sign_out ||
         kind == RequestKind::health;
}

}  // namespace


}  // namespace detail

using namespace detail;

namespace {

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;  // clang 14 (Emscripten) lacks aggregate CTAD

Effects on_reply(State& state, const HttpReplied& reply) {
  if (reply.kind == RequestKind::health) {
    on_health_reply(state, reply);
    return {};
  }
  if (reply.status == 0 && reply.kind != RequestKind::sign_out) {
    settle_flags(state);
    state.network_problem = "Waypoint could not reach the server. Check your connection, then select Retry.";
    state.failed_request = reply.request;
    // A list that was loading now shows what is missing instead of a spinner.
    if (state.clients.load == Load::loading) state.clients.load = Load::failed;
    if (state.record.load == Load::loading) state.record.load = Load::failed;
    if (state.record.referrals_load == Load::loading) state.record.referrals_load = Load::failed;
    if (state.outcome.load == Load::loading) state.outcome.load = Load::failed;
    if (state.users.load == Load::loading) state.users.load = Load::failed;
    if (reply.kind == RequestKind::incoming || reply.kind == RequestKind::outgoing) inbox_request_failed(state, reply);
    if (state.session.phase == SessionPhase::restoring || state.session.phase == SessionPhase::signing_in) {
      state.session.phase = SessionPhase::signed_out;
      state.session.form.message = "The server cannot be reached right now.";
    }
    return {};
  }
  if (reply.status != 0 && state.failed_request && state.failed_request->kind == reply.kind) {
    state.failed_request.reset();
    state.network_problem.clear();
  }
  if (reply.status == 401 && !is_auth_request(reply.kind)) {
    if (state.session.phase == SessionPhase::signed_in) session_expired(state);
    return {};
  }
  if (reply.status == 403 && state.session.phase == SessionPhase::signed_in) {
    // An administrator reset the password while this session was open: change it first.
    auto body = body_of(reply);
    if (body.is_object() && body.contains("error") && body["error"].is_object() &&
        body["error"].value("code", "") == "password_change_required") {
      settle_flags(state);
      state.session.must_change_password = true;
      state.session.return_to = state.route;
      state.route = Route{Screen::change_password, 0, 0};
      state.settings.open = false;
      return {};
    }
  }
  switch (reply.kind) {
    case RequestKind::session_restore:
    case RequestKind::sign_in:
    case RequestKind::sign_out:
    case RequestKind::set_context: return on_session_reply(state, reply);
    case RequestKind::clients_search:
    case RequestKind::client_create:
    case RequestKind::client_get:
    case RequestKind::client_patch:
    case RequestKind::client_referrals:
    case RequestKind::client_enrollments:
    case RequestKind::projects:
    case RequestKind::organizations: return on_clients_reply(state, reply);
    case RequestKind::password_change:
    case RequestKind::users:
    case RequestKind::password_reset:
    case RequestKind::user_unlock: return on_accounts_reply(state, reply);
    default: return on_referrals_reply(state, reply);
  }
}

}  // namespace

std::vector<Effect> update(State& state, const Action& action) {
  return std::visit(
      overloaded{
          [&](const AppStarted& a) {
            state.today = a.today;
            state.route = parse_hash(a.hash);
            Effects effects = check_health(state);
            auto more = start_session(state);
            effects.insert(effects.end(), more.begin(), more.end());
            return effects;
          },
          [&](const DayChanged& a) {
            state.today = a.today;
            return Effects{};
          },
          [&](const RetryHealth&) { return check_health(state); },
          [&](const HashChanged& a) {
            Route route = parse_hash(a.hash);
            if (route == state.route) return Effects{};
            return navigate(state, route);
          },
          [&](const Navigate& a) { return navigate(state, a.route); },
          [&](const EditField& a) {
            if (std::string* text = field_text(state, a.field)) *text = a.value;
            // Editing a field answers its error: the message goes now, while typing, so the form
            // does not shift under the pointer when the field is left for Finish.
            auto [errors, key] = field_error(state, a.field);
            if (errors) errors->erase(key);
            return Effects{};
          },
          [&](const LeaveField& a) {
            check_field(state, a.field);
            return Effects{};
          },
          [&](const SignIn&) { return sign_in(state); },
          [&](const SignOut&) { return sign_out(state); },
          [&](const OpenSettings&) {
            open_settings(state);
            return Effects{};
          },
          [&](const CloseSettings&) {
            state.settings.open = false;
            return Effects{};
          },
          [&](const ChooseOrganization& a) {
            choose_organization(state, a.organization_id);
            return Effects{};
          },
          [&](const ChooseWorkgroup& a) {
            state.settings.workgroup = a.workgroup;
            return Effects{};
          },
          [&](const ApplySettings&) { return apply_settings(state); },
          [&](const SearchClients&) { return search_clients(state); },
          [&](const SubmitNewClient&) { return submit_new_client(state); },
          [&](const ChangeNameDataQuality& a) { return change_name_data_quality(state, a.quality); },
          [&](const SubmitAcknowledge&) { return submit_acknowledge(state); },
          [&](const SubmitOutcome&) { return submit_outcome(state); },
          [&](const SubmitEnroll&) { return submit_enroll(state); },
          [&](const OpenReasonDialog& a) {
            open_reason_dialog(state, a.action);
            return Effects{};
          },
          [&](const CloseReasonDialog&) {
            state.outcome.reason_dialog.reset();
            return Effects{};
          },
          [&](const ConfirmReasonDialog&) { return confirm_reason(state); },
          [&](const ChooseReassignProject& a) {
            state.outcome.reassign_project_id = a.project_id;
            state.outcome.errors.erase("project_id");
            return Effects{};
          },
          [&](const SubmitReassign&) { return submit_reassign(state); },
          [&](const FilterInbox& a) { return filter_inbox(state, a); },
          [&](const SortInbox& a) { return sort_inbox(state, a); },
          [&](const ShowInboxRows& a) { return show_inbox_rows(state, a); },
          [&](const SubmitPasswordChange&) { return submit_password_change(state); },
          [&](const OpenPasswordReset& a) {
            open_password_reset(state, a.user_id);
            return Effects{};
          },
          [&](const ClosePasswordReset&) {
            state.users.reset_user_id = 0;
            state.users.temporary_password.clear();
            state.users.reset_errors.clear();
            return Effects{};
          },
          [&](const SubmitPasswordReset&) { return submit_password_reset(state); },
          [&](const UnlockUser& a) { return unlock_user(state, a.user_id); },
          [&](const Reload&) {
            state.record.load = Load::idle;
            return enter_route(state);
          },
          [&](const RetryFailed&) {
            Effects effects;
            if (state.failed_request) effects.push_back(*state.failed_request);
            // List windows that failed with it are asked again too (the one resent excepted).
            auto windows = retry_inbox(state, state.failed_request.value_or(HttpRequest{}));
            effects.insert(effects.end(), windows.begin(), windows.end());
            state.network_problem.clear();
            state.failed_request.reset();
            return effects;
          },
          [&](const DismissProblem&) {
            state.network_problem.clear();
            state.failed_request.reset();
            return Effects{};
          },
          [&](const DismissToast&) {
            state.toast.text.clear();
            return Effects{};
          },
          [&](const HttpReplied& reply) { return on_reply(state, reply); },
          [&](const RequestsSlow& a) {
            state.requests_slow = a.count;
            return Effects{};
          },
      },
      action);
}

}  // namespace waypoint::client
