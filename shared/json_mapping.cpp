// Entity <-> JSON (requests are in json_mapping_requests.cpp). Each parser lists its fields once through JsonFields.
#include "shared/json_mapping.hpp"

#include "shared/json_fields.hpp"

namespace waypoint {

namespace {

using nlohmann::json;

json date_or_null(const std::optional<Date>& date) { return date ? json(format_iso(*date)) : json(nullptr); }

template <class T>
ParseResult<T> finish(JsonFields& fields, T value) {
  if (!fields.ok()) return fail(std::move(fields.errors()));
  return value;
}

}  // namespace

ParseResult<json> parse_json_text(std::string_view text) {
  json parsed = json::parse(text.begin(), text.end(), nullptr, false);
  if (parsed.is_discarded()) return fail(FieldErrors{{"body", "must be valid JSON"}});
  return parsed;
}

// [SECTION] Enums

void to_json(json& j, Workgroup value) { j = to_string(value); }
void to_json(json& j, ReferralStatus value) { j = to_string(value); }
void to_json(json& j, ReferralResult value) { j = to_string(value); }
void to_json(json& j, ProjectType value) { j = to_string(value); }
void to_json(json& j, NameDataQuality value) { j = to_string(value); }

// [SECTION] Entities

void to_json(json& j, const Organization& value) {
  j = json{{"id", value.id}, {"name", value.name}, {"version", value.version}};
}

ParseResult<Organization> parse_organization(const json& j) {
  JsonFields fields(j);
  Organization value;
  fields.required("id", value.id);
  fields.required("name", value.name);
  fields.required("version", value.version);
  return finish(fields, std::move(value));
}

void to_json(json& j, const Project& value) {
  j = json{{"id", value.id},
           {"organization_id", value.organization_id},
           {"name", value.name},
           {"project_type", value.project_type},
           {"version", value.version}};
}

ParseResult<Project> parse_project(const json& j) {
  JsonFields fields(j);
  Project value;
  fields.required("id", value.id);
  fields.required("organization_id", value.organization_id);
  fields.required("name", value.name);
  fields.required("project_type", value.project_type);
  fields.required("version", value.version);
  return finish(fields, std::move(value));
}

void to_json(json& j, const Client& value) {
  j = json{{"id", value.id},
           {"first_name", value.first_name},
           {"last_name", value.last_name},
           {"date_of_birth", date_or_null(value.date_of_birth)},
           {"ssn_last4", value.ssn_last4 ? json(*value.ssn_last4) : json(nullptr)},
           {"created_at", value.created_at},
           {"version", value.version},
           {"name_data_quality", value.name_data_quality}};
}

ParseResult<Client> parse_client(const json& j) {
  JsonFields fields(j);
  Client value;
  fields.required("id", value.id);
  fields.required("first_name", value.first_name);
  fields.required("last_name", value.last_name);
  fields.optional("date_of_birth", value.date_of_birth);
  fields.optional("ssn_last4", value.ssn_last4);
  fields.optional("created_at", value.created_at);
  fields.required("version", value.version);
  fields.optional("name_data_quality", value.name_data_quality);  // older servers: a full name
  return finish(fields, std::move(value));
}

void to_json(json& j, const Referral& value) {
  j = json{{"id", value.id},
           {"client_id", value.client_id},
           {"from_project_id", value.from_project_id},
           {"to_project_id", value.to_project_id},
           {"referral_date", format_iso(value.referral_date)},
           {"note", value.note},
           {"status", value.status},
           {"date_acknowledged", date_or_null(value.date_acknowledged)},
           {"appointment_date", date_or_null(value.appointment_date)},
           {"result_date", date_or_null(value.result_date)},
           {"result", value.result ? json(*value.result) : json(nullptr)},
           {"comments", value.comments},
           {"return_reason", value.return_reason},
           {"cancel_reason", value.cancel_reason},
           {"created_by_user_id", value.created_by_user_id},
           {"version", value.version},
           {"from_project_name", value.from_project_name},
           {"to_project_name", value.to_project_name},
           {"from_organization_id", value.from_organization_id},
           {"to_organization_id", value.to_organization_id},
           {"client_name", value.client_name}};
}

ParseResult<Referral> parse_referral(const json& j) {
  JsonFields fields(j);
  Referral value;
  fields.required("id", value.id);
  fields.required("client_id", value.client_id);
  fields.required("from_project_id", value.from_project_id);
  fields.required("to_project_id", value.to_project_id);
  fields.required("referral_date", value.referral_date);
  fields.optional("note", value.note);
  fields.required("status", value.status);
  fields.optional("date_acknowledged", value.date_acknowledged);
  fields.optional("appointment_date", value.appointment_date);
  fields.optional("result_date", value.result_date);
  fields.optional("result", value.result);
  fields.optional("comments", value.comments);
  fields.optional("return_reason", value.return_reason);
  fields.optional("cancel_reason", value.cancel_reason);
  fields.optional("created_by_user_id", value.created_by_user_id);
  fields.required("version", value.version);
  fields.optional("from_project_name", value.from_project_name);
  fields.optional("to_project_name", value.to_project_name);
  fields.optional("from_organization_id", value.from_organization_id);
  fields.optional("to_organization_id", value.to_organization_id);
  fields.optional("client_name", value.client_name);
  return finish(fields, std::move(value));
}

void to_json(json& j, const Enrollment& value) {
  j = json{{"id", value.id},
           {"client_id", value.client_id},
           {"project_id", value.project_id},
           {"entry_date", format_iso(value.entry_date)},
           {"exit_date", date_or_null(value.exit_date)},
           {"referral_id", value.referral_id ? json(*value.referral_id) : json(nullptr)},
           {"household_id", value.household_id},
           {"relationship_to_hoh", value.relationship_to_hoh},
           {"version", value.version}};
}

ParseResult<Enrollment> parse_enrollment(const json& j) {
  JsonFields fields(j);
  Enrollment value;
  fields.required("id", value.id);
  fields.required("client_id", value.client_id);
  fields.required("project_id", value.project_id);
  fields.required("entry_date", value.entry_date);
  fields.optional("exit_date", value.exit_date);
  fields.optional("referral_id", value.referral_id);
  fields.optional("household_id", value.household_id);
  fields.required("relationship_to_hoh", value.relationship_to_hoh);
  fields.required("version", value.version);
  return finish(fields, std::move(value));
}

void to_json(json& j, const User& value) {
  j = json{{"id", value.id},
           {"username", value.username},
           {"display_name", value.display_name},
           {"active", value.active},
           {"version", value.version},
           {"must_change_password", value.must_change_password},
           {"locked", value.locked},
           {"last_sign_in_at", value.last_sign_in_at ? json(*value.last_sign_in_at) : json(nullptr)}};
}

ParseResult<User> parse_user(const json& j) {
  JsonFields fields(j);
  User value;
  fields.required("id", value.id);
  fields.required("username", value.username);
  fields.required("display_name", value.display_name);
  fields.required("active", value.active);
  fields.required("version", value.version);
  // Optional: older servers did not send them.
  if (fields.find("must_change_password")) fields.required("must_change_password", value.must_change_password);
  if (fields.find("locked")) fields.required("locked", value.locked);
  fields.optional("last_sign_in_at", value.last_sign_in_at);
  return finish(fields, std::move(value));
}

void to_json(json& j, const Membership& value) {
  j = json{{"organization_id", value.organization_id},
           {"organization_name", value.organization_name},
           {"workgroup", value.workgroup}};
}

ParseResult<Membership> parse_membership(const json& j) {
  JsonFields fields(j);
  Membership value;
  fields.required("organization_id", value.organization_id);
  fields.optional("organization_name", value.organization_name);
  fields.required("workgroup", value.workgroup);
  return finish(fields, std::move(value));
}

void to_json(json& j, const AuditEntry& value) {
  j = json{{"id", value.id},
           {"at", value.at},
           {"user_id", value.user_id},
           {"user_name", value.user_name},
           {"organization_id", value.organization_id},
           {"workgroup", value.workgroup},
           {"entity", value.entity},
           {"entity_id", value.entity_id},
           {"action", value.action},
           {"before", value.before},
           {"after", value.after}};
}

ParseResult<AuditEntry> parse_audit_entry(const json& j) {
  JsonFields fields(j);
  AuditEntry value;
  fields.required("id", value.id);
  fields.required("at", value.at);
  fields.required("user_id", value.user_id);
  fields.optional("user_name", value.user_name);
  fields.required("organization_id", value.organization_id);
  fields.required("workgroup", value.workgroup);
  fields.required("entity", value.entity);
  fields.required("entity_id", value.entity_id);
  fields.required("action", value.action);
  fields.optional("before", value.before);
  fields.optional("after", value.after);
  return finish(fields, std::move(value));
}

}  // namespace waypoint
