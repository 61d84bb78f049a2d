// The JSON wire format: entities and requests survive a round trip, and malformed documents give field errors
// (never exceptions), kept apart from rule violations.
#include <doctest/doctest.h>

#include "shared/json_mapping.hpp"
#include "shared/validation.hpp"

using namespace waypoint;
using nlohmann::json;

namespace {

Referral full_referral() {
  Referral referral;
  referral.id = 42;
  referral.client_id = 7;
  referral.from_project_id = 100;
  referral.to_project_id = 200;
  referral.referral_date = make_date(2025, 5, 1);
  referral.note = "Needs RRH — “urgent”";
  referral.status = ReferralStatus::resolved;
  referral.date_acknowledged = make_date(2025, 5, 2);
  referral.appointment_date = make_date(2025, 5, 5);
  referral.result_date = make_date(2025, 5, 6);
  referral.result = ReferralResult::services_provided;
  referral.comments = "Enrolled";
  referral.return_reason = "";
  referral.cancel_reason = "";
  referral.created_by_user_id = 3;
  referral.version = 4;
  referral.from_project_name = "Simpson - ES";
  referral.to_project_name = "Avivo - RRH - Homeless Prevention Pilot";
  referral.from_organization_id = 10;
  referral.to_organization_id = 20;
  referral.client_name = "Nguyễn, Đặng";
  return referral;
}

template <class T, class Parse>
void check_round_trip(const T& value, Parse parse) {
  json j = value;
  auto parsed = parse(j);
  REQUIRE(parsed.ok());
  CHECK(parsed.value() == value);
  // and through text, as it travels
  auto reparsed = parse_json_text(j.dump());
  REQUIRE(reparsed.ok());
  auto again = parse(reparsed.value());
  REQUIRE(again.ok());
  CHECK(again.value() == value);
}

}  // namespace

TEST_CASE("a referral is written with ISO dates, wire-name enums and null for what is missing") {
  Referral referral = full_referral();
  json j = referral;
  CHECK(j["referral_date"] == "2025-05-01");
  CHECK(j["status"] == "resolved");
  CHECK(j["result"] == "services_provided");
  CHECK(j["date_acknowledged"] == "2025-05-02");
  referral.result.reset();
  referral.result_date.reset();
  j = referral;
  CHECK(j["result"].is_null());
  CHECK(j["result_date"].is_null());
}

TEST_CASE("every entity survives a round trip") {
  check_round_trip(Organization{1, "Avivo - Hennepin County", 2}, parse_organization);
  check_round_trip(Project{5, 1, "Avivo - RRH", ProjectType::rapid_rehousing, 1}, parse_project);
  check_round_trip(Client{7, "José", "Nguyễn", make_date(1980, 2, 29), "1234", "2025-05-01T12:00:00Z", 3},
                   parse_client);
  check_round_trip(Client{8, "Hawo", "O'Brien", std::nullopt, std::nullopt, "", 1}, parse_client);
  check_round_trip(full_referral(), parse_referral);
  Referral minimal;
  minimal.referral_date = make_date(2025, 5, 1);
  check_round_trip(minimal, parse_referral);
  check_round_trip(Enrollment{9, 7, 200, make_date(2025, 5, 7), make_date(2025, 6, 1), 42, "H-9", 1, 1},
                   parse_enrollment);
  check_round_trip(Enrollment{9, 7, 200, make_date(2025, 5, 7), std::nullopt, std::nullopt, "", 2, 1},
                   parse_enrollment);
  check_round_trip(User{3, "ana.lee", "Ana Lee", false, 2}, parse_user);
  check_round_trip(User{4, "omar", "Omar Outreach", true, 5, true, true, "2025-05-01T14:03:00Z"}, parse_user);
  check_round_trip(Membership{20, "Avivo", Workgroup::cas_admin}, parse_membership);
  check_round_trip(AuditEntry{1, "2025-05-01T14:03:00Z", 3, "Ana Lee", 20, Workgroup::hmis_user, "referral", 42,
                              "acknowledge", json{{"status", "pending"}}, json{{"status", "acknowledged"}}},
                   parse_audit_entry);
  check_round_trip(AuditEntry{}, parse_audit_entry);
}

