// The closed vocabularies of the domain: workgroups (roles), referral status and result, HUD project types, HUD
// Name Data Quality.
// Each has a wire name (JSON, SQLite, URLs; stable, snake_case), a display label (what a person reads, matching the
// seed's wording) and an all_*() list in display order for dropdowns.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace waypoint {

// The role a user is acting in, picked with the organization in the Settings sidebar.
enum class Workgroup { hmis_user, agency_admin, cas_admin, system_admin };

enum class ReferralStatus { pending, acknowledged, resolved, returned, cancelled };

// The four outcomes of a non-CE referral (seed 000, "Outcome Information").
enum class ReferralResult { services_provided, information_only, rejected, no_show };

// HUD project types (HMIS Data Standards FY2024, element 2.02.6).
enum class ProjectType {
  emergency_shelter,
  transitional_housing,
  rapid_rehousing,
  permanent_supportive_housing,
  street_outreach,
  services_only,
  coordinated_entry,
  homelessness_prevention,
  other_permanent_housing,
  day_shelter,
  safe_haven,
  other,
};

// HUD 3.01 Name Data Quality: how much of the client's name was recorded. Outreach knows many people only by a street
// or code name ("Blue Jacket 2"); without a name at all (8, 9, 99) the record is found by its Client ID.
enum class NameDataQuality {
  full_name,                     // 1 Full name reported
  partial_street_or_code_name,   // 2 Partial, street, or code name reported
  client_doesnt_know,            // 8 Client doesn't know
  client_prefers_not_to_answer,  // 9 Client prefers not to answer
  data_not_collected,            // 99 Data not collected
};

std::string_view to_string(Workgroup value);
std::string_view to_string(ReferralStatus value);
std::string_view to_string(ReferralResult value);
std::string_view to_string(ProjectType value);
std::string_view to_string(NameDataQuality value);

std::string_view label(Workgroup value);       // "HMIS User", "CAS Admin", ...
std::string_view label(ReferralStatus value);  // "Pending", ...
std::string_view label(ReferralResult value);  // "Services Provided", ...
std::string_view label(ProjectType value);     // "Rapid Re-Housing", ...
std::string_view label(NameDataQuality value); // "Full name reported", ...

// From the wire name; nullopt for anything else (case-sensitive, no labels).
std::optional<Workgroup> parse_workgroup(std::string_view wire);
std::optional<ReferralStatus> parse_referral_status(std::string_view wire);
std::optional<ReferralResult> parse_referral_result(std::string_view wire);
std::optional<ProjectType> parse_project_type(std::string_view wire);
std::optional<NameDataQuality> parse_name_data_quality(std::string_view wire);

const std::vector<Workgroup>& all_workgroups();
const std::vector<ReferralStatus>& all_referral_statuses();
const std::vector<ReferralResult>& all_referral_results();
const std::vector<ProjectType>& all_project_types();
const std::vector<NameDataQuality>& all_name_data_qualities();

// HUD 2.02.6 numeric code, for HMIS CSV export. Where HUD splits a type (ES entry/exit 0 vs night-by-night 1,
// PH housing only 9 vs housing with services 10) we export the first code and accept both on import.
int hud_code(ProjectType value);
std::optional<ProjectType> project_type_from_hud_code(int code);
// HUD 3.01 codes: 1, 2, 8, 9, 99.
int hud_code(NameDataQuality value);
std::optional<NameDataQuality> name_data_quality_from_hud_code(int code);

}  // namespace waypoint
