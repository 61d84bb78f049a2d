// One table per enum: value, wire name, label. The tables are the single source of truth for every function here.
#include "shared/enums.hpp"

#include <array>

namespace waypoint {

namespace {

template <class E>
struct Entry {
  E value;
  std::string_view wire;
  std::string_view label;
};

constexpr std::array<Entry<Workgroup>, 4> kWorkgroups{{
    {Workgroup::hmis_user, "hmis_user", "HMIS User"},
    {Workgroup::agency_admin, "agency_admin", "Agency Admin"},
    {Workgroup::cas_admin, "cas_admin", "CAS Admin"},
    {Workgroup::system_admin, "system_admin", "System Admin"},
}};

constexpr std::array<Entry<ReferralStatus>, 5> kStatuses{{
    {ReferralStatus::pending, "pending", "Pending"},
    {ReferralStatus::acknowledged, "acknowledged", "Acknowledged"},
    {ReferralStatus::resolved, "resolved", "Resolved"},
    {ReferralStatus::returned, "returned", "Returned"},
    {ReferralStatus::cancelled, "cancelled", "Cancelled"},
}};

constexpr std::array<Entry<ReferralResult>, 4> kResults{{
    {ReferralResult::services_provided, "services_provided", "Services Provided"},
    {ReferralResult::information_only, "information_only", "Information Only"},
    {ReferralResult::rejected, "rejected", "Rejected"},
    {ReferralResult::no_show, "no_show", "No Show"},
}};

constexpr std::array<Entry<ProjectType>, 12> kProjectTypes{{
    {ProjectType::emergency_shelter, "emergency_shelter", "Emergency Shelter"},
    {ProjectType::transitional_housing, "transitional_housing", "Transitional Housing"},
    {ProjectType::rapid_rehousing, "rapid_rehousing", "Rapid Re-Housing"},
    {ProjectType::permanent_supportive_housing, "permanent_supportive_housing", "Permanent Supportive Housing"},
    {ProjectType::street_outreach, "street_outreach", "Street Outreach"},
    {ProjectType::services_only, "services_only", "Services Only"},
    {ProjectType::coordinated_entry, "coordinated_entry", "Coordinated Entry"},
    {ProjectType::homelessness_prevention, "homelessness_prevention", "Homelessness Prevention"},
    {ProjectType::other_permanent_housing, "other_permanent_housing", "Other Permanent Housing"},
    {ProjectType::day_shelter, "day_shelter", "Day Shelter"},
    {ProjectType::safe_haven, "safe_haven", "Safe Haven"},
    {ProjectType::other, "other", "Other"},
}};

struct NameQualityRow {
  NameDataQuality value;
  std::string_view wire;
  std::string_view label;  // HUD's words
  int hud_code;
};

constexpr std::array<NameQualityRow, 5> kNameQualities{{
    {NameDataQuality::full_name, "full_name", "Full name reported", 1},
    {NameDataQuality::partial_street_or_code_name, "partial_street_or_code_name",
     "Partial, street, or code name reported", 2},
    {NameDataQuality::client_doesnt_know, "client_doesnt_know", "Client doesn't know", 8},
    {NameDataQuality::client_prefers_not_to_answer, "client_prefers_not_to_answer", "Client prefers not to answer", 9},
    {NameDataQuality::data_not_collected, "data_not_collected", "Data not collected", 99},
}};

struct HudCode {
  int code;
  ProjectType value;
};

// Ordered so the first row for a type is the code we export.
constexpr std::array<HudCode, 14> kHudCodes{{
    {0, ProjectType::emergency_shelter},
    {1, ProjectType::emergency_shelter},
    {2, ProjectType::transitional_housing},
    {3, ProjectType::permanent_supportive_housing},
    {4, ProjectType::street_outreach},
    {6, ProjectType::services_only},
    {7, ProjectType::other},
    {8, ProjectType::safe_haven},
    {9, ProjectType::other_permanent_housing},
    {10, ProjectType::other_permanent_housing},
    {11, ProjectType::day_shelter},
    {12, ProjectType::homelessness_prevention},
    {13, ProjectType::rapid_rehousing},
    {14, ProjectType::coordinated_entry},
}};

const NameQualityRow& find(NameDataQuality value) {
  for (const auto& row : kNameQualities) {
    if (row.value == value) return row;
  }
  return kNameQualities[0];  // unreachable for a valid enum value
}

template <class E, std::size_t N>
const Entry<E>& find(const std::array<Entry<E>, N>& table, E value) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry;
  }
  return table[0];  // unreachable for a valid enum value
}

