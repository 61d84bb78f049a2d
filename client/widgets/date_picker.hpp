// A date field: the text field (typed MM/DD/YYYY or YYYY-MM-DD) with a calendar icon button
// beside it that opens a month grid with previous/next month and Today. Picking a day writes
// "MM/DD/YYYY" into the field, as a US user would type it.
#pragma once

#include "client/widgets/form_field.hpp"
#include "shared/dates.hpp"

namespace waypoint::client::widgets {

// The calendar button is findable as "Calendar##<label>"; days as their ISO date ("2025-05-01"),
// the month buttons as "Previous month" / "Next month", and "Today".
FieldResult date_field(const char* label, const std::string& value, Date today, const FieldOptions& options = {});

}  // namespace waypoint::client::widgets
