// The referral state machine: the transition table, who may fire each transition (every workgroup x side x action x
// state), what the UI offers, and what each apply function changes.
#include <doctest/doctest.h>

#include <string>

#include "shared/referral.hpp"

using namespace waypoint;

namespace {

constexpr int64_t kReferringOrg = 10;
constexpr int64_t kReceivingOrg = 20;
constexpr int64_t kOtherOrg = 30;

Referral referral_in(ReferralStatus status) {
  Referral referral;
  referral.id = 1;
  referral.client_id = 7;
  referral.from_project_id = 100;
  referral.to_project_id = 200;
  referral.from_organization_id = kReferringOrg;
  referral.to_organization_id = kReceivingOrg;
  referral.referral_date = make_date(2025, 5, 1);
  referral.status = status;
  return referral;
}

enum class Side { referring, receiving, other };

int64_t org_of(Side side) {
  switch (side) {
    case Side::referring: return kReferringOrg;
    case Side::receiving: return kReceivingOrg;
    case Side::other: return kOtherOrg;
  }
  return 0;
}

const char* name_of(Side side) {
  switch (side) {
    case Side::referring: return "referring org";
    case Side::receiving: return "receiving org";
    case Side::other: return "other org";
  }
  return "";
}

// The specification written out independently of the implementation: which state each action starts from ...
bool valid_in(ReferralAction action, ReferralStatus status) {
  using A = ReferralAction;
  using S = ReferralStatus;
  switch (action) {
    case A::acknowledge: return status == S::pending;
    case A::resolve: return status == S::acknowledged;
    case A::return_to_referrer: return status == S::pending || status == S::acknowledged;
    case A::reassign: return status == S::returned;
    case A::cancel: return status == S::pending;
    case A::reopen: return status == S::resolved;
  }
  return false;
}

// ... and who may fire it.
bool permitted(Workgroup workgroup, Side side, ReferralAction action) {
  if (workgroup == Workgroup::system_admin) return true;
  switch (action) {
    case ReferralAction::acknowledge:
    case ReferralAction::resolve:
    case ReferralAction::return_to_referrer: return side == Side::receiving;
    case ReferralAction::reassign:
    case ReferralAction::cancel: return side == Side::referring;
    case ReferralAction::reopen: return false;
  }
  return false;
}

}  // namespace

TEST_CASE("the transition table is exactly the documented lifecycle") {
  using A = ReferralAction;
  using S = ReferralStatus;
  CHECK(next_status(S::pending, A::acknowledge) == S::acknowledged);
  CHECK(next_status(S::acknowledged, A::resolve) == S::resolved);
  CHECK(next_status(S::pending, A::return_to_referrer) == S::returned);
  CHECK(next_status(S::acknowledged, A::return_to_referrer) == S::returned);
  CHECK(next_status(S::returned, A::reassign) == S::pending);
  CHECK(next_status(S::pending, A::cancel) == S::cancelled);
  CHECK(next_status(S::resolved, A::reopen) == S::acknowledged);
  int transitions = 0;
  for (S status : all_referral_statuses()) {
    for (A action : all_referral_actions()) {
      CAPTURE(to_string(status));
      CAPTURE(to_string(action));
      CHECK(next_status(status, action).has_value() == valid_in(action, status));
      if (next_status(status, action)) ++transitions;
    }
  }
  CHECK(transitions == 7);
}

TEST_CASE("a cancelled referral is final") {
  for (ReferralAction action : all_referral_actions()) {
    CHECK_FALSE(next_status(ReferralStatus::cancelled, action));
  }
}

TEST_CASE("every workgroup, side, action and state is allowed or refused as specified") {
  int allowed = 0, forbidden = 0, invalid = 0;
  for (Workgroup workgroup : all_workgroups()) {
    for (Side side : {Side::referring, Side::receiving, Side::other}) {
      for (ReferralAction action : all_referral_actions()) {
        for (ReferralStatus status : all_referral_statuses()) {
          Actor actor{workgroup, org_of(side)};
          Referral referral = referral_in(status);
          auto error = check_transition(actor, referral, action);
          INFO(to_string(workgroup), " at ", name_of(side), " tries ", to_string(action), " on ", to_string(status));
          if (!permitted(workgroup, side, action)) {
            REQUIRE(error);
            CHECK(error->kind == TransitionErrorKind::forbidden);
            CHECK_FALSE(error->message.empty());
            ++forbidden;
          } else if (!valid_in(action, status)) {
            REQUIRE(error);
            CHECK(error->kind == TransitionErrorKind::invalid_state);
            CHECK_FALSE(error->message.empty());
            ++invalid;
          } else {
            CHECK_FALSE(error);
            ++allowed;
          }
        }
      }
    }
  }
  CHECK(allowed + forbidden + invalid == 4 * 3 * 6 * 5);
  // Receiving side: 3 workgroups x 4 valid (state, action) pairs; referring: 3 x 2; System Admin: 3 sides x 7.
  CHECK(allowed == 3 * 4 + 3 * 2 + 3 * 7);
}

