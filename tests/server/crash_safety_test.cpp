// Crash safety: concurrent writers against the real server, killed with SIGKILL at random
// moments and restarted on the same database file. Every write answered 2xx must be there,
// nothing may be half-applied (each record with its audit row, each acknowledgement with its
// version bump and history entry), replaying an unanswered write with its Idempotency-Key must
// apply it exactly once, and the file must pass PRAGMA integrity_check.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <thread>

using namespace waypoint::test;

namespace {

constexpr int kRounds = 12;
constexpr int kWriters = 4;

struct Attempt {
  std::string kind;  // client, referral, acknowledge
  std::string path;
  std::string key;
  json body;
  bool as_provider = false;
  int status = 0;  // 0: no answer (the server died first)
  json answer;
};

std::string letters(std::uint64_t n) {  // names may only have letters: 0 -> "a", 27 -> "bb"
  std::string out;
  do {
    out.push_back(static_cast<char>('a' + n % 26));
    n /= 26;
  } while (n > 0);
  return {out.rbegin(), out.rend()};
}

Attempt attempt(std::string kind, std::string path, std::string key, json body, bool as_provider) {
  Attempt a;
  a.kind = std::move(kind);
  a.path = std::move(path);
  a.key = std::move(key);
  a.body = std::move(body);
  a.as_provider = as_provider;
  return a;
}

std::string at(const std::map<std::string, std::string>& map, const std::string& key) {
  auto it = map.find(key);
  return it == map.end() ? "<missing>" : it->second;
}

std::map<std::string, std::string> pairs(const std::string& db, const std::string& sql) {
  std::map<std::string, std::string> out;
  for (const auto& row : sql_column(db, sql)) {
    auto bar = row.find('|');
    out[row.substr(0, bar)] = bar == std::string::npos ? "" : row.substr(bar + 1);
  }
  return out;
}

// One writer: even writers add clients, odd writers send a referral as the caseworker and
// acknowledge it as the provider. Every request carries a unique Idempotency-Key.
void write_until_stopped(int port, int writer, int round, const std::string& caseworker_token,
                         const std::string& provider_token, std::atomic<bool>& stop, std::vector<Attempt>& log) {
  Api caseworker(port), provider(port);
  caseworker.set_token(caseworker_token);
  provider.set_token(provider_token);
  auto send = [&](Attempt a) -> Attempt& {
    Api& api = a.as_provider ? provider : caseworker;
    auto reply = api.post(a.path, a.body, {{"Idempotency-Key", a.key}});
    a.status = reply.status;
    a.answer = reply.body;
    log.push_back(std::move(a));
    return log.back();
  };
  // A request without an answer means the server is gone: this writer's round is over.
  for (std::uint64_t n = 0; !stop.load(); ++n) {
    std::string tag = std::to_string(round) + "-" + std::to_string(writer) + "-" + std::to_string(n);
    if (writer % 2 == 0) {
      std::string last_name = "W";
      last_name.append(letters(static_cast<std::uint64_t>(writer))).append("r");
      last_name.append(letters(static_cast<std::uint64_t>(round))).append("n").append(letters(n));
      json body = {{"first_name", "Crash"}, {"last_name", last_name}, {"date_of_birth", "1980-01-01"}};
      if (send(attempt("client", "/api/clients", "crash-client-" + tag, body, false)).status == 0) return;
    } else {
      json body = {{"client_id", 1 + static_cast<int>(n % 300)},
                   {"from_project_id", demo::kRiversideNavigation},
                   {"to_project_id", demo::kNorthstarRrh},
                   {"referral_date", days_ago(2)},
                   {"note", "crash test"}};
      auto& made = send(attempt("referral", "/api/referrals", "crash-referral-" + tag, body, false));
      if (made.status == 0) return;
      if (made.status != 201 || stop.load()) continue;
      std::string path = "/api/referrals/" + std::to_string(made.answer["id"].get<std::int64_t>()) + "/acknowledge";
      json ack = {{"date_acknowledged", days_ago(1)}, {"version", 1}};
      if (send(attempt("acknowledge", path, "crash-ack-" + tag, ack, true)).status == 0) return;
    }
  }
}

}  // namespace

