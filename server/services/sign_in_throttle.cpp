// Sign-in throttling and the password-check gate: see sign_in_throttle.hpp for the design.
#include "server/services/sign_in_throttle.hpp"

#include <arpa/inet.h>
#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <thread>
#include <utility>

namespace waypoint {

namespace {

// Usernames are kept as a short hash: whatever a caller passes, an entry's size is fixed.
std::string username_key(std::string_view username) {
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(username.data()), username.size(),
                     nullptr, 0);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

}  // namespace

std::string throttle_address_key(std::string_view client_address) {
  std::string text(client_address.substr(0, 64));
  if (text.find(':') == std::string::npos) return text;
  in6_addr address{};
  if (inet_pton(AF_INET6, text.c_str(), &address) != 1) return text;
  char out[INET6_ADDRSTRLEN] = {};
  if (IN6_IS_ADDR_V4MAPPED(&address)) {
    inet_ntop(AF_INET, address.s6_addr + 12, out, sizeof out);
    return out;
  }
  std::memset(address.s6_addr + 8, 0, 8);
  inet_ntop(AF_INET6, &address, out, sizeof out);
  return std::string(out) + "/64";
}

// [SECTION] SignInThrottle

std::int64_t SignInThrottle::wait_seconds(Entry& entry, const ThrottleRule& rule, ThrottleClock::time_point now) const {
  // Leak first: the count is what it would be had it been leaking all along.
  if (now > entry.updated) {
    double leaked = std::chrono::duration<double>(now - entry.updated) / std::chrono::duration<double>(rule.leak_every);
    entry.failures = std::max(0.0, entry.failures - leaked);
    entry.updated = now;
  }
  // One more is free while it fits whole: 19.98 of 20 leaves no room yet.
  if (entry.failures + entry.in_flight + 1 <= rule.free_failures + 1e-9) return 0;
  if (entry.in_flight > 0) return 1;  // beyond the free ones, one attempt at a time
  int over = static_cast<int>(std::ceil(entry.failures - 1e-9)) - rule.free_failures;
  int doublings = std::clamp(over, 0, 30);
  auto delay = std::min<std::chrono::seconds>(rule.max_delay, limits_.first_delay * (std::int64_t{1} << doublings));
  auto ready = entry.last_failure + delay;
  if (now >= ready) return 0;
  return std::max<std::int64_t>(1, std::chrono::ceil<std::chrono::seconds>(ready - now).count());
}

SignInThrottle::Entry& SignInThrottle::entry(Table& table, const std::string& key, const ThrottleRule& rule,
                                             ThrottleClock::time_point now) {
  if (auto it = table.find(key); it != table.end()) return it->second;
  if (table.size() >= limits_.max_entries) make_room(table, rule, now);
  Entry& fresh = table[key];
  fresh.updated = now;
  return fresh;
}

// Forgets what has leaked away; if the table is still full (every entry is live: many addresses at
// once), forgets a quarter of the idle ones. That hands those a few free guesses again, which is
// better than memory growing without bound, and the per-username limit still holds.
void SignInThrottle::make_room(Table& table, const ThrottleRule& rule, ThrottleClock::time_point now) {
  for (auto it = table.begin(); it != table.end();) {
    wait_seconds(it->second, rule, now);
    if (it->second.failures <= 0 && it->second.in_flight == 0) it = table.erase(it);
    else ++it;
  }
  for (auto it = table.begin(); it != table.end() && table.size() > limits_.max_entries * 3 / 4;) {
    if (it->second.in_flight == 0) it = table.erase(it);
    else ++it;
  }
}

SignInThrottle::Attempt SignInThrottle::begin(std::string_view client_address, std::string_view username,
                                              ThrottleClock::time_point now) {
  std::string address = throttle_address_key(client_address);
  std::string user = username_key(username);
  std::string pair = address + '\n' + user;
  std::lock_guard lock(mutex_);
  // Check every limit, then count the attempt in all three, in one step under the lock.
  std::int64_t wait = 0;
  auto check = [&](Table& table, const std::string& key, const ThrottleRule& rule) {
    if (auto it = table.find(key); it != table.end()) wait = std::max(wait, wait_seconds(it->second, rule, now));
  };
  check(pairs_, pair, limits_.per_address_and_username);
  check(addresses_, address, limits_.per_address);
  check(usernames_, user, limits_.per_username);
  if (wait > 0) return Attempt(nullptr, {}, {}, {}, wait, false);
  auto address_entry = addresses_.find(address);
  auto known = known_addresses_.find(address);
  bool from_known = known != known_addresses_.end() && now - known->second < kKnownFor &&
                    (address_entry == addresses_.end() || address_entry->second.failures < 1);
  ++entry(pairs_, pair, limits_.per_address_and_username, now).in_flight;
  ++entry(addresses_, address, limits_.per_address, now).in_flight;
  ++entry(usernames_, user, limits_.per_username, now).in_flight;
  return Attempt(this, std::move(pair), std::move(address), std::move(user), 0, from_known);
}

std::size_t SignInThrottle::entry_count() {
  std::lock_guard lock(mutex_);
  return pairs_.size() + addresses_.size() + usernames_.size() + known_addresses_.size();
}

void SignInThrottle::finish(Attempt& attempt, Finish how, ThrottleClock::time_point now) {
  std::lock_guard lock(mutex_);
  auto settle = [&](Table& table, const std::string& key, const ThrottleRule& rule, bool forget_on_success) {
    auto it = table.find(key);
    if (it == table.end()) return;  // made room for others meanwhile
    Entry& e = it->second;
    wait_seconds(e, rule, now);
    if (e.in_flight > 0) --e.in_flight;
    if (how == Finish::failure) {
      e.failures += 1;
      e.last_failure = now;
    } else if (how == Finish::success && forget_on_success) {
      e.failures = 0;
    }
    if (e.failures <= 0 && e.in_flight == 0) table.erase(it);
  };
  // A success forgets only this address's failures for this username: counting per address and per
  // username goes on, or one account the attacker owns would reset the limits on spraying others.
  settle(pairs_, attempt.pair_, limits_.per_address_and_username, true);
  settle(addresses_, attempt.address_, limits_.per_address, false);
  settle(usernames_, attempt.username_, limits_.per_username, false);
  if (how == Finish::success) {
    if (known_addresses_.size() >= limits_.max_entries && !known_addresses_.count(attempt.address_)) {
      for (auto it = known_addresses_.begin(); it != known_addresses_.end();)
        it = now - it->second >= kKnownFor ? known_addresses_.erase(it) : std::next(it);
      if (known_addresses_.size() >= limits_.max_entries) known_addresses_.erase(known_addresses_.begin());
    }
    known_addresses_[attempt.address_] = now;
  }
}

SignInThrottle::Attempt::Attempt(Attempt&& other) noexcept
    : throttle_(std::exchange(other.throttle_, nullptr)), pair_(std::move(other.pair_)),
      address_(std::move(other.address_)), username_(std::move(other.username_)), retry_after_(other.retry_after_),
      known_(other.known_) {}

SignInThrottle::Attempt::~Attempt() {
  if (throttle_) throttle_->finish(*this, Finish::neither, ThrottleClock::now());
}

void SignInThrottle::Attempt::succeeded(ThrottleClock::time_point now) {
  if (auto* throttle = std::exchange(throttle_, nullptr)) throttle->finish(*this, Finish::success, now);
}

void SignInThrottle::Attempt::failed(ThrottleClock::time_point now) {
  if (auto* throttle = std::exchange(throttle_, nullptr)) throttle->finish(*this, Finish::failure, now);
}

// [SECTION] PasswordCheckGate

PasswordCheckGate::PasswordCheckGate(unsigned slots, std::chrono::milliseconds patience, std::size_t max_waiting)
    : slots_(slots ? slots : std::max(1u, std::thread::hardware_concurrency())),
      patience_(patience),
      max_waiting_(max_waiting) {}

bool PasswordCheckGate::enter(bool first_class) {
  std::unique_lock lock(mutex_);
  auto& queue = first_class ? first_class_ : waiting_;
  if (first_class_.size() + waiting_.size() >= max_waiting_) return false;
  std::uint64_t ticket = next_ticket_++;
  queue.push_back(ticket);
  const unsigned second_class_slots = slots_ > 1 ? slots_ - 1 : 1;
  auto my_turn = [&] {
    if (busy_ >= slots_ || queue.front() != ticket) return false;
    return first_class || (first_class_.empty() && busy_second_class_ < second_class_slots);
  };
  if (!changed_.wait_for(lock, patience_, my_turn)) {
    queue.erase(std::find(queue.begin(), queue.end(), ticket));
    changed_.notify_all();  // the next in line may now be at the front
    return false;
  }
  queue.pop_front();
  ++busy_;
  if (!first_class) ++busy_second_class_;
  changed_.notify_all();  // another free slot goes to the next in line
  return true;
}

void PasswordCheckGate::leave(bool first_class) {
  std::lock_guard lock(mutex_);
  --busy_;
  if (!first_class) --busy_second_class_;
  changed_.notify_all();
}

PasswordCheckGate::Turn::Turn(PasswordCheckGate& gate, bool first_class)
    : gate_(gate), first_class_(first_class), entered_(gate.enter(first_class)) {}

PasswordCheckGate::Turn::~Turn() {
  if (entered_) gate_.leave(first_class_);
}

}  // namespace waypoint
