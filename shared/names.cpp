// Client names as shown.
#include "shared/names.hpp"

#include "shared/text.hpp"

namespace waypoint {

std::string client_display_name(std::string_view first_name, std::string_view last_name, int64_t client_id) {
  std::string_view first = trim(first_name), last = trim(last_name);
  if (first.empty() && last.empty()) return "Client #" + std::to_string(client_id) + " (no name recorded)";
  std::string name(first);
  if (!first.empty() && !last.empty()) name += ' ';
  name += last;
  return name;
}

std::string client_display_name(const Client& client) {
  return client_display_name(client.first_name, client.last_name, client.id);
}

}  // namespace waypoint
