// Sign-in under attack, over real HTTP, with clients on several loopback addresses: one address
// spraying many usernames is slowed; parallel guesses cannot slip past the count; an attacker's
// failures do not lock the user out from elsewhere, and the attacker's own wait grows but ends;
// a real sign-in during a parallel flood stays fast; huge usernames are refused before any work
// and never reach the database file.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <latch>
#include <thread>

using namespace waypoint::test;
using namespace std::chrono_literals;

namespace {

Api from(const ServerProcess& server, const std::string& address) {
  Api api(server);
  api.set_source_address(address);
  return api;
}

void check_throttled(const Reply& reply) {
  INFO(reply.status, " ", reply.raw);
  CHECK(reply.status == 429);
  CHECK(reply.code() == "throttled");
  CHECK(std::atoi(reply.header("Retry-After").c_str()) >= 1);
  CHECK_FALSE(reply.body.contains("token"));
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::uintmax_t database_bytes(const std::string& db_path) {
  std::uintmax_t total = 0;
  std::error_code ec;
  for (const char* suffix : {"", "-wal"}) {
    auto size = std::filesystem::file_size(db_path + suffix, ec);
    if (!ec) total += size;
  }
  return total;
}

}  // namespace

TEST_CASE("one address spraying many usernames is throttled, and another address is not") {
  ServerProcess server(demo_options());
  auto sprayer = from(server, "127.0.0.3");
  int checked = 0;
  for (int i = 0; i < 30; ++i) {
    auto reply = sprayer.sign_in("no-such-user-" + std::to_string(i), "a guess");
    if (reply.status == 401) ++checked;
    else check_throttled(reply);
  }
  std::printf("one address, 30 usernames: %d checked, %d throttled\n", checked, 30 - checked);
  CHECK(checked == 20);
  // Its right password is held up too: the address is what is throttled.
  check_throttled(sprayer.sign_in("demo-cas-admin"));
  CHECK(from(server, "127.0.0.4").sign_in("demo-cas-admin").status == 200);
}

TEST_CASE("thirty parallel wrong guesses at one account from one address: at most five are checked") {
  ServerProcess server(demo_options());
  constexpr int kGuesses = 30;
  std::atomic<int> unauthorized{0}, throttled{0}, other{0};
  std::latch start(kGuesses);
  std::vector<std::thread> threads;
  for (int i = 0; i < kGuesses; ++i) {
    threads.emplace_back([&, i] {
      auto api = from(server, "127.0.0.5");
      start.arrive_and_wait();
      auto reply = api.sign_in("demo-outreach", "guess " + std::to_string(i));
      if (reply.status == 401) ++unauthorized;
      else if (reply.status == 429 && reply.code() == "throttled") ++throttled;
      else ++other;
    });
  }
  for (auto& t : threads) t.join();
  std::printf("30 parallel guesses: %d checked (401), %d throttled (429)\n", unauthorized.load(), throttled.load());
  CHECK(other == 0);
  CHECK(unauthorized >= 1);
  CHECK(unauthorized <= 5);
  CHECK(unauthorized + throttled == kGuesses);
  // The owner, from their own address, is not held up by it.
  CHECK(from(server, "127.0.0.6").sign_in("demo-outreach").status == 200);
}

TEST_CASE("an attacker's failures do not lock the user out from another address, and the attacker's wait grows") {
  ServerProcess server(demo_options());
  auto attacker = from(server, "127.0.0.7");
  for (int i = 0; i < 5; ++i) CHECK(attacker.sign_in("demo-caseworker", "guess " + std::to_string(i)).status == 401);
  auto held = attacker.sign_in("demo-caseworker", "guess 5");
  check_throttled(held);
  int first_wait = std::atoi(held.header("Retry-After").c_str());
  CHECK(first_wait <= 2);
  // The user, elsewhere, signs in at once, as often as they like.
  auto user = from(server, "127.0.0.8");
  CHECK(user.sign_in("demo-caseworker").status == 200);
  CHECK(user.sign_in("demo-caseworker").status == 200);
  // Not a lock: after the wait one more guess is checked, and the next wait is longer.
  std::this_thread::sleep_for(std::chrono::seconds(first_wait) + 100ms);
  CHECK(attacker.sign_in("demo-caseworker", "guess 6").status == 401);
  auto longer = attacker.sign_in("demo-caseworker", "guess 7");
  check_throttled(longer);
  CHECK(std::atoi(longer.header("Retry-After").c_str()) > first_wait);
  CHECK(user.sign_in("demo-caseworker").status == 200);
}

TEST_CASE("a real sign-in during an eight-way parallel flood of wrong guesses stays fast") {
  ServerProcess server(demo_options());
  auto user = from(server, "127.0.0.9");
  auto timed_sign_in = [&] {
    auto start = std::chrono::steady_clock::now();
    auto reply = user.sign_in("demo-caseworker");
    CHECK(reply.status == 200);
    return seconds_since(start);
  };
  std::vector<double> quiet;
  for (int i = 0; i < 3; ++i) quiet.push_back(timed_sign_in());
  std::sort(quiet.begin(), quiet.end());
  // Eight addresses, each flooding wrong guesses at new usernames: the strongest form, since one
  // address alone is cut off after its free guesses.
  constexpr int kFlooders = 8;
  std::atomic<bool> flooding{true};
  std::atomic<int> checked{0}, throttled{0}, other{0};
  std::vector<std::thread> flooders;
  for (int f = 0; f < kFlooders; ++f) {
    flooders.emplace_back([&, f] {
      auto api = from(server, "127.0.1." + std::to_string(10 + f));
      for (int n = 0; flooding; ++n) {
        auto reply = api.sign_in("flood-" + std::to_string(f) + "-" + std::to_string(n), "a guess");
        if (reply.status == 401) ++checked;
        else if (reply.status == 429) ++throttled;
        else ++other;
      }
    });
  }
  auto flood_start = std::chrono::steady_clock::now();
  std::vector<double> times;
  std::this_thread::sleep_for(300ms);
  for (int i = 0; i < 6; ++i) {
    times.push_back(timed_sign_in());
    std::this_thread::sleep_for(500ms);
  }
  flooding = false;
  for (auto& t : flooders) t.join();
  double flood_seconds = seconds_since(flood_start);
  std::sort(times.begin(), times.end());
  std::printf("8-way flood: %d checked (%.1f/s), %d throttled over %.1f s; real sign-in median %.3f s, max %.3f s "
              "(quiet: median %.3f s)\n",
              checked.load(), checked / flood_seconds, throttled.load(), flood_seconds, times[times.size() / 2],
              times.back(), quiet[1]);
  CHECK(other == 0);
  CHECK(times.back() < 1.5);
  // Each flooding address gets its free guesses, then waits.
  CHECK(checked <= kFlooders * 25);
}

TEST_CASE("hundreds of sign-ins with 900 KB usernames are refused before any work and do not grow the database") {
  ServerProcess server(demo_options());
  Api api(server);
  CHECK(api.sign_in("demo-provider").status == 200);  // the WAL exists and has settled
  auto before = database_bytes(server.db_path());
  const std::string huge(900 * 1024, 'u');
  auto start = std::chrono::steady_clock::now();
  int refused = 0;
  for (int i = 0; i < 200; ++i) {
    auto reply = api.sign_in(huge + std::to_string(i), "a guess");
    bool json_4xx = reply.status >= 400 && reply.status < 500 && !reply.code().empty();
    if (json_4xx) ++refused;
    if (i == 0) {
      INFO(reply.status, " ", reply.raw.substr(0, 300));
      CHECK(reply.status == 422);
      CHECK(reply.names_field("username"));
    }
  }
  auto after = database_bytes(server.db_path());
  std::printf("200 sign-ins with 900 KB usernames in %.1f s: database %ju -> %ju bytes\n", seconds_since(start),
              before, after);
  CHECK(refused == 200);
  CHECK(after < before + 1024 * 1024);
  // Nothing was throttled by them either: no work was done for them.
  CHECK(api.sign_in("demo-provider").status == 200);
}
