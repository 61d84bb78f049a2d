// What the client sends to change something. Fields hold what the person typed (dates and choices as strings), so a
// rule violation can be reported against the exact field and the form can be shown again unchanged.
// `version` is the version of the record the person was looking at; the server rejects stale writes with it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace waypoint {

// "Referral Outcome" step 1: Date Referral Acknowledged.
struct AcknowledgeRequest {
  std::string date_acknowledged;
  int64_t version = 0;
  bool operator==(const AcknowledgeRequest&) const = default;
};

// "Outcome Information". Every field is optional on its own; a result and a result date come together. With a
// result the referral is resolved; without one the dates and comments are recorded and it stays acknowledged.
struct OutcomeRequest {
  std::string appointment_date;
  std::string result_date;
  std::string result;  // wire name of a ReferralResult, or empty
  std::string comments;
  int64_t version = 0;
  bool operator==(const OutcomeRequest&) const = default;
};

struct ReturnRequest {
  std::string reason;
  int64_t version = 0;
  bool operator==(const ReturnRequest&) const = default;
};

// The referrer sends a returned referral to another project.
struct ReassignRequest {
  int64_t project_id = 0;
  int64_t version = 0;
  bool operator==(const ReassignRequest&) const = default;
};

struct CancelRequest {
  std::string reason;
  int64_t version = 0;
  bool operator==(const CancelRequest&) const = default;
};

// Reopening a resolved referral (System Admin only); the reason goes to the audit trail.
struct ReopenRequest {
  std::string reason;
  int64_t version = 0;
  bool operator==(const ReopenRequest&) const = default;
};

struct NewReferralRequest {
  int64_t client_id = 0;
  int64_t from_project_id = 0;
  int64_t to_project_id = 0;
  std::string referral_date;
  std::string note;
  bool operator==(const NewReferralRequest&) const = default;
};

struct NewClientRequest {
  std::string first_name;
  std::string last_name;
  std::string date_of_birth;  // empty when unknown
  std::string ssn_last4;      // empty when not given
  // Wire name of a NameDataQuality (HUD 3.01); a body without it means a full name, as before the field existed.
  std::string name_data_quality = "full_name";
  bool operator==(const NewClientRequest&) const = default;
};

// Edit of a client's details: the whole editable set, plus the version being edited.
struct ClientPatch {
  std::string first_name;
  std::string last_name;
  std::string date_of_birth;
  std::string ssn_last4;
  int64_t version = 0;
  std::string name_data_quality = "full_name";  // as in NewClientRequest
  bool operator==(const ClientPatch&) const = default;
};

struct NewEnrollmentRequest {
  int64_t client_id = 0;
  int64_t project_id = 0;
  std::string entry_date;
  std::optional<int64_t> referral_id;  // set when enrolling from a referral
  bool operator==(const NewEnrollmentRequest&) const = default;
};

struct SignInRequest {
  std::string username;
  std::string password;
  bool operator==(const SignInRequest&) const = default;
};

// Settings sidebar "Apply": the organization and workgroup to act in.
struct ContextRequest {
  int64_t organization_id = 0;
  std::string workgroup;  // wire name
  bool operator==(const ContextRequest&) const = default;
};

struct NewUserRequest {
  std::string username;
  std::string password;
  std::string display_name;
  std::vector<ContextRequest> memberships;
  bool operator==(const NewUserRequest&) const = default;
};

// PATCH /api/users/{id} (system admins): only the fields present change. `version` is required. Passwords are not
// changed here (POST /api/users/{id}/password), and `locked` can only be set to false (unlock): accounts lock
// themselves when unused.
struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<bool> active;
  std::optional<bool> locked;
  std::optional<std::vector<ContextRequest>> memberships;  // the whole new list
  int64_t version = 0;
  bool operator==(const UserPatch&) const = default;
};

// "Change password" (POST /api/session/password): the signed-in user's current password and the new one.
struct PasswordChangeRequest {
  std::string current_password;
  std::string new_password;
  bool operator==(const PasswordChangeRequest&) const = default;
};

// A system admin's reset (POST /api/users/{id}/password): a temporary password the user must change
// at their next sign-in.
struct PasswordResetRequest {
  std::string new_password;
  bool operator==(const PasswordResetRequest&) const = default;
};

}  // namespace waypoint
