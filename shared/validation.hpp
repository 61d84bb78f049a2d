// The rules a request must meet before it changes anything, as plain user-facing messages keyed by field name (the
// request's JSON key), so a form shows every problem beside its field at once. Validators never throw and never stop
// at the first error. Whether the actor may act at all is referral.hpp's job (check_transition), not this file's.
// Dates are accepted as ISO "2025-05-01" or US "05/01/2025"; "today" is the caller's calendar day.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/dates.hpp"
#include "shared/entities.hpp"
#include "shared/requests.hpp"
#include "shared/result.hpp"  // FieldErrors

namespace waypoint {

inline constexpr std::size_t kMaxCommentsLength = 4000;  // code points, not bytes
inline constexpr std::size_t kMaxReasonLength = 1000;
inline constexpr std::size_t kMaxNameLength = 100;
inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 256;
inline constexpr std::size_t kMinUsernameLength = 3;
inline constexpr std::size_t kMaxUsernameLength = 64;
inline constexpr Date kEarliestBirthDate{std::chrono::year{1900}, std::chrono::January, std::chrono::day{1}};

// Date acknowledged: required, real, not before the referral date, not after today.
FieldErrors validate_acknowledge(const AcknowledgeRequest& request, const Referral& referral, Date today);

// Outcome Information: appointment and result dates not before the acknowledgement, result date not before the
// appointment and not in the future, result and result date together, comments at most 4000 characters.
FieldErrors validate_outcome(const OutcomeRequest& request, const Referral& referral, Date today);

FieldErrors validate_return(const ReturnRequest& request);  // reason required, at most 1000 characters
FieldErrors validate_cancel(const CancelRequest& request);  // same
FieldErrors validate_reopen(const ReopenRequest& request);  // same: reopening is audited with its reason

// A project other than the one that returned it and other than the referring project.
FieldErrors validate_reassign(const ReassignRequest& request, const Referral& referral);

FieldErrors validate_new_referral(const NewReferralRequest& request, Date today);
// The same, and the referral date not before the client's date of birth (when known).
FieldErrors validate_new_referral(const NewReferralRequest& request, const Client& client, Date today);

// Names follow Name Data Quality (HUD 3.01), which must be one of its wire names:
// - full name: both required, at most 100 characters of letters, spaces, apostrophes and hyphens;
// - partial, street or code name: at least one of the two; digits allowed too ("Blue Jacket 2");
// - client doesn't know, prefers not to answer, not collected: both blank (the record is found by its ID).
// Date of birth optional, from 1900-01-01 to today. Last 4 of SSN optional, exactly 4 digits.
FieldErrors validate_client(const NewClientRequest& request, Date today);
FieldErrors validate_client(const ClientPatch& patch, Date today);

// `linked` is the referral named by request.referral_id as the server found it (nullopt if it does not exist).
// Whether the actor may enroll from it at all is referral.hpp's check_enroll_from_referral.
FieldErrors validate_enrollment(const NewEnrollmentRequest& request, const std::optional<Referral>& linked,
                                Date today);
// The same, and the entry date not before the client's date of birth (when known).
FieldErrors validate_enrollment(const NewEnrollmentRequest& request, const std::optional<Referral>& linked,
                                const Client& client, Date today);

// Presence, and a username no longer than any user's: sign-in must not reveal the password policy or which part was
// wrong.
FieldErrors validate_sign_in(const SignInRequest& request);

// Username 3-64 of [a-z0-9._-], password as below, display name, at least one membership, no duplicates.
FieldErrors validate_new_user(const NewUserRequest& request);
// The fields present: a display name not blank, locked only false (unlock), memberships by creation's rules (at
// least one, none listed twice: a user without one could never sign in).
FieldErrors validate_user_patch(const UserPatch& patch);

// The rules for any new password that need no dictionary (NIST SP 800-63B: length, not composition): 12 to 256
// characters, not only spaces. Empty when it meets them. The server also refuses guessable ones (services/).
std::string password_rule_problem(std::string_view password);
// Current password entered; the new one meets the rules above and is not the current one.
FieldErrors validate_password_change(const PasswordChangeRequest& request);
FieldErrors validate_password_reset(const PasswordResetRequest& request);

// The chosen organization and workgroup must be one of the user's memberships.
FieldErrors validate_context(const ContextRequest& request, const std::vector<Membership>& memberships);

}  // namespace waypoint
