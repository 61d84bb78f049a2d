// The JSON wire format of every entity and request, shared by the server (which writes entities and reads requests)
// and the client (the reverse). Keys are the struct field names; dates are ISO "YYYY-MM-DD"; an empty optional is
// null; enums are wire names. to_json overloads are found by nlohmann through ADL: `nlohmann::json j = referral;`.
// Parsers never throw. Their errors are about the JSON's shape (a missing required key, a wrong type: the server
// answers 400); whether the values make sense is validation.hpp's job (422).
// Implemented in json_mapping.cpp (entities) and json_mapping_requests.cpp (requests).
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "shared/entities.hpp"
#include "shared/requests.hpp"
#include "shared/result.hpp"

namespace waypoint {

template <class T>
using ParseResult = Result<T, FieldErrors>;

// A body as text -> JSON, without exceptions. Error key "body".
ParseResult<nlohmann::json> parse_json_text(std::string_view text);

// [SECTION] Enums
void to_json(nlohmann::json& j, Workgroup value);
void to_json(nlohmann::json& j, ReferralStatus value);
void to_json(nlohmann::json& j, ReferralResult value);
void to_json(nlohmann::json& j, ProjectType value);
void to_json(nlohmann::json& j, NameDataQuality value);

// [SECTION] Entities
void to_json(nlohmann::json& j, const Organization& value);
void to_json(nlohmann::json& j, const Project& value);
void to_json(nlohmann::json& j, const Client& value);
void to_json(nlohmann::json& j, const Referral& value);
void to_json(nlohmann::json& j, const Enrollment& value);
void to_json(nlohmann::json& j, const User& value);
void to_json(nlohmann::json& j, const Membership& value);
void to_json(nlohmann::json& j, const AuditEntry& value);

ParseResult<Organization> parse_organization(const nlohmann::json& j);
ParseResult<Project> parse_project(const nlohmann::json& j);
ParseResult<Client> parse_client(const nlohmann::json& j);
// The display fields (client_name, project names, organization ids) may be absent: they default to empty/0.
ParseResult<Referral> parse_referral(const nlohmann::json& j);
ParseResult<Enrollment> parse_enrollment(const nlohmann::json& j);
ParseResult<User> parse_user(const nlohmann::json& j);
ParseResult<Membership> parse_membership(const nlohmann::json& j);
ParseResult<AuditEntry> parse_audit_entry(const nlohmann::json& j);

// A JSON array of items, e.g. parse_list(body, parse_referral). Errors are keyed "[2].status".
template <class T>
ParseResult<std::vector<T>> parse_list(const nlohmann::json& j, ParseResult<T> (*parse_item)(const nlohmann::json&)) {
  if (!j.is_array()) return fail(FieldErrors{{"body", "must be a JSON array"}});
  std::vector<T> items;
  FieldErrors errors;
  for (std::size_t i = 0; i < j.size(); ++i) {
    auto item = parse_item(j[i]);
    if (item) {
      items.push_back(std::move(item).value());
    } else {
      for (const auto& [key, message] : item.error()) {
        std::string indexed(1, '[');  // not "[" + ...: GCC 12 warns falsely on that at -O3 (bug 105329)
        indexed += std::to_string(i);
        indexed += "].";
        indexed += key;
        errors[indexed] = message;
      }
    }
  }
  if (!errors.empty()) return fail(std::move(errors));
  return items;
}

// [SECTION] Requests
// Required keys: ids, `version`, and every string that is not optional in the form. Optional strings (outcome
// fields, note, date of birth, last 4 of SSN) may be missing or null, which reads as "". A missing or null
// name_data_quality reads as "full_name".
void to_json(nlohmann::json& j, const AcknowledgeRequest& value);
void to_json(nlohmann::json& j, const OutcomeRequest& value);
void to_json(nlohmann::json& j, const ReturnRequest& value);
void to_json(nlohmann::json& j, const ReassignRequest& value);
void to_json(nlohmann::json& j, const CancelRequest& value);
void to_json(nlohmann::json& j, const ReopenRequest& value);
void to_json(nlohmann::json& j, const NewReferralRequest& value);
void to_json(nlohmann::json& j, const NewClientRequest& value);
void to_json(nlohmann::json& j, const ClientPatch& value);
void to_json(nlohmann::json& j, const NewEnrollmentRequest& value);
void to_json(nlohmann::json& j, const SignInRequest& value);
void to_json(nlohmann::json& j, const ContextRequest& value);
void to_json(nlohmann::json& j, const NewUserRequest& value);
void to_json(nlohmann::json& j, const UserPatch& value);  // only the fields present, and the version
void to_json(nlohmann::json& j, const PasswordChangeRequest& value);
void to_json(nlohmann::json& j, const PasswordResetRequest& value);

ParseResult<AcknowledgeRequest> parse_acknowledge_request(const nlohmann::json& j);
ParseResult<OutcomeRequest> parse_outcome_request(const nlohmann::json& j);
ParseResult<ReturnRequest> parse_return_request(const nlohmann::json& j);
ParseResult<ReassignRequest> parse_reassign_request(const nlohmann::json& j);
ParseResult<CancelRequest> parse_cancel_request(const nlohmann::json& j);
ParseResult<ReopenRequest> parse_reopen_request(const nlohmann::json& j);
ParseResult<NewReferralRequest> parse_new_referral_request(const nlohmann::json& j);
ParseResult<NewClientRequest> parse_new_client_request(const nlohmann::json& j);
ParseResult<ClientPatch> parse_client_patch(const nlohmann::json& j);
ParseResult<NewEnrollmentRequest> parse_new_enrollment_request(const nlohmann::json& j);
ParseResult<SignInRequest> parse_sign_in_request(const nlohmann::json& j);
ParseResult<ContextRequest> parse_context_request(const nlohmann::json& j);
ParseResult<NewUserRequest> parse_new_user_request(const nlohmann::json& j);
// Besides wrong types, any key the patch cannot change is an error naming it (a password, a username): the caller
// would otherwise believe it changed.
ParseResult<UserPatch> parse_user_patch(const nlohmann::json& j);
ParseResult<PasswordChangeRequest> parse_password_change_request(const nlohmann::json& j);
ParseResult<PasswordResetRequest> parse_password_reset_request(const nlohmann::json& j);

}  // namespace waypoint
