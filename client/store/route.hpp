// Where the user is: one screen plus the ids it needs. The URL hash mirrors it
// ("#/clients/12/referrals/34"), so reload and Back restore the screen.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace waypoint::client {

enum class Screen {
  clients,             // #/clients
  client_new,          // #/clients/new
  client_profile,      // #/clients/12
  client_referrals,    // #/clients/12/referrals
  client_enrollments,  // #/clients/12/enrollments
  referral_outcome,    // #/clients/12/referrals/34
  referral_history,    // #/clients/12/referrals/34/history
  incoming,            // #/referrals/incoming
  outgoing,            // #/referrals/outgoing
  outgoing_referral,   // #/referrals/outgoing/34 (the referrer's view: reassign)
  change_password,     // #/settings/password
  users,               // #/admin/users (system admins)
};

struct Route {
  Screen screen = Screen::clients;
  int64_t client_id = 0;
  int64_t referral_id = 0;

  bool operator==(const Route&) const = default;
};

std::string to_hash(const Route& route);
// Unknown or malformed hashes lead to the Clients workspace.
Route parse_hash(std::string_view hash);

}  // namespace waypoint::client