TEST_CASE("the UI is offered exactly the actions check_transition allows") {
  for (Workgroup workgroup : all_workgroups()) {
    for (Side side : {Side::referring, Side::receiving, Side::other}) {
      for (ReferralStatus status : all_referral_statuses()) {
        Actor actor{workgroup, org_of(side)};
        Referral referral = referral_in(status);
        std::vector<ReferralAction> expected;
        for (ReferralAction action : all_referral_actions()) {
          if (permitted(workgroup, side, action) && valid_in(action, status)) expected.push_back(action);
        }
        INFO(to_string(workgroup), " at ", name_of(side), " on ", to_string(status));
        CHECK(allowed_actions(actor, referral) == expected);
      }
    }
  }
}

TEST_CASE("a receiving HMIS user may acknowledge, resolve and return, and nothing else") {
  Actor actor{Workgroup::hmis_user, kReceivingOrg};
  using A = ReferralAction;
  CHECK(allowed_actions(actor, referral_in(ReferralStatus::pending)) ==
        std::vector<A>{A::acknowledge, A::return_to_referrer});
  CHECK(allowed_actions(actor, referral_in(ReferralStatus::acknowledged)) ==
        std::vector<A>{A::resolve, A::return_to_referrer});
  CHECK(allowed_actions(actor, referral_in(ReferralStatus::resolved)).empty());
  CHECK(allowed_actions(actor, referral_in(ReferralStatus::returned)).empty());
}

TEST_CASE("a referring user may cancel a pending referral and reassign a returned one") {
  Actor actor{Workgroup::hmis_user, kReferringOrg};
  CHECK(allowed_actions(actor, referral_in(ReferralStatus::pending)) ==
        std::vector<ReferralAction>{ReferralAction::cancel});
  CHECK(allowed_actions(actor, referral_in(ReferralStatus::returned)) ==
        std::vector<ReferralAction>{ReferralAction::reassign});
}

TEST_CASE("only a System Admin may reopen a resolved referral") {
  Referral resolved = referral_in(ReferralStatus::resolved);
  CHECK_FALSE(check_transition({Workgroup::system_admin, kOtherOrg}, resolved, ReferralAction::reopen));
  auto error = check_transition({Workgroup::agency_admin, kReceivingOrg}, resolved, ReferralAction::reopen);
  REQUIRE(error);
  CHECK(error->kind == TransitionErrorKind::forbidden);
  CHECK(error->message == "Only a System Admin can reopen a resolved referral");
}

TEST_CASE("refusals explain themselves in plain words") {
  Referral resolved = referral_in(ReferralStatus::resolved);
  auto invalid = check_transition({Workgroup::hmis_user, kReceivingOrg}, resolved, ReferralAction::acknowledge);
  REQUIRE(invalid);
  CHECK(invalid->message == "A resolved referral cannot be acknowledged");
  auto again = check_transition({Workgroup::hmis_user, kReceivingOrg}, referral_in(ReferralStatus::acknowledged),
                                ReferralAction::acknowledge);
  REQUIRE(again);
  CHECK(again->message == "An acknowledged referral cannot be acknowledged");
  auto early = check_transition({Workgroup::hmis_user, kReceivingOrg}, referral_in(ReferralStatus::pending),
                                ReferralAction::resolve);
  REQUIRE(early);
  CHECK(early->message == "A pending referral cannot be resolved until it is acknowledged");
  auto wrong_side = check_transition({Workgroup::hmis_user, kReferringOrg}, referral_in(ReferralStatus::pending),
                                     ReferralAction::acknowledge);
  REQUIRE(wrong_side);
  CHECK(wrong_side->message == "Only the receiving organization can acknowledge this referral");
  auto outsider = check_transition({Workgroup::cas_admin, kOtherOrg}, referral_in(ReferralStatus::pending),
                                   ReferralAction::acknowledge);
  REQUIRE(outsider);
  CHECK(outsider->message == "You can only change referrals sent by or to your organization");
}

TEST_CASE("someone outside the referral is refused without learning its state") {
  for (ReferralStatus status : all_referral_statuses()) {
    auto error = check_transition({Workgroup::hmis_user, kOtherOrg}, referral_in(status), ReferralAction::acknowledge);
    REQUIRE(error);
    CHECK(error->kind == TransitionErrorKind::forbidden);
  }
}

