// Sign-in flood defences, in memory: how often an address and a username may guess a password
// (SignInThrottle), and how many argon2id checks run at once (PasswordCheckGate).
//
// Why in memory: a failed guess then writes nothing to the database (a flood of failures cannot
// fill the disk), and check-and-record is one step under one mutex, so parallel guesses cannot all
// slip past a limit that each of them read before any was recorded. A restart forgets the counts,
// which only an administrator can do.
//
// Why three limits: the strict one is per (address, username), so an attacker's failures delay
// the attacker, not the user signing in from elsewhere. Per address it stops one machine spraying
// every account. Per username, across all addresses, it is much looser and its delay short, so a
// distributed guess at one account is slowed without locking its owner out for long.
// Counts leak away over time (a leaky bucket): a busy office behind one address is never stuck.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace waypoint {

using ThrottleClock = std::chrono::steady_clock;

struct ThrottleRule {
  int free_failures;                     // failures that cost nothing
  std::chrono::seconds leak_every;       // one failure is forgotten per this much time
  std::chrono::seconds max_delay;        // beyond the free failures, the wait doubles up to this
};

struct ThrottleLimits {
  ThrottleRule per_address_and_username{5, std::chrono::minutes(12), std::chrono::minutes(15)};
  ThrottleRule per_address{20, std::chrono::minutes(3), std::chrono::minutes(15)};
  ThrottleRule per_username{100, std::chrono::seconds(36), std::chrono::minutes(1)};
  std::chrono::seconds first_delay{2};   // after the last free failure
  std::size_t max_entries = 50000;       // per table: bounds memory when every guess has a new address
};

class SignInThrottle {
 public:
  explicit SignInThrottle(ThrottleLimits limits = {}) : limits_(limits) {}
  SignInThrottle(const SignInThrottle&) = delete;
  SignInThrottle& operator=(const SignInThrottle&) = delete;

  // One attempt, admitted or told to wait. While admitted it counts as a failure in flight;
  // succeeded() forgets this address's failures for the username, failed() records one more.
  // Neither (an error before the password was checked) releases it without counting.
  class Attempt {
   public:
    Attempt(Attempt&& other) noexcept;
    Attempt& operator=(Attempt&&) = delete;
    ~Attempt();
    bool admitted() const { return throttle_ != nullptr; }
    std::int64_t retry_after_seconds() const { return retry_after_; }
    // Someone signed in from this address lately (kKnownFor) and it has no failure on record: a
    // person at a known desk rather than a flood from fresh addresses, so its check goes first.
    bool from_known_address() const { return known_; }
    void succeeded(ThrottleClock::time_point now = ThrottleClock::now());
    void failed(ThrottleClock::time_point now = ThrottleClock::now());

   private:
    friend class SignInThrottle;
    Attempt(SignInThrottle* throttle, std::string pair, std::string address, std::string username,
            std::int64_t retry_after, bool known)
        : throttle_(throttle), pair_(std::move(pair)), address_(std::move(address)),
          username_(std::move(username)), retry_after_(retry_after), known_(known) {}
    SignInThrottle* throttle_;  // null when refused or finished
    std::string pair_, address_, username_;
    std::int64_t retry_after_;
    bool known_;
  };

  Attempt begin(std::string_view client_address, std::string_view username,
                ThrottleClock::time_point now = ThrottleClock::now());

  static constexpr std::chrono::hours kKnownFor{12};
  std::size_t entry_count();  // in all tables: bounded by ThrottleLimits::max_entries each

 private:
  struct Entry {
    double failures = 0;                // leaks away, see ThrottleRule::leak_every
    int in_flight = 0;                  // admitted attempts not yet finished
    ThrottleClock::time_point updated;  // when `failures` was last leaked
    ThrottleClock::time_point last_failure;
  };
  using Table = std::unordered_map<std::string, Entry>;
  enum class Finish { success, failure, neither };

  // Seconds until `entry` admits one more attempt under `rule`; 0 when it does now.
  std::int64_t wait_seconds(Entry& entry, const ThrottleRule& rule, ThrottleClock::time_point now) const;
  Entry& entry(Table& table, const std::string& key, const ThrottleRule& rule, ThrottleClock::time_point now);
  void make_room(Table& table, const ThrottleRule& rule, ThrottleClock::time_point now);
  void finish(Attempt& attempt, Finish how, ThrottleClock::time_point now);

  ThrottleLimits limits_;
  std::mutex mutex_;
  Table pairs_, addresses_, usernames_;
  std::unordered_map<std::string, ThrottleClock::time_point> known_addresses_;  // last success from each
};

// At most `slots` argon2id checks at once (one per core by default): a flood then queues for its
// turn instead of starving every other request of CPU, and argon2id's 64 MiB each stays bounded.
// Waiters are served in arrival order, first-class ones (Attempt::from_known_address: people, not
// floods) before the rest, and with two slots or more one is kept for them: so a real sign-in
// during a flood from many addresses does not wait behind the flood's queue, and shares the CPU
// with fewer of its checks. A waiter gives up after `patience`, or at once when `max_waiting` are
// already queued.
class PasswordCheckGate {
 public:
  explicit PasswordCheckGate(unsigned slots = 0, std::chrono::milliseconds patience = std::chrono::seconds(2),
                             std::size_t max_waiting = 64);
  PasswordCheckGate(const PasswordCheckGate&) = delete;
  PasswordCheckGate& operator=(const PasswordCheckGate&) = delete;

  class Turn {
   public:
    Turn(PasswordCheckGate& gate, bool first_class);
    ~Turn();
    Turn(const Turn&) = delete;
    Turn& operator=(const Turn&) = delete;
    explicit operator bool() const { return entered_; }

   private:
    PasswordCheckGate& gate_;
    bool first_class_;
    bool entered_;
  };

  unsigned slots() const { return slots_; }

 private:
  bool enter(bool first_class);
  void leave(bool first_class);

  unsigned slots_;
  std::chrono::milliseconds patience_;
  std::size_t max_waiting_;
  std::mutex mutex_;
  std::condition_variable changed_;
  unsigned busy_ = 0, busy_second_class_ = 0;
  std::uint64_t next_ticket_ = 0;
  std::deque<std::uint64_t> first_class_, waiting_;
};

// The key an address is throttled under: IPv4 as it is, an IPv4-mapped IPv6 address as its IPv4
// form, and other IPv6 addresses by their /64 (one host is commonly handed a whole /64).
std::string throttle_address_key(std::string_view client_address);

}  // namespace waypoint