template <class E, std::size_t N>
std::optional<E> parse(const std::array<Entry<E>, N>& table, std::string_view wire) {
  for (const auto& entry : table) {
    if (entry.wire == wire) return entry.value;
  }
  return std::nullopt;
}

template <class E, std::size_t N>
std::vector<E> values(const std::array<Entry<E>, N>& table) {
  std::vector<E> out;
  for (const auto& entry : table) out.push_back(entry.value);
  return out;
}

}  // namespace

std::string_view to_string(Workgroup value) { return find(kWorkgroups, value).wire; }
std::string_view to_string(ReferralStatus value) { return find(kStatuses, value).wire; }
std::string_view to_string(ReferralResult value) { return find(kResults, value).wire; }
std::string_view to_string(ProjectType value) { return find(kProjectTypes, value).wire; }
std::string_view to_string(NameDataQuality value) { return find(value).wire; }

std::string_view label(Workgroup value) { return find(kWorkgroups, value).label; }
std::string_view label(ReferralStatus value) { return find(kStatuses, value).label; }
std::string_view label(ReferralResult value) { return find(kResults, value).label; }
std::string_view label(ProjectType value) { return find(kProjectTypes, value).label; }
std::string_view label(NameDataQuality value) { return find(value).label; }

std::optional<Workgroup> parse_workgroup(std::string_view wire) { return parse(kWorkgroups, wire); }
std::optional<ReferralStatus> parse_referral_status(std::string_view wire) { return parse(kStatuses, wire); }
std::optional<ReferralResult> parse_referral_result(std::string_view wire) { return parse(kResults, wire); }
std::optional<ProjectType> parse_project_type(std::string_view wire) { return parse(kProjectTypes, wire); }
std::optional<NameDataQuality> parse_name_data_quality(std::string_view wire) {
  for (const auto& row : kNameQualities) {
    if (row.wire == wire) return row.value;
  }
  return std::nullopt;
}

const std::vector<Workgroup>& all_workgroups() {
  static const std::vector<Workgroup> all = values(kWorkgroups);
  return all;
}
const std::vector<ReferralStatus>& all_referral_statuses() {
  static const std::vector<ReferralStatus> all = values(kStatuses);
  return all;
}
const std::vector<ReferralResult>& all_referral_results() {
  static const std::vector<ReferralResult> all = values(kResults);
  return all;
}
const std::vector<ProjectType>& all_project_types() {
  static const std::vector<ProjectType> all = values(kProjectTypes);
  return all;
}

const std::vector<NameDataQuality>& all_name_data_qualities() {
  static const std::vector<NameDataQuality> all = [] {
    std::vector<NameDataQuality> out;
    for (const auto& row : kNameQualities) out.push_back(row.value);
    return out;
  }();
  return all;
}

int hud_code(ProjectType value) {
  for (const auto& row : kHudCodes) {
    if (row.value == value) return row.code;
  }
  return 7;  // "Other"; unreachable for a valid enum value
}

std::optional<ProjectType> project_type_from_hud_code(int code) {
  for (const auto& row : kHudCodes) {
    if (row.code == code) return row.value;
  }
  return std::nullopt;
}

int hud_code(NameDataQuality value) { return find(value).hud_code; }

std::optional<NameDataQuality> name_data_quality_from_hud_code(int code) {
  for (const auto& row : kNameQualities) {
    if (row.hud_code == code) return row.value;
  }
  return std::nullopt;
}

}  // namespace waypoint
