// Calendar dates as people type them. A Date is a civil date with no time zone, so "2025-05-01" is the same day on
// the server, in the browser and in SQLite. Nothing here reads the clock: "today" is always passed in, which keeps
// rules testable and lets the client use the user's local day.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace waypoint {

using Date = std::chrono::year_month_day;

// Strict wire format: exactly "YYYY-MM-DD" (4-2-2 digits) naming a real day (2024-02-29 yes, 2023-02-29 no).
std::optional<Date> parse_iso_date(std::string_view text);

// What a person may type: ISO "2025-05-01", or US "05/01/2025" and "5/1/2025". Surrounding spaces are ignored.
std::optional<Date> parse_user_date(std::string_view text);

std::string format_iso(Date date);  // "2025-05-01"
std::string format_us(Date date);   // "05/01/2025"

// Whole days from `from` to `to`: positive when `to` is later.
int days_between(Date from, Date to);
Date add_days(Date date, int days);

// Builds a date from numbers, e.g. make_date(2025, 5, 1); handy in tests and defaults. Not validated.
Date make_date(int year, unsigned month, unsigned day);

}  // namespace waypoint
