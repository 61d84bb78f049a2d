// Field rules for every request. Small helpers each check one kind of field and write at most one message for it, so
// the first problem with a field is the one shown, while every field is still checked.
#include "shared/validation.hpp"

#include <set>
#include <string>
#include <utility>

#include "shared/enums.hpp"
#include "shared/text.hpp"

namespace waypoint {

namespace {

constexpr std::string_view kRealDate = "Enter a real date, for example 05/01/2025";

// Reads an optional date field. Blank -> nullopt with no error; unreadable -> nullopt with an error.
std::optional<Date> optional_date(FieldErrors& errors, const std::string& field, std::string_view text) {
  if (trim(text).empty()) return std::nullopt;
  auto date = parse_user_date(text);
  if (!date) errors[field] = kRealDate;
  return date;
}

// Reads a required date field, writing `missing` when blank.
std::optional<Date> required_date(FieldErrors& errors, const std::string& field, std::string_view text,
                                  std::string_view missing) {
  if (trim(text).empty()) {
    errors[field] = missing;
    return std::nullopt;
  }
  return optional_date(errors, field, text);
}

void not_in_future(FieldErrors& errors, const std::string& field, const std::optional<Date>& date, Date today,
                   std::string_view label) {
  if (date && !errors.count(field) && *date > today) errors[field] = std::string(label) + " cannot be in the future";
}

void not_before(FieldErrors& errors, const std::string& field, const std::optional<Date>& date,
                const std::optional<Date>& bound, std::string_view message) {
  if (date && bound && !errors.count(field) && *date < *bound) errors[field] = message;
}

// Free text: readable UTF-8 and at most `max` characters. `label` starts the message ("Comments").
void text_limit(FieldErrors& errors, const std::string& field, std::string_view text, std::size_t max,
                std::string_view label) {
  if (!is_valid_utf8(text)) {
    errors[field] = std::string(label) + " contains characters that could not be read";
  } else if (utf8_length(text) > max) {
    errors[field] = std::string(label) + " must be " + std::to_string(max) + " characters or fewer";
  }
}

void required_text(FieldErrors& errors, const std::string& field, std::string_view text, std::size_t max,
                   std::string_view missing, std::string_view label) {
  if (trim(text).empty()) {
    errors[field] = missing;
  } else {
    text_limit(errors, field, text, max, label);
  }
}

void required_id(FieldErrors& errors, const std::string& field, int64_t id, std::string_view missing) {
  if (id <= 0) errors[field] = missing;
}

std::string lower_first(std::string_view label) {
  std::string lower(label);
  lower[0] = static_cast<char>(lower[0] - 'A' + 'a');
  return lower;
}

// A full name (HUD 3.01 "Full name reported"): required, letters, spaces, apostrophes and hyphens only.
void person_name(FieldErrors& errors, const std::string& field, std::string_view raw, std::string_view label) {
  std::string_view name = trim(raw);
  if (name.empty()) {
    errors[field] = "Enter the " + lower_first(label);
    return;
  }
  text_limit(errors, field, name, kMaxNameLength, label);
  if (errors.count(field)) return;
  bool has_letter = false;
  for (char32_t c : decode_utf8(name)) {
    if (!is_name_character(c)) {
      errors[field] = std::string(label) + " can only include letters, spaces, apostrophes and hyphens";
      return;
    }
    has_letter = has_letter || is_letter(c);
  }
  if (!has_letter) errors[field] = std::string(label) + " must include at least one letter";
}

// A partial, street or code name ("Blue Jacket 2"): may be blank (the caller requires one of the two), and may
// hold digits besides what a full name may.
void street_name(FieldErrors& errors, const std::string& field, std::string_view raw, std::string_view label) {
  std::string_view name = trim(raw);
  if (name.empty()) return;
  text_limit(errors, field, name, kMaxNameLength, label);
  if (errors.count(field)) return;
  bool has_letter_or_digit = false;
  for (char32_t c : decode_utf8(name)) {
    bool digit = c >= U'0' && c <= U'9';
    if (!digit && !is_name_character(c)) {
      errors[field] = std::string(label) + " can only include letters, numbers, spaces, apostrophes and hyphens";
      return;
    }
    has_letter_or_digit = has_letter_or_digit || digit || is_letter(c);
  }
  if (!has_letter_or_digit) errors[field] = std::string(label) + " must include at least one letter or number";
}

// HUD 3.01 8, 9 and 99 say no name was given: the name fields stay blank (HMIS CSV leaves FirstName and LastName
// empty for them). A name typed there is a partial name, so say which choice fits it.
void no_name(FieldErrors& errors, const std::string& field, std::string_view raw, std::string_view label,
             NameDataQuality quality) {
  if (trim(raw).empty()) return;
  errors[field] = "Leave the " + lower_first(label) + " blank when Name Data Quality is \"" +
                  std::string(waypoint::label(quality)) + "\", or choose \"" +
                  std::string(waypoint::label(NameDataQuality::partial_street_or_code_name)) + "\"";
}

// The two names as Name Data Quality allows them. An unknown quality is an error of its own; the names are then
// checked as full names, the strictest rule.
void client_names(FieldErrors& errors, std::string_view first, std::string_view last, std::string_view quality_wire) {
  auto quality = parse_name_data_quality(trim(quality_wire));
  if (!quality) errors["name_data_quality"] = "Choose the name data quality";
  switch (quality.value_or(NameDataQuality::full_name)) {
    case NameDataQuality::full_name:
      person_name(errors, "first_name", first, "First name");
      person_name(errors, "last_name", last, "Last name");
      return;
    case NameDataQuality::partial_street_or_code_name:
      street_name(errors, "first_name", first, "First name");
      street_name(errors, "last_name", last, "Last name");
      if (trim(first).empty() && trim(last).empty())
        errors["first_name"] = "Enter the name the client goes by, in the first name, the last name or both";
      return;
    case NameDataQuality::client_doesnt_know:
    case NameDataQuality::client_prefers_not_to_answer:
    case NameDataQuality::data_not_collected:
      no_name(errors, "first_name", first, "First name", *quality);
      no_name(errors, "last_name", last, "Last name", *quality);
      return;
  }
}

// Dates in a client's life are not before their birth (when it is known).
void not_before_birth(FieldErrors& errors, const std::string& field, const std::optional<Date>& date,
                      const Client& client, std::string_view label) {
  if (!client.date_of_birth) return;
  not_before(errors, field, date, client.date_of_birth,
             std::string(label) + " must be on or after the client's date of birth (" +
                 format_us(*client.date_of_birth) + ")");
}

// The rules both user creation and the user patch apply to a list of memberships: at least one, each a real
// organization id and workgroup, none listed twice.
void membership_rules(FieldErrors& errors, const std::vector<ContextRequest>& memberships) {
  if (memberships.empty()) errors["memberships"] = "Add at least one organization and workgroup";
  std::set<std::pair<int64_t, std::string>> seen;
  for (std::size_t i = 0; i < memberships.size(); ++i) {
    const ContextRequest& membership = memberships[i];
    std::string prefix = "memberships[" + std::to_string(i) + "]";
    required_id(errors, prefix + ".organization_id", membership.organization_id, "Choose an organization");
    if (!parse_workgroup(membership.workgroup)) errors[prefix + ".workgroup"] = "Choose a workgroup";
    if (!seen.insert({membership.organization_id, membership.workgroup}).second) {
      errors[prefix] = "This organization and workgroup is already listed";
      errors["memberships"] = "List each organization and workgroup only once";
    }
  }
}

FieldErrors reason(std::string_view text, std::string_view missing) {
  FieldErrors errors;
  required_text(errors, "reason", text, kMaxReasonLength, missing, "Reason");
  return errors;
}

bool is_username_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

}  // namespace

FieldErrors validate_acknowledge(const AcknowledgeRequest& request, const Referral& referral, Date today) {
  FieldErrors errors;
  const std::string field = "date_acknowledged";
  auto date = required_date(errors, field, request.date_acknowledged, "Enter the date the referral was acknowledged");
  not_before(errors, field, date, referral.referral_date,
             "Date acknowledged must be on or after the referral date (" + format_iso(referral.referral_date) + ")");
  not_in_future(errors, field, date, today, "Date acknowledged");
  return errors;
}

FieldErrors validate_outcome(const OutcomeRequest& request, const Referral& referral, Date today) {
  FieldErrors errors;
  auto appointment = optional_date(errors, "appointment_date", request.appointment_date);
  auto result_date = optional_date(errors, "result_date", request.result_date);
  bool has_result_date = !trim(request.result_date).empty();
  bool has_result = !trim(request.result).empty();

  if (referral.date_acknowledged) {
    std::string acknowledged = " must be on or after the date acknowledged (" +
                               format_iso(*referral.date_acknowledged) + ")";
    not_before(errors, "appointment_date", appointment, referral.date_acknowledged, "Appointment date" + acknowledged);
    not_before(errors, "result_date", result_date, referral.date_acknowledged, "Result date" + acknowledged);
  }
  not_before(errors, "result_date", result_date, appointment, "Result date must be on or after the appointment date");
  not_in_future(errors, "result_date", result_date, today, "Result date");

  if (has_result && !parse_referral_result(trim(request.result))) {
    errors["result"] = "Choose Services Provided, Information Only, Rejected or No Show";
  }
  if (has_result && !has_result_date) errors["result_date"] = "Enter the result date";
  if (has_result_date && !has_result) errors["result"] = "Choose a result";
  text_limit(errors, "comments", request.comments, kMaxCommentsLength, "Comments");
  return errors;
}

FieldErrors validate_return(const ReturnRequest& request) {
  return reason(request.reason, "Enter the reason for returning the referral");
}

FieldErrors validate_cancel(const CancelRequest& request) {
  return reason(request.reason, "Enter the reason for cancelling the referral");
}

FieldErrors validate_reopen(const ReopenRequest& request) {
  return reason(request.reason, "Enter the reason for reopening the referral");
}

FieldErrors validate_reassign(const ReassignRequest& request, const Referral& referral) {
  FieldErrors errors;
  if (request.project_id <= 0) {
    errors["project_id"] = "Choose a project";
  } else if (request.project_id == referral.to_project_id) {
    errors["project_id"] = "Choose a project other than the one that returned the referral";
  } else if (request.project_id == referral.from_project_id) {
    errors["project_id"] = "Choose a project other than the referring project";
  }
  return errors;
}

FieldErrors validate_new_referral(const NewReferralRequest& request, Date today) {
  FieldErrors errors;
  required_id(errors, "client_id", request.client_id, "Choose a client");
  required_id(errors, "from_project_id", request.from_project_id, "Choose the referring project");
  required_id(errors, "to_project_id", request.to_project_id, "Choose the project to refer the client to");
  if (!errors.count("to_project_id") && request.to_project_id == request.from_project_id) {
    errors["to_project_id"] = "Choose a project other than the referring project";
  }
  auto date = required_date(errors, "referral_date", request.referral_date, "Enter the referral date");
  not_in_future(errors, "referral_date", date, today, "Referral date");
  text_limit(errors, "note", request.note, kMaxCommentsLength, "Note");
  return errors;
}

FieldErrors validate_new_referral(const NewReferralRequest& request, const Client& client, Date today) {
  FieldErrors errors = validate_new_referral(request, today);
  if (!errors.count("referral_date"))
    not_before_birth(errors, "referral_date", parse_user_date(request.referral_date), client, "Referral date");
  return errors;
}

FieldErrors validate_client(const NewClientRequest& request, Date today) {
  FieldErrors errors;
  client_names(errors, request.first_name, request.last_name, request.name_data_quality);
  auto birth = optional_date(errors, "date_of_birth", request.date_of_birth);
  not_in_future(errors, "date_of_birth", birth, today, "Date of birth");
  not_before(errors, "date_of_birth", birth, kEarliestBirthDate, "Date of birth must be on or after 01/01/1900");
  std::string_view ssn = trim(request.ssn_last4);
  if (!ssn.empty()) {
    bool digits = ssn.size() == 4;
    for (char c : ssn) digits = digits && c >= '0' && c <= '9';
    if (!digits) errors["ssn_last4"] = "Last 4 digits of SSN must be exactly 4 digits, for example 1234";
  }
  return errors;
}

FieldErrors validate_client(const ClientPatch& patch, Date today) {
  return validate_client(NewClientRequest{patch.first_name, patch.last_name, patch.date_of_birth, patch.ssn_last4,
                                          patch.name_data_quality},
                         today);
}

FieldErrors validate_enrollment(const NewEnrollmentRequest& request, const std::optional<Referral>& linked,
                                Date today) {
  FieldErrors errors;
  required_id(errors, "client_id", request.client_id, "Choose a client");
  required_id(errors, "project_id", request.project_id, "Choose a project");
  auto entry = required_date(errors, "entry_date", request.entry_date, "Enter the entry date");
  not_in_future(errors, "entry_date", entry, today, "Entry date");
  if (request.referral_id) {
    if (!linked || linked->id != *request.referral_id) {
      errors["referral_id"] = "The referral could not be found";
    } else if (linked->client_id != request.client_id) {
      errors["referral_id"] = "The referral is for a different client";
    } else if (linked->to_project_id != request.project_id) {
      errors["referral_id"] = "The referral is to a different project";
    } else {
      not_before(errors, "entry_date", entry, linked->referral_date,
                 "Entry date must be on or after the referral date (" + format_iso(linked->referral_date) + ")");
    }
  }
  return errors;
}

FieldErrors validate_enrollment(const NewEnrollmentRequest& request, const std::optional<Referral>& linked,
                                const Client& client, Date today) {
  FieldErrors errors = validate_enrollment(request, linked, today);
  if (!errors.count("entry_date"))
    not_before_birth(errors, "entry_date", parse_user_date(request.entry_date), client, "Entry date");
  return errors;
}

FieldErrors validate_sign_in(const SignInRequest& request) {
  FieldErrors errors;
  if (trim(request.username).empty()) errors["username"] = "Enter your username";
  // No username is longer, so a longer one is refused before any work (and never stored anywhere).
  else if (request.username.size() > kMaxUsernameLength) errors["username"] = "Usernames are at most 64 characters";
  if (request.password.empty()) errors["password"] = "Enter your password";
  return errors;
}

FieldErrors validate_new_user(const NewUserRequest& request) {
  FieldErrors errors;
  const std::string& username = request.username;
  bool username_ok = username.size() >= kMinUsernameLength && username.size() <= kMaxUsernameLength;
  for (char c : username) username_ok = username_ok && is_username_character(c);
  if (username.empty()) {
    errors["username"] = "Enter a username";
  } else if (!username_ok) {
    errors["username"] = "Username must be 3 to 64 characters: lowercase letters, numbers, dots, underscores or hyphens";
  }

  if (auto problem = password_rule_problem(request.password); !problem.empty()) errors["password"] = problem;

  required_text(errors, "display_name", request.display_name, kMaxNameLength, "Enter the display name",
                "Display name");

  membership_rules(errors, request.memberships);
  return errors;
}

FieldErrors validate_user_patch(const UserPatch& patch) {
  FieldErrors errors;
  if (patch.display_name)
    required_text(errors, "display_name", *patch.display_name, kMaxNameLength, "Enter the display name",
                  "Display name");
  if (patch.locked && *patch.locked)
    errors["locked"] = "Accounts lock themselves when unused; to stop someone signing in, deactivate the account";
  if (patch.memberships) membership_rules(errors, *patch.memberships);
  return errors;
}

std::string password_rule_problem(std::string_view password) {
  if (password.empty()) return "Enter a password";
  std::size_t length = utf8_length(password);
  if (length < kMinPasswordLength) return "Password must be at least 12 characters";
  if (length > kMaxPasswordLength) return "Password must be 256 characters or fewer";
  if (trim(password).empty()) return "Password cannot be only spaces";
  return {};
}

FieldErrors validate_password_change(const PasswordChangeRequest& request) {
  FieldErrors errors;
  if (request.current_password.empty()) errors["current_password"] = "Enter your current password";
  if (auto problem = password_rule_problem(request.new_password); !problem.empty()) {
    errors["new_password"] = problem == "Enter a password" ? "Enter a new password" : problem;
  } else if (request.new_password == request.current_password) {
    errors["new_password"] = "Choose a password different from your current one";
  }
  return errors;
}

FieldErrors validate_password_reset(const PasswordResetRequest& request) {
  FieldErrors errors;
  if (auto problem = password_rule_problem(request.new_password); !problem.empty()) errors["new_password"] = problem;
  return errors;
}

FieldErrors validate_context(const ContextRequest& request, const std::vector<Membership>& memberships) {
  FieldErrors errors;
  required_id(errors, "organization_id", request.organization_id, "Choose an organization");
  auto workgroup = parse_workgroup(request.workgroup);
  if (!workgroup) errors["workgroup"] = "Choose a workgroup";
  if (!errors.empty()) return errors;
  for (const Membership& membership : memberships) {
    if (membership.organization_id == request.organization_id && membership.workgroup == *workgroup) return errors;
  }
  errors["workgroup"] = "You are not a member of this organization in this workgroup";
  return errors;
}

}  // namespace waypoint