TEST_CASE("a referral is visible to both sides and to System Admins only") {
  Referral referral = referral_in(ReferralStatus::pending);
  for (Workgroup workgroup : all_workgroups()) {
    CHECK(can_view({workgroup, kReferringOrg}, referral));
    CHECK(can_view({workgroup, kReceivingOrg}, referral));
    CHECK(can_view({workgroup, kOtherOrg}, referral) == (workgroup == Workgroup::system_admin));
  }
}

TEST_CASE("a referral within one organization can be worked from both sides") {
  Referral referral = referral_in(ReferralStatus::pending);
  referral.to_organization_id = kReferringOrg;
  Actor actor{Workgroup::hmis_user, kReferringOrg};
  CHECK(allowed_actions(actor, referral) ==
        std::vector<ReferralAction>{ReferralAction::acknowledge, ReferralAction::return_to_referrer,
                                    ReferralAction::cancel});
}

TEST_CASE("actions have wire names and button labels") {
  for (ReferralAction action : all_referral_actions()) CHECK(parse_referral_action(to_string(action)) == action);
  CHECK(to_string(ReferralAction::return_to_referrer) == "return_to_referrer");
  CHECK(label(ReferralAction::acknowledge) == "Acknowledge");
  CHECK(label(ReferralAction::return_to_referrer) == "Return to Referrer");
  CHECK_FALSE(parse_referral_action("accept"));
}

TEST_CASE("acknowledging records the date and leaves the version to the server") {
  Referral before = referral_in(ReferralStatus::pending);
  before.version = 3;
  Referral after = apply_acknowledge(before, make_date(2025, 5, 2));
  CHECK(after.status == ReferralStatus::acknowledged);
  CHECK(after.date_acknowledged == make_date(2025, 5, 2));
  CHECK(after.version == 3);
}

TEST_CASE("an outcome with a result resolves the referral") {
  Referral before = apply_acknowledge(referral_in(ReferralStatus::pending), make_date(2025, 5, 2));
  Referral after = apply_outcome(before, {"2025-05-05", "05/06/2025", "services_provided", "Met at shelter", 3});
  CHECK(after.status == ReferralStatus::resolved);
  CHECK(after.appointment_date == make_date(2025, 5, 5));
  CHECK(after.result_date == make_date(2025, 5, 6));
  CHECK(after.result == ReferralResult::services_provided);
  CHECK(after.comments == "Met at shelter");
}

TEST_CASE("an outcome without a result records the appointment and stays acknowledged") {
  Referral before = apply_acknowledge(referral_in(ReferralStatus::pending), make_date(2025, 5, 2));
  Referral after = apply_outcome(before, {"2025-05-05", "", "", "", 3});
  CHECK(after.status == ReferralStatus::acknowledged);
  CHECK(after.appointment_date == make_date(2025, 5, 5));
  CHECK_FALSE(after.result);
}

TEST_CASE("returning and cancelling record the reason") {
  Referral returned = apply_return(referral_in(ReferralStatus::pending), {"  Wrong program  ", 1});
  CHECK(returned.status == ReferralStatus::returned);
  CHECK(returned.return_reason == "Wrong program");
  Referral cancelled = apply_cancel(referral_in(ReferralStatus::pending), {"Client moved", 1});
  CHECK(cancelled.status == ReferralStatus::cancelled);
  CHECK(cancelled.cancel_reason == "Client moved");
}

TEST_CASE("reassigning sends the referral to the new project as pending with the old answer cleared") {
  Referral before = apply_acknowledge(referral_in(ReferralStatus::pending), make_date(2025, 5, 2));
  before = apply_return(before, {"Not eligible", 1});
  Project project{300, 40, "Avivo - RRH - Homeless Prevention Pilot", ProjectType::rapid_rehousing, 1};
  Referral after = apply_reassign(before, project);
  CHECK(after.status == ReferralStatus::pending);
  CHECK(after.to_project_id == 300);
  CHECK(after.to_organization_id == 40);
  CHECK(after.to_project_name == "Avivo - RRH - Homeless Prevention Pilot");
  CHECK_FALSE(after.date_acknowledged);
  CHECK(after.return_reason.empty());
  CHECK(after.from_project_id == before.from_project_id);
  CHECK(after.referral_date == before.referral_date);
}

