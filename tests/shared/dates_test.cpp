// Calendar dates: strict ISO parsing, the US forms people type, formatting and day arithmetic.
#include <doctest/doctest.h>

#include "shared/dates.hpp"

using namespace waypoint;

TEST_CASE("an ISO date is parsed into year, month and day") {
  auto date = parse_iso_date("2025-05-01");
  REQUIRE(date);
  CHECK(*date == make_date(2025, 5, 1));
}

TEST_CASE("an ISO date must be exactly four, two and two digits") {
  CHECK_FALSE(parse_iso_date("2025-5-01"));
  CHECK_FALSE(parse_iso_date("2025-05-1"));
  CHECK_FALSE(parse_iso_date("25-05-01"));
  CHECK_FALSE(parse_iso_date("2025/05/01"));
  CHECK_FALSE(parse_iso_date("2025-05-01 "));
  CHECK_FALSE(parse_iso_date(" 2025-05-01"));
  CHECK_FALSE(parse_iso_date("2025-05-0a"));
  CHECK_FALSE(parse_iso_date("+025-05-01"));
  CHECK_FALSE(parse_iso_date(""));
  CHECK_FALSE(parse_iso_date("2025-05-01T00:00:00Z"));
}

TEST_CASE("impossible dates are rejected") {
  CHECK_FALSE(parse_iso_date("2025-02-30"));
  CHECK_FALSE(parse_iso_date("2023-02-29"));
  CHECK_FALSE(parse_iso_date("1900-02-29"));
  CHECK_FALSE(parse_iso_date("2025-13-01"));
  CHECK_FALSE(parse_iso_date("2025-00-10"));
  CHECK_FALSE(parse_iso_date("2025-04-31"));
  CHECK_FALSE(parse_iso_date("2025-01-00"));
}

TEST_CASE("leap days exist only in leap years") {
  CHECK(parse_iso_date("2024-02-29"));
  CHECK(parse_iso_date("2000-02-29"));
  CHECK_FALSE(parse_iso_date("2100-02-29"));
}

TEST_CASE("a typed date may be ISO or US month/day/year") {
  CHECK(parse_user_date("2025-05-01") == make_date(2025, 5, 1));
  CHECK(parse_user_date("05/01/2025") == make_date(2025, 5, 1));
  CHECK(parse_user_date("5/1/2025") == make_date(2025, 5, 1));
  CHECK(parse_user_date("12/31/2024") == make_date(2024, 12, 31));
  CHECK(parse_user_date("  5/1/2025 ") == make_date(2025, 5, 1));
}

TEST_CASE("a typed US date must be a real day with a four-digit year") {
  CHECK_FALSE(parse_user_date("02/30/2025"));
  CHECK_FALSE(parse_user_date("13/01/2025"));
  CHECK_FALSE(parse_user_date("5/1/25"));
  CHECK_FALSE(parse_user_date("005/1/2025"));
  CHECK_FALSE(parse_user_date("5//2025"));
  CHECK_FALSE(parse_user_date("5/1/2025/1"));
  CHECK_FALSE(parse_user_date("May 1, 2025"));
  CHECK_FALSE(parse_user_date(""));
  CHECK(parse_user_date("2/29/2024"));
  CHECK_FALSE(parse_user_date("2/29/2023"));
}

TEST_CASE("dates are formatted as ISO and as US with zero padding") {
  CHECK(format_iso(make_date(2025, 5, 1)) == "2025-05-01");
  CHECK(format_us(make_date(2025, 5, 1)) == "05/01/2025");
  CHECK(format_iso(make_date(987, 12, 9)) == "0987-12-09");
}

TEST_CASE("formatting and parsing ISO round-trip") {
  Date date = make_date(2024, 2, 29);
  CHECK(parse_iso_date(format_iso(date)) == date);
  CHECK(parse_user_date(format_us(date)) == date);
}

TEST_CASE("days between two dates counts whole days and is signed") {
  CHECK(days_between(make_date(2025, 5, 1), make_date(2025, 5, 1)) == 0);
  CHECK(days_between(make_date(2025, 5, 1), make_date(2025, 5, 31)) == 30);
  CHECK(days_between(make_date(2025, 5, 31), make_date(2025, 5, 1)) == -30);
  CHECK(days_between(make_date(2024, 2, 28), make_date(2024, 3, 1)) == 2);
  CHECK(days_between(make_date(2024, 12, 31), make_date(2025, 1, 1)) == 1);
}

TEST_CASE("adding days crosses months, years and leap days") {
  CHECK(add_days(make_date(2025, 5, 31), 1) == make_date(2025, 6, 1));
  CHECK(add_days(make_date(2024, 2, 28), 1) == make_date(2024, 2, 29));
  CHECK(add_days(make_date(2025, 1, 1), -1) == make_date(2024, 12, 31));
  CHECK(add_days(make_date(2025, 5, 1), 0) == make_date(2025, 5, 1));
}
