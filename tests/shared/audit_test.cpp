// The audit trail's vocabulary (shared/audit.hpp): every referral transition and the other writes the server audits
// have one label, so History never shows a raw wire word. The server suite (audit_labels_test.cpp) checks the same
// table against what the server really writes.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <utility>

#include "shared/audit.hpp"
#include "shared/referral.hpp"

using namespace waypoint;

TEST_CASE("every referral transition has a label under its wire name, as the server audits it") {
  for (ReferralAction action : all_referral_actions()) {
    INFO(to_string(action));
    CHECK_FALSE(audit_action_label("referral", to_string(action)).empty());
  }
}

TEST_CASE("creating and enrolling from a referral have their labels; History no longer shows a raw enroll") {
  CHECK(audit_action_label("referral", "create") == "Created the referral");
  CHECK(audit_action_label("referral", "enroll") == "Enrolled the client");
  CHECK(audit_action_label("referral", "acknowledge") == "Acknowledged");
  CHECK(audit_action_label("referral", "return_to_referrer") == "Returned to the referrer");
}

TEST_CASE("the audit table names each (entity, action) once, with words, and knows nothing else") {
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const AuditAction& row : all_audit_actions()) {
    INFO(row.entity, " ", row.action);
    CHECK(seen.insert({row.entity, row.action}).second);
    CHECK_FALSE(row.label.empty());
    CHECK(row.label.front() >= 'A');
    CHECK(row.label.front() <= 'Z');
    CHECK(audit_action_label(row.entity, row.action) == row.label);
  }
  CHECK(audit_action_label("referral", "outcome").empty());  // never written: "resolve" is
  CHECK(audit_action_label("client", "enroll").empty());
  CHECK(audit_action_label("", "").empty());
}
