// Shared by the update_*.cpp files (not for screens): the per-feature reducers the one
// update() dispatches to, and small helpers to build requests and read replies.
#pragma once

#include "client/store/update.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace waypoint::client::detail {

using Effects = std::vector<Effect>;

// [SECTION] Requests and replies
HttpRequest get(RequestKind kind, std::string path, int64_t tag = 0);
HttpRequest send(RequestKind kind, std::string method, std::string path, const nlohmann::json& body, int64_t tag = 0);
std::string url_encode(std::string_view text);
// The reply's JSON; discarded (is_discarded()) when it is not JSON.
nlohmann::json body_of(const HttpReplied& reply);
// {"error": {"message", "fields"}}: the message (or a fallback) and the field messages.
std::string error_message(const nlohmann::json& body, const std::string& fallback);
FieldErrors error_fields(const nlohmann::json& body);
// "2025-05-01" for anything parse_user_date reads; the text unchanged otherwise.
std::string to_iso(const std::string& user_text);
// "05/01/2025" for a date, "" for none.
std::string us_or_empty(const std::optional<Date>& date);
void toast(State& state, std::string text);
// {"items": [...], "total"} readers (update_clients.cpp); unreadable items are skipped.
std::vector<Referral> referral_items(const nlohmann::json& body, int64_t* total = nullptr);
std::vector<AuditEntry> audit_items(const nlohmann::json& body);

// [SECTION] Routing (update.cpp)
// The requests the current screen needs to show its data.
Effects enter_route(State& state);
Effects pending_count_request();

// [SECTION] Features
Effects start_session(State& state);                      // update_session.cpp
Effects on_session_reply(State& state, const HttpReplied& reply);
Effects sign_in(State& state);
// Signed in (or the temporary password changed): Change password first when it must be, else the
// screen the person was going to and the lists every screen needs.
Effects finish_sign_in(State& state);
Effects sign_out(State& state);
Effects apply_settings(State& state);
void open_settings(State& state);
void choose_organization(State& state, int64_t organization_id);

Effects submit_password_change(State& state);             // update_accounts.cpp
Effects load_users(State& state);
void open_password_reset(State& state, int64_t user_id);
Effects submit_password_reset(State& state);
Effects unlock_user(State& state, int64_t user_id);
Effects on_accounts_reply(State& state, const HttpReplied& reply);

Effects search_clients(State& state);                     // update_clients.cpp
Effects submit_new_client(State& state);
Effects load_client(State& state, int64_t client_id);
Effects change_name_data_quality(State& state, NameDataQuality quality);
Effects on_clients_reply(State& state, const HttpReplied& reply);

Effects load_referral(State& state, int64_t referral_id);  // update_referrals.cpp
Effects submit_acknowledge(State& state);
Effects submit_outcome(State& state);
Effects submit_enroll(State& state);
// Return referral, Cancel referral, Reopen: the modal that asks for the reason, and its confirm.
void open_reason_dialog(State& state, ReferralAction action);
Effects confirm_reason(State& state);
Effects submit_reassign(State& state);
Effects load_history(State& state, int64_t referral_id);
Effects load_inbox(State& state, Box box);               // update_inbox.cpp
Effects filter_inbox(State& state, const FilterInbox& filter);
Effects sort_inbox(State& state, const SortInbox& sort);
Effects show_inbox_rows(State& state, const ShowInboxRows& shown);
Effects on_inbox_reply(State& state, const HttpReplied& reply);
// A window request that never reached the server (the network banner offers Retry).
void inbox_request_failed(State& state, const HttpReplied& reply);
// Retry: failed windows are asked again; `resent` (the request Retry sends) is on its way.
Effects retry_inbox(State& state, const HttpRequest& resent);
// A new result set (filters, sort, organization): no rows, no total, back to the top.
void forget_rows(InboxState& inbox);
Effects on_referrals_reply(State& state, const HttpReplied& reply);
// The rule for one field as the person leaves it (empty when none applies).
void check_field(State& state, Field field);

}  // namespace waypoint::client::detail
