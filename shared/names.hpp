// How a client's name is shown. Without a name (Name Data Quality 8, 9 or 99) a record is shown by its Client ID, so
// lists and headings never show a blank; with only one name there is no stray space.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "shared/entities.hpp"

namespace waypoint {

// "Maria José Nguyễn", "Blue Jacket 2", or "Client #12 (no name recorded)".
std::string client_display_name(std::string_view first_name, std::string_view last_name, int64_t client_id);
std::string client_display_name(const Client& client);

}  // namespace waypoint
