// Field rules of every request: each rule has a test named after the behaviour, and a full form reports every
// problem at once.
#include <doctest/doctest.h>

#include <string>

#include "shared/validation.hpp"

using namespace waypoint;

namespace {

const Date kToday = make_date(2025, 5, 20);

Referral pending_referral() {
  Referral referral;
  referral.id = 1;
  referral.client_id = 7;
  referral.from_project_id = 100;
  referral.to_project_id = 200;
  referral.referral_date = make_date(2025, 5, 1);
  return referral;
}

Referral acknowledged_referral() {
  Referral referral = pending_referral();
  referral.status = ReferralStatus::acknowledged;
  referral.date_acknowledged = make_date(2025, 5, 3);
  return referral;
}

OutcomeRequest outcome(std::string appointment, std::string result_date, std::string result,
                       std::string comments = "") {
  return OutcomeRequest{std::move(appointment), std::move(result_date), std::move(result), std::move(comments), 1};
}

std::string repeat(const std::string& text, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

NewClientRequest client(std::string first, std::string last, std::string birth = "", std::string ssn = "") {
  return NewClientRequest{std::move(first), std::move(last), std::move(birth), std::move(ssn)};
}

}  // namespace

// [SECTION] Acknowledge

TEST_CASE("an acknowledgement date between the referral date and today is accepted") {
  CHECK(validate_acknowledge({"2025-05-01", 1}, pending_referral(), kToday).empty());
  CHECK(validate_acknowledge({"2025-05-20", 1}, pending_referral(), kToday).empty());
  CHECK(validate_acknowledge({"05/10/2025", 1}, pending_referral(), kToday).empty());
}

TEST_CASE("a missing acknowledgement date is asked for") {
  auto errors = validate_acknowledge({"  ", 1}, pending_referral(), kToday);
  CHECK(errors == FieldErrors{{"date_acknowledged", "Enter the date the referral was acknowledged"}});
}

TEST_CASE("an impossible acknowledgement date is rejected") {
  auto errors = validate_acknowledge({"2025-02-30", 1}, pending_referral(), kToday);
  CHECK(errors.at("date_acknowledged") == "Enter a real date, for example 05/01/2025");
  CHECK(validate_acknowledge({"yesterday", 1}, pending_referral(), kToday).count("date_acknowledged"));
}

TEST_CASE("an acknowledgement date before the referral date is rejected") {
  auto errors = validate_acknowledge({"2025-04-30", 1}, pending_referral(), kToday);
  CHECK(errors.at("date_acknowledged") == "Date acknowledged must be on or after the referral date (2025-05-01)");
}

TEST_CASE("an acknowledgement date in the future is rejected") {
  auto errors = validate_acknowledge({"2025-05-21", 1}, pending_referral(), kToday);
  CHECK(errors.at("date_acknowledged") == "Date acknowledged cannot be in the future");
}

// [SECTION] Outcome

TEST_CASE("a complete outcome is accepted") {
  CHECK(validate_outcome(outcome("2025-05-05", "2025-05-06", "services_provided", "Met"), acknowledged_referral(),
                         kToday)
            .empty());
}

TEST_CASE("an outcome may record only the appointment date") {
  CHECK(validate_outcome(outcome("2025-05-05", "", ""), acknowledged_referral(), kToday).empty());
}

TEST_CASE("a result without an appointment date is accepted") {
  CHECK(validate_outcome(outcome("", "2025-05-06", "information_only"), acknowledged_referral(), kToday).empty());
}

TEST_CASE("a result date before the appointment date is rejected") {
  auto errors = validate_outcome(outcome("2025-05-10", "2025-05-09", "rejected"), acknowledged_referral(), kToday);
  CHECK(errors == FieldErrors{{"result_date", "Result date must be on or after the appointment date"}});
}

TEST_CASE("a result date on the appointment date is accepted") {
  CHECK(validate_outcome(outcome("2025-05-10", "2025-05-10", "no_show"), acknowledged_referral(), kToday).empty());
}

TEST_CASE("an appointment date before the acknowledgement date is rejected") {
  auto errors = validate_outcome(outcome("2025-05-02", "", ""), acknowledged_referral(), kToday);
  CHECK(errors.at("appointment_date") ==
        "Appointment date must be on or after the date acknowledged (2025-05-03)");
}

TEST_CASE("a result date before the acknowledgement date is rejected") {
  auto errors = validate_outcome(outcome("", "2025-05-02", "rejected"), acknowledged_referral(), kToday);
  CHECK(errors.at("result_date") == "Result date must be on or after the date acknowledged (2025-05-03)");
}

TEST_CASE("a result date in the future is rejected") {
  auto errors = validate_outcome(outcome("", "2025-05-21", "rejected"), acknowledged_referral(), kToday);
  CHECK(errors.at("result_date") == "Result date cannot be in the future");
}

TEST_CASE("a result needs a result date") {
  auto errors = validate_outcome(outcome("2025-05-05", "", "rejected"), acknowledged_referral(), kToday);
  CHECK(errors == FieldErrors{{"result_date", "Enter the result date"}});
}

TEST_CASE("a result date needs a result") {
  auto errors = validate_outcome(outcome("2025-05-05", "2025-05-06", ""), acknowledged_referral(), kToday);
  CHECK(errors == FieldErrors{{"result", "Choose a result"}});
}

TEST_CASE("a result must be one of the four outcomes") {
  auto errors = validate_outcome(outcome("", "2025-05-06", "accepted"), acknowledged_referral(), kToday);
  CHECK(errors.at("result") == "Choose Services Provided, Information Only, Rejected or No Show");
  for (auto result : {"services_provided", "information_only", "rejected", "no_show"}) {
    CHECK(validate_outcome(outcome("", "2025-05-06", result), acknowledged_referral(), kToday).empty());
  }
}

TEST_CASE("impossible outcome dates are rejected") {
  auto errors = validate_outcome(outcome("2025-02-30", "2023-02-29", "rejected"), acknowledged_referral(), kToday);
  CHECK(errors.at("appointment_date") == "Enter a real date, for example 05/01/2025");
  CHECK(errors.at("result_date") == "Enter a real date, for example 05/01/2025");
}

TEST_CASE("comments may be 4000 characters, counted as characters not bytes") {
  std::string accented = repeat("é", 4000);  // 8000 bytes
  CHECK(validate_outcome(outcome("", "", "", accented), acknowledged_referral(), kToday).empty());
  auto errors = validate_outcome(outcome("", "", "", accented + "a"), acknowledged_referral(), kToday);
  CHECK(errors.at("comments") == "Comments must be 4000 characters or fewer");
}

TEST_CASE("every outcome problem is reported at once") {
  auto errors = validate_outcome(outcome("2025-05-01", "2025-05-21", "maybe", repeat("x", 4001)),
                                 acknowledged_referral(), kToday);
  CHECK(errors.size() == 4);
  CHECK(errors.count("appointment_date"));
  CHECK(errors.count("result_date"));
  CHECK(errors.count("result"));
  CHECK(errors.count("comments"));
}

// [SECTION] Return, cancel, reopen, reassign

TEST_CASE("returning a referral needs a reason") {
  CHECK(validate_return({"", 1}) == FieldErrors{{"reason", "Enter the reason for returning the referral"}});
  CHECK(validate_return({" \t ", 1}).count("reason"));
  CHECK(validate_return({"Sent to the wrong program", 1}).empty());
}

TEST_CASE("cancelling a referral needs a reason") {
  CHECK(validate_cancel({"", 1}) == FieldErrors{{"reason", "Enter the reason for cancelling the referral"}});
  CHECK(validate_cancel({"Client housed elsewhere", 1}).empty());
}

TEST_CASE("reopening a referral needs a reason") {
  CHECK(validate_reopen({"", 1}) == FieldErrors{{"reason", "Enter the reason for reopening the referral"}});
}

TEST_CASE("a reason may be 1000 characters") {
  CHECK(validate_return({repeat("ß", 1000), 1}).empty());
  CHECK(validate_cancel({repeat("a", 1001), 1}) == FieldErrors{{"reason", "Reason must be 1000 characters or fewer"}});
}

TEST_CASE("a referral is reassigned to a different project") {
  Referral referral = pending_referral();
  CHECK(validate_reassign({300, 1}, referral).empty());
  CHECK(validate_reassign({0, 1}, referral) == FieldErrors{{"project_id", "Choose a project"}});
  CHECK(validate_reassign({200, 1}, referral).at("project_id") ==
        "Choose a project other than the one that returned the referral");
  CHECK(validate_reassign({100, 1}, referral).at("project_id") == "Choose a project other than the referring project");
}

// [SECTION] New referral

TEST_CASE("a new referral needs a client, two different projects and a referral date") {
  CHECK(validate_new_referral({7, 100, 200, "2025-05-01", ""}, kToday).empty());
  auto errors = validate_new_referral({0, 0, 0, "", ""}, kToday);
  CHECK(errors.at("client_id") == "Choose a client");
  CHECK(errors.at("from_project_id") == "Choose the referring project");
  CHECK(errors.at("to_project_id") == "Choose the project to refer the client to");
  CHECK(errors.at("referral_date") == "Enter the referral date");
}

TEST_CASE("a referral to the referring project itself is rejected") {
  auto errors = validate_new_referral({7, 100, 100, "2025-05-01", ""}, kToday);
  CHECK(errors == FieldErrors{{"to_project_id", "Choose a project other than the referring project"}});
}

TEST_CASE("a referral date in the future is rejected") {
  auto errors = validate_new_referral({7, 100, 200, "2025-05-21", ""}, kToday);
  CHECK(errors == FieldErrors{{"referral_date", "Referral date cannot be in the future"}});
}

TEST_CASE("a referral note may be 4000 characters") {
  CHECK(validate_new_referral({7, 100, 200, "2025-05-01", repeat("n", 4000)}, kToday).empty());
  CHECK(validate_new_referral({7, 100, 200, "2025-05-01", repeat("n", 4001)}, kToday).at("note") ==
        "Note must be 4000 characters or fewer");
}

// [SECTION] Clients

TEST_CASE("names with accents, apostrophes, hyphens and spaces are accepted") {
  CHECK(validate_client(client("José", "Nguyễn"), kToday).empty());
  CHECK(validate_client(client("Anne-Marie", "O'Brien"), kToday).empty());
  CHECK(validate_client(client("Hawo", "Xiong"), kToday).empty());
  CHECK(validate_client(client("Björk", "Guðmundsdóttir"), kToday).empty());
  CHECK(validate_client(client("Đặng Thị", "D’Angelo"), kToday).empty());
  CHECK(validate_client(client("Zoë", "李"), kToday).empty());
}

TEST_CASE("names are required") {
  auto errors = validate_client(client("", "  "), kToday);
  CHECK(errors.at("first_name") == "Enter the first name");
  CHECK(errors.at("last_name") == "Enter the last name");
}

TEST_CASE("names may be 100 characters") {
  CHECK(validate_client(client(repeat("é", 100), "Smith"), kToday).empty());
  CHECK(validate_client(client(repeat("a", 101), "Smith"), kToday).at("first_name") ==
        "First name must be 100 characters or fewer");
}

TEST_CASE("names with digits or symbols are rejected") {
  CHECK(validate_client(client("J0hn", "Smith"), kToday).at("first_name") ==
        "First name can only include letters, spaces, apostrophes and hyphens");
  CHECK(validate_client(client("John", "Smith!"), kToday).count("last_name"));
  CHECK(validate_client(client("John", "Sm\xF0\x9F\x98\x80th"), kToday).count("last_name"));
}

TEST_CASE("a name made only of punctuation is rejected") {
  CHECK(validate_client(client("--", "Smith"), kToday).at("first_name") == "First name must include at least one letter");
}

TEST_CASE("a date of birth is optional but must be real, not in the future and not before 1900") {
  CHECK(validate_client(client("Ana", "Lee", ""), kToday).empty());
  CHECK(validate_client(client("Ana", "Lee", "1900-01-01"), kToday).empty());
  CHECK(validate_client(client("Ana", "Lee", "2025-05-20"), kToday).empty());
  CHECK(validate_client(client("Ana", "Lee", "1899-12-31"), kToday).at("date_of_birth") ==
        "Date of birth must be on or after 01/01/1900");
  CHECK(validate_client(client("Ana", "Lee", "2025-05-21"), kToday).at("date_of_birth") ==
        "Date of birth cannot be in the future");
  CHECK(validate_client(client("Ana", "Lee", "1990-02-30"), kToday).at("date_of_birth") ==
        "Enter a real date, for example 05/01/2025");
}

TEST_CASE("the last 4 of the SSN must be exactly 4 digits when given") {
  CHECK(validate_client(client("Ana", "Lee", "", "1234"), kToday).empty());
  for (auto bad : {"123", "12345", "12a4", "-123"}) {
    CHECK(validate_client(client("Ana", "Lee", "", bad), kToday).at("ssn_last4") ==
          "Last 4 digits of SSN must be exactly 4 digits, for example 1234");
  }
}

TEST_CASE("a client edit follows the same rules as a new client") {
  CHECK(validate_client(ClientPatch{"José", "Nguyễn", "1980-01-01", "1234", 2}, kToday).empty());
  CHECK(validate_client(ClientPatch{"", "Nguyễn", "", "12", 2}, kToday).size() == 2);
}

TEST_CASE("a partial, street or code name may hold digits; a full name may not") {
  NewClientRequest request = client("Blue Jacket", "2");
  CHECK(validate_client(request, kToday).at("last_name") ==
        "Last name can only include letters, spaces, apostrophes and hyphens");
  request.name_data_quality = "partial_street_or_code_name";
  CHECK(validate_client(request, kToday).empty());
  request.first_name = "Blue Jacket 2";
  request.last_name = "";  // one name is enough to go by
  CHECK(validate_client(request, kToday).empty());
  request.first_name = "";
  request.last_name = "Sparrow";
  CHECK(validate_client(request, kToday).empty());
}

TEST_CASE("a partial name needs at least one name, of letters, digits, spaces, apostrophes and hyphens") {
  NewClientRequest request = client(" ", "", "", "");
  request.name_data_quality = "partial_street_or_code_name";
  CHECK(validate_client(request, kToday) ==
        FieldErrors{{"first_name", "Enter the name the client goes by, in the first name, the last name or both"}});
  request.first_name = "Tall Mike";
  request.last_name = "#3";
  CHECK(validate_client(request, kToday).at("last_name") ==
        "Last name can only include letters, numbers, spaces, apostrophes and hyphens");
  request.last_name = "--";
  CHECK(validate_client(request, kToday).at("last_name") == "Last name must include at least one letter or number");
  request.last_name = repeat("7", 101);
  CHECK(validate_client(request, kToday).at("last_name") == "Last name must be 100 characters or fewer");
}

TEST_CASE("without a name (doesn't know, prefers not to answer, not collected) both names stay blank") {
  for (const char* quality : {"client_doesnt_know", "client_prefers_not_to_answer", "data_not_collected"}) {
    INFO(quality);
    NewClientRequest request = client("", "", "1990-01-01", "");
    request.name_data_quality = quality;
    CHECK(validate_client(request, kToday).empty());
    request.last_name = "Blue Jacket";
    auto errors = validate_client(request, kToday);
    REQUIRE(errors.count("last_name") == 1);
    CHECK(errors.count("first_name") == 0);
    CHECK(errors.at("last_name").find("choose \"Partial, street, or code name reported\"") != std::string::npos);
  }
  NewClientRequest request = client("", "");
  request.name_data_quality = "client_doesnt_know";
  request.first_name = "Ana";
  CHECK(validate_client(request, kToday).at("first_name") ==
        "Leave the first name blank when Name Data Quality is \"Client doesn't know\", or choose \"Partial, street, "
        "or code name reported\"");
}

TEST_CASE("the name data quality must be one of HUD's; an unknown one is checked as a full name") {
  NewClientRequest request = client("Blue Jacket", "2");
  request.name_data_quality = "Partial";  // a label is not a wire name
  auto errors = validate_client(request, kToday);
  CHECK(errors.at("name_data_quality") == "Choose the name data quality");
  CHECK(errors.count("last_name") == 1);
  ClientPatch patch{"Blue Jacket", "2", "", "", 3, "partial_street_or_code_name"};
  CHECK(validate_client(patch, kToday).empty());
  patch.name_data_quality = "full_name";
  CHECK(validate_client(patch, kToday).count("last_name") == 1);
}

// [SECTION] Dates against the client

TEST_CASE("a referral dated before the client's birth is rejected at the referral date") {
  Client born;
  born.date_of_birth = make_date(2025, 5, 10);
  NewReferralRequest request{7, 100, 200, "05/09/2025", ""};
  CHECK(validate_new_referral(request, born, kToday) ==
        FieldErrors{{"referral_date", "Referral date must be on or after the client's date of birth (05/10/2025)"}});
  request.referral_date = "2025-05-10";
  CHECK(validate_new_referral(request, born, kToday).empty());
  Client unknown;
  request.referral_date = "1950-01-01";
  CHECK(validate_new_referral(request, unknown, kToday).empty());
  request.referral_date = "2030-01-01";  // the other rules still apply, one message per field
  CHECK(validate_new_referral(request, born, kToday).at("referral_date") == "Referral date cannot be in the future");
}

TEST_CASE("an enrollment entering before the client's birth is rejected at the entry date") {
  Client born;
  born.date_of_birth = make_date(2025, 5, 10);
  NewEnrollmentRequest request{7, 200, "2025-05-09", std::nullopt};
  CHECK(validate_enrollment(request, std::nullopt, born, kToday) ==
        FieldErrors{{"entry_date", "Entry date must be on or after the client's date of birth (05/10/2025)"}});
  request.entry_date = "05/10/2025";
  CHECK(validate_enrollment(request, std::nullopt, born, kToday).empty());
  CHECK(validate_enrollment(NewEnrollmentRequest{7, 200, "1990-01-01", std::nullopt}, std::nullopt, Client{}, kToday)
            .empty());
}

// [SECTION] Enrollment

TEST_CASE("an enrollment needs a client, a project and an entry date not in the future") {
  CHECK(validate_enrollment({7, 200, "2025-05-10", std::nullopt}, std::nullopt, kToday).empty());
  auto errors = validate_enrollment({0, 0, "", std::nullopt}, std::nullopt, kToday);
  CHECK(errors.at("client_id") == "Choose a client");
  CHECK(errors.at("project_id") == "Choose a project");
  CHECK(errors.at("entry_date") == "Enter the entry date");
  CHECK(validate_enrollment({7, 200, "2025-05-21", std::nullopt}, std::nullopt, kToday).at("entry_date") ==
        "Entry date cannot be in the future");
}

TEST_CASE("an entry date before the linked referral's date is rejected") {
  auto errors = validate_enrollment({7, 200, "2025-04-30", 1}, pending_referral(), kToday);
  CHECK(errors == FieldErrors{{"entry_date", "Entry date must be on or after the referral date (2025-05-01)"}});
  CHECK(validate_enrollment({7, 200, "2025-05-01", 1}, pending_referral(), kToday).empty());
}

TEST_CASE("an enrollment must match the client and project of its referral") {
  CHECK(validate_enrollment({8, 200, "2025-05-10", 1}, pending_referral(), kToday).at("referral_id") ==
        "The referral is for a different client");
  CHECK(validate_enrollment({7, 201, "2025-05-10", 1}, pending_referral(), kToday).at("referral_id") ==
        "The referral is to a different project");
  CHECK(validate_enrollment({7, 200, "2025-05-10", 99}, std::nullopt, kToday).at("referral_id") ==
        "The referral could not be found");
}

// [SECTION] Users and sign-in

TEST_CASE("signing in needs a username and a password and nothing more") {
  CHECK(validate_sign_in({"ana", "x"}).empty());
  auto errors = validate_sign_in({"", ""});
  CHECK(errors.at("username") == "Enter your username");
  CHECK(errors.at("password") == "Enter your password");
}

TEST_CASE("a new user's username is 3 to 64 lowercase letters, digits, dots, underscores or hyphens") {
  NewUserRequest request{"ana.lee_2-x", "correct horse battery", "Ana Lee", {{20, "hmis_user"}}};
  CHECK(validate_new_user(request).empty());
  for (auto bad : {"ab", "Ana", "ana lee", "ana@lee", "josé"}) {
    request.username = bad;
    CHECK(validate_new_user(request).count("username"));
  }
  request.username = std::string(64, 'a');
  CHECK(validate_new_user(request).empty());
  request.username = std::string(65, 'a');
  CHECK(validate_new_user(request).count("username"));
}

TEST_CASE("a password shorter than 12 characters is rejected") {
  NewUserRequest request{"ana", "elevenchars", "Ana Lee", {{20, "hmis_user"}}};
  CHECK(validate_new_user(request).at("password") == "Password must be at least 12 characters");
  request.password = "twelve chars";
  CHECK(validate_new_user(request).empty());
}

TEST_CASE("a new user needs a display name and at least one valid, distinct membership") {
  NewUserRequest request{"ana", "correct horse battery", "", {}};
  auto errors = validate_new_user(request);
  CHECK(errors.at("display_name") == "Enter the display name");
  CHECK(errors.at("memberships") == "Add at least one organization and workgroup");
  request.display_name = "Ana";
  request.memberships = {{20, "hmis_user"}, {0, "boss"}, {20, "hmis_user"}};
  errors = validate_new_user(request);
  CHECK(errors.at("memberships[1].organization_id") == "Choose an organization");
  CHECK(errors.at("memberships[1].workgroup") == "Choose a workgroup");
  CHECK(errors.at("memberships[2]") == "This organization and workgroup is already listed");
}

TEST_CASE("a user patch checks only what it changes, with creation's membership rules") {
  CHECK(validate_user_patch(UserPatch{}).empty());
  UserPatch patch;
  patch.display_name = "  ";
  CHECK(validate_user_patch(patch).at("display_name") == "Enter the display name");
  patch.display_name = "Omar O. Outreach";
  patch.locked = true;
  CHECK(validate_user_patch(patch).count("locked") == 1);
  patch.locked = false;  // unlocking
  CHECK(validate_user_patch(patch).empty());

  patch.memberships = std::vector<ContextRequest>{};
  CHECK(validate_user_patch(patch) == FieldErrors{{"memberships", "Add at least one organization and workgroup"}});
  patch.memberships = std::vector<ContextRequest>{{20, "hmis_user"}, {30, "hmis_user"}, {20, "hmis_user"}};
  auto errors = validate_user_patch(patch);
  CHECK(errors.at("memberships") == "List each organization and workgroup only once");
  CHECK(errors.at("memberships[2]") == "This organization and workgroup is already listed");
  // Creation says the same of the same list.
  NewUserRequest request{"omar", "plaid gecko saxophone tundra", "Omar", *patch.memberships};
  CHECK(validate_new_user(request) == errors);
  patch.memberships = std::vector<ContextRequest>{{20, "hmis_user"}, {20, "agency_admin"}};
  CHECK(validate_user_patch(patch).empty());
}

TEST_CASE("a user may only act in an organization and workgroup they belong to") {
  std::vector<Membership> memberships{{20, "Avivo", Workgroup::hmis_user}, {30, "Simpson", Workgroup::agency_admin}};
  CHECK(validate_context({20, "hmis_user"}, memberships).empty());
  CHECK(validate_context({30, "agency_admin"}, memberships).empty());
  CHECK(validate_context({20, "agency_admin"}, memberships).at("workgroup") ==
        "You are not a member of this organization in this workgroup");
  CHECK(validate_context({20, "HMIS User"}, memberships).at("workgroup") == "Choose a workgroup");
  CHECK(validate_context({0, "hmis_user"}, memberships).at("organization_id") == "Choose an organization");
}

TEST_CASE("a new password is 12 to 256 characters and not only spaces") {
  CHECK(password_rule_problem("") == "Enter a password");
  CHECK(password_rule_problem("elevenchars") == "Password must be at least 12 characters");
  CHECK(password_rule_problem("            ") == "Password cannot be only spaces");
  CHECK(password_rule_problem(" \t \n        ") == "Password cannot be only spaces");
  CHECK(password_rule_problem(std::string(257, 'x')) == "Password must be 256 characters or fewer");
  CHECK(password_rule_problem("plaid gecko saxophone tundra").empty());
  // The guessability check needs a dictionary: the server's (services/password_policy).
  CHECK(password_rule_problem("aaaaaaaaaaaa").empty());
}

TEST_CASE("changing a password needs the current one and a new one that meets the rules and differs") {
  auto errors = validate_password_change({"", ""});
  CHECK(errors.at("current_password") == "Enter your current password");
  CHECK(errors.at("new_password") == "Enter a new password");
  errors = validate_password_change({"waypoint-demo", "            "});
  CHECK_FALSE(errors.count("current_password"));
  CHECK(errors.at("new_password") == "Password cannot be only spaces");
  CHECK(validate_password_change({"waypoint-demo1", "waypoint-demo1"}).at("new_password") ==
        "Choose a password different from your current one");
  CHECK(validate_password_change({"waypoint-demo", "plaid gecko saxophone tundra"}).empty());
  CHECK(validate_password_reset({"short"}).at("new_password") == "Password must be at least 12 characters");
  CHECK(validate_password_reset({"plaid gecko saxophone tundra"}).empty());
}
