// The route table: every endpoint in one readable place. Handlers are short: read the
// request with shared/'s parsers, call a service, reply. The work happens in services/.
#include "server/http/api.hpp"
#include "server/http/json_reply.hpp"
#include "server/http/referral_writer.hpp"
#include "server/http/response_cache.hpp"
#include "shared/json_mapping.hpp"

#include <algorithm>
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
  if (!query_int(call, "page", page, kMaxPage) || !query_int(call, "page_size", size, kMaxPageSize)) return std::nullopt;
  return Paging{static_cast<int>(page.value_or(1)), static_cast<int>(size.value_or(kDefaultPageSize))};
}

// A list as rendered at the current data version under `key` (which starts with the acting
// organization and workgroup, so no one is served another's list), or rendered now by `render` and
// kept until the next write.
template <class Render>
void reply_cached(Call& call, const std::string& what, Render render) {
  std::string key = std::to_string(call.session->context.organization_id) + "|" +
                    std::string(to_string(call.session->context.workgroup)) + "|" + what;
  auto version = call.services.list_version();
  if (auto cached = response_cache().find(key, version)) {
    call.res.status = 200;
    call.res.set_content(*cached, "application/json");
    return;
  }
  render();
  if (call.res.status == 200) response_cache().store(key, version, call.res.body);
}

void reply_page(Call& call, const Outcome<Page<Referral>>& page, const Paging& paging) {
  if (!page) return reply_failure(call.res, page.error());
  call.res.status = 200;
  call.res.set_content(referral_page_json(page.value(), paging.page, paging.page_size), "application/json");
}

