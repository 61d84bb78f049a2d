// What every screen gets: the state to draw and a way to emit actions. One file per screen.
#pragma once

#include "client/store/actions.hpp"
#include "client/store/state.hpp"

#include <functional>
#include <string>

namespace waypoint::client {

using Dispatch = std::function<void(Action)>;

// The whole window: header bar, navigation, the current screen, sidebar and toasts (app.cpp).
void draw_app(const State& state, const Dispatch& dispatch);
// Server status, compact, at the bottom of the sign-in card (server_status.cpp).
void draw_server_status(const State& state, const Dispatch& dispatch);
void draw_sign_in(const State& state, const Dispatch& dispatch);            // sign_in.cpp
void draw_settings_sidebar(const State& state, const Dispatch& dispatch);   // settings_sidebar.cpp
void draw_clients(const State& state, const Dispatch& dispatch);            // clients.cpp
void draw_client_new(const State& state, const Dispatch& dispatch);         // client_new.cpp
// The Name Data Quality dropdown (HUD 3.01) of Add a client and the client record's Profile (client_new.cpp):
// `wire` is the chosen wire name; `choose` gets the person's choice.
void draw_name_data_quality_field(const std::string& wire, const std::string* error,
                                  const std::function<void(NameDataQuality)>& choose);
// The client record: menu group (Enrollment and Services > Referrals, Enrollments) and the
// page beside it (client_record.cpp).
void draw_client_record(const State& state, const Dispatch& dispatch);
void draw_client_referrals(const State& state, const Dispatch& dispatch);   // client_referrals.cpp
void draw_client_enrollments(const State& state, const Dispatch& dispatch); // client_record.cpp
void draw_referral_outcome(const State& state, const Dispatch& dispatch);   // referral_outcome.cpp
void draw_referrals_inbox(const State& state, const Dispatch& dispatch, Box box);  // referrals_inbox.cpp
void draw_referral_history(const State& state, const Dispatch& dispatch);   // referral_history.cpp
void draw_change_password(const State& state, const Dispatch& dispatch);    // change_password.cpp
void draw_users(const State& state, const Dispatch& dispatch);              // users.cpp

}  // namespace waypoint::client
