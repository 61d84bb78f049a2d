// The audit action table. A new audited action gets its row here in the same change.
#include "shared/audit.hpp"

namespace waypoint {

namespace {

const std::vector<AuditAction> kAuditActions{
    {"referral", "create", "Created the referral"},
    {"referral", "acknowledge", "Acknowledged"},
    {"referral", "resolve", "Recorded the outcome"},
    {"referral", "return_to_referrer", "Returned to the referrer"},
    {"referral", "reassign", "Reassigned"},
    {"referral", "cancel", "Cancelled"},
    {"referral", "reopen", "Reopened"},
    {"referral", "enroll", "Enrolled the client"},
    {"client", "create", "Added the client"},
    {"client", "read", "Opened the client's record"},
    {"client", "update", "Changed the client's details"},
    {"enrollment", "create", "Enrolled the client"},
    {"user", "create", "Created the user"},
    {"user", "update", "Changed the user"},
    {"user", "sign_in", "Signed in"},
    {"user", "sign_out", "Signed out"},
    {"user", "switch_context", "Switched organization or workgroup"},
    {"user", "change_password", "Changed their password"},
    {"user", "reset_password", "Reset the password"},
};

}  // namespace

const std::vector<AuditAction>& all_audit_actions() { return kAuditActions; }

std::string_view audit_action_label(std::string_view entity, std::string_view action) {
  for (const auto& row : kAuditActions) {
    if (row.entity == entity && row.action == action) return row.label;
  }
  return {};
}

}  // namespace waypoint