TEST_CASE("writes answered 2xx survive SIGKILL at random moments, and none is half-applied") {
  char pattern[] = "/tmp/waypoint-crash-XXXXXX";
  std::string folder = mkdtemp(pattern);
  ServerOptions options = demo_options();
  options.db_path = folder + "/crash.db";
  auto seed = static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count());
  std::mt19937 random(seed);
  MESSAGE("crash test seed ", seed);

  std::string caseworker_token, provider_token;
  std::vector<std::vector<Attempt>> logs(kWriters);
  for (int round = 0; round < kRounds; ++round) {
    ServerProcess server(options);
    if (round == 0) {
      caseworker_token = Api::signed_in(server, "demo-caseworker").token();
      provider_token = Api::signed_in(server, "demo-provider").token();
    }
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w)
      writers.emplace_back(write_until_stopped, server.port(), w, round, caseworker_token, provider_token,
                           std::ref(stop), std::ref(logs[static_cast<size_t>(w)]));
    std::this_thread::sleep_for(std::chrono::milliseconds(100 + random() % 350));
    server.kill_hard();
    stop = true;
    for (auto& t : writers) t.join();
  }

  std::size_t answered = 0, unanswered = 0, attempts = 0;
  for (const auto& log : logs)
    for (const auto& a : log) {
      ++attempts;
      if (a.status == 0) ++unanswered;
      else if (a.status >= 200 && a.status < 300) ++answered;
      else FAIL_CHECK("unexpected answer ", a.status, " to ", a.path, ": ", a.answer.dump());
    }
  MESSAGE(attempts, " writes: ", answered, " answered 2xx, ", unanswered, " cut off by SIGKILL");
  CHECK(answered >= 40);

  // Restart once more: every unanswered write, sent again with its key, is applied exactly once
  // (a replay if the first attempt had committed, a first application if not).
  {
    ServerProcess server(options);
    Api caseworker(server), provider(server);
    caseworker.set_token(caseworker_token);
    provider.set_token(provider_token);
    CHECK(caseworker.get("/api/session").status == 200);  // sessions survive the kills
    std::size_t replayed = 0;
    for (auto& log : logs)
      for (auto& a : log) {
        Api& api = a.as_provider ? provider : caseworker;
        auto reply = api.post(a.path, a.body, {{"Idempotency-Key", a.key}});
        INFO(a.key, " ", a.path, " first answer ", a.status, " ", a.answer.dump(), "; again: ", reply.raw);
        if (a.status != 0) {
          // Answered before the kill: the replay is the same answer, from the stored reply.
          CHECK(reply.status == a.status);
          CHECK(reply.header("Idempotent-Replay") == "true");
          CHECK(reply.body == a.answer);
        } else {
          CHECK(reply.ok());
          replayed += reply.header("Idempotent-Replay") == "true";
          a.status = reply.status;
          a.answer = reply.body;
        }
      }
    MESSAGE(replayed, " of ", unanswered, " cut-off writes had committed before the kill");
    CHECK(server.stop() == 0);
  }

  const std::string db = options.db_path;
  CHECK(sql_value(db, "PRAGMA integrity_check") == "ok");
  CHECK(sql_value(db, "PRAGMA foreign_key_check") == "");

  // Clients: each answered one is there with its name, each has exactly one 'create' audit row, and there is
  // exactly one client per key.
  auto clients = pairs(db, "SELECT id || '|' || last_name FROM clients WHERE first_name = 'Crash'");
  auto client_audits = pairs(db, "SELECT entity_id || '|' || count(*) FROM audit_log WHERE entity = 'client' AND "
                                 "action = 'create' GROUP BY entity_id");
  // Referrals: each answered one is there; acknowledgements moved status and version together with their audit row.
  auto referrals = pairs(db, "SELECT id || '|' || status || ',' || version FROM referrals WHERE note = 'crash test'");
  auto referral_creates = pairs(db, "SELECT entity_id || '|' || count(*) FROM audit_log WHERE entity = 'referral' AND "
                                    "action = 'create' GROUP BY entity_id");
  auto referral_acks = pairs(db, "SELECT entity_id || '|' || count(*) FROM audit_log WHERE entity = 'referral' AND "
                                 "action = 'acknowledge' GROUP BY entity_id");
  std::size_t client_keys = 0, referral_keys = 0;
  for (const auto& log : logs)
    for (const auto& a : log) {
      REQUIRE(a.answer.is_object());
      std::string id = std::to_string(a.answer["id"].get<std::int64_t>());
      INFO(a.key, " -> ", a.answer.dump());
      if (a.kind == "client") {
        ++client_keys;
        CHECK(at(clients, id) == a.body["last_name"].get<std::string>());
        CHECK(at(client_audits, id) == "1");
      } else if (a.kind == "referral") {
        ++referral_keys;
        CHECK(referrals.count(id) == 1);
        CHECK(at(referral_creates, id) == "1");
      } else {
        CHECK(at(referrals, id) == "acknowledged,2");
        CHECK(at(referral_acks, id) == "1");
      }
    }
  CHECK(clients.size() == client_keys);
  CHECK(referrals.size() == referral_keys);
  for (const auto& [id, state] : referrals) {
    INFO("referral ", id, " is ", state);
    bool acknowledged = referral_acks.count(id) == 1;
    CHECK(state == (acknowledged ? "acknowledged,2" : "pending,1"));
    CHECK(at(referral_creates, id) == "1");
  }
  // No audit row without its record.
  CHECK(sql_value(db, "SELECT count(*) FROM audit_log a WHERE a.entity = 'client' AND a.action = 'create' AND "
                      "NOT EXISTS (SELECT 1 FROM clients c WHERE c.id = a.entity_id)") == "0");
  CHECK(sql_value(db, "SELECT count(*) FROM audit_log a WHERE a.entity = 'referral' AND NOT EXISTS "
                      "(SELECT 1 FROM referrals r WHERE r.id = a.entity_id)") == "0");
  // Every key's reply is stored once.
  CHECK(sql_value(db, "SELECT count(*) FROM idempotency_keys WHERE key LIKE 'crash-%'") == std::to_string(attempts));
  std::filesystem::remove_all(folder);
}