void set_session_cookie(httplib::Response& res, const std::string& token, int max_age) {
  res.set_header("Set-Cookie", "waypoint_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                   std::to_string(max_age));
}

// [SECTION] query parameters: their schemas state the bounds the handlers above check (query_int, read_paging,
// the lists of choices), and tests/server/openapi_test.cpp sends each bound to hold them to it.
nlohmann::json whole_number(std::int64_t minimum, std::int64_t maximum = 0) {
  nlohmann::json schema = {{"type", "integer"}, {"format", "int64"}, {"minimum", minimum}};
  if (maximum > 0) schema["maximum"] = maximum;
  return schema;
}

nlohmann::json id() { return whole_number(1); }

nlohmann::json choice(const std::vector<std::string>& values) { return {{"type", "string"}, {"enum", values}}; }

template <class E>
nlohmann::json one_of(const std::vector<E>& all) {
  std::vector<std::string> values;
  for (E value : all) values.emplace_back(to_string(value));
  return choice(values);
}

// The limits the handlers and shared/list_queries enforce, from the same constants.
nlohmann::json search_text() { return {{"type", "string"}, {"maxLength", kMaxSearchCharacters}}; }
QueryParameter page() { return {"page", whole_number(1, kMaxPage), "Page number, from 1 (default 1)"}; }
QueryParameter page_size() {
  return {"page_size", whole_number(1, kMaxPageSize),
          "Items a page (default " + std::to_string(kDefaultPageSize) + ")"};
}

std::vector<Route> build_routes() {
  std::vector<Route> r;
  // Marks the route just added as a System Admin's only.
  auto system_admin_only = [&r](const char* refusal) {
    r.back().requires_role = RoleRequirement{Workgroup::system_admin, refusal};
  };
  const char* manage_users = "Only system administrators manage users.";
  // [SECTION] service
  r.push_back({.method = "GET", .path = "/api/health", .summary = "Server status, version and schema version",
               .signed_in = false, .handle = [](Call& c) {
                 auto health = c.services.health();
                 reply_json(c.res, health.status == "ok" ? 200 : 503, health_to_json(health));
               },
               .answers = {.schema = "Health", .errors = {503}}});
  r.push_back({.method = "GET", .path = "/api/openapi.json", .summary = "This document", .signed_in = false,
               .handle = [](Call& c) { reply_json(c.res, 200, openapi_document()); }});

  // [SECTION] session
  r.push_back({.method = "POST", .path = "/api/session",
               .summary = "Sign in: answers a token and sets the session cookie", .signed_in = false,
               .handle = [](Call& c) {
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
               .body_schema = "SignInRequest", .carries_password = true,
               .answers = {.schema = "SignedIn", .errors = {401, 403, 422, 429}}});
  r.push_back({.method = "GET", .path = "/api/session",
               .summary = "The signed-in user, memberships and current context",
               .handle = [](Call& c) { reply_json(c.res, 200, c.services.session_json(*c.session)); },
               .before_password_change = true, .answers = {.schema = "Session"}});
  r.push_back({.method = "DELETE", .path = "/api/session", .summary = "Sign out", .handle = [](Call& c) {
                 c.services.sign_out(*c.session);
                 set_session_cookie(c.res, "", 0);
                 c.res.status = 204;
               },
               .before_password_change = true, .answers = {.success = 204}});
  r.push_back({.method = "POST", .path = "/api/session/password",
               .summary = "Change your password (current and new); your other sessions end, this one stays",
               .handle = [](Call& c) {
                 auto request = read_body(c, parse_password_change_request);
                 if (request) reply(c, c.services.change_password(*c.session, *request));
               },
               .body_schema = "PasswordChangeRequest", .carries_password = true, .before_password_change = true,
               .answers = {.schema = "Session", .errors = {409, 422}}});
  r.push_back({.method = "PUT", .path = "/api/session/context",
               .summary = "Switch the current organization and workgroup (Settings, Apply)", .handle = [](Call& c) {
                 auto request = read_body(c, parse_context_request);
                 if (!request) return;
                 auto next = c.services.switch_context(*c.session, *request);
                 if (!next) return reply_failure(c.res, next.error());
                 reply_json(c.res, 200, c.services.session_json(next.value()));
               },
               .body_schema = "ContextRequest", .answers = {.schema = "Session", .errors = {422}}});

  // [SECTION] administration
  r.push_back({.method = "GET", .path = "/api/users", .summary = "Users and their memberships (system_admin)",
               .handle = [](Call& c) { reply(c, c.services.list_users(*c.session)); },
               .answers = {.schema = "UserPage", .errors = {403}}});
  system_admin_only(manage_users);
  r.push_back({.method = "POST", .path = "/api/users", .summary = "Create a user (system_admin)",
               .handle = [](Call& c) {
                 auto request = read_body(c, parse_new_user_request);
                 if (request) reply(c, c.services.create_user(c.session, *request), 201);
               },
               .body_schema = "NewUserRequest", .carries_password = true,
               .answers = {.success = 201, .schema = "UserAccount", .errors = {403, 422}}});
  system_admin_only(manage_users);
  r.push_back({.method = "PATCH", .path = "/api/users/{id}",
               .summary = "Change a user's name or memberships, deactivate, or unlock with locked: false "
                          "(system_admin)",
               .handle = [](Call& c) {
                 auto request = read_body(c, parse_user_patch);
                 if (request) reply(c, c.services.update_user(*c.session, c.id, *request));
               },
               .body_schema = "UserPatch", .answers = {.schema = "UserAccount", .errors = {403, 409, 422}}});
  system_admin_only(manage_users);
  r.push_back({.method = "POST", .path = "/api/users/{id}/password",
               .summary = "Reset a user's password to a temporary one they must change at sign-in; ends their "
                          "sessions (system_admin)",
               .handle = [](Call& c) {
                 auto request = read_body(c, parse_password_reset_request);
                 if (request) reply(c, c.services.reset_password(*c.session, c.id, *request));
               },
               .body_schema = "PasswordResetRequest", .carries_password = true,
               .answers = {.schema = "UserAccount", .errors = {403, 422}}});
  system_admin_only(manage_users);

  // [SECTION] catalog
  r.push_back({.method = "GET", .path = "/api/organizations", .summary = "Organizations of the CoC",
               .handle = [](Call& c) { reply(c, c.services.organizations()); },
               .answers = {.schema = "OrganizationPage"}});
  r.push_back({.method = "GET", .path = "/api/projects", .summary = "Projects, optionally of one organization",
               .handle = [](Call& c) {
                 std::optional<std::int64_t> org;
                 if (!query_int(c, "organization_id", org, INT64_MAX)) return;
                 reply(c, c.services.projects(org));
               },
               .query = {{"organization_id", id(), "Only this organization's projects"}},
               .answers = {.schema = "ProjectPage"}});

  // [SECTION] clients
  r.push_back({.method = "GET", .path = "/api/clients", .summary = "Search clients by name, date of birth or client ID",
               .handle = [](Call& c) {
                 auto paging = read_paging(c);
                 if (!paging) return;
                 // Paging back and forth through one search, or several people looking up the same
                 // client, reads it again.
                 std::string q = c.req.get_param_value("q");
                 reply_cached(c, "clients|" + std::to_string(paging->page) + "|" + std::to_string(paging->page_size) +
                                     "|" + q,
                              [&] { reply(c, c.services.search_clients(*c.session, q, paging->page, paging->page_size)); });
               },
               .query = {{"q", search_text(), "Words of a name, a date of birth, or a client ID (#12 or 12)"},
                         page(), page_size()},
               .answers = {.schema = "ClientPage"}});
  r.push_back({.method = "POST", .path = "/api/clients", .summary = "Add a client", .handle = [](Call& c) {
                 auto request = read_body(c, parse_new_client_request);
                 if (request) reply(c, c.services.create_client(*c.session, *request), 201);
               },
               .body_schema = "NewClientRequest",
               .answers = {.success = 201, .schema = "Client", .errors = {422}}});
  r.push_back({.method = "GET", .path = "/api/clients/{id}", .summary = "A client's record (each read is audited)",
               .handle = [](Call& c) { reply(c, c.services.read_client(*c.session, c.id)); },
               .answers = {.schema = "Client"}});
  r.push_back({.method = "PATCH", .path = "/api/clients/{id}", .summary = "Edit a client's details",
               .handle = [](Call& c) {
                 auto request = read_body(c, parse_client_patch);
                 if (request) reply(c, c.services.patch_client(*c.session, c.id, *request));
               },
               .body_schema = "ClientPatch", .answers = {.schema = "Client", .errors = {409, 422}}});
  r.push_back({.method = "GET", .path = "/api/clients/{id}/referrals",
               .summary = "The client's referrals visible to the current organization", .handle = [](Call& c) {
                 auto paging = read_paging(c);
                 if (paging) reply_page(c, c.services.client_referrals(*c.session, c.id, paging->page, paging->page_size),
                                        *paging);
               },
               .query = {page(), page_size()}, .answers = {.schema = "ReferralPage"}});
  r.push_back({.method = "GET", .path = "/api/clients/{id}/enrollments", .summary = "The client's enrollments",
               .handle = [](Call& c) { reply(c, c.services.client_enrollments(*c.session, c.id)); },
               .answers = {.schema = "EnrollmentPage"}});
  r.push_back({.method = "POST", .path = "/api/enrollments",
               .summary = "Enroll a client in a project, optionally from a referral", .handle = [](Call& c) {
                 auto request = read_body(c, parse_new_enrollment_request);
                 if (request) reply(c, c.services.create_enrollment(*c.session, *request), 201);
               },
               .body_schema = "NewEnrollmentRequest",
               .answers = {.success = 201, .schema = "Enrollment", .errors = {403, 409, 422}}});  // 409: the referral is not (yet) one to enroll from

  // [SECTION] referrals
  r.push_back({.method = "GET", .path = "/api/referrals",
               .summary = "Incoming or outgoing referrals of the current organization", .handle = [](Call& c) {
                 auto paging = read_paging(c);
                 if (!paging) return;
                 ReferralListQuery q;
                 q.page = paging->page;
                 q.page_size = paging->page_size;
                 std::string box = c.req.get_param_value("box");
                 if (auto parsed = parse_referral_box(box)) q.box = *parsed;
                 else
                   return reply_error(c.res, 400, "bad_request", "box must be incoming or outgoing.",
                                      {{"box", "must be incoming or outgoing"}});
                 std::string status = c.req.get_param_value("status");
                 if (!status.empty()) {
                   q.status = parse_referral_status(status);
                   if (!q.status)
                     return reply_error(c.res, 400, "bad_request", "Unknown status.", {{"status", "is not a status"}});
                 }
                 if (!query_int(c, "project_id", q.project_id, INT64_MAX)) return;
                 if (auto sort = c.req.get_param_value("sort"); !sort.empty()) {
                   const auto& sorts = referral_sorts();
                   if (std::find(sorts.begin(), sorts.end(), sort) == sorts.end())
                     return reply_error(c.res, 400, "bad_request", "Unknown sort.",
                                        {{"sort", "must be one of referral_date, status, client_name (- for descending)"}});
                   q.sort = sort;
                 }
                 // Same organization, filters and page, and nothing written since: the rendered page is still true.
                 reply_cached(c,
                              "referrals|" + box + "|" + status + "|" + std::to_string(q.project_id.value_or(0)) +
                                  "|" + q.sort + "|" + std::to_string(q.page) + "|" + std::to_string(q.page_size),
                              [&] { reply_page(c, c.services.list_referrals(*c.session, q), *paging); });
               },
               .query = {{"box", choice({"incoming", "outgoing"}), "Received or sent; both when left out"},
                         {"status", one_of(all_referral_statuses()), "Only referrals in this status"},
                         {"project_id", id(), "Only referrals from or to this project"},
                         page(), page_size(),
                         {"sort", choice(referral_sorts()),
                          "Order of the list; a leading - for descending"}},
               .answers = {.schema = "ReferralPage"}});
  r.push_back({.method = "POST", .path = "/api/referrals",
               .summary = "Refer a client from one of your projects to another project", .handle = [](Call& c) {
                 auto request = read_body(c, parse_new_referral_request);
                 if (request) reply(c, c.services.create_referral(*c.session, *request), 201);
               },
               .body_schema = "NewReferralRequest",
               .answers = {.success = 201, .schema = "ReferralDetail", .errors = {403, 422}}});
  r.push_back({.method = "GET", .path = "/api/referrals/{id}",
               .summary = "A referral, with the actions the current user may take",
               .handle = [](Call& c) { reply(c, c.services.read_referral(*c.session, c.id)); },
               .answers = {.schema = "ReferralDetail"}});
  r.push_back({.method = "GET", .path = "/api/referrals/{id}/history",
               .summary = "A referral's audit history, oldest first",
               .handle = [](Call& c) { reply(c, c.services.referral_history(*c.session, c.id)); },
               .answers = {.schema = "ReferralHistory"}});
  r.push_back({.method = "POST", .path = "/api/referrals/{id}/acknowledge",
               .summary = "Record the Date Referral Acknowledged", .handle = [](Call& c) {
                 auto request = read_body(c, parse_acknowledge_request);
                 if (request) reply(c, c.services.acknowledge(*c.session, c.id, *request));
               },
               .body_schema = "AcknowledgeRequest",
               .answers = {.schema = "ReferralDetail", .errors = {403, 409, 422}}});
  r.push_back({.method = "POST", .path = "/api/referrals/{id}/outcome",
               .summary = "Record the Outcome Information (resolves with a result)", .handle = [](Call& c) {
                 auto request = read_body(c, parse_outcome_request);
                 if (request) reply(c, c.services.record_outcome(*c.session, c.id, *request));
               },
               .body_schema = "OutcomeRequest",
               .answers = {.schema = "ReferralDetail", .errors = {403, 409, 422}}});
  r.push_back({.method = "POST", .path = "/api/referrals/{id}/return",
               .summary = "Return the referral to the referrer with a reason", .handle = [](Call& c) {
                 auto request = read_body(c, parse_return_request);
                 if (request) reply(c, c.services.return_referral(*c.session, c.id, *request));
               },
               .body_schema = "ReturnRequest",
               .answers = {.schema = "ReferralDetail", .errors = {403, 409, 422}}});
  r.push_back({.method = "POST", .path = "/api/referrals/{id}/reassign",
               .summary = "Reassign a returned referral to another project", .handle = [](Call& c) {
                 auto request = read_body(c, parse_reassign_request);
                 if (request) reply(c, c.services.reassign(*c.session, c.id, *request));
               },
               .body_schema = "ReassignRequest",
               .answers = {.schema = "ReferralDetail", .errors = {403, 409, 422}}});
  r.push_back({.method = "POST", .path = "/api/referrals/{id}/cancel",
               .summary = "Cancel a pending referral (referrer)", .handle = [](Call& c) {
                 auto request = read_body(c, parse_cancel_request);
                 if (request) reply(c, c.services.cancel(*c.session, c.id, *request));
               },
               .body_schema = "CancelRequest",
               .answers = {.schema = "ReferralDetail", .errors = {403, 409, 422}}});
  r.push_back({.method = "POST", .path = "/api/referrals/{id}/reopen",
               .summary = "Reopen a resolved referral (system_admin, audited)", .handle = [](Call& c) {
                 auto request = read_body(c, parse_reopen_request);
                 if (request) reply(c, c.services.reopen(*c.session, c.id, *request));
               },
               .body_schema = "ReopenRequest",
               .answers = {.schema = "ReferralDetail", .errors = {403, 409, 422}}});
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
