// Referral status and result as coloured badges that always carry their word (UI.md): pending
// amber, acknowledged blue, resolved green, returned / rejected / no show red-brown.
#pragma once

#include "shared/enums.hpp"

#include <imgui.h>
#include <optional>

namespace waypoint::client::widgets {

ImU32 status_colour(ReferralStatus status);
void status_badge(ReferralStatus status);
// The result in words, coloured when it is a refusal; "—" when none yet.
void result_text(const std::optional<ReferralResult>& result);

}  // namespace waypoint::client::widgets
