// dates_fuzz: shared/dates.hpp's parsers on arbitrary text. Every date a person types and every date on the wire
// goes through parse_iso_date or parse_user_date, so they must never read out of bounds or overflow, and what they
// accept must survive formatting and day arithmetic unchanged (the client formats what the server parsed).
// The input is one date; when it holds a newline, the two halves are also checked as a pair (ordering vs
// days_between, add_days).
#include "shared/dates.hpp"
#include "tests/fuzz/fuzz_check.hpp"

#include <cstddef>
#include <cstdint>

using namespace waypoint;

namespace {

void check_one(std::string_view text) {
  auto iso = parse_iso_date(text);
  auto user = parse_user_date(text);
  if (iso) {
    FUZZ_CHECK(iso->ok());
    // Strict ISO is exactly 4-2-2 digits, so formatting gives back the very same text.
    FUZZ_CHECK(format_iso(*iso) == text);
    // Whatever the wire accepts, a person may type.
    FUZZ_CHECK(user && *user == *iso);
  }
  if (user) {
    FUZZ_CHECK(user->ok());
    int year = static_cast<int>(user->year());
    FUZZ_CHECK(year >= 0 && year <= 9999);
    FUZZ_CHECK(parse_iso_date(format_iso(*user)) == user);
    FUZZ_CHECK(parse_user_date(format_us(*user)) == user);
    FUZZ_CHECK(days_between(*user, *user) == 0);
    FUZZ_CHECK(add_days(*user, 0) == *user);
    Date next = add_days(*user, 1);
    FUZZ_CHECK(next.ok() && next > *user && days_between(*user, next) == 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzz::as_text(data, size);
  check_one(text);
  auto newline = text.find('\n');
  if (newline == std::string_view::npos) return 0;
  std::string_view first_text = text.substr(0, newline), second_text = text.substr(newline + 1);
  check_one(first_text);
  check_one(second_text);
  auto first = parse_user_date(first_text), second = parse_user_date(second_text);
  if (!first || !second) return 0;
  int days = days_between(*first, *second);
  FUZZ_CHECK((days > 0) == (*first < *second));
  FUZZ_CHECK((days == 0) == (*first == *second));
  FUZZ_CHECK(days_between(*second, *first) == -days);
  FUZZ_CHECK(add_days(*first, days) == *second);
  return 0;
}