TEST_CASE("every request survives a round trip") {
  check_round_trip(AcknowledgeRequest{"2025-05-02", 3}, parse_acknowledge_request);
  check_round_trip(OutcomeRequest{"2025-05-05", "2025-05-06", "no_show", "Called twice", 4}, parse_outcome_request);
  check_round_trip(ReturnRequest{"Wrong program", 2}, parse_return_request);
  check_round_trip(ReassignRequest{300, 5}, parse_reassign_request);
  check_round_trip(CancelRequest{"Moved away", 1}, parse_cancel_request);
  check_round_trip(ReopenRequest{"Entered in error", 6}, parse_reopen_request);
  check_round_trip(NewReferralRequest{7, 100, 200, "2025-05-01", "note"}, parse_new_referral_request);
  check_round_trip(NewClientRequest{"Björk", "Guðmundsdóttir", "1965-11-21", ""}, parse_new_client_request);
  check_round_trip(ClientPatch{"Anne-Marie", "O'Brien", "", "1234", 2}, parse_client_patch);
  check_round_trip(NewEnrollmentRequest{7, 200, "2025-05-07", 42}, parse_new_enrollment_request);
  check_round_trip(NewEnrollmentRequest{7, 200, "2025-05-07", std::nullopt}, parse_new_enrollment_request);
  check_round_trip(SignInRequest{"ana", "correct horse battery"}, parse_sign_in_request);
  check_round_trip(PasswordChangeRequest{"waypoint-demo", "plaid gecko saxophone tundra"},
                   parse_password_change_request);
  check_round_trip(PasswordResetRequest{"maple quartz ferry dune"}, parse_password_reset_request);
  check_round_trip(ContextRequest{20, "agency_admin"}, parse_context_request);
  check_round_trip(NewUserRequest{"ana", "correct horse battery", "Ana", {{20, "hmis_user"}, {30, "cas_admin"}}},
                   parse_new_user_request);
}

TEST_CASE("a wrong type is a field error, not an exception") {
  auto parsed = parse_outcome_request(json{{"appointment_date", 20250505}, {"result", true}, {"version", "3"}});
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error() == FieldErrors{{"appointment_date", "must be a string"},
                                      {"result", "must be a string"},
                                      {"version", "must be a whole number"}});
}

TEST_CASE("a missing required key is a field error") {
  auto parsed = parse_acknowledge_request(json::object());
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error() == FieldErrors{{"date_acknowledged", "is required"}, {"version", "is required"}});
}

TEST_CASE("null is not accepted for a required key") {
  auto parsed = parse_reassign_request(json{{"project_id", nullptr}, {"version", 1}});
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().at("project_id") == "must be a whole number");
}

TEST_CASE("optional request fields may be missing or null") {
  auto parsed = parse_outcome_request(json{{"result_date", nullptr}, {"version", 3}});
  REQUIRE(parsed.ok());
  CHECK(parsed.value().result_date.empty());
  CHECK(parsed.value().comments.empty());
  auto client = parse_new_client_request(json{{"first_name", "Ana"}, {"last_name", "Lee"}, {"ssn_last4", nullptr}});
  REQUIRE(client.ok());
  CHECK(client.value().ssn_last4.empty());
}

TEST_CASE("shape errors and rule violations are kept apart") {
  // Well-formed JSON with an impossible date parses fine: the date is a rule violation for validation (422).
  auto parsed = parse_acknowledge_request(json{{"date_acknowledged", "2025-02-30"}, {"version", 1}});
  REQUIRE(parsed.ok());
  Referral referral;
  referral.referral_date = make_date(2025, 1, 1);
  CHECK(validate_acknowledge(parsed.value(), referral, make_date(2025, 5, 20)).count("date_acknowledged"));
}

TEST_CASE("a body that is not an object or not JSON is reported under body") {
  CHECK(parse_sign_in_request(json::array()).error() == FieldErrors{{"body", "must be a JSON object"}});
  CHECK(parse_sign_in_request(json("ana")).error() == FieldErrors{{"body", "must be a JSON object"}});
  CHECK(parse_json_text("{\"username\": ").error() == FieldErrors{{"body", "must be valid JSON"}});
  CHECK(parse_json_text("").error() == FieldErrors{{"body", "must be valid JSON"}});
  CHECK(parse_json_text("{\"a\": \"\xFF\"}").error() == FieldErrors{{"body", "must be valid JSON"}});
}

TEST_CASE("ids must be whole numbers that fit") {
  CHECK(parse_reassign_request(json{{"project_id", 3.5}, {"version", 1}}).error().at("project_id") ==
        "must be a whole number");
  CHECK(parse_reassign_request(json{{"project_id", 18446744073709551615ULL}, {"version", 1}}).error().at(
            "project_id") == "must be a whole number");
  CHECK(parse_reassign_request(json{{"project_id", -1}, {"version", 1}}).ok());
}

TEST_CASE("entity dates must be strict ISO dates") {
  json j = full_referral();
  j["referral_date"] = "05/01/2025";
  j["date_acknowledged"] = "2025-02-30";
  auto parsed = parse_referral(j);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().at("referral_date") == "must be a date like 2025-05-01");
  CHECK(parsed.error().at("date_acknowledged") == "must be a date like 2025-05-01");
}

TEST_CASE("entity enums must be wire names") {
  json j = full_referral();
  j["status"] = "Resolved";
  j["result"] = 1;
  auto parsed = parse_referral(j);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().at("status") == "must be one of pending, acknowledged, resolved, returned, cancelled");
  CHECK(parsed.error().at("result") ==
        "must be one of services_provided, information_only, rejected, no_show");
}

TEST_CASE("a referral's display fields may be absent") {
  json j = full_referral();
  for (auto key : {"from_project_name", "to_project_name", "from_organization_id", "to_organization_id", "client_name"})
    j.erase(key);
  auto parsed = parse_referral(j);
  REQUIRE(parsed.ok());
  CHECK(parsed.value().client_name.empty());
  CHECK(parsed.value().to_organization_id == 0);
}

