// Group commit: concurrent write requests share SQLite transactions, each in its own savepoint.
// A request that fails inside a shared transaction must take back only its own changes, every
// request answered 2xx must be stored exactly once with its audit row, and nothing answered 4xx
// may be stored.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <set>
#include <thread>

using namespace waypoint::test;

TEST_CASE("concurrent writes with failures among them: each stored or not on its own") {
  ServerProcess server(demo_options());
  constexpr int kThreads = 12, kEach = 30;
  const std::string token = Api::signed_in(server, "demo-caseworker").token();
  const auto before = std::stoll(sql_column(server.db_path(), "SELECT count(*) FROM clients").at(0));

  struct Sent {
    std::string last_name;
    int status = 0;
    std::int64_t id = 0;
  };
  std::vector<std::vector<Sent>> sent(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Api api(server.port());
      api.set_token(token);
      for (int i = 0; i < kEach; ++i) {
        // Every third request is refused (a date of birth in the future) inside the transaction it
        // shares with its neighbours; names carry letters only, unique per request.
        std::string last = "Batch" + std::string(1, static_cast<char>('a' + t)) + std::string(1, 'a' + i % 26) +
                           std::string(1, 'a' + i / 26);
        json body = {{"first_name", "Group"}, {"last_name", last}};
        if (i % 3 == 2) body["date_of_birth"] = "2999-01-01";
        auto reply = api.post("/api/clients", body, {{"Idempotency-Key", "group-" + last}});
        Sent s{last, reply.status, reply.ok() ? reply.body["id"].get<std::int64_t>() : 0};
        sent[static_cast<size_t>(t)].push_back(s);
      }
    });
  }
  for (auto& thread : threads) thread.join();

  std::set<std::string> stored_names;
  for (const auto& row : sql_column(server.db_path(), "SELECT last_name FROM clients WHERE first_name = 'Group'"))
    stored_names.insert(row);
  std::set<std::string> audited;
  for (const auto& row : sql_column(server.db_path(),
                                    "SELECT entity_id FROM audit_log WHERE entity = 'client' AND action = 'create'"))
    audited.insert(row);
  int created = 0;
  for (const auto& list : sent) {
    for (const auto& s : list) {
      CAPTURE(s.last_name);
      CAPTURE(s.status);
      if (s.status == 201) {
        ++created;
        CHECK(stored_names.count(s.last_name) == 1);
        CHECK(audited.count(std::to_string(s.id)) == 1);
      } else {
        CHECK(s.status == 422);
        CHECK(stored_names.count(s.last_name) == 0);
      }
    }
  }
  CHECK(created == kThreads * kEach * 2 / 3);
  CHECK(static_cast<int>(stored_names.size()) == created);
  CHECK(std::stoll(sql_column(server.db_path(), "SELECT count(*) FROM clients").at(0)) == before + created);
  CHECK(sql_column(server.db_path(), "PRAGMA integrity_check").at(0) == "ok");
}