TEST_CASE("reopening clears the result but keeps the appointment and comments") {
  Referral resolved = apply_outcome(apply_acknowledge(referral_in(ReferralStatus::pending), make_date(2025, 5, 2)),
                                    {"2025-05-05", "2025-05-06", "no_show", "Did not come", 3});
  Referral reopened = apply_reopen(resolved);
  CHECK(reopened.status == ReferralStatus::acknowledged);
  CHECK_FALSE(reopened.result);
  CHECK_FALSE(reopened.result_date);
  CHECK(reopened.appointment_date == make_date(2025, 5, 5));
  CHECK(reopened.comments == "Did not come");
  CHECK(reopened.date_acknowledged == make_date(2025, 5, 2));
}

TEST_CASE("each apply function lands in the state the transition table names") {
  using S = ReferralStatus;
  using A = ReferralAction;
  Referral pending = referral_in(S::pending);
  CHECK(apply_acknowledge(pending, make_date(2025, 5, 2)).status == next_status(S::pending, A::acknowledge));
  CHECK(apply_return(pending, {"r", 1}).status == next_status(S::pending, A::return_to_referrer));
  CHECK(apply_cancel(pending, {"r", 1}).status == next_status(S::pending, A::cancel));
  CHECK(apply_reassign(referral_in(S::returned), Project{}).status == next_status(S::returned, A::reassign));
  CHECK(apply_outcome(referral_in(S::acknowledged), {"", "2025-05-06", "rejected", "", 1}).status ==
        next_status(S::acknowledged, A::resolve));
  CHECK(apply_reopen(referral_in(S::resolved)).status == next_status(S::resolved, A::reopen));
}

// [SECTION] Enrolling from a referral

TEST_CASE("only a referral resolved with Services Provided leads to an enrollment, by its receiver or a System Admin") {
  for (ReferralStatus status : all_referral_statuses()) {
    for (std::optional<ReferralResult> result :
         {std::optional<ReferralResult>{}, std::optional<ReferralResult>{ReferralResult::services_provided},
          std::optional<ReferralResult>{ReferralResult::information_only},
          std::optional<ReferralResult>{ReferralResult::rejected},
          std::optional<ReferralResult>{ReferralResult::no_show}}) {
      Referral referral = referral_in(status);
      referral.result = result;
      bool eligible = status == ReferralStatus::resolved && result == ReferralResult::services_provided;
      for (Workgroup workgroup : all_workgroups()) {
        for (Side side : {Side::referring, Side::receiving, Side::other}) {
          Actor actor{workgroup, org_of(side)};
          bool may_act = workgroup == Workgroup::system_admin || side == Side::receiving;
          INFO(to_string(status), " ", result ? to_string(*result) : "no result", " ", to_string(workgroup),
               " side ", static_cast<int>(side));
          auto refused = check_enroll_from_referral(actor, referral);
          CHECK(may_enroll_from_referral(actor, referral) == (eligible && may_act));
          if (!may_act) {
            // Permission before state: the refusal says nothing of the referral's status.
            REQUIRE(refused);
            CHECK(refused->kind == TransitionErrorKind::forbidden);
            CHECK(refused->message.find(std::string(to_string(status))) == std::string::npos);
          } else if (!eligible) {
            REQUIRE(refused);
            CHECK(refused->kind == TransitionErrorKind::invalid_state);
          } else {
            CHECK_FALSE(refused);
          }
        }
      }
    }
  }
}

TEST_CASE("the refusal to enroll says why in the users' words") {
  Actor receiver{Workgroup::hmis_user, kReceivingOrg};
  CHECK(check_enroll_from_referral(receiver, referral_in(ReferralStatus::pending))->message ==
        "A pending referral cannot lead to an enrollment: only one resolved with Services Provided can");
  CHECK(check_enroll_from_referral(receiver, referral_in(ReferralStatus::acknowledged))->message ==
        "An acknowledged referral cannot lead to an enrollment: only one resolved with Services Provided can");
  Referral no_show = referral_in(ReferralStatus::resolved);
  no_show.result = ReferralResult::no_show;
  CHECK(check_enroll_from_referral(receiver, no_show)->message ==
        "This referral was resolved with No Show: only a referral resolved with Services Provided leads to an "
        "enrollment");
  Referral resolved = referral_in(ReferralStatus::resolved);
  resolved.result = ReferralResult::services_provided;
  CHECK(check_enroll_from_referral(Actor{Workgroup::agency_admin, kReferringOrg}, resolved)->message ==
        "Only the receiving organization can enroll the client from this referral");
  CHECK(check_enroll_from_referral(Actor{Workgroup::hmis_user, kOtherOrg}, resolved)->message ==
        "You can only change referrals sent by or to your organization");
}
