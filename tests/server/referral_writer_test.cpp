// The hand-written referral list JSON must be the very document nlohmann's mapping produces.
#include "server/http/referral_writer.hpp"
#include "shared/json_mapping.hpp"

#include <doctest/doctest.h>

using namespace waypoint;

namespace {
Referral sample() {
  Referral r;
  r.id = 42;
  r.client_id = 7;
  r.from_project_id = 1;
  r.to_project_id = 3;
  r.from_organization_id = 2;
  r.to_organization_id = 3;
  r.referral_date = make_date(2025, 5, 1);
  r.note = "Call \"after\" 5\\6\nTab\there \x01 — Nguyễn";
  r.status = ReferralStatus::resolved;
  r.date_acknowledged = make_date(2025, 5, 2);
  r.appointment_date = make_date(2025, 5, 3);
  r.result_date = make_date(2025, 5, 4);
  r.result = ReferralResult::no_show;
  r.comments = "";
  r.client_name = "Maria José Nguyễn";
  r.from_project_name = "Riverside - Services Only";
  r.to_project_name = "Northstar - RRH";
  r.version = 3;
  return r;
}
}  // namespace

TEST_CASE("a referral written straight to text equals its JSON mapping") {
  Referral r = sample();
  std::string out;
  http::write_referral(out, r);
  CHECK(nlohmann::json::parse(out) == nlohmann::json(r));
  CHECK(out == nlohmann::json(r).dump());  // byte for byte, key order included
}

TEST_CASE("a referral without outcome writes nulls like the mapping") {
  Referral r = sample();
  r.status = ReferralStatus::pending;
  r.date_acknowledged.reset();
  r.appointment_date.reset();
  r.result_date.reset();
  r.result.reset();
  std::string out;
  http::write_referral(out, r);
  CHECK(out == nlohmann::json(r).dump());
}

TEST_CASE("a page of referrals is the list document") {
  Page<Referral> page{{sample(), sample()}, 1234};
  auto text = http::referral_page_json(page, 2, 50);
  nlohmann::json expected = {{"items", page.items}, {"total", 1234}, {"page", 2}, {"page_size", 50}};
  CHECK(nlohmann::json::parse(text) == expected);
}
