// The closed vocabularies of the domain: workgroups (roles), referral status and result, HUD project types.
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

std::string_view to_string(Workgroup value);
std::string_view to_string(ReferralStatus value);
std::string_view to_string(ReferralResult value);
std::string_view to_string(ProjectType value);

std::string_view label(Workgroup value);       // "HMIS User", "CAS Admin", ...
std::string_view label(ReferralStatus value);  // "Pending", ...
std::string_view label(ReferralResult value);  // "Services Provided", ...
std::string_view label(ProjectType value);     // "Rapid Re-Housing", ...

// From the wire name; nullopt for anything else (case-sensitive, no labels).
std::optional<Workgroup> parse_workgroup(std::string_view wire);
std::optional<ReferralStatus> parse_referral_status(std::string_view wire);
std::optional<ReferralResult> parse_referral_result(std::string_view wire);
std::optional<ProjectType> parse_project_type(std::string_view wire);

const std::vector<Workgroup>& all_workgroups();
const std::vector<ReferralStatus>& all_referral_statuses();
const std::vector<ReferralResult>& all_referral_results();
const std::vector<ProjectType>& all_project_types();

// HUD 2.02.6 numeric code, for HMIS CSV export. Where HUD splits a type (ES entry/exit 0 vs night-by-night 1,
// PH housing only 9 vs housing with services 10) we export the first code and accept both on import.
int hud_code(ProjectType value);
std::optional<ProjectType> project_type_from_hud_code(int code);

}  // namespace waypoint
