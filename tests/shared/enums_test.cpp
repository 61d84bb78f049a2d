// Wire names, labels and dropdown lists of the domain's enums, and HUD project type codes.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "shared/enums.hpp"

using namespace waypoint;

TEST_CASE("every workgroup round-trips through its wire name") {
  CHECK(all_workgroups().size() == 4);
  for (Workgroup value : all_workgroups()) CHECK(parse_workgroup(to_string(value)) == value);
}

TEST_CASE("every referral status round-trips through its wire name") {
  CHECK(all_referral_statuses().size() == 5);
  for (ReferralStatus value : all_referral_statuses()) CHECK(parse_referral_status(to_string(value)) == value);
}

TEST_CASE("every referral result round-trips through its wire name") {
  CHECK(all_referral_results().size() == 4);
  for (ReferralResult value : all_referral_results()) CHECK(parse_referral_result(to_string(value)) == value);
}

TEST_CASE("every project type round-trips through its wire name") {
  CHECK(all_project_types().size() == 12);
  for (ProjectType value : all_project_types()) CHECK(parse_project_type(to_string(value)) == value);
}

TEST_CASE("Name Data Quality has HUD 3.01's five answers, codes and words") {
  CHECK(all_name_data_qualities().size() == 5);
  std::vector<int> codes;
  for (NameDataQuality value : all_name_data_qualities()) {
    CHECK(parse_name_data_quality(to_string(value)) == value);
    CHECK(name_data_quality_from_hud_code(hud_code(value)) == value);
    codes.push_back(hud_code(value));
  }
  CHECK(codes == std::vector<int>{1, 2, 8, 9, 99});
  CHECK(label(NameDataQuality::partial_street_or_code_name) == "Partial, street, or code name reported");
  CHECK(label(NameDataQuality::client_doesnt_know) == "Client doesn't know");
  CHECK(all_name_data_qualities().front() == NameDataQuality::full_name);  // the dropdown's usual answer first
  CHECK_FALSE(name_data_quality_from_hud_code(3));
  CHECK_FALSE(parse_name_data_quality("Full name reported"));
}

TEST_CASE("wire names are snake_case and unique") {
  std::set<std::string> names;
  auto check_name = [&](std::string_view name) {
    CHECK(names.insert(std::string(name)).second);
    for (char c : name) CHECK(((c >= 'a' && c <= 'z') || c == '_'));
  };
  for (auto value : all_project_types()) check_name(to_string(value));
  names.clear();
  for (auto value : all_referral_results()) check_name(to_string(value));
  names.clear();
  for (auto value : all_name_data_qualities()) check_name(to_string(value));
}

TEST_CASE("wire names are the documented ones") {
  CHECK(to_string(Workgroup::hmis_user) == "hmis_user");
  CHECK(to_string(Workgroup::system_admin) == "system_admin");
  CHECK(to_string(ReferralStatus::acknowledged) == "acknowledged");
  CHECK(to_string(ReferralResult::services_provided) == "services_provided");
  CHECK(to_string(ReferralResult::no_show) == "no_show");
  CHECK(to_string(ProjectType::rapid_rehousing) == "rapid_rehousing");
}

TEST_CASE("labels use the seed's wording") {
  CHECK(label(Workgroup::hmis_user) == "HMIS User");
  CHECK(label(Workgroup::agency_admin) == "Agency Admin");
  CHECK(label(Workgroup::cas_admin) == "CAS Admin");
  CHECK(label(Workgroup::system_admin) == "System Admin");
  CHECK(label(ReferralStatus::pending) == "Pending");
  CHECK(label(ReferralStatus::acknowledged) == "Acknowledged");
  CHECK(label(ReferralStatus::resolved) == "Resolved");
  CHECK(label(ReferralStatus::returned) == "Returned");
  CHECK(label(ReferralStatus::cancelled) == "Cancelled");
  CHECK(label(ReferralResult::services_provided) == "Services Provided");
  CHECK(label(ReferralResult::information_only) == "Information Only");
  CHECK(label(ReferralResult::rejected) == "Rejected");
  CHECK(label(ReferralResult::no_show) == "No Show");
  CHECK(label(ProjectType::rapid_rehousing) == "Rapid Re-Housing");
  CHECK(label(ProjectType::permanent_supportive_housing) == "Permanent Supportive Housing");
}

TEST_CASE("the dropdown list of results is in the seed's order") {
  const auto& results = all_referral_results();
  REQUIRE(results.size() == 4);
  CHECK(results[0] == ReferralResult::services_provided);
  CHECK(results[1] == ReferralResult::information_only);
  CHECK(results[2] == ReferralResult::rejected);
  CHECK(results[3] == ReferralResult::no_show);
}

TEST_CASE("unknown wire names, labels and other casings are not parsed") {
  CHECK_FALSE(parse_workgroup("HMIS User"));
  CHECK_FALSE(parse_workgroup("HMIS_USER"));
  CHECK_FALSE(parse_workgroup(""));
  CHECK_FALSE(parse_referral_status("open"));
  CHECK_FALSE(parse_referral_result("Services Provided"));
  CHECK_FALSE(parse_project_type("rrh"));
}

TEST_CASE("project types map to HUD 2.02.6 codes") {
  CHECK(hud_code(ProjectType::emergency_shelter) == 0);
  CHECK(hud_code(ProjectType::transitional_housing) == 2);
  CHECK(hud_code(ProjectType::permanent_supportive_housing) == 3);
  CHECK(hud_code(ProjectType::street_outreach) == 4);
  CHECK(hud_code(ProjectType::services_only) == 6);
  CHECK(hud_code(ProjectType::other) == 7);
  CHECK(hud_code(ProjectType::safe_haven) == 8);
  CHECK(hud_code(ProjectType::other_permanent_housing) == 9);
  CHECK(hud_code(ProjectType::day_shelter) == 11);
  CHECK(hud_code(ProjectType::homelessness_prevention) == 12);
  CHECK(hud_code(ProjectType::rapid_rehousing) == 13);
  CHECK(hud_code(ProjectType::coordinated_entry) == 14);
}

TEST_CASE("HUD codes map back to project types, including the split ones") {
  for (ProjectType value : all_project_types()) CHECK(project_type_from_hud_code(hud_code(value)) == value);
  CHECK(project_type_from_hud_code(1) == ProjectType::emergency_shelter);
  CHECK(project_type_from_hud_code(10) == ProjectType::other_permanent_housing);
  CHECK_FALSE(project_type_from_hud_code(5));
  CHECK_FALSE(project_type_from_hud_code(15));
  CHECK_FALSE(project_type_from_hud_code(-1));
}
