// The referral state machine: the transition table, the permission rule and the apply functions.
#include "shared/referral.hpp"

#include <array>

#include "shared/text.hpp"

namespace waypoint {

namespace {

struct ActionInfo {
  ReferralAction action;
  std::string_view wire;
  std::string_view label;
  std::string_view verb;  // completes "Only the receiving organization can ..."
  std::string_view past;  // completes "A pending referral cannot be ..."
};

constexpr std::array<ActionInfo, 6> kActions{{
    {ReferralAction::acknowledge, "acknowledge", "Acknowledge", "acknowledge", "acknowledged"},
    {ReferralAction::resolve, "resolve", "Resolve", "resolve", "resolved"},
    {ReferralAction::return_to_referrer, "return_to_referrer", "Return to Referrer", "return",
     "returned to the referrer"},
    {ReferralAction::reassign, "reassign", "Reassign", "reassign", "reassigned"},
    {ReferralAction::cancel, "cancel", "Cancel Referral", "cancel", "cancelled"},
    {ReferralAction::reopen, "reopen", "Reopen", "reopen", "reopened"},
}};

const ActionInfo& info(ReferralAction action) {
  for (const auto& row : kActions) {
    if (row.action == action) return row;
  }
  return kActions[0];  // unreachable for a valid enum value
}

struct Transition {
  ReferralStatus from;
  ReferralAction action;
  ReferralStatus to;
};

// The whole lifecycle. Anything not listed is invalid in that state.
constexpr std::array<Transition, 7> kTransitions{{
    {ReferralStatus::pending, ReferralAction::acknowledge, ReferralStatus::acknowledged},
    {ReferralStatus::acknowledged, ReferralAction::resolve, ReferralStatus::resolved},
    {ReferralStatus::pending, ReferralAction::return_to_referrer, ReferralStatus::returned},
    {ReferralStatus::acknowledged, ReferralAction::return_to_referrer, ReferralStatus::returned},
    {ReferralStatus::returned, ReferralAction::reassign, ReferralStatus::pending},
    {ReferralStatus::pending, ReferralAction::cancel, ReferralStatus::cancelled},
    {ReferralStatus::resolved, ReferralAction::reopen, ReferralStatus::acknowledged},
}};

enum class Side { receiving, referring, system_admin_only };

Side side_of(ReferralAction action) {
  switch (action) {
    case ReferralAction::acknowledge:
    case ReferralAction::resolve:
    case ReferralAction::return_to_referrer:
      return Side::receiving;
    case ReferralAction::reassign:
    case ReferralAction::cancel:
      return Side::referring;
    case ReferralAction::reopen:
      return Side::system_admin_only;
  }
  return Side::system_admin_only;
}

std::optional<TransitionError> check_permission(const Actor& actor, const Referral& referral, ReferralAction action) {
  if (actor.workgroup == Workgroup::system_admin) return std::nullopt;
  auto forbidden = [](std::string message) {
    return TransitionError{TransitionErrorKind::forbidden, std::move(message)};
  };
  if (!can_view(actor, referral)) {
    return forbidden("You can only change referrals sent by or to your organization");
  }
  switch (side_of(action)) {
    case Side::receiving:
      if (actor.organization_id == referral.to_organization_id) return std::nullopt;
      return forbidden("Only the receiving organization can " + std::string(info(action).verb) + " this referral");
    case Side::referring:
      if (actor.organization_id == referral.from_organization_id) return std::nullopt;
      return forbidden("Only the referring organization can " + std::string(info(action).verb) + " this referral");
    case Side::system_admin_only:
      return forbidden("Only a System Admin can reopen a resolved referral");
  }
  return forbidden("You cannot change this referral");
}

std::string invalid_state_message(ReferralStatus status, ReferralAction action) {
  if (status == ReferralStatus::pending && action == ReferralAction::resolve) {
    return "A pending referral cannot be resolved until it is acknowledged";
  }
  std::string_view status_word = to_string(status);
  std::string article = status == ReferralStatus::acknowledged ? "An " : "A ";
  return article + std::string(status_word) + " referral cannot be " + std::string(info(action).past);
}

}  // namespace

std::string_view to_string(ReferralAction action) { return info(action).wire; }
std::string_view label(ReferralAction action) { return info(action).label; }

std::optional<ReferralAction> parse_referral_action(std::string_view wire) {
  for (const auto& row : kActions) {
    if (row.wire == wire) return row.action;
  }
  return std::nullopt;
}

const std::vector<ReferralAction>& all_referral_actions() {
  static const std::vector<ReferralAction> all = [] {
    std::vector<ReferralAction> out;
    for (const auto& row : kActions) out.push_back(row.action);
    return out;
  }();
  return all;
}

std::optional<ReferralStatus> next_status(ReferralStatus from, ReferralAction action) {
  for (const auto& row : kTransitions) {
    if (row.from == from && row.action == action) return row.to;
  }
  return std::nullopt;
}

bool can_view(const Actor& actor, const Referral& referral) {
  return actor.workgroup == Workgroup::system_admin || actor.organization_id == referral.from_organization_id ||
         actor.organization_id == referral.to_organization_id;
}

std::optional<TransitionError> check_transition(const Actor& actor, const Referral& referral, ReferralAction action) {
  if (auto error = check_permission(actor, referral, action)) return error;
  if (!next_status(referral.status, action)) {
    return TransitionError{TransitionErrorKind::invalid_state, invalid_state_message(referral.status, action)};
  }
  return std::nullopt;
}

std::vector<ReferralAction> allowed_actions(const Actor& actor, const Referral& referral) {
  std::vector<ReferralAction> out;
  for (ReferralAction action : all_referral_actions()) {
    if (!check_transition(actor, referral, action)) out.push_back(action);
  }
  return out;
}

std::optional<TransitionError> check_enroll_from_referral(const Actor& actor, const Referral& referral) {
  if (actor.workgroup != Workgroup::system_admin && actor.organization_id != referral.to_organization_id) {
    return TransitionError{TransitionErrorKind::forbidden,
                           can_view(actor, referral)
                               ? "Only the receiving organization can enroll the client from this referral"
                               : "You can only change referrals sent by or to your organization"};
  }
  if (referral.status == ReferralStatus::resolved && referral.result == ReferralResult::services_provided) {
    return std::nullopt;
  }
  std::string message;
  if (referral.status == ReferralStatus::resolved) {
    message = "This referral was resolved with " +
              std::string(referral.result ? label(*referral.result) : std::string_view("no result")) +
              ": only a referral resolved with Services Provided leads to an enrollment";
  } else {
    std::string article = referral.status == ReferralStatus::acknowledged ? "An " : "A ";
    message = article + std::string(to_string(referral.status)) +
              " referral cannot lead to an enrollment: only one resolved with Services Provided can";
  }
  return TransitionError{TransitionErrorKind::invalid_state, std::move(message)};
}

bool may_enroll_from_referral(const Actor& actor, const Referral& referral) {
  return !check_enroll_from_referral(actor, referral);
}

Referral apply_acknowledge(Referral referral, Date date_acknowledged) {
  referral.status = ReferralStatus::acknowledged;
  referral.date_acknowledged = date_acknowledged;
  return referral;
}

Referral apply_outcome(Referral referral, const OutcomeRequest& request) {
  referral.appointment_date = parse_user_date(request.appointment_date);
  referral.result_date = parse_user_date(request.result_date);
  referral.result = parse_referral_result(trim(request.result));  // as validate_outcome reads it
  referral.comments = request.comments;
  if (referral.result) referral.status = ReferralStatus::resolved;
  return referral;
}

Referral apply_return(Referral referral, const ReturnRequest& request) {
  referral.status = ReferralStatus::returned;
  referral.return_reason = std::string(trim(request.reason));
  return referral;
}

Referral apply_reassign(Referral referral, const Project& to_project) {
  referral.status = ReferralStatus::pending;
  referral.to_project_id = to_project.id;
  referral.to_project_name = to_project.name;
  referral.to_organization_id = to_project.organization_id;
  referral.date_acknowledged.reset();
  referral.appointment_date.reset();
  referral.result_date.reset();
  referral.result.reset();
  referral.comments.clear();
  referral.return_reason.clear();
  return referral;
}

Referral apply_cancel(Referral referral, const CancelRequest& request) {
  referral.status = ReferralStatus::cancelled;
  referral.cancel_reason = std::string(trim(request.reason));
  return referral;
}

Referral apply_reopen(Referral referral) {
  referral.status = ReferralStatus::acknowledged;
  referral.result.reset();
  referral.result_date.reset();
  return referral;
}

}  // namespace waypoint
