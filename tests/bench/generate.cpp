// Deterministic benchmark data: N referrals (with N/10 clients, N/10,000 organizations (at least 7) x 2 projects
// and demo users) written straight into a database file through the server's own storage code.
//   waypoint-bench-generate --db PATH --referrals N [--organizations K] [--seed S]
// --organizations concentrates the data (the client benchmark's 100k-row inbox: 200k referrals over 2).
#include "server/services/services.hpp"
#include "server/storage/database.hpp"
#include "server/services/repositories.hpp"
#include "server/storage/sqlite.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <random>

using namespace waypoint;

int main(int argc, char** argv) {
  CLI::App app{"Generate benchmark data for Waypoint"};
  std::string db_path;
  std::int64_t referrals = 10000;
  unsigned seed = 42;
  int organizations = 0;
  app.add_option("--db", db_path, "SQLite file to create (must not exist)")->required();
  app.add_option("--referrals", referrals, "How many referrals")->capture_default_str();
  app.add_option("--organizations", organizations, "How many organizations (default: N / 10,000, at least 7)")
      ->check(CLI::Range(2, 1000000));
  app.add_option("--seed", seed, "Random seed")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  auto started = std::chrono::steady_clock::now();
  storage::Database database(db_path);
  database.migrate();
  auto& db = database.connection();
  db.exec("PRAGMA synchronous=OFF");
  std::mt19937_64 random(seed);
  auto pick = [&](std::int64_t n) { return static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(n)); };
  std::string now = utc_timestamp();
  Date base = make_date(2026, 1, 1);

  storage::UnitOfWork tx(db);
  std::vector<storage::ProjectRow> projects;
  // Organizations grow with the data (one per 10,000 referrals, at least 7), as a CoC's do.
  if (organizations == 0) organizations = static_cast<int>(std::max<std::int64_t>(7, referrals / 10000));
  for (int o = 1; o <= organizations; ++o) {
    auto org = storage::insert_organization(db, "Bench Organization " + std::to_string(o));
    for (int p = 1; p <= 2; ++p) {
      auto id = storage::insert_project(db, org, "Bench Org " + std::to_string(o) + " - Project " + std::to_string(p),
                                        p == 1 ? ProjectType::rapid_rehousing : ProjectType::emergency_shelter);
      projects.push_back(*storage::find_project(db, id));
    }
    // One user for each of the first 7 organizations: bench-N / waypoint-bench (hashing once keeps it fast).
    if (o > 7) continue;
    static const std::string hash = hash_password("waypoint-bench");
    User user{0, "bench-" + std::to_string(o), "Bench User " + std::to_string(o), true, 1};
    user.id = storage::insert_user(db, user, hash, now);
    storage::replace_memberships(db, user.id, {Membership{org, "", Workgroup::hmis_user}});
  }
  static const char* first[] = {"José", "Anne", "Hawo", "Björk", "Mai", "Omar", "Lucía", "Tou", "Ingrid", "Kwame"};
  static const char* last[] = {"Nguyễn", "O'Brien", "Xiong", "García", "Müller", "Abdi", "Lê", "Vang", "Smith", "Yang"};
  std::int64_t clients = std::max<std::int64_t>(1, referrals / 10);
  for (std::int64_t i = 0; i < clients; ++i) {
    Client c;
    c.first_name = std::string(first[pick(10)]) + " " + std::to_string(i % 97);
    c.last_name = last[pick(10)];
    c.date_of_birth = add_days(make_date(1950, 1, 1), static_cast<int>(pick(365 * 55)));
    storage::insert_client(db, c, 0, now);
  }
  const ReferralStatus statuses[] = {ReferralStatus::pending, ReferralStatus::acknowledged, ReferralStatus::resolved,
                                     ReferralStatus::returned, ReferralStatus::cancelled};
  for (std::int64_t i = 0; i < referrals; ++i) {
    const auto count = static_cast<std::int64_t>(projects.size());
    const auto& from = projects[static_cast<size_t>(pick(count))];
    const auto& to = projects[static_cast<size_t>((from.project.id + 1 + pick(count - 2)) % count)];
    Referral r;
    r.client_id = 1 + pick(clients);
    r.from_project_id = from.project.id;
    r.to_project_id = to.project.id;
    r.from_organization_id = from.project.organization_id;
    r.to_organization_id = to.project.organization_id;
    r.referral_date = add_days(base, static_cast<int>(pick(300)));
    r.status = statuses[pick(5)];
    if (r.status != ReferralStatus::pending && r.status != ReferralStatus::cancelled)
      r.date_acknowledged = add_days(r.referral_date, 1);
    if (r.status == ReferralStatus::resolved) {
      r.appointment_date = add_days(r.referral_date, 2);
      r.result_date = add_days(r.referral_date, 3);
      r.result = ReferralResult::services_provided;
    }
    storage::insert_referral(db, r, now);
  }
  tx.commit();
  db.exec("ANALYZE");
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");  // readers then map the file instead of copying WAL frames
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("generated %lld referrals, %lld clients, %d organizations in %.1f s -> %s\n",
              static_cast<long long>(referrals), static_cast<long long>(clients), organizations, seconds,
              db_path.c_str());
  return 0;
}
