// Enrollments: a client's stays in projects, optionally linked to the referral that led there.
#include "server/storage/enrollments_repo.hpp"

#include "server/storage/sqlite.hpp"

namespace waypoint::storage {

namespace {
Enrollment read_enrollment(const Statement& s) {
  Enrollment e;
  e.id = s.int64(0);
  e.client_id = s.int64(1);
  e.project_id = s.int64(2);
  e.entry_date = parse_iso_date(s.text(3)).value_or(Date{});
  if (auto exit = s.optional_text(4)) e.exit_date = parse_iso_date(*exit);
  e.referral_id = s.optional_int64(5);
  e.household_id = s.text(6);
  e.relationship_to_hoh = s.integer(7);
  e.version = s.int64(8);
  return e;
}
}  // namespace

std::vector<Enrollment> list_enrollments(Connection& db, std::int64_t client_id) {
  auto& s = db.prepare(
      "SELECT id, client_id, project_id, entry_date, exit_date, referral_id, household_id, relationship_to_hoh, "
      "version FROM enrollments WHERE client_id = ? ORDER BY entry_date DESC, id DESC");
  s.bind(1, client_id);
  std::vector<Enrollment> out;
  while (s.step()) out.push_back(read_enrollment(s));
  return out;
}

std::optional<Enrollment> find_enrollment(Connection& db, std::int64_t id) {
  auto& s = db.prepare(
      "SELECT id, client_id, project_id, entry_date, exit_date, referral_id, household_id, relationship_to_hoh, "
      "version FROM enrollments WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  auto e = read_enrollment(s);
  s.reset();
  return e;
}

std::optional<Enrollment> find_enrollment_for_referral(Connection& db, std::int64_t referral_id) {
  auto& s = db.prepare(
      "SELECT id, client_id, project_id, entry_date, exit_date, referral_id, household_id, relationship_to_hoh, "
      "version FROM enrollments WHERE referral_id = ?");
  s.bind(1, referral_id);
  if (!s.step()) return std::nullopt;
  auto e = read_enrollment(s);
  s.reset();
  return e;
}

std::optional<Enrollment> find_enrollment_on(Connection& db, std::int64_t client_id, std::int64_t project_id,
                                             Date entry_date) {
  auto& s = db.prepare(
      "SELECT id, client_id, project_id, entry_date, exit_date, referral_id, household_id, relationship_to_hoh, "
      "version FROM enrollments WHERE client_id = ? AND entry_date = ? AND project_id = ? LIMIT 1");
  s.bind(1, client_id).bind(2, format_iso(entry_date)).bind(3, project_id);
  if (!s.step()) return std::nullopt;
  auto e = read_enrollment(s);
  s.reset();
  return e;
}

std::int64_t insert_enrollment(Connection& db, const Enrollment& e, std::int64_t created_by, const std::string& now) {
  auto& s = db.prepare(
      "INSERT INTO enrollments (client_id, project_id, entry_date, referral_id, household_id, relationship_to_hoh, "
      "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, e.client_id).bind(2, e.project_id).bind(3, format_iso(e.entry_date)).bind(4, e.referral_id);
  s.bind(5, e.household_id).bind(6, e.relationship_to_hoh).bind(7, created_by).bind(8, now);
  s.run();
  return db.last_insert_id();
}

}  // namespace waypoint::storage
