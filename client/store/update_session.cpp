// Signing in and out, restoring a session from its cookie on load, and the Settings sidebar's
// organization / workgroup context (PUT /api/session/context).
#include "client/store/update_internal.hpp"

#include "shared/json_mapping.hpp"
#include "shared/validation.hpp"

namespace waypoint::client::detail {

namespace {

// {user, memberships, context} from POST/GET /api/session and PUT /api/session/context.
bool read_session(SessionState& session, const nlohmann::json& body) {
  if (!body.is_object() || !body.contains("user") || !body.contains("context")) return false;
  auto user = parse_user(body["user"]);
  if (!user) return false;
  std::vector<Membership> memberships;
  if (body.contains("memberships")) {
    auto list = parse_list(body["memberships"], parse_membership);
    if (list) memberships = list.value();
  }
  const auto& c = body["context"];
  if (!c.is_object()) return false;
  Context context;
  if (c.contains("organization_id") && c["organization_id"].is_number_integer())
    context.organization_id = c["organization_id"].get<int64_t>();
  if (c.contains("organization_name") && c["organization_name"].is_string())
    context.organization_name = c["organization_name"].get<std::string>();
  if (c.contains("workgroup") && c["workgroup"].is_string()) {
    if (auto wg = parse_workgroup(c["workgroup"].get<std::string>())) context.workgroup = *wg;
  }
  if (context.organization_name.empty()) {
    for (const auto& m : memberships)
      if (m.organization_id == context.organization_id) context.organization_name = m.organization_name;
  }
  session.user = user.value();
  session.memberships = std::move(memberships);
  session.context = context;
  session.must_change_password = body.contains("must_change_password") && body["must_change_password"].is_boolean()
                                     ? body["must_change_password"].get<bool>()
                                     : session.user.must_change_password;
  return true;
}

// Everything loaded for one user in one organization is dropped (typed forms included).
void forget_data(State& state) {
  state.clients = ClientsState{};
  state.record = RecordState{};
  state.outcome = OutcomeForm{};
  state.incoming = InboxState{};
  state.outgoing = InboxState{};
  state.history = HistoryState{};
  state.password = PasswordForm{};
  state.users = UsersState{};
  state.pending_incoming = 0;
}

// Lists that depend on the organization are loaded again after a context change.
void forget_organization_data(State& state) {
  state.record.referrals.clear();
  state.record.referrals_load = Load::idle;
  for (InboxState* inbox : {&state.incoming, &state.outgoing}) {
    inbox->project_id = 0;  // projects are the organization's
    forget_rows(*inbox);
  }
}

}  // namespace

Effects finish_sign_in(State& state) {
  state.session.phase = SessionPhase::signed_in;
  state.session.expired = false;
  state.session.form.password.clear();
  state.session.form.errors.clear();
  state.session.form.message.clear();
  if (state.session.must_change_password) {
    // Everything else answers 403 until the temporary password is changed; then on to where they were.
    if (!state.session.return_to) state.session.return_to = state.route;
    state.route = Route{Screen::change_password, 0, 0};
    return {};
  }
  if (state.session.return_to) state.route = *state.session.return_to;
  state.session.return_to.reset();
  Effects effects = enter_route(state);
  effects.push_back(get(RequestKind::projects, "/api/projects?page_size=200"));
  effects.push_back(get(RequestKind::organizations, "/api/organizations?page_size=200"));
  auto count = pending_count_request();
  effects.insert(effects.end(), count.begin(), count.end());
  return effects;
}

Effects start_session(State& state) {
  state.session.phase = SessionPhase::restoring;
  state.session.return_to = state.route;
  return {get(RequestKind::session_restore, "/api/session")};
}

Effects sign_in(State& state) {
  auto& form = state.session.form;
  if (state.session.phase == SessionPhase::signing_in) return {};
  SignInRequest request{form.username, form.password};
  form.errors = validate_sign_in(request);
  form.message.clear();
  if (!form.errors.empty()) return {};
  state.session.phase = SessionPhase::signing_in;
  return {send(RequestKind::sign_in, "POST", "/api/session", nlohmann::json(request))};
}

Effects sign_out(State& state) {
  int64_t previous = state.session.user.id;
  state.session = SessionState{};
  state.session.phase = SessionPhase::signed_out;
  state.session.user.id = previous;  // kept only to know whether the next user is the same person
  state.settings = SettingsState{};
  forget_data(state);
  state.route = Route{};
  state.network_problem.clear();
  state.failed_request.reset();
  return {HttpRequest{RequestKind::sign_out, "DELETE", "/api/session", "", 0}};
}

void open_settings(State& state) {
  state.settings.open = true;
  state.settings.organization_id = state.session.context.organization_id;
  state.settings.workgroup = state.session.context.workgroup;
  state.settings.errors.clear();
}

void choose_organization(State& state, int64_t organization_id) {
  state.settings.organization_id = organization_id;
  // Keep the workgroup when the user has it there too; otherwise take their first one there.
  bool kept = false;
  std::optional<Workgroup> first;
  for (const auto& m : state.session.memberships) {
    if (m.organization_id != organization_id) continue;
    if (!first) first = m.workgroup;
    if (m.workgroup == state.settings.workgroup) kept = true;
  }
  if (!kept && first) state.settings.workgroup = *first;
}

Effects apply_settings(State& state) {
  ContextRequest request{state.settings.organization_id, std::string(to_string(state.settings.workgroup))};
  state.settings.errors = validate_context(request, state.session.memberships);
  if (!state.settings.errors.empty()) return {};
  state.settings.applying = true;
  return {send(RequestKind::set_context, "PUT", "/api/session/context", nlohmann::json(request))};
}

Effects on_session_reply(State& state, const HttpReplied& reply) {
  auto body = body_of(reply);
  auto& session = state.session;
  switch (reply.kind) {
    case RequestKind::session_restore:
      if (reply.status == 200 && read_session(session, body)) return finish_sign_in(state);
      if (session.phase == SessionPhase::restoring) session.phase = SessionPhase::signed_out;
      return {};
    case RequestKind::sign_in: {
      if (reply.status == 200 || reply.status == 201) {
        int64_t previous = session.user.id;
        if (!read_session(session, body)) {
          session.phase = SessionPhase::signed_out;
          session.form.message = "The server's answer could not be read. Try again.";
          return {};
        }
        if (previous != 0 && previous != session.user.id) {
          // Someone else signs in on this browser: nothing of the last person's work carries over.
          forget_data(state);
          session.return_to.reset();
          state.route = Route{};
        }
        session.form.username.clear();
        return finish_sign_in(state);
      }
      session.phase = SessionPhase::signed_out;
      session.form.errors = error_fields(body);
      if (reply.status == 401) {
        session.form.message = "The username or password is not right. Check both and try again.";
      } else if (reply.status == 429) {
        session.form.message = "Too many attempts. Wait a minute, then try again.";
      } else {
        session.form.message = error_message(body, "Signing in did not work (" + std::to_string(reply.status) + ").");
      }
      return {};
    }
    case RequestKind::sign_out: return {};
    case RequestKind::set_context: {
      state.settings.applying = false;
      if (reply.status == 200 && read_session(session, body)) {
        state.settings.open = false;
        forget_organization_data(state);
        toast(state, "Now working in " + session.context.organization_name + " as " +
                         std::string(label(session.context.workgroup)));
        Effects effects = enter_route(state);
        auto count = pending_count_request();
        effects.insert(effects.end(), count.begin(), count.end());
        return effects;
      }
      state.settings.errors = error_fields(body);
      if (state.settings.errors.empty())
        state.settings.errors["organization_id"] = error_message(body, "That organization could not be chosen.");
      return {};
    }
    default: return {};
  }
}

}  // namespace waypoint::client::detail
