// The client's whole state. Screens draw from it; only update() changes it.
// Everything a person typed lives here (not in widgets), so it survives a re-sign-in after the
// session expired and a screen drawn again after a reload of its data.
#pragma once

#include "client/store/effect.hpp"
#include "client/store/route.hpp"
#include "shared/dates.hpp"
#include "shared/entities.hpp"
#include "shared/health.hpp"
#include "shared/referral.hpp"
#include "shared/result.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace waypoint::client {

enum class ServerLink { unknown, checking, online, unreachable };

struct HealthState {
  ServerLink link = ServerLink::unknown;
  std::optional<Health> health;
  std::string problem;  // what went wrong, in words for the user
  int attempts = 0;
};

// Where a list or record is: never asked, on its way, here, or failed (with words for the user).
enum class Load { idle, loading, ready, failed };

struct Context {
  int64_t organization_id = 0;
  std::string organization_name;
  Workgroup workgroup = Workgroup::hmis_user;
};

enum class SessionPhase { unknown, restoring, signed_out, signing_in, signed_in };

struct SignInForm {
  std::string username;
  std::string password;
  FieldErrors errors;
  std::string message;  // "Username or password is not right", "Your session ended" ...
};

struct SessionState {
  SessionPhase phase = SessionPhase::unknown;
  bool expired = false;  // signed out by a 401, not by the user: come back to `return_to`
  // An administrator reset the password: nothing but Change password until it is changed.
  bool must_change_password = false;
  std::optional<Route> return_to;
  User user;
  std::vector<Membership> memberships;
  Context context;
  SignInForm form;
};

// Change password (Settings, or at once after signing in with a temporary password).
struct PasswordForm {
  std::string current_password;
  std::string new_password;
  std::string confirm_password;  // checked here only: the server never sees it
  FieldErrors errors;            // keyed current_password, new_password, confirm_password
  std::string message;           // form-level: what went wrong when no field says it
  bool saving = false;
};

// One row of the Users screen (system admins): the user and where they work.
struct UserRow {
  User user;
  std::vector<Membership> memberships;
};

struct UsersState {
  Load load = Load::idle;
  std::vector<UserRow> rows;
  std::string message;          // a failed unlock or a stale row
  int64_t reset_user_id = 0;    // the Reset password dialog is open for this user
  std::string temporary_password;
  FieldErrors reset_errors;     // new_password
  bool saving = false;
};

// The Settings sidebar (user icon): the chosen organization and workgroup before Apply.
struct SettingsState {
  bool open = false;
  int64_t organization_id = 0;
  Workgroup workgroup = Workgroup::hmis_user;
  bool applying = false;
  FieldErrors errors;
};

struct ClientForm {
  std::string first_name;
  std::string last_name;
  std::string name_data_quality = "full_name";  // wire name (HUD 3.01)
  std::string date_of_birth;
  std::string ssn_last4;
  FieldErrors errors;
  bool saving = false;
};

struct ClientsState {
  std::string query;
  std::string searched;  // the query the results answer
  int64_t serial = 0;    // latest search: older replies are dropped
  Load load = Load::idle;
  std::vector<Client> results;
  int64_t total = 0;
  ClientForm form;
};

// The open client record and its referral / enrollment lists.
struct RecordState {
  int64_t client_id = 0;
  Load load = Load::idle;
  Client client;
  // A change from the Profile page (Name Data Quality): in flight, refused beside the field, or a conflict.
  bool saving = false;
  FieldErrors errors;   // the server's 422, keyed by field
  std::string message;  // form-level: someone else changed the client
  Load referrals_load = Load::idle;
  std::vector<Referral> referrals;
  Load enrollments_load = Load::idle;
  std::vector<Enrollment> enrollments;
};

// The Referral Outcome form for one referral, plus enroll / return / reassign / cancel / reopen
// on the same page. `referral` and `allowed` are the server's latest answer: a GET, or the reply
// to a change (every referral POST answers the updated referral with its allowed actions).
struct OutcomeForm {
  int64_t referral_id = 0;
  Load load = Load::idle;
  Referral referral;
  std::vector<ReferralAction> allowed;
  std::string date_acknowledged;
  std::string appointment_date;
  std::string result_date;
  std::string result;  // wire name or empty
  std::string comments;
  std::string entry_date;       // Enroll client
  std::string reason;           // the open reason dialog's text
  int64_t reassign_project_id = 0;
  // Return referral, Cancel referral and Reopen each ask for a reason in a modal: the one open.
  std::optional<ReferralAction> reason_dialog;
  bool saving = false;
  bool enrolled = false;        // an enrollment was made from this referral
  FieldErrors errors;
  // Finish found problems: from then on a field is checked again as it is left, and every field
  // keeps its error line's space, so a message that comes or goes moves nothing (UI.md "Forms").
  bool errors_shown = false;
  // The problems the last Finish found, when more than one (GOV.UK's error summary). Kept as
  // they were until the next Finish: a summary that shrank as fields were fixed would move the
  // whole form under the pointer.
  std::vector<std::string> summary;
  std::string message;  // form-level: conflicts, permissions
};

// One window of a referral list: a page of the server's result set, kept while it is near
// what the table shows (state.hpp's InboxState holds a few of them).
struct RowWindow {
  Load load = Load::loading;  // loading, ready, or failed (not asked again until Retry or Reload)
  std::vector<Referral> rows;
  int64_t shown_at = 0;  // InboxState::clock when its rows were last on screen: the oldest goes first
};

// Incoming or Outgoing referrals: one continuous table over the whole result set. Rows come
// from the server a window (page) at a time as the table scrolls to them; a bounded cache of
// windows keeps memory flat however far the list is scrolled (update_inbox.cpp).
struct InboxState {
  static constexpr int kWindowRows = 200;    // the API's largest page
  static constexpr int kMaxInFlight = 3;     // windows asked for at once
  static constexpr size_t kMaxWindows = 12;  // 2,400 rows kept

  std::string status;  // wire name or empty = any
  int64_t project_id = 0;
  std::string sort = "-referral_date";
  int64_t query = 0;   // bumped by a filter or sort change: the table scrolls back to the top
  int64_t serial = 0;  // bumped on every (re)load: replies for an older one are dropped
  Load load = Load::idle;  // of the result set: ready once its total is known
  int64_t total = 0;       // rows in the result set
  std::map<int, RowWindow> windows;  // by page (1-based)
  int64_t first_shown = 0;  // rows on screen: [first_shown, end_shown)
  int64_t end_shown = 0;
  int64_t clock = 0;
};

struct HistoryState {
  int64_t referral_id = 0;
  Load load = Load::idle;
  std::vector<AuditEntry> items;
};

struct Toast {
  int64_t serial = 0;  // screens time each toast by its serial
  std::string text;
};

struct State {
  HealthState health;
  Date today{};
  Route route;
  SessionState session;
  SettingsState settings;
  PasswordForm password;
  UsersState users;
  ClientsState clients;
  RecordState record;
  OutcomeForm outcome;
  InboxState incoming;
  InboxState outgoing;
  int64_t pending_incoming = 0;  // waiting for acknowledgement, for the navigation count
  std::vector<Project> projects;
  std::vector<Organization> organizations;  // names for history and project lists
  HistoryState history;
  Toast toast;
  // A request that never reached the server: its message shows with Retry, which sends it again.
  std::string network_problem;
  std::optional<HttpRequest> failed_request;
  // Requests in flight that have waited over 150 ms (the effect runner says when the number
  // changes): the screens' "Loading..." spinners show only then, so quick answers flash nothing.
  int requests_slow = 0;
};

}  // namespace waypoint::client
