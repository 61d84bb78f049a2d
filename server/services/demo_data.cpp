// Demo data for `waypoint-server --demo` on an empty database: a fictional CoC with its
// organizations, projects, users of every workgroup, 300 clients with made-up Unicode names
// (the last known only by a street name), and 800 referrals over every status and result. Deterministic (fixed seed), so demos and
// tests see the same people. Every demo user's password is "waypoint-demo".
#include "server/services/demo_data.hpp"
#include "server/services/repositories.hpp"

#include "shared/json_mapping.hpp"

#include <random>

namespace waypoint {

namespace {

const char* const kFirstNames[] = {"José", "Anne-Marie", "Hawo", "Björk", "Nguyễn Thị", "Ahmed", "Maria", "Tou",
                                   "Ife", "Siobhán", "Dmitri", "Lucía", "Kwame", "Zoë", "Mai", "DeShawn", "Pa Houa",
                                   "Fatuma", "Jürgen", "Chloé", "Tyrone", "Amina", "Renée", "Mateo", "Leilani",
                                   "Bảo", "Ingrid", "Omar", "Yolanda", "Kenji"};
const char* const kLastNames[] = {"O'Brien", "Nguyễn", "Xiong", "Hassan", "García", "Johnson", "Müller", "Trần",
                                  "Smith-Jones", "Abdi", "Lê", "Vang", "Okafor", "Peña", "Larsen", "Đặng", "Mohamed",
                                  "Schröder", "Williams", "Yang", "Núñez", "Thao", "Haile", "Björnsson", "Lopez",
                                  "Phạm", "Dubois", "Kowalski", "Her", "Begay"};

struct DemoOrg {
  const char* name;
  std::vector<std::pair<const char*, ProjectType>> projects;
};

const std::vector<DemoOrg>& demo_orgs() {
  static const std::vector<DemoOrg> orgs = {
      {"Waypoint CoC HMIS Administration", {}},
      {"Riverside Family Services",
       {{"Riverside - Services Only - Family Navigation", ProjectType::services_only},
        {"Riverside - HP - Eviction Prevention", ProjectType::homelessness_prevention}}},
      {"Northstar Housing Partners",
       {{"Northstar - RRH - Homeless Prevention Pilot", ProjectType::rapid_rehousing},
        {"Northstar - PSH - Cedar Commons", ProjectType::permanent_supportive_housing},
        {"Northstar - TH - Bridge Apartments", ProjectType::transitional_housing}}},
      {"Harbor Light Shelter",
       {{"Harbor Light - ES - Emergency Shelter", ProjectType::emergency_shelter},
        {"Harbor Light - ES - Family Shelter", ProjectType::emergency_shelter}}},
      {"Cedar County Coordinated Entry", {{"Cedar County - CE - Coordinated Entry", ProjectType::coordinated_entry}}},
      {"Open Door Outreach",
       {{"Open Door - SO - Street Outreach", ProjectType::street_outreach},
        {"Open Door - Day Shelter", ProjectType::day_shelter}}},
      {"Maple Street Youth Services",
       {{"Maple Street - RRH - Youth Rapid Re-Housing", ProjectType::rapid_rehousing},
        {"Maple Street - TH - Youth Transitional Living", ProjectType::transitional_housing}}},
  };
  return orgs;
}

struct DemoUser {
  const char* username;
  const char* display_name;
  std::vector<std::pair<int, Workgroup>> memberships;  // organization index (1-based id), workgroup
};

const std::vector<DemoUser>& demo_users() {
  static const std::vector<DemoUser> users = {
      {"demo-admin", "Dana Admin", {{1, Workgroup::system_admin}}},
      {"demo-caseworker", "Carlos Caseworker", {{2, Workgroup::hmis_user}}},
      {"demo-provider", "Priya Provider",
       {{3, Workgroup::hmis_user}, {3, Workgroup::agency_admin}, {4, Workgroup::hmis_user}}},
      {"demo-agency-admin", "Alex Agency-Admin", {{4, Workgroup::agency_admin}}},
      {"demo-cas-admin", "Casey CAS-Admin", {{5, Workgroup::cas_admin}}},
      {"demo-outreach", "Omar Outreach", {{6, Workgroup::hmis_user}}},
  };
  return users;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> demo_sign_ins() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& u : demo_users()) {
    std::string roles;
    for (const auto& [org, workgroup] : u.memberships) {
      if (!roles.empty()) roles += ", ";
      roles += std::string(label(workgroup)) + " @ " + demo_orgs()[static_cast<size_t>(org - 1)].name;
    }
    out.emplace_back(u.username, roles);
  }
  return out;
}

bool load_demo_data(storage::Database& database) {
  auto& db = database.connection();
  if (!storage::list_organizations(db).empty()) return false;  // only ever into an empty database
  storage::UnitOfWork tx(db);
  std::mt19937 random(20250501);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  std::string now = utc_timestamp();
  Date base = today();

  std::vector<storage::ProjectRow> projects;
  for (const auto& org : demo_orgs()) {
    auto org_id = storage::insert_organization(db, org.name);
    for (const auto& [name, type] : org.projects) {
      auto id = storage::insert_project(db, org_id, name, type);
      projects.push_back(*storage::find_project(db, id));
    }
  }
  std::string password = hash_password(kDemoPassword);
  for (const auto& u : demo_users()) {
    User user{0, u.username, u.display_name, true, 1};
    user.id = storage::insert_user(db, user, password, now);
    std::vector<Membership> memberships;
    for (const auto& [org, workgroup] : u.memberships) memberships.push_back(Membership{org, "", workgroup});
    storage::replace_memberships(db, user.id, memberships);
  }

  // Clients: the seed's client first, then 299 made-up people.
  std::vector<std::int64_t> clients;
  Client maria;
  maria.first_name = "Maria José";
  maria.last_name = "Nguyễn";
  maria.date_of_birth = make_date(1988, 4, 12);
  clients.push_back(storage::insert_client(db, maria, 0, now));
  for (int i = 1; i < 300; ++i) {
    Client c;
    c.first_name = kFirstNames[pick(30)];
    c.last_name = kLastNames[pick(30)];
    c.date_of_birth = add_days(make_date(1950, 1, 1), pick(365 * 55));
    if (pick(3) == 0) {
      c.ssn_last4 = std::to_string(1000 + pick(9000));
    }
    if (i == 299) {
      // The last is someone Open Door's outreach team knows only by a street name (HUD 3.01: partial, street or
      // code name), with no date of birth. Drawn like the others first, so every later draw stays the same.
      c = Client{};
      c.first_name = "Blue Jacket";
      c.name_data_quality = NameDataQuality::partial_street_or_code_name;
    }
    clients.push_back(storage::insert_client(db, c, 0, now));
  }

  auto project_of = [&](const char* prefix) {
    for (const auto& p : projects)
      if (p.project.name.rfind(prefix, 0) == 0) return p;
    return projects.front();
  };
  auto write = [&](Referral r) {
    r.id = storage::insert_referral(db, r, now);
    auto stored = storage::find_referral(db, r.id);
    storage::append_audit(db, {now, std::nullopt, "Demo data", std::nullopt, "", "referral", r.id, "create", nullptr,
                               nlohmann::json(*stored)});
  };
  auto make = [&](std::int64_t client, const storage::ProjectRow& from, const storage::ProjectRow& to, int days_ago) {
    Referral r;
    r.client_id = client;
    r.from_project_id = from.project.id;
    r.to_project_id = to.project.id;
    r.from_organization_id = from.project.organization_id;
    r.to_organization_id = to.project.organization_id;
    r.referral_date = add_days(base, -days_ago - 1);
    r.status = ReferralStatus::pending;
    return r;
  };

  // Seed 000's walk: Maria has six pending referrals from Riverside to Northstar's projects.
  auto riverside = project_of("Riverside - Services Only");
  const char* northstar[] = {"Northstar - RRH", "Northstar - PSH", "Northstar - TH"};
  for (int i = 0; i < 6; ++i) {
    auto r = make(clients[0], riverside, project_of(northstar[i % 3]), 3 + i);
    r.note = "Referred after intake at Riverside; please call her cell in the morning.";
    write(r);
  }

  // 794 more over every status and result.
  const ReferralResult results[] = {ReferralResult::services_provided, ReferralResult::information_only,
                                    ReferralResult::rejected, ReferralResult::no_show};
  for (int i = 0; i < 794; ++i) {
    const auto& from = projects[static_cast<size_t>(pick(static_cast<int>(projects.size())))];
    auto to = projects[static_cast<size_t>(pick(static_cast<int>(projects.size())))];
    if (to.project.id == from.project.id) to = projects[(static_cast<size_t>(to.project.id) % projects.size())];
    int age = 2 + pick(170);
    auto r = make(clients[static_cast<size_t>(1 + pick(299))], from, to, age);
    int kind = i % 8;  // pending, acknowledged, 4 x resolved, returned, cancelled
    if (kind >= 1 && kind <= 5) r.date_acknowledged = add_days(r.referral_date, std::min(pick(4), age - 1));
    if (kind == 1) {
      r.status = ReferralStatus::acknowledged;
    } else if (kind >= 2 && kind <= 5) {
      r.status = ReferralStatus::resolved;
      r.appointment_date = add_days(*r.date_acknowledged, std::min(pick(5), days_between(*r.date_acknowledged, base)));
      r.result_date = add_days(*r.appointment_date, std::min(pick(3), days_between(*r.appointment_date, base)));
      r.result = results[(i / 8 + kind) % 4];
      r.comments = "Met with the client; outcome recorded from the case notes.";
    } else if (kind == 6) {
      r.status = ReferralStatus::returned;
      r.return_reason = "Client is not eligible for this project's population; please refer elsewhere.";
    } else if (kind == 7) {
      r.status = ReferralStatus::cancelled;
      r.cancel_reason = "Client found housing on their own.";
    }
    write(r);
  }
  tx.commit();
  return true;
}

}  // namespace waypoint
