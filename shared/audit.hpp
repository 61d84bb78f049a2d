// The audit trail's vocabulary: every (entity, action) pair the server writes to the audit log, with the words a
// person reads for it in History ("Acknowledged", "Enrolled the client"). One table, so the History screen never
// shows a raw wire word; tests check that the referral state machine's actions and everything the server audits
// have a row here.
#pragma once

#include <string_view>
#include <vector>

namespace waypoint {

struct AuditAction {
  std::string_view entity;  // "referral", "client", "enrollment", "user"
  std::string_view action;  // as stored in the audit log; a referral transition's is its ReferralAction wire name
  std::string_view label;   // what happened, in the users' words

  bool operator==(const AuditAction&) const = default;
};

// Every row, grouped by entity.
const std::vector<AuditAction>& all_audit_actions();

// The label of `action` on `entity`; empty when the pair is not in the table.
std::string_view audit_action_label(std::string_view entity, std::string_view action);

}  // namespace waypoint
