// The domain's records as plain structs: what the server stores and sends, and what the client holds in its state.
// No behaviour lives here (rules are in referral.hpp and validation.hpp), so both sides can copy and compare them.
// `version` is the optimistic-concurrency counter: the server owns it and bumps it on every change.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "shared/dates.hpp"
#include "shared/enums.hpp"

namespace waypoint {

struct Organization {
  int64_t id = 0;
  std::string name;
  int64_t version = 0;

  bool operator==(const Organization&) const = default;
};

struct Project {
  int64_t id = 0;
  int64_t organization_id = 0;
  std::string name;  // e.g. "Avivo - RRH - Homeless Prevention Pilot"
  ProjectType project_type = ProjectType::other;
  int64_t version = 0;

  bool operator==(const Project&) const = default;
};

// Personal data is kept to the minimum a referral needs: name, date of birth and at most the last 4 SSN digits.
struct Client {
  int64_t id = 0;
  std::string first_name;  // UTF-8, any script
  std::string last_name;
  std::optional<Date> date_of_birth;
  std::optional<std::string> ssn_last4;
  std::string created_at;  // UTC ISO timestamp
  int64_t version = 0;
  // HUD 3.01. With a partial, street or code name the names may hold digits; without a name (8, 9, 99) both are empty.
  NameDataQuality name_data_quality = NameDataQuality::full_name;

  bool operator==(const Client&) const = default;
};

struct Referral {
  int64_t id = 0;
  int64_t client_id = 0;
  int64_t from_project_id = 0;
  int64_t to_project_id = 0;
  Date referral_date{};
  std::string note;
  ReferralStatus status = ReferralStatus::pending;
  // "Date Referral Acknowledged": the day the receiver learned of it, not the day they clicked.
  std::optional<Date> date_acknowledged;
  // Outcome Information.
  std::optional<Date> appointment_date;
  std::optional<Date> result_date;
  std::optional<ReferralResult> result;
  std::string comments;
  std::string return_reason;
  std::string cancel_reason;
  int64_t created_by_user_id = 0;
  int64_t version = 0;

  // Denormalised for display and for authorization (who is the referring / receiving side). Filled by the server.
  std::string from_project_name;
  std::string to_project_name;
  int64_t from_organization_id = 0;
  int64_t to_organization_id = 0;
  std::string client_name;

  bool operator==(const Referral&) const = default;
};

// A client's stay in a project. household_id and relationship_to_hoh follow HUD 3.20 / 3.15 so household members can
// be added later without reshaping the record.
struct Enrollment {
  int64_t id = 0;
  int64_t client_id = 0;
  int64_t project_id = 0;
  Date entry_date{};
  std::optional<Date> exit_date;
  std::optional<int64_t> referral_id;
  std::string household_id;
  int relationship_to_hoh = 1;  // HUD 3.15: 1 = self (head of household)
  int64_t version = 0;

  bool operator==(const Enrollment&) const = default;
};

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  bool active = true;
  int64_t version = 0;
  // Set by an administrator's password reset: the next session may only choose a new password.
  bool must_change_password = false;
  // Unused for longer than the server's inactivity limit (60 days): signing in is refused until an
  // administrator unlocks the account (HMIS user agreements). The server works it out when it reads the user.
  bool locked = false;
  std::optional<std::string> last_sign_in_at = std::nullopt;  // UTC ISO timestamp; nullopt: never signed in

  bool operator==(const User&) const = default;
};

// One (organization, workgroup) pair a user may act in; the Settings sidebar lists these.
struct Membership {
  int64_t organization_id = 0;
  std::string organization_name;
  Workgroup workgroup = Workgroup::hmis_user;

  bool operator==(const Membership&) const = default;
};

// Who changed what and when: one row per change, with the record before and after.
struct AuditEntry {
  int64_t id = 0;
  std::string at;  // UTC ISO timestamp, e.g. "2025-05-01T14:03:00Z"
  int64_t user_id = 0;
  std::string user_name;
  int64_t organization_id = 0;
  Workgroup workgroup = Workgroup::hmis_user;
  std::string entity;  // "referral", "client", ...
  int64_t entity_id = 0;
  std::string action;  // "create", "acknowledge", ...
  nlohmann::json before;  // null when created
  nlohmann::json after;   // null when deleted

  bool operator==(const AuditEntry&) const = default;
};

}  // namespace waypoint
