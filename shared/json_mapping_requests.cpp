// Request <-> JSON: what the client sends and the server reads (entities are in json_mapping.cpp). Each parser lists
// its fields once through JsonFields; which keys are required is decided here, per request.
#include "shared/json_mapping.hpp"

#include "shared/json_fields.hpp"

namespace waypoint {

namespace {

using nlohmann::json;

template <class T>
ParseResult<T> finish(JsonFields& fields, T value) {
  if (!fields.ok()) return fail(std::move(fields.errors()));
  return value;
}

void read_context(JsonFields& fields, ContextRequest& value) {
  fields.required("organization_id", value.organization_id);
  fields.required("workgroup", value.workgroup);
}

// A list of {organization_id, workgroup} under "memberships"; `required` says whether a missing key is an error.
void read_memberships(JsonFields& fields, const json& j, std::vector<ContextRequest>& out, bool required) {
  const json* memberships = fields.find("memberships");
  if (j.is_object() && !memberships) {
    if (required) fields.add_error("memberships", "is required");
  } else if (memberships && !memberships->is_array()) {
    fields.add_error("memberships", "must be a list");
  } else if (memberships) {
    for (std::size_t i = 0; i < memberships->size(); ++i) {
      JsonFields item((*memberships)[i], "memberships[" + std::to_string(i) + "].");
      ContextRequest context;
      read_context(item, context);
      for (auto& [key, message] : item.errors()) fields.add_error(key, message);
      out.push_back(std::move(context));
    }
  }
}

// Missing or null: a full name (bodies from before the field existed).
void read_name_data_quality(JsonFields& fields, std::string& out) {
  const json* value = fields.find("name_data_quality");
  if (value && !value->is_null()) fields.required("name_data_quality", out);
}

}  // namespace


void to_json(json& j, const AcknowledgeRequest& value) {
  j = json{{"date_acknowledged", value.date_acknowledged}, {"version", value.version}};
}

ParseResult<AcknowledgeRequest> parse_acknowledge_request(const json& j) {
  JsonFields fields(j);
  AcknowledgeRequest value;
  fields.required("date_acknowledged", value.date_acknowledged);
  fields.required("version", value.version);
  return finish(fields, std::move(value));
}

void to_json(json& j, const OutcomeRequest& value) {
  j = json{{"appointment_date", value.appointment_date},
           {"result_date", value.result_date},
           {"result", value.result},
           {"comments", value.comments},
           {"version", value.version}};
}

ParseResult<OutcomeRequest> parse_outcome_request(const json& j) {
  JsonFields fields(j);
  OutcomeRequest value;
  fields.optional("appointment_date", value.appointment_date);
  fields.optional("result_date", value.result_date);
  fields.optional("result", value.result);
  fields.optional("comments", value.comments);
  fields.required("version", value.version);
  return finish(fields, std::move(value));
}

void to_json(json& j, const ReturnRequest& value) { j = json{{"reason", value.reason}, {"version", value.version}}; }

ParseResult<ReturnRequest> parse_return_request(const json& j) {
  JsonFields fields(j);
  ReturnRequest value;
  fields.required("reason", value.reason);
  fields.required("version", value.version);
  return finish(fields, std::move(value));
}

void to_json(json& j, const ReassignRequest& value) {
  j = json{{"project_id", value.project_id}, {"version", value.version}};
}

ParseResult<ReassignRequest> parse_reassign_request(const json& j) {
  JsonFields fields(j);
  ReassignRequest value;
  fields.required("project_id", value.project_id);
  fields.required("version", value.version);
  return finish(fields, std::move(value));
}

void to_json(json& j, const CancelRequest& value) { j = json{{"reason", value.reason}, {"version", value.version}}; }

ParseResult<CancelRequest> parse_cancel_request(const json& j) {
  JsonFields fields(j);
  CancelRequest value;
  fields.required("reason", value.reason);
  fields.required("version", value.version);
  return finish(fields, std::move(value));
}

void to_json(json& j, const ReopenRequest& value) { j = json{{"reason", value.reason}, {"version", value.version}}; }

ParseResult<ReopenRequest> parse_reopen_request(const json& j) {
  JsonFields fields(j);
  ReopenRequest value;
  fields.required("reason", value.reason);
  fields.required("version", value.version);
  return finish(fields, std::move(value));
}

void to_json(json& j, const NewReferralRequest& value) {
  j = json{{"client_id", value.client_id},
           {"from_project_id", value.from_project_id},
           {"to_project_id", value.to_project_id},
           {"referral_date", value.referral_date},
           {"note", value.note}};
}

ParseResult<NewReferralRequest> parse_new_referral_request(const json& j) {
  JsonFields fields(j);
  NewReferralRequest value;
  fields.required("client_id", value.client_id);
  fields.required("from_project_id", value.from_project_id);
  fields.required("to_project_id", value.to_project_id);
  fields.required("referral_date", value.referral_date);
  fields.optional("note", value.note);
  return finish(fields, std::move(value));
}

void to_json(json& j, const NewClientRequest& value) {
  j = json{{"first_name", value.first_name},
           {"last_name", value.last_name},
           {"date_of_birth", value.date_of_birth},
           {"ssn_last4", value.ssn_last4},
           {"name_data_quality", value.name_data_quality}};
}

ParseResult<NewClientRequest> parse_new_client_request(const json& j) {
  JsonFields fields(j);
  NewClientRequest value;
  fields.required("first_name", value.first_name);
  fields.required("last_name", value.last_name);
  fields.optional("date_of_birth", value.date_of_birth);
  fields.optional("ssn_last4", value.ssn_last4);
  read_name_data_quality(fields, value.name_data_quality);
  return finish(fields, std::move(value));
}

void to_json(json& j, const ClientPatch& value) {
  j = json{{"first_name", value.first_name},
           {"last_name", value.last_name},
           {"date_of_birth", value.date_of_birth},
           {"ssn_last4", value.ssn_last4},
           {"version", value.version},
           {"name_data_quality", value.name_data_quality}};
}

ParseResult<ClientPatch> parse_client_patch(const json& j) {
  JsonFields fields(j);
  ClientPatch value;
  fields.required("first_name", value.first_name);
  fields.required("last_name", value.last_name);
  fields.optional("date_of_birth", value.date_of_birth);
  fields.optional("ssn_last4", value.ssn_last4);
  fields.required("version", value.version);
  read_name_data_quality(fields, value.name_data_quality);
  return finish(fields, std::move(value));
}

void to_json(json& j, const NewEnrollmentRequest& value) {
  j = json{{"client_id", value.client_id},
           {"project_id", value.project_id},
           {"entry_date", value.entry_date},
           {"referral_id", value.referral_id ? json(*value.referral_id) : json(nullptr)}};
}

ParseResult<NewEnrollmentRequest> parse_new_enrollment_request(const json& j) {
  JsonFields fields(j);
  NewEnrollmentRequest value;
  fields.required("client_id", value.client_id);
  fields.required("project_id", value.project_id);
  fields.required("entry_date", value.entry_date);
  fields.optional("referral_id", value.referral_id);
  return finish(fields, std::move(value));
}

void to_json(json& j, const SignInRequest& value) {
  j = json{{"username", value.username}, {"password", value.password}};
}

ParseResult<SignInRequest> parse_sign_in_request(const json& j) {
  JsonFields fields(j);
  SignInRequest value;
  fields.required("username", value.username);
  fields.required("password", value.password);
  return finish(fields, std::move(value));
}

void to_json(json& j, const ContextRequest& value) {
  j = json{{"organization_id", value.organization_id}, {"workgroup", value.workgroup}};
}

ParseResult<ContextRequest> parse_context_request(const json& j) {
  JsonFields fields(j);
  ContextRequest value;
  read_context(fields, value);
  return finish(fields, std::move(value));
}

void to_json(json& j, const NewUserRequest& value) {
  j = json{{"username", value.username},
           {"password", value.password},
           {"display_name", value.display_name},
           {"memberships", value.memberships}};
}

ParseResult<NewUserRequest> parse_new_user_request(const json& j) {
  JsonFields fields(j);
  NewUserRequest value;
  fields.required("username", value.username);
  fields.required("password", value.password);
  fields.required("display_name", value.display_name);
  read_memberships(fields, j, value.memberships, true);
  return finish(fields, std::move(value));
}

void to_json(json& j, const UserPatch& value) {
  j = json{{"version", value.version}};
  if (value.display_name) j["display_name"] = *value.display_name;
  if (value.active) j["active"] = *value.active;
  if (value.locked) j["locked"] = *value.locked;
  if (value.memberships) j["memberships"] = *value.memberships;
}

ParseResult<UserPatch> parse_user_patch(const json& j) {
  JsonFields fields(j);
  UserPatch value;
  if (j.is_object()) {
    for (const auto& [key, item] : j.items()) {
      if (key == "password" || key == "new_password")
        fields.add_error(key, "cannot be changed here: reset a password with POST /api/users/{id}/password");
      else if (key != "version" && key != "display_name" && key != "active" && key != "memberships" && key != "locked")
        fields.add_error(key, "cannot be changed here: a user's display_name, active, locked and memberships can");
    }
  }
  fields.required("version", value.version);
  if (fields.find("display_name")) {
    value.display_name.emplace();
    fields.required("display_name", *value.display_name);
  }
  fields.optional("active", value.active);
  fields.optional("locked", value.locked);
  if (fields.find("memberships")) {
    value.memberships.emplace();
    read_memberships(fields, j, *value.memberships, false);
  }
  return finish(fields, std::move(value));
}

void to_json(json& j, const PasswordChangeRequest& value) {
  j = json{{"current_password", value.current_password}, {"new_password", value.new_password}};
}

ParseResult<PasswordChangeRequest> parse_password_change_request(const json& j) {
  JsonFields fields(j);
  PasswordChangeRequest value;
  fields.required("current_password", value.current_password);
  fields.required("new_password", value.new_password);
  return finish(fields, std::move(value));
}

void to_json(json& j, const PasswordResetRequest& value) { j = json{{"new_password", value.new_password}}; }

ParseResult<PasswordResetRequest> parse_password_reset_request(const json& j) {
  JsonFields fields(j);
  PasswordResetRequest value;
  fields.required("new_password", value.new_password);
  return finish(fields, std::move(value));
}

}  // namespace waypoint
