// The route table: every endpoint in one readable place. Handlers are short: read the
// request with shared/'s parsers, call a service, reply. The work happens in services/.
#include "server/http/api.hpp"
#include "server/http/json_reply.hpp"
#include "server/http/referral_writer.hpp"
#include "server/http/response_cache.hpp"
#include "shared/json_mapping.hpp"

#include <charconv>

namespace waypoint::http {

namespace {

// Reads a request body with a shared parser: wrong types and missing keys are 400, naming the field.
template <class T>
std::optional<T> read_body(Call& call, ParseResult<T> (*parse)(const nlohmann::json&)) {
  auto parsed = parse(call.body);
  if (parsed) return std::move(parsed).value();
  reply_error(call.res, 400, "bad_request", "Some fields are missing or have the wrong type.", parsed.error());
  return std::nullopt;
}

// An optional positive integer query parameter; replies 400 and returns false when it is not one.
bool query_int(Call& call, const char* name, std::optional<std::int64_t>& out, std::int64_t max) {
  if (!call.req.has_param(name)) return true;
  auto text = call.req.get_param_value(name);
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1 || value > max) {
    reply_error(call.res, 400, "bad_request", std::string("The ") + name + " parameter must be a whole number.",
                {{name, "must be a whole number from 1 to " + std::to_string(max)}});
    return false;
  }
  out = value;
  return true;
}

struct Paging {
  int page = 1;
  int page_size = 50;
};

std::optional<Paging> read_paging(Call& call) {
  std::optional<std::int64_t> page, size;
  if (!query_int(call, "page", page, 1000000) || !query_int(call, "page_size", size, 200)) return std::nullopt;
  return Paging{static_cast<int>(page.value_or(1)), static_cast<int>(size.value_or(50))};
}

// A list as rendered at the current data version under `key` (which starts with the acting
// organization and workgroup, so no one is served another's list), or rendered now by `render` and
// kept until the next write.
template <class Render>
void reply_cached(Call& call, const std::string& what, Render render) {
  std::string key = std::to_string(call.session->context.organization_id) + "|" +
                    std::string(to_string(call.session->context.workgroup)) + "|" + what;
  auto version = response_cache().version();
  if (auto cached = response_cache().find(key, version)) {
    call.res.status = 200;
    call.res.set_content(*cached, "application/json");
    return;
  }
  render();
  if (call.res.status == 200) response_cache().store(key, version, call.res.body);
}

void reply_page(Call& call, const Outcome<storage::Page<Referral>>& page, const Paging& paging) {
  if (!page) return reply_failure(call.res, page.error());
  call.res.status = 200;
  call.res.set_content(referral_page_json(page.value(), paging.page, paging.page_size), "application/json");
}

void set_session_cookie(httplib::Response& res, const std::string& token, int max_age) {
  res.set_header("Set-Cookie", "waypoint_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                   std::to_string(max_age));
}

std::vector<Route> build_routes() {
  std::vector<Route> r;
  // Marks the route just added as a System Admin's only.
  auto system_admin_only = [&r](const char* refusal) {
    r.back().requires_role = RoleRequirement{Workgroup::system_admin, refusal};
  };
  const char* manage_users = "Only system administrators manage users.";
  // [SECTION] service
  r.push_back({"GET", "/api/health", "Server status, version and schema version", false, [](Call& c) {
                 auto health = c.services.health();
                 reply_json(c.res, health.status == "ok" ? 200 : 503, health_to_json(health));
               }});
  r.push_back({"GET", "/api/openapi.json", "This document", false,
               [](Call& c) { reply_json(c.res, 200, openapi_document()); }});

  // [SECTION] session
  r.push_back({"POST", "/api/session", "Sign in: answers a token and sets the session cookie", false,
               [](Call& c) {
                 auto request = read_body(c, parse_sign_in_request);
                 if (!request) return;
                 auto signed_in = c.services.sign_in(*request, c.req.remote_addr);
                 if (!signed_in) {
                   reply_failure(c.res, signed_in.error());
                   // The throttle's own wait, not reply_failure's flat minute.
                   if (auto wait = signed_in.error().retry_after_seconds; wait > 0) {
                     c.res.headers.erase("Retry-After");
                     c.res.set_header("Retry-After", std::to_string(wait));
                   }
                   return;
                 }
                 auto body = c.services.session_json(signed_in.value().session);
                 body["token"] = signed_in.value().token;
                 set_session_cookie(c.res, signed_in.value().token, static_cast<int>(c.services.sessions.max_age_seconds()));
                 reply_json(c.res, 200, body);
               },
               {}, "SignInRequest", true});
  r.push_back({"GET", "/api/session", "The signed-in user, memberships and current context",
               true, [](Call& c) { reply_json(c.res, 200, c.services.session_json(*c.session)); },
               {}, {}, false, true});
  r.push_back({"DELETE", "/api/session", "Sign out", true, [](Call& c) {
                 c.services.sign_out(*c.session);
                 set_session_cookie(c.res, "", 0);
                 c.res.status = 204;
               },
               {}, {}, false, true});
  r.push_back({"POST", "/api/session/password",
               "Change your password (current and new); your other sessions end, this one stays", true,
               [](Call& c) {
                 auto request = read_body(c, parse_password_change_request);
                 if (request) reply(c, c.services.change_password(*c.session, *request));
               },
               {}, "PasswordChangeRequest", true, true});
  r.push_back({"PUT", "/api/session/context", "Switch the current organization and workgroup (Settings, Apply)", true,
               [](Call& c) {
                 auto request = read_body(c, parse_context_request);
                 if (!request) return;
                 auto next = c.services.switch_context(*c.session, *request);
                 if (!next) return reply_failure(c.res, next.error());
                 reply_json(c.res, 200, c.services.session_json(next.value()));
               },
               {}, "ContextRequest"});

  // [SECTION] administration
  r.push_back({"GET", "/api/users", "Users and their memberships (system_admin)", true,
               [](Call& c) { reply(c, c.services.list_users(*c.session)); }});
  system_admin_only(manage_users);
  r.push_back({"POST", "/api/users", "Create a user (system_admin)", true,
               [](Call& c) {
                 auto request = read_body(c, parse_new_user_request);
                 if (request) reply(c, c.services.create_user(c.session, *request), 201);
               },
               {}, "NewUserRequest", true});
  system_admin_only(manage_users);
  r.push_back({"PATCH", "/api/users/{id}",
               "Change a user's name or memberships, deactivate, or unlock with locked: false (system_admin)", true,
               [](Call& c) {
                 auto request = read_body(c, parse_user_patch);
                 if (request) reply(c, c.services.update_user(*c.session, c.id, *request));
               },
               {}, "UserPatch"});
  system_admin_only(manage_users);
  r.push_back({"POST", "/api/users/{id}/password",
               "Reset a user's password to a temporary one they must change at sign-in; ends their sessions "
               "(system_admin)",
               true,
               [](Call& c) {
                 auto request = read_body(c, parse_password_reset_request);
                 if (request) reply(c, c.services.reset_password(*c.session, c.id, *request));
               },
               {}, "PasswordResetRequest", true});
  system_admin_only(manage_users);

  // [SECTION] catalog
  r.push_back({"GET", "/api/organizations", "Organizations of the CoC", true,
               [](Call& c) { reply(c, c.services.organizations()); }});
  r.push_back({"GET", "/api/projects", "Projects, optionally of one organization", true,
               [](Call& c) {
                 std::optional<std::int64_t> org;
                 if (!query_int(c, "organization_id", org, INT64_MAX)) return;
                 reply(c, c.services.projects(org));
               },
               {"organization_id"}});

  // [SECTION] clients
  r.push_back({"GET", "/api/clients", "Search clients by name, date of birth or client ID", true,
               [](Call& c) {
                 auto paging = read_paging(c);
                 if (!paging) return;
                 // Paging back and forth through one search, or several people looking up the same
                 // client, reads it again.
                 std::string q = c.req.get_param_value("q");
                 reply_cached(c, "clients|" + std::to_string(paging->page) + "|" + std::to_string(paging->page_size) +
                                     "|" + q,
                              [&] { reply(c, c.services.search_clients(*c.session, q, paging->page, paging->page_size)); });
               },
               {"q", "page", "page_size"}});
  r.push_back({"POST", "/api/clients", "Add a client", true,
               [](Call& c) {
                 auto request = read_body(c, parse_new_client_request);
                 if (request) reply(c, c.services.create_client(*c.session, *request), 201);
               },
               {}, "NewClientRequest"});
  r.push_back({"GET", "/api/clients/{id}", "A client's record (each read is audited)", true,
               [](Call& c) { reply(c, c.services.read_client(*c.session, c.id)); }});
  r.push_back({"PATCH", "/api/clients/{id}", "Edit a client's details", true,
               [](Call& c) {
                 auto request = read_body(c, parse_client_patch);
                 if (request) reply(c, c.services.patch_client(*c.session, c.id, *request));
               },
               {}, "ClientPatch"});
  r.push_back({"GET", "/api/clients/{id}/referrals", "The client's referrals visible to the current organization",
               true,
               [](Call& c) {
                 auto paging = read_paging(c);
                 if (paging) reply_page(c, c.services.client_referrals(*c.session, c.id, paging->page, paging->page_size),
                                        *paging);
               },
               {"page", "page_size"}});
  r.push_back({"GET", "/api/clients/{id}/enrollments", "The client's enrollments", true,
               [](Call& c) { reply(c, c.services.client_enrollments(*c.session, c.id)); }});
  r.push_back({"POST", "/api/enrollments", "Enroll a client in a project, optionally from a referral", true,
               [](Call& c) {
                 auto request = read_body(c, parse_new_enrollment_request);
                 if (request) reply(c, c.services.create_enrollment(*c.session, *request), 201);
               },
               {}, "NewEnrollmentRequest"});

  // [SECTION] referrals
  r.push_back({"GET", "/api/referrals", "Incoming or outgoing referrals of the current organization", true,
               [](Call& c) {
                 auto paging = read_paging(c);
                 if (!paging) return;
                 storage::ReferralQuery q;
                 q.page = paging->page;
                 q.page_size = paging->page_size;
                 std::string box = c.req.get_param_value("box");
                 if (!box.empty() && box != "incoming" && box != "outgoing")
                   return reply_error(c.res, 400, "bad_request", "box must be incoming or outgoing.",
                                      {{"box", "must be incoming or outgoing"}});
                 if (auto status = c.req.get_param_value("status"); !status.empty()) {
                   if (!parse_referral_status(status))
                     return reply_error(c.res, 400, "bad_request", "Unknown status.", {{"status", "is not a status"}});
                   q.status = status;
                 }
                 if (!query_int(c, "project_id", q.project_id, INT64_MAX)) return;
                 if (auto sort = c.req.get_param_value("sort"); !sort.empty()) {
                   static const std::vector<std::string> sorts = {"referral_date", "-referral_date", "status",
                                                                  "-status", "client_name", "-client_name"};
                   if (std::find(sorts.begin(), sorts.end(), sort) == sorts.end())
                     return reply_error(c.res, 400, "bad_request", "Unknown sort.",
                                        {{"sort", "must be one of referral_date, status, client_name (- for descending)"}});
                   q.sort = sort;
                 }
                 // Same organization, filters and page, and nothing written since: the rendered page is still true.
                 reply_cached(c,
                              "referrals|" + box + "|" + q.status.value_or("") + "|" +
                                  std::to_string(q.project_id.value_or(0)) + "|" + q.sort + "|" +
                                  std::to_string(q.page) + "|" + std::to_string(q.page_size),
                              [&] { reply_page(c, c.services.list_referrals(*c.session, q, box), *paging); });
               },
               {"box", "status", "project_id", "page", "page_size", "sort"}});
  r.push_back({"POST", "/api/referrals", "Refer a client from one of your projects to another project", true,
               [](Call& c) {
                 auto request = read_body(c, parse_new_referral_request);
                 if (request) reply(c, c.services.create_referral(*c.session, *request), 201);
               },
               {}, "NewReferralRequest"});
  r.push_back({"GET", "/api/referrals/{id}", "A referral, with the actions the current user may take", true,
               [](Call& c) { reply(c, c.services.read_referral(*c.session, c.id)); }});
  r.push_back({"GET", "/api/referrals/{id}/history", "A referral's audit history, oldest first", true,
               [](Call& c) { reply(c, c.services.referral_history(*c.session, c.id)); }});
  r.push_back({"POST", "/api/referrals/{id}/acknowledge", "Record the Date Referral Acknowledged", true,
               [](Call& c) {
                 auto request = read_body(c, parse_acknowledge_request);
                 if (request) reply(c, c.services.acknowledge(*c.session, c.id, *request));
               },
               {}, "AcknowledgeRequest"});
  r.push_back({"POST", "/api/referrals/{id}/outcome", "Record the Outcome Information (resolves with a result)", true,
               [](Call& c) {
                 auto request = read_body(c, parse_outcome_request);
                 if (request) reply(c, c.services.record_outcome(*c.session, c.id, *request));
               },
               {}, "OutcomeRequest"});
  r.push_back({"POST", "/api/referrals/{id}/return", "Return the referral to the referrer with a reason", true,
               [](Call& c) {
                 auto request = read_body(c, parse_return_request);
                 if (request) reply(c, c.services.return_referral(*c.session, c.id, *request));
               },
               {}, "ReturnRequest"});
  r.push_back({"POST", "/api/referrals/{id}/reassign", "Reassign a returned referral to another project", true,
               [](Call& c) {
                 auto request = read_body(c, parse_reassign_request);
                 if (request) reply(c, c.services.reassign(*c.session, c.id, *request));
               },
               {}, "ReassignRequest"});
  r.push_back({"POST", "/api/referrals/{id}/cancel", "Cancel a pending referral (referrer)", true,
               [](Call& c) {
                 auto request = read_body(c, parse_cancel_request);
                 if (request) reply(c, c.services.cancel(*c.session, c.id, *request));
               },
               {}, "CancelRequest"});
  r.push_back({"POST", "/api/referrals/{id}/reopen", "Reopen a resolved referral (system_admin, audited)", true,
               [](Call& c) {
                 auto request = read_body(c, parse_reopen_request);
                 if (request) reply(c, c.services.reopen(*c.session, c.id, *request));
               },
               {}, "ReopenRequest"});
  system_admin_only("Only a System Admin can reopen a resolved referral");

  // A role-restricted route answers anyone else 403 before its handler reads the body.
  for (auto& route : r) {
    if (!route.requires_role) continue;
    route.handle = [handle = std::move(route.handle), role = *route.requires_role](Call& c) {
      if (!c.session || c.session->context.workgroup != role.workgroup)
        return reply_failure(c.res, ServiceError{ErrorKind::forbidden, role.refusal, {}, nullptr});
      handle(c);
    };
  }

  // A session whose password was reset may only change it (or sign out) until it has.
  for (auto& route : r) {
    if (!route.signed_in || route.before_password_change) continue;
    route.handle = [handle = std::move(route.handle)](Call& c) {
      if (c.session && c.session->user.must_change_password)
        return reply_failure(c.res, ServiceError{ErrorKind::password_change_required,
                                                 "Choose a new password before you continue.", {}, nullptr});
      handle(c);
    };
  }
  return r;
}

}  // namespace

const std::vector<Route>& api_routes() {
  static const std::vector<Route> routes = build_routes();
  return routes;
}

}  // namespace waypoint::http
