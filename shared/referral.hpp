// The referral lifecycle as one explicit state machine (seed 000, "Resolving a Referral"):
//
//   pending --acknowledge--> acknowledged --resolve--> resolved
//   pending|acknowledged --return_to_referrer--> returned --reassign--> pending
//   pending --cancel--> cancelled                resolved --reopen--> acknowledged
//
// Who may fire a transition depends on the actor's workgroup and on which side of the referral their organization is:
// the receiving organization acknowledges, resolves and returns; the referring organization reassigns and cancels;
// a System Admin may do anything, and only a System Admin may reopen a resolved referral.
// Everything here is pure: the server checks, applies, stores (bumping `version`) and audits; the client calls the
// same functions to decide which buttons to show.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/dates.hpp"
#include "shared/entities.hpp"
#include "shared/enums.hpp"
#include "shared/requests.hpp"

namespace waypoint {

enum class ReferralAction { acknowledge, resolve, return_to_referrer, reassign, cancel, reopen };

std::string_view to_string(ReferralAction action);  // wire name, also the audit trail's `action`
std::string_view label(ReferralAction action);      // button text: "Acknowledge", "Return to Referrer", ...
std::optional<ReferralAction> parse_referral_action(std::string_view wire);
const std::vector<ReferralAction>& all_referral_actions();

// The user as they are acting now: the workgroup and organization chosen in Settings.
struct Actor {
  Workgroup workgroup = Workgroup::hmis_user;
  int64_t organization_id = 0;
};

enum class TransitionErrorKind {
  forbidden,      // this actor may not do this to this referral (server: 403)
  invalid_state,  // nobody may do this in the referral's current status (server: 409)
};

struct TransitionError {
  TransitionErrorKind kind = TransitionErrorKind::forbidden;
  std::string message;  // user-facing, e.g. "A resolved referral cannot be acknowledged"

  bool operator==(const TransitionError&) const = default;
};

// The transition table alone: where `action` leads from `from`, or nullopt if it is not a transition.
std::optional<ReferralStatus> next_status(ReferralStatus from, ReferralAction action);

// The single read rule for a referral: either side's organization, or a System Admin.
bool can_view(const Actor& actor, const Referral& referral);

// nullopt when the actor may fire `action` now. Permission is checked before state, so someone who may not act on
// a referral learns nothing about its state.
std::optional<TransitionError> check_transition(const Actor& actor, const Referral& referral, ReferralAction action);

// The actions check_transition allows, in all_referral_actions() order: what the UI offers.
std::vector<ReferralAction> allowed_actions(const Actor& actor, const Referral& referral);

// Enrolling the client from a referral (seed 000 step 5, "If applicable, enroll the client in the receiving
// project"): the receiving organization (or a System Admin) may, once the referral is resolved with Services
// Provided. Permission is checked before state, as for transitions. The server refuses anything else; the Referral
// Outcome page offers "Enroll client" only when this allows it. That a referral already led to an enrollment is the
// server's to know.
std::optional<TransitionError> check_enroll_from_referral(const Actor& actor, const Referral& referral);
bool may_enroll_from_referral(const Actor& actor, const Referral& referral);

// Apply functions: the next referral after a checked transition and a validated request. They change status and the
// fields the step owns, and nothing else (not `version`, which the server owns).
Referral apply_acknowledge(Referral referral, Date date_acknowledged);
// With a result the referral becomes resolved; without one the appointment date and comments are recorded and it
// stays acknowledged. Expects validate_outcome to have passed: unreadable dates are treated as blank.
Referral apply_outcome(Referral referral, const OutcomeRequest& request);
Referral apply_return(Referral referral, const ReturnRequest& request);
// Back to pending at `to_project`, with the acknowledgement, outcome and return reason cleared (the audit trail keeps
// them). The caller has checked that `to_project` exists.
Referral apply_reassign(Referral referral, const Project& to_project);
Referral apply_cancel(Referral referral, const CancelRequest& request);
// Back to acknowledged with the result and result date cleared; the appointment date and comments stay so the
// receiver does not retype them.
Referral apply_reopen(Referral referral);

}  // namespace waypoint
