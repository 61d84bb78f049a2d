// Rendered referral pages are reused only while nothing was written, and never across organizations.
#include "api_client.hpp"

#include <doctest/doctest.h>

using namespace waypoint::test;

TEST_CASE("a write shows in the next list page at once, though the page was just rendered") {
  ServerProcess server(demo_options());
  auto provider = Api::signed_in(server, "demo-provider");
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  const std::string inbox = "/api/referrals?box=incoming&status=pending&page_size=200";
  auto first = provider.get(inbox);
  REQUIRE(first.status == 200);
  CHECK(provider.get(inbox).raw == first.raw);  // nothing changed: the same page

  // Another user's write (a new referral to Northstar) appears in the provider's inbox.
  auto created = create_referral(caseworker, 1, demo::kRiversideNavigation, demo::kNorthstarRrh);
  auto second = provider.get(inbox);
  CHECK(second.body["total"].get<int>() == first.body["total"].get<int>() + 1);
  bool listed = false;
  for (const auto& item : second.body["items"]) listed = listed || item["id"] == created["id"];
  CHECK(listed);

  // Acknowledging takes it out of the pending page.
  acknowledge(provider, get_referral(provider, created["id"].get<std::int64_t>()));
  auto third = provider.get(inbox);
  CHECK(third.body["total"].get<int>() == first.body["total"].get<int>());

  // The same query from another organization is its own page, never the cached one.
  auto outreach = Api::signed_in(server, "demo-outreach");
  auto theirs = outreach.get(inbox);
  REQUIRE(theirs.status == 200);
  for (const auto& item : theirs.body["items"]) CHECK(item["to_organization_id"] == demo::kOpenDoor);
}

TEST_CASE("a second server process on the same database never serves a stale inbox") {
  ServerProcess first(demo_options());
  ServerOptions same_file;
  same_file.db_path = first.db_path();
  ServerProcess second(same_file);
  auto provider = Api::signed_in(first, "demo-provider");
  auto caseworker = Api::signed_in(second, "demo-caseworker");
  const std::string inbox = "/api/referrals?box=incoming&status=pending&page_size=200";
  auto before = provider.get(inbox);
  REQUIRE(before.status == 200);
  REQUIRE(provider.get(inbox).raw == before.raw);  // rendered once and kept by the first process

  // The write goes through the second process; the first's kept page must not be served again.
  auto created = create_referral(caseworker, 1, demo::kRiversideNavigation, demo::kNorthstarRrh);
  auto after = provider.get(inbox);
  CHECK(after.body["total"].get<int>() == before.body["total"].get<int>() + 1);
  bool listed = false;
  for (const auto& item : after.body["items"]) listed = listed || item["id"] == created["id"];
  CHECK(listed);
}
