// How a client's name is shown: one name without a stray space, no name by the Client ID.
#include <doctest/doctest.h>

#include "shared/names.hpp"

using namespace waypoint;

TEST_CASE("a client's name is shown as first and last, one of them alone, or by the Client ID without a name") {
  CHECK(client_display_name("Maria José", "Nguyễn", 1) == "Maria José Nguyễn");
  CHECK(client_display_name("Blue Jacket 2", "", 301) == "Blue Jacket 2");
  CHECK(client_display_name("", "Sparrow", 302) == "Sparrow");
  CHECK(client_display_name(" ", "  ", 303) == "Client #303 (no name recorded)");
  Client client;
  client.id = 12;
  CHECK(client_display_name(client) == "Client #12 (no name recorded)");
  client.first_name = "Hawo";
  client.last_name = "O'Brien";
  CHECK(client_display_name(client) == "Hawo O'Brien");
}
