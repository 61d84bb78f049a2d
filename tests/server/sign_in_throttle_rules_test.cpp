// SignInThrottle's rules in-process, on a clock the test moves: the wait doubles up to its cap and
// then ends, failures leak away, a success forgets only that address's failures for the username,
// memory stays bounded under addresses without end, and IPv6 hosts are counted by their /64.
#include "server/services/sign_in_throttle.hpp"

#include <doctest/doctest.h>

#include <string>

using waypoint::SignInThrottle;
using waypoint::ThrottleClock;
using namespace std::chrono_literals;

namespace {

// One failed guess at `now`; answers the wait it was told instead, or 0 when it was checked.
std::int64_t guess(SignInThrottle& throttle, const std::string& address, const std::string& user,
                   ThrottleClock::time_point now) {
  auto attempt = throttle.begin(address, user, now);
  if (!attempt.admitted()) return attempt.retry_after_seconds();
  attempt.failed(now);
  return 0;
}

}  // namespace

TEST_CASE("beyond five failures the wait doubles from two seconds, never passes fifteen minutes, and always ends") {
  SignInThrottle throttle;
  auto now = ThrottleClock::now();
  for (int i = 0; i < 5; ++i) CHECK(guess(throttle, "10.0.0.1", "ana", now) == 0);
  // The first waits double (little has leaked yet).
  for (std::int64_t expected = 2; expected <= 128; expected *= 2) {
    auto wait = guess(throttle, "10.0.0.1", "ana", now);
    INFO("expected ", expected);
    CHECK(wait == expected);
    now += std::chrono::seconds(wait);
    CHECK(guess(throttle, "10.0.0.1", "ana", now) == 0);  // not a lock: one more guess after the wait
  }
  // A day of guessing at every chance: never more than fifteen minutes' wait, and in the long run
  // about one guess per leak interval (12 minutes: 5 an hour).
  int checked = 0;
  std::int64_t longest = 0;
  for (auto end = now + 24h; now < end;) {
    auto wait = guess(throttle, "10.0.0.1", "ana", now);
    if (wait == 0) ++checked;
    longest = std::max(longest, wait);
    now += std::chrono::seconds(std::max<std::int64_t>(wait, 1));
  }
  MESSAGE("a day of guessing at one account from one address: ", checked, " checked, longest wait ", longest, " s");
  CHECK(longest <= 15 * 60);
  CHECK(checked >= 24 * 4);
  CHECK(checked <= 24 * 5 + 5);
}

TEST_CASE("failures leak away, and a success forgets only that address's failures for the username") {
  SignInThrottle throttle;
  auto now = ThrottleClock::now();
  for (int i = 0; i < 5; ++i) CHECK(guess(throttle, "10.0.0.2", "ben", now) == 0);
  CHECK(guess(throttle, "10.0.0.2", "ben", now) > 0);
  // 12 minutes leak one failure of the pair's five: one free guess again.
  CHECK(guess(throttle, "10.0.0.2", "ben", now + 13min) == 0);
  // Another address is not held up; its success does not free the first address.
  auto other = throttle.begin("10.0.0.3", "ben", now + 13min);
  REQUIRE(other.admitted());
  other.succeeded(now + 13min);
  CHECK(guess(throttle, "10.0.0.2", "ben", now + 13min) > 0);
}

TEST_CASE("an attempt neither failed nor succeeded (an error before the check) is released without counting") {
  SignInThrottle throttle;
  auto now = ThrottleClock::now();
  for (int i = 0; i < 20; ++i) {
    auto attempt = throttle.begin("10.0.0.4", "cai", now);
    CHECK(attempt.admitted());
  }
  CHECK(guess(throttle, "10.0.0.4", "cai", now) == 0);
}

TEST_CASE("memory stays bounded when every guess comes from a new address") {
  waypoint::ThrottleLimits limits;
  limits.max_entries = 1000;
  SignInThrottle throttle(limits);
  auto now = ThrottleClock::now();
  int checked = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string address = "10." + std::to_string(i / 65536) + "." + std::to_string(i / 256 % 256) + "." +
                          std::to_string(i % 256);
    if (guess(throttle, address, "user-" + std::to_string(i), now) == 0) ++checked;
  }
  CHECK(checked == 20000);
  CHECK(throttle.entry_count() <= 4 * limits.max_entries);
  // The limits still hold after the tables made room.
  for (int i = 0; i < 5; ++i) CHECK(guess(throttle, "10.200.0.1", "dee", now) == 0);
  CHECK(guess(throttle, "10.200.0.1", "dee", now) > 0);
}

TEST_CASE("addresses are counted as IPv4, IPv4-mapped IPv6 as IPv4, and other IPv6 by their /64") {
  CHECK(waypoint::throttle_address_key("127.0.0.2") == "127.0.0.2");
  CHECK(waypoint::throttle_address_key("::ffff:192.0.2.7") == "192.0.2.7");
  CHECK(waypoint::throttle_address_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::/64");
  CHECK(waypoint::throttle_address_key("2001:db8:1:2::1") == waypoint::throttle_address_key("2001:db8:1:2:ffff::9"));
}
