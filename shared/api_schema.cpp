// The request and response schemas, built from small helpers so each field is one line. Index:
//   [SECTION] Helpers
//   [SECTION] Requests   (the parsers are json_mapping_requests.cpp, the rules validation.cpp)
//   [SECTION] Responses  (to_json is json_mapping.cpp; the composed bodies are the server's services/)
#include "shared/api_schema.hpp"

#include <string>
#include <vector>

#include "shared/enums.hpp"
#include "shared/referral.hpp"
#include "shared/validation.hpp"

namespace waypoint {

namespace {

using nlohmann::json;

// [SECTION] Helpers

struct Property {
  const char* name;
  json schema;
  bool required = true;
};

json text(std::size_t min_length = 0, std::size_t max_length = 0) {
  json s = {{"type", "string"}};
  if (min_length > 0) s["minLength"] = min_length;
  if (max_length > 0) s["maxLength"] = max_length;
  return s;
}

json whole() { return {{"type", "integer"}, {"format", "int64"}}; }

json at_least(std::int64_t minimum) {
  json s = whole();
  s["minimum"] = minimum;
  return s;
}

json id() { return at_least(1); }  // ids start at 1; the validators refuse 0 ("Choose a project")
json flag() { return {{"type", "boolean"}}; }
json iso_date() { return {{"type", "string"}, {"format", "date"}}; }
json timestamp() { return {{"type", "string"}, {"format", "date-time"}}; }  // UTC, "2025-05-01T14:03:00Z"
json any_object() { return {{"type", "object"}}; }
json ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }
json list_of(json items) { return {{"type", "array"}, {"items", std::move(items)}}; }

template <class E>
json one_of(const std::vector<E>& all) {
  json values = json::array();
  for (E value : all) values.push_back(std::string(to_string(value)));
  return {{"type", "string"}, {"enum", values}};
}

// OpenAPI 3.0: null is allowed by `nullable`, and must also be listed when the values are an enum.
json nullable(json s) {
  s["nullable"] = true;
  if (s.contains("enum")) s["enum"].push_back(nullptr);
  return s;
}

// A date as typed in a form: ISO (what scripts should send) or US month/day/year, which the validators also read.
// Optional dates may also be blank or null: no date.
json typed_date(bool optional) {
  json forms = json::array({{{"format", "date"}}, {{"pattern", "^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$"}}});
  if (optional) forms.push_back({{"pattern", "^\\s*$"}});
  json s = {{"type", "string"}, {"anyOf", forms}};
  return optional ? nullable(s) : s;
}

// An optional string field: JsonFields::optional reads a missing key or null as "".
json optional_text(std::size_t max_length) { return nullable(text(0, max_length)); }

json object(const std::vector<Property>& properties, bool closed) {
  json props = json::object();
  json required = json::array();
  for (const auto& p : properties) {
    props[p.name] = p.schema;
    if (p.required) required.push_back(p.name);
  }
  json s = {{"type", "object"}, {"properties", props}};
  if (!required.empty()) s["required"] = required;
  if (closed) s["additionalProperties"] = false;
  return s;
}

// A response: every key always there, nothing else.
json response(const std::vector<Property>& properties) { return object(properties, true); }

std::vector<Property> plus(std::vector<Property> base, const std::vector<Property>& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

// The list envelope of services/: whole lists say page 1 and page_size = total.
json page_of(const std::string& item) {
  return response(
      {{"items", list_of(ref(item))}, {"total", at_least(0)}, {"page", at_least(1)}, {"page_size", at_least(0)}});
}

}  // namespace

// [SECTION] Requests

nlohmann::json request_body_schemas() {
  const json version = whole();  // the version the person was looking at; a stale one is a 409
  const json reason = text(1, kMaxReasonLength);
  const json name = text(1, kMaxNameLength);
  // A client's names: blank when the Name Data Quality says none was given (client_names in validation.cpp).
  const json client_name = text(0, kMaxNameLength);
  const json name_quality = nullable(one_of(all_name_data_qualities()));  // left out or null: a full name
  const json new_password = text(kMinPasswordLength, kMaxPasswordLength);
  const json ssn_last4 = nullable({{"type", "string"}, {"pattern", "^([0-9]{4})?$"}});
  const json membership = ref("ContextRequest");
  json memberships = list_of(membership);
  memberships["minItems"] = 1;
  memberships["uniqueItems"] = true;
  json username = text(kMinUsernameLength, kMaxUsernameLength);
  username["pattern"] = "^[a-z0-9._-]+$";
  json result = one_of(all_referral_results());
  result["enum"].push_back("");  // no result: the outcome is recorded and the referral stays acknowledged
  json unlock = flag();
  unlock["enum"] = {false};  // accounts lock themselves; only unlocking is asked for

  const bool open = false;
  json outcome = object({{"appointment_date", typed_date(true), false},
                         {"result_date", typed_date(true), false},
                         {"result", nullable(result), false},
                         {"comments", optional_text(kMaxCommentsLength), false},
                         {"version", version}},
                        open);
  outcome["description"] =
      "A result and a result date come together: with them the referral is resolved; "
      "without them the dates and comments are recorded and it stays acknowledged.";
  return {
      {"SignInRequest", object({{"username", text(1, kMaxUsernameLength)}, {"password", text(1)}}, open)},
      {"ContextRequest", object({{"organization_id", id()}, {"workgroup", one_of(all_workgroups())}}, open)},
      {"NewUserRequest",
       object(
           {{"username", username}, {"password", new_password}, {"display_name", name}, {"memberships", memberships}},
           open)},
      // Only these keys: any other (a password among them) is refused with 400, not ignored.
      {"UserPatch", object({{"display_name", name, false},
                            {"active", flag(), false},
                            {"locked", unlock, false},
                            {"memberships", memberships, false},
                            {"version", version}},
                           true)},
      {"PasswordChangeRequest", object({{"current_password", text(1)}, {"new_password", new_password}}, open)},
      {"PasswordResetRequest", object({{"new_password", new_password}}, open)},
      {"NewClientRequest", object({{"first_name", client_name},
                                   {"last_name", client_name},
                                   {"name_data_quality", name_quality, false},
                                   {"date_of_birth", typed_date(true), false},
                                   {"ssn_last4", ssn_last4, false}},
                                  open)},
      {"ClientPatch", object({{"first_name", client_name},
                              {"last_name", client_name},
                              {"name_data_quality", name_quality, false},
                              {"date_of_birth", typed_date(true), false},
                              {"ssn_last4", ssn_last4, false},
                              {"version", version}},
                             open)},
      {"NewEnrollmentRequest", object({{"client_id", id()},
                                       {"project_id", id()},
                                       {"entry_date", typed_date(false)},
                                       {"referral_id", nullable(id()), false}},
                                      open)},
      {"NewReferralRequest", object({{"client_id", id()},
                                     {"from_project_id", id()},
                                     {"to_project_id", id()},
                                     {"referral_date", typed_date(false)},
                                     {"note", optional_text(kMaxCommentsLength), false}},
                                    open)},
      {"AcknowledgeRequest", object({{"date_acknowledged", typed_date(false)}, {"version", version}}, open)},
      {"OutcomeRequest", outcome},
      {"ReturnRequest", object({{"reason", reason}, {"version", version}}, open)},
      {"ReassignRequest", object({{"project_id", id()}, {"version", version}}, open)},
      {"CancelRequest", object({{"reason", reason}, {"version", version}}, open)},
      {"ReopenRequest", object({{"reason", reason}, {"version", version}}, open)},
  };
}

// [SECTION] Responses

nlohmann::json response_body_schemas() {
  const std::vector<Property> organization = {{"id", id()}, {"name", text()}, {"version", whole()}};
  const std::vector<Property> project = {{"id", id()},
                                         {"organization_id", id()},
                                         {"name", text()},
                                         {"project_type", one_of(all_project_types())},
                                         {"version", whole()}};
  const std::vector<Property> client = {{"id", id()},
                                        {"first_name", text()},
                                        {"last_name", text()},
                                        {"name_data_quality", one_of(all_name_data_qualities())},
                                        {"date_of_birth", nullable(iso_date())},
                                        {"ssn_last4", nullable(text(4, 4))},
                                        {"created_at", timestamp()},
                                        {"version", whole()}};
  const std::vector<Property> referral = {{"id", id()},
                                          {"client_id", id()},
                                          {"from_project_id", id()},
                                          {"to_project_id", id()},
                                          {"referral_date", iso_date()},
                                          {"note", text()},
                                          {"status", one_of(all_referral_statuses())},
                                          {"date_acknowledged", nullable(iso_date())},
                                          {"appointment_date", nullable(iso_date())},
                                          {"result_date", nullable(iso_date())},
                                          {"result", nullable(one_of(all_referral_results()))},
                                          {"comments", text()},
                                          {"return_reason", text()},
                                          {"cancel_reason", text()},
                                          {"created_by_user_id", whole()},
                                          {"version", whole()},
                                          {"from_project_name", text()},
                                          {"to_project_name", text()},
                                          {"from_organization_id", whole()},
                                          {"to_organization_id", whole()},
                                          {"client_name", text()}};
  const std::vector<Property> enrollment = {{"id", id()},
                                            {"client_id", id()},
                                            {"project_id", id()},
                                            {"entry_date", iso_date()},
                                            {"exit_date", nullable(iso_date())},
                                            {"referral_id", nullable(id())},
                                            {"household_id", text()},
                                            {"relationship_to_hoh", whole()},
                                            {"version", whole()}};
  const std::vector<Property> user = {{"id", id()},
                                      {"username", text()},
                                      {"display_name", text()},
                                      {"active", flag()},
                                      {"version", whole()},
                                      {"must_change_password", flag()},
                                      {"locked", flag()},
                                      {"last_sign_in_at", nullable(timestamp())}};
  const std::vector<Property> membership = {
      {"organization_id", id()}, {"organization_name", text()}, {"workgroup", one_of(all_workgroups())}};
  const std::vector<Property> audit_entry = {{"id", id()},
                                             {"at", timestamp()},
                                             {"user_id", whole()},
                                             {"user_name", text()},
                                             {"organization_id", whole()},
                                             {"workgroup", one_of(all_workgroups())},
                                             {"entity", text()},
                                             {"entity_id", whole()},
                                             {"action", text()},
                                             {"before", nullable(any_object())},
                                             {"after", nullable(any_object())}};
  const std::vector<Property> session = {{"user", ref("User")},
                                         {"memberships", list_of(ref("Membership"))},
                                         {"context", ref("Membership")},
                                         {"must_change_password", flag()}};
  json health_status = text();
  health_status["enum"] = {"ok", "database_unavailable"};

  json error_fields = any_object();
  error_fields["additionalProperties"] = text();  // field name -> message shown beside it
  json error = response({{"error", response({{"code", text(1)}, {"message", text()}, {"fields", error_fields}})},
                         // stale_version (409): the record as it is now, in the route's own shape
                         {"current", any_object(), false}});

  return {
      {"Organization", response(organization)},
      {"Project", response(project)},
      {"ProjectListing", response(plus(project, {{"organization_name", text()}}))},
      {"Client", response(client)},
      {"Referral", response(referral)},
      {"ReferralDetail", response(plus(referral, {{"allowed_actions", list_of(one_of(all_referral_actions()))}}))},
      {"Enrollment", response(enrollment)},
      {"User", response(user)},
      {"UserAccount", response(plus(user, {{"memberships", list_of(ref("Membership"))}}))},
      {"Membership", response(membership)},
      {"AuditEntry", response(audit_entry)},
      {"Health", response({{"status", health_status}, {"version", text(1)}, {"schema_version", whole()}})},
      {"Session", response(session)},
      {"SignedIn", response(plus(session, {{"token", text(1)}}))},
      {"OrganizationPage", page_of("Organization")},
      {"ProjectPage", page_of("ProjectListing")},
      {"ClientPage", page_of("Client")},
      {"ReferralPage", page_of("Referral")},
      {"EnrollmentPage", page_of("Enrollment")},
      {"UserPage", page_of("UserAccount")},
      {"ReferralHistory", response({{"items", list_of(ref("AuditEntry"))}})},
      {"Error", error},
  };
}

}  // namespace waypoint
