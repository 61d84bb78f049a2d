// Reading a referral list's window cache (state.hpp InboxState): what the table draws for a row.
#pragma once

#include "client/store/state.hpp"

#include <cstdint>

namespace waypoint::client {

// The row at `index` of the result set, or nullptr while its window is not here (not asked yet,
// on its way, evicted or failed).
const Referral* inbox_row(const InboxState& inbox, int64_t index);
// True when the window holding `index` failed to load (the row says so instead of waiting).
bool inbox_row_failed(const InboxState& inbox, int64_t index);
// The 1-based page (window) holding row `index`.
inline int inbox_page_of(int64_t index) { return static_cast<int>(index / InboxState::kWindowRows) + 1; }

}  // namespace waypoint::client
