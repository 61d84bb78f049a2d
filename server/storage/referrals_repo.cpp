// Referrals with the names lists show (client, projects), filtered by organization side,
// status and project, sorted and paged. Indexes in migrations.cpp serve these queries.
#include "server/storage/referrals_repo.hpp"

#include "server/storage/sqlite.hpp"
#include "shared/names.hpp"

namespace waypoint::storage {

namespace {

// The columns read_referral reads and the joins that name the client and projects: macros, so
// each statement stays one string literal (prepared once per connection, cached by address).
#define WAYPOINT_REFERRAL_COLUMNS                                                                                  \
  "r.id, r.client_id, r.from_project_id, r.to_project_id, r.referral_date, r.note, r.status, "                   \
  "r.date_acknowledged, r.appointment_date, r.result_date, r.result, r.comments, r.return_reason, "              \
  "r.cancel_reason, r.created_by, r.version, fp.name, tp.name, r.from_organization_id, r.to_organization_id, "  \
  "c.first_name || ' ' || c.last_name "
#define WAYPOINT_REFERRAL_NAMES                                                                                    \
  "JOIN projects fp ON fp.id = r.from_project_id JOIN projects tp ON tp.id = r.to_project_id "                   \
  "JOIN clients c ON c.id = r.client_id"

std::optional<Date> optional_date(const Statement& s, int column) {
  auto text = s.optional_text(column);
  return text ? parse_iso_date(*text) : std::nullopt;
}

Referral read_referral(const Statement& s) {
  Referral r;
  r.id = s.int64(0);
  r.client_id = s.int64(1);
  r.from_project_id = s.int64(2);
  r.to_project_id = s.int64(3);
  r.referral_date = parse_iso_date(s.text_view(4)).value_or(Date{});
  r.note = s.text(5);
  r.status = parse_referral_status(s.text_view(6)).value_or(ReferralStatus::pending);
  r.date_acknowledged = optional_date(s, 7);
  r.appointment_date = optional_date(s, 8);
  r.result_date = optional_date(s, 9);
  if (auto result = s.optional_text(10)) r.result = parse_referral_result(*result);
  r.comments = s.text(11);
  r.return_reason = s.text(12);
  r.cancel_reason = s.text(13);
  r.created_by_user_id = s.is_null(14) ? 0 : s.int64(14);
  r.version = s.int64(15);
  r.from_project_name = s.text(16);
  r.to_project_name = s.text(17);
  r.from_organization_id = s.int64(18);
  r.to_organization_id = s.int64(19);
  // "first last" as stored: one name alone loses its space, no name at all shows the Client ID.
  r.client_name = client_display_name(s.text_view(20), "", r.client_id);
  return r;
}

void bind_optional_date(Statement& s, int index, const std::optional<Date>& date) {
  if (date) s.bind(index, format_iso(*date));
  else s.bind_null(index);
}

// `by_name_index`: whether a client-name order may walk the box's name index. With a status filter
// it may not: the walk reads every row it passes to check the status (a rare status: the whole
// box), while the (organization, status) index finds just the matching rows to sort. The unary +
// keeps the planner from serving the order from an index.
std::string order_by(const std::string& sort, bool by_name_index) {
  if (sort == "referral_date") return " ORDER BY r.referral_date ASC, r.id ASC";
  if (sort == "status") return " ORDER BY r.status ASC, r.referral_date DESC, r.id DESC";
  if (sort == "-status") return " ORDER BY r.status DESC, r.referral_date DESC, r.id DESC";
  if (sort == "client_name" || sort == "-client_name") {
    const std::string key = by_name_index ? "r." : "+r.", direction = sort[0] == '-' ? " DESC" : " ASC";
    return " ORDER BY " + key + "client_last_key" + direction + ", " + key + "client_first_key" + direction + ", r.id" +
           direction;
  }
  return " ORDER BY r.referral_date DESC, r.id DESC";
}

}  // namespace

Page<Referral> list_referrals(Connection& db, const ReferralQuery& q) {
  std::string where = " WHERE 1=1";
  std::vector<std::pair<bool, std::string>> binds;  // (is_integer, value)
  auto add_int = [&](const char* clause, std::int64_t v) {
    where += clause;
    binds.emplace_back(true, std::to_string(v));
  };
  if (q.to_organization_id) add_int(" AND r.to_organization_id = ?", *q.to_organization_id);
  if (q.from_organization_id) add_int(" AND r.from_organization_id = ?", *q.from_organization_id);
  if (q.client_id) add_int(" AND r.client_id = ?", *q.client_id);
  if (q.visible_to_organization_id) {
    where += " AND (r.to_organization_id = ? OR r.from_organization_id = ?)";
    binds.emplace_back(true, std::to_string(*q.visible_to_organization_id));
    binds.emplace_back(true, std::to_string(*q.visible_to_organization_id));
  }
  if (q.status) {
    where += " AND r.status = ?";
    binds.emplace_back(false, *q.status);
  }
  if (q.project_id) {
    where += " AND (r.to_project_id = ? OR r.from_project_id = ?)";
    binds.emplace_back(true, std::to_string(*q.project_id));
    binds.emplace_back(true, std::to_string(*q.project_id));
  }
  auto bind_all = [&](Statement& s) {
    int i = 1;
    for (const auto& [is_int, value] : binds) {
      if (is_int) s.bind(i++, static_cast<std::int64_t>(std::stoll(value)));
      else s.bind(i++, value);
    }
    return i;
  };
  Page<Referral> page;
  bool one_box = (q.to_organization_id.has_value() != q.from_organization_id.has_value()) && !q.client_id &&
                 !q.visible_to_organization_id && !q.project_id;
  if (one_box) {
    // The inbox and outbox totals come from the counts the triggers maintain (migration 2).
    auto& count = db.prepare(
        "SELECT coalesce(sum(n), 0) FROM referral_counts WHERE organization_id = ? AND box = ? "
        "AND (?3 IS NULL OR status = ?3)");
    count.bind(1, q.to_organization_id ? *q.to_organization_id : *q.from_organization_id);
    count.bind(2, q.to_organization_id ? "incoming" : "outgoing");
    count.bind(3, q.status);
    if (count.step()) page.total = count.int64(0);
    count.reset();
  } else {
    auto& count = db.prepare_text("SELECT count(*) FROM referrals r" + where);
    bind_all(count);
    if (count.step()) page.total = count.int64(0);
    count.reset();
  }

  // The page's ids first, from an index alone, then their rows and names: joined before the
  // OFFSET, every skipped row was read and joined too (row 50,000 of 100k took ~0.3 s, now ~10 ms).
  const std::string order = order_by(q.sort, !q.status);
  std::string ids = "SELECT r.id FROM referrals r" + where + order + " LIMIT ? OFFSET ?";
  auto rows = &db.prepare_text("SELECT " WAYPOINT_REFERRAL_COLUMNS "FROM (" + ids +
                               ") p CROSS JOIN referrals r ON r.id = p.id " WAYPOINT_REFERRAL_NAMES + order);
  int next = bind_all(*rows);
  rows->bind(next, q.page_size);
  rows->bind(next + 1, static_cast<std::int64_t>(q.page - 1) * q.page_size);
  while (rows->step()) page.items.push_back(read_referral(*rows));
  rows->reset();
  return page;
}

std::optional<Referral> find_referral(Connection& db, std::int64_t id) {
  auto& s = db.prepare("SELECT " WAYPOINT_REFERRAL_COLUMNS "FROM referrals r " WAYPOINT_REFERRAL_NAMES " WHERE r.id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  auto r = read_referral(s);
  s.reset();
  return r;
}

std::int64_t insert_referral(Connection& db, const Referral& r, const std::string& now) {
  auto& s = db.prepare(
      "INSERT INTO referrals (client_id, from_project_id, to_project_id, from_organization_id, to_organization_id, "
      "referral_date, note, status, date_acknowledged, appointment_date, result_date, result, comments, "
      "return_reason, cancel_reason, created_by, created_at, updated_at, client_last_key, client_first_key) "
      "VALUES (?1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "(SELECT last_key FROM clients WHERE id = ?1), (SELECT first_key FROM clients WHERE id = ?1))");
  s.bind(1, r.client_id).bind(2, r.from_project_id).bind(3, r.to_project_id);
  s.bind(4, r.from_organization_id).bind(5, r.to_organization_id);
  s.bind(6, format_iso(r.referral_date)).bind(7, r.note).bind(8, to_string(r.status));
  bind_optional_date(s, 9, r.date_acknowledged);
  bind_optional_date(s, 10, r.appointment_date);
  bind_optional_date(s, 11, r.result_date);
  if (r.result) s.bind(12, to_string(*r.result));
  else s.bind_null(12);
  s.bind(13, r.comments).bind(14, r.return_reason).bind(15, r.cancel_reason);
  if (r.created_by_user_id > 0) s.bind(16, r.created_by_user_id);
  else s.bind_null(16);
  s.bind(17, now).bind(18, now);
  s.run();
  return db.last_insert_id();
}

bool update_referral(Connection& db, const Referral& r, const Referral& before, const std::string& now) {
  // SQLite rewrites the entries of every index over a column named in SET, changed or not: the
  // receiving side is named only when it moves (reassign), which spares two index updates per write.
  const bool moves = r.to_project_id != before.to_project_id || r.to_organization_id != before.to_organization_id;
  auto& s = moves ? db.prepare(
                        "UPDATE referrals SET status = ?, date_acknowledged = ?, appointment_date = ?, result_date = ?, "
                        "result = ?, comments = ?, return_reason = ?, cancel_reason = ?, updated_at = ?, "
                        "version = version + 1, to_project_id = ?, to_organization_id = ? WHERE id = ? AND version = ?")
                  : db.prepare(
                        "UPDATE referrals SET status = ?, date_acknowledged = ?, appointment_date = ?, result_date = ?, "
                        "result = ?, comments = ?, return_reason = ?, cancel_reason = ?, updated_at = ?, "
                        "version = version + 1 WHERE id = ? AND version = ?");
  s.bind(1, to_string(r.status));
  bind_optional_date(s, 2, r.date_acknowledged);
  bind_optional_date(s, 3, r.appointment_date);
  bind_optional_date(s, 4, r.result_date);
  if (r.result) s.bind(5, to_string(*r.result));
  else s.bind_null(5);
  s.bind(6, r.comments).bind(7, r.return_reason).bind(8, r.cancel_reason).bind(9, now);
  int next = 10;
  if (moves) {
    s.bind(next++, r.to_project_id);
    s.bind(next++, r.to_organization_id);
  }
  s.bind(next, r.id);
  s.bind(next + 1, before.version);
  s.run();
  return db.changes() == 1;
}

}  // namespace waypoint::storage