TEST_CASE("a list of entities is parsed item by item with indexed errors") {
  json list = json::array({full_referral(), full_referral()});
  auto parsed = parse_list(list, parse_referral);
  REQUIRE(parsed.ok());
  CHECK(parsed.value().size() == 2);
  list[1]["status"] = 3;
  auto broken = parse_list(list, parse_referral);
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().count("[1].status"));
  CHECK(parse_list(json::object(), parse_referral).error() == FieldErrors{{"body", "must be a JSON array"}});
}

TEST_CASE("nested membership errors name the item") {
  json j = NewUserRequest{"ana", "correct horse battery", "Ana", {{20, "hmis_user"}}};
  j["memberships"].push_back(json{{"organization_id", "20"}});
  j["memberships"].push_back(5);
  auto parsed = parse_new_user_request(j);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error() == FieldErrors{{"memberships[1].organization_id", "must be a whole number"},
                                      {"memberships[1].workgroup", "is required"},
                                      {"memberships[2]", "must be a JSON object"}});
  j["memberships"] = "hmis_user";
  CHECK(parse_new_user_request(j).error() == FieldErrors{{"memberships", "must be a list"}});
}

TEST_CASE("a client carries its name data quality; one from before the field has a full name") {
  Client street{301, "Blue Jacket", "", std::nullopt, std::nullopt, "", 1,
                NameDataQuality::partial_street_or_code_name};
  check_round_trip(street, parse_client);
  json j = street;
  CHECK(j["name_data_quality"] == "partial_street_or_code_name");
  j.erase("name_data_quality");
  CHECK(parse_client(j).value().name_data_quality == NameDataQuality::full_name);
  j["name_data_quality"] = 2;  // HUD's code is not the wire name
  CHECK(parse_client(j).error().count("name_data_quality") == 1);

  check_round_trip(NewClientRequest{"Blue Jacket 2", "", "", "", "partial_street_or_code_name"},
                   parse_new_client_request);
  json request = {{"first_name", "Ana"}, {"last_name", "Lima"}};
  CHECK(parse_new_client_request(request).value().name_data_quality == "full_name");
  request["name_data_quality"] = nullptr;
  CHECK(parse_new_client_request(request).value().name_data_quality == "full_name");
  request["name_data_quality"] = "whatever";  // a string: whether it is a quality is validation's (422)
  CHECK(parse_new_client_request(request).value().name_data_quality == "whatever");
  request["name_data_quality"] = true;
  CHECK(parse_new_client_request(request).error() == FieldErrors{{"name_data_quality", "must be a string"}});
  check_round_trip(ClientPatch{"Sparrow", "", "", "", 4, "partial_street_or_code_name"}, parse_client_patch);
}

TEST_CASE("a user patch reads only the fields present and refuses keys it cannot change") {
  UserPatch patch;
  patch.version = 3;
  check_round_trip(patch, parse_user_patch);
  patch.display_name = "Omar O. Outreach";
  patch.active = false;
  patch.locked = false;
  patch.memberships = std::vector<ContextRequest>{{6, "hmis_user"}, {7, "cas_admin"}};
  check_round_trip(patch, parse_user_patch);
  CHECK(json(UserPatch{std::nullopt, true, std::nullopt, std::nullopt, 2}) == json{{"active", true}, {"version", 2}});

  auto empty_list = parse_user_patch(json{{"memberships", json::array()}, {"version", 1}});
  REQUIRE(empty_list.ok());  // a shape that reads: that it is empty is the validator's 422
  CHECK(empty_list.value().memberships == std::vector<ContextRequest>{});

  CHECK(parse_user_patch(json{{"display_name", "x"}}).error() == FieldErrors{{"version", "is required"}});
  auto refused = parse_user_patch(json{{"password", "x"}, {"username", "y"}, {"version", 1}});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().at("password") ==
        "cannot be changed here: reset a password with POST /api/users/{id}/password");
  CHECK(refused.error().count("username") == 1);
  auto types = parse_user_patch(json{{"display_name", 5}, {"active", "yes"}, {"locked", nullptr},
                                     {"memberships", {{{"organization_id", "6"}}}}, {"version", 1}});
  REQUIRE_FALSE(types.ok());
  CHECK(types.error() == FieldErrors{{"display_name", "must be a string"},
                                     {"active", "must be true or false"},
                                     {"memberships[0].organization_id", "must be a whole number"},
                                     {"memberships[0].workgroup", "is required"}});
  CHECK(parse_user_patch(json{{"memberships", "all"}, {"version", 1}}).error() ==
        FieldErrors{{"memberships", "must be a list"}});
}

TEST_CASE("enums are written as wire names wherever they appear") {
  CHECK(json(Workgroup::cas_admin) == "cas_admin");
  CHECK(json(ProjectType::coordinated_entry) == "coordinated_entry");
  CHECK(json(ReferralResult::no_show) == "no_show");
  CHECK(json(ReferralStatus::returned) == "returned");
}
