// Everything that can happen to the client: user intents from screens and replies from effects.
#pragma once

#include "client/store/effect.hpp"
#include "client/store/route.hpp"
#include "shared/dates.hpp"
#include "shared/enums.hpp"
#include "shared/referral.hpp"

#include <cstdint>
#include <string>
#include <variant>

namespace waypoint::client {

// Every text a person types, so one action edits any of them (and they live in State).
enum class Field {
  username,
  password,
  client_query,
  first_name,
  last_name,
  date_of_birth,
  ssn_last4,
  date_acknowledged,
  appointment_date,
  result_date,
  result,
  comments,
  entry_date,
  reason,  // Return referral, Cancel referral, Reopen: the reason asked for in the modal
  current_password,
  new_password,
  confirm_password,
  temporary_password,  // Users > Reset password
  name_data_quality,   // Add a client: a NameDataQuality wire name, chosen from a dropdown
};

struct AppStarted {
  Date today{};
  std::string hash;  // location.hash at load
};
struct DayChanged {
  Date today{};
};
struct RetryHealth {};
// The browser's hash changed (Back, Forward, a typed URL).
struct HashChanged {
  std::string hash;
};
struct Navigate {
  Route route;
};
struct EditField {
  Field field;
  std::string value;
};
// The field lost focus: its rule is checked now (again on Finish).
struct LeaveField {
  Field field;
};

struct SignIn {};
struct SignOut {};
struct OpenSettings {};
struct CloseSettings {};
struct ChooseOrganization {
  int64_t organization_id = 0;
};
struct ChooseWorkgroup {
  Workgroup workgroup = Workgroup::hmis_user;
};
struct ApplySettings {};

struct SearchClients {};
struct SubmitNewClient {};
// The client record's Name Data Quality dropdown: saved at once with the client's other details as they are.
struct ChangeNameDataQuality {
  NameDataQuality quality = NameDataQuality::full_name;
};

struct SubmitAcknowledge {};
struct SubmitOutcome {};
struct SubmitEnroll {};
// Return referral (receiver), Cancel referral (referrer), Reopen (System Admin): each asks for a
// reason in a modal, then sends it.
struct OpenReasonDialog {
  ReferralAction action = ReferralAction::return_to_referrer;
};
struct CloseReasonDialog {};
struct ConfirmReasonDialog {};
struct ChooseReassignProject {
  int64_t project_id = 0;
};
struct SubmitReassign {};

enum class Box { incoming, outgoing };
struct FilterInbox {
  Box box = Box::incoming;
  std::string status;  // wire name or empty
  int64_t project_id = 0;
};
struct SortInbox {
  Box box = Box::incoming;
  std::string sort;  // e.g. "-referral_date"
};
// The table shows rows [first, end) of the result set (the view says so when it changes).
struct ShowInboxRows {
  Box box = Box::incoming;
  int64_t first = 0;
  int64_t end = 0;
};

// Change password; and for system admins, Users: reset a password, unlock an account.
struct SubmitPasswordChange {};
struct OpenPasswordReset {
  int64_t user_id = 0;
};
struct ClosePasswordReset {};
struct SubmitPasswordReset {};
struct UnlockUser {
  int64_t user_id = 0;
};

struct Reload {};         // load the current screen's data again
struct RetryFailed {};    // send the request that never arrived again
struct DismissProblem {};
struct DismissToast {};

// status 0 means the request never reached the server (offline, refused, timed out).
struct HttpReplied {
  RequestKind kind;
  int status = 0;
  std::string body;
  std::int64_t tag = 0;
  HttpRequest request;  // what was asked, so a failed request can be sent again
};
// From the effect runner: how many requests in flight have now waited over 150 ms.
struct RequestsSlow {
  int count = 0;
};

using Action = std::variant<AppStarted, DayChanged, RetryHealth, HashChanged, Navigate, EditField, LeaveField, SignIn,
                            SignOut, OpenSettings, CloseSettings, ChooseOrganization, ChooseWorkgroup, ApplySettings,
                            SearchClients, SubmitNewClient, ChangeNameDataQuality, SubmitAcknowledge, SubmitOutcome,
                            SubmitEnroll, OpenReasonDialog, CloseReasonDialog, ConfirmReasonDialog, ChooseReassignProject,
                            SubmitReassign,
                            FilterInbox, SortInbox, ShowInboxRows, SubmitPasswordChange, OpenPasswordReset,
                            ClosePasswordReset, SubmitPasswordReset, UnlockUser, Reload, RetryFailed, DismissProblem,
                            DismissToast, HttpReplied, RequestsSlow>;

}  // namespace waypoint::client
