// Clients: personal records, searched by folded name prefixes, date of birth or id.
#include "server/storage/clients_repo.hpp"

#include "server/storage/sqlite.hpp"
#include "shared/text.hpp"

#include <algorithm>

namespace waypoint::storage {

namespace {

constexpr const char* kClientColumns =
    "id, first_name, last_name, date_of_birth, ssn_last4, created_at, version, name_data_quality";

Client read_client(const Statement& s) {
  Client c;
  c.id = s.int64(0);
  c.first_name = s.text(1);
  c.last_name = s.text(2);
  if (auto dob = s.optional_text(3)) c.date_of_birth = parse_iso_date(*dob);
  c.ssn_last4 = s.optional_text(4);
  c.created_at = s.text(5);
  c.version = s.int64(6);
  c.name_data_quality = parse_name_data_quality(s.text(7)).value_or(NameDataQuality::full_name);
  return c;
}

// The smallest string greater than every string with this prefix (for index range scans).
std::string prefix_end(const std::string& prefix) { return prefix + "\xff"; }

void write_tokens(Connection& db, const Client& c) {
  auto& clear = db.prepare("DELETE FROM client_search_tokens WHERE client_id = ?");
  clear.bind(1, c.id).run();
  auto& insert = db.prepare(
      "INSERT OR IGNORE INTO client_search_tokens (token, last_key, first_key, client_id) VALUES (?, ?, ?, ?)");
  const auto key = client_sort_key(c.first_name, c.last_name);
  for (const auto& token : client_name_words(c.first_name, c.last_name)) {
    insert.reset();
    insert.bind(1, token).bind(2, key.last).bind(3, key.first).bind(4, c.id).run();
  }
}

// Parameters 1-6 of both the insert and the update: names, their search keys, birth date, SSN digits (the name
// data quality is bound by each at its own place).
void bind_details(Statement& s, const Client& c) {
  const auto key = client_sort_key(c.first_name, c.last_name);
  s.bind(1, c.first_name).bind(2, c.last_name).bind(3, key.first).bind(4, key.last);
  if (c.date_of_birth) s.bind(5, format_iso(*c.date_of_birth));
  else s.bind_null(5);
  s.bind(6, c.ssn_last4);
}

// A client's place in the list order (last name, first name, id), as the token index holds it.
struct ListKey {
  std::string last, first;
  std::int64_t id = 0;
  auto operator<=>(const ListKey&) const = default;
};

// " AND EXISTS ..." for each name token but the driving one: the client must have every token.
std::string other_tokens_sql(size_t count) {
  std::string sql;
  for (size_t i = 0; i < count; ++i)
    sql += " AND EXISTS (SELECT 1 FROM client_search_tokens o WHERE o.client_id = t.client_id AND o.token >= ? "
           "AND o.token < ?)";
  return sql;
}

int bind_other_tokens(Statement& s, int index, const std::vector<std::string>& others) {
  for (const auto& token : others) {
    s.bind(index++, token);
    s.bind(index++, prefix_end(token));
  }
  return index;
}

// The distinct token values under a prefix, each found by one index seek (their rows are not read).
std::vector<std::string> token_values(Connection& db, const std::string& prefix, size_t at_most) {
  auto& s = db.prepare("SELECT token FROM client_search_tokens WHERE token >= ? AND token < ? ORDER BY token LIMIT 1");
  std::vector<std::string> values;
  std::string from = prefix;
  while (values.size() <= at_most) {
    s.reset();
    s.bind(1, from).bind(2, prefix_end(prefix));
    if (!s.step()) break;
    values.push_back(s.text(0));
    from = values.back() + std::string(1, '\0');  // the next value after this one
  }
  s.reset();
  return values;
}

// The index rows under a prefix: the sum of its tokens' kept counts (a few rows, not thousands).
std::int64_t token_rows(Connection& db, const std::string& prefix) {
  auto& s = db.prepare("SELECT coalesce(sum(clients), 0) FROM client_token_counts WHERE token >= ? AND token < ?");
  s.bind(1, prefix).bind(2, prefix_end(prefix));
  s.step();
  auto n = s.int64(0);
  s.reset();
  return n;
}

// A name search page without sorting the matches: the rarest token drives; under each of its values
// the index yields clients in list order, so reading page-end rows per value and merging them is
// enough. Gives up (nullopt) when that would read too many rows: a 1-letter prefix's deep pages.
std::optional<Page<Client>> search_by_tokens(Connection& db, const ClientQuery& query) {
  constexpr size_t kMaxValues = 32;
  constexpr std::int64_t kMaxRows = 20000;
  std::vector<std::string> others = query.search.name_words;
  auto driver = others.begin();
  std::int64_t fewest = -1;  // the driver's index rows; counted only when there is a choice
  for (auto it = others.begin(); others.size() > 1 && it != others.end(); ++it) {
    auto rows = token_rows(db, *it);
    if (fewest < 0 || rows < fewest) fewest = rows, driver = it;
  }
  const std::string prefix = *driver;
  others.erase(driver);
  auto values = token_values(db, prefix, kMaxValues);
  const std::int64_t page_end = static_cast<std::int64_t>(query.page) * query.page_size;
  if (values.size() > kMaxValues || static_cast<std::int64_t>(values.size()) * page_end > kMaxRows) return std::nullopt;

  Page<Client> page;
  if (values.size() == 1 && others.empty()) {
    // One token value: the clients that carry it, as counted by the schema's triggers.
    auto& count = db.prepare("SELECT clients FROM client_token_counts WHERE token = ?");
    count.bind(1, values.front());
    page.total = count.step() ? count.int64(0) : 0;
    count.reset();
  } else {
    auto& count = db.prepare_text("SELECT count(DISTINCT client_id) FROM client_search_tokens t "
                                  "WHERE token >= ? AND token < ?" + other_tokens_sql(others.size()));
    count.bind(1, prefix).bind(2, prefix_end(prefix));
    bind_other_tokens(count, 3, others);
    if (count.step()) page.total = count.int64(0);
    count.reset();
  }

  auto& rows = db.prepare_text("SELECT last_key, first_key, client_id FROM client_search_tokens t WHERE token = ?" +
                               other_tokens_sql(others.size()) + " ORDER BY last_key, first_key, client_id LIMIT ?");
  std::vector<ListKey> merged;
  for (const auto& value : values) {
    rows.reset();
    rows.bind(1, value);
    rows.bind(bind_other_tokens(rows, 2, others), page_end);
    while (rows.step()) merged.push_back({rows.text(0), rows.text(1), rows.int64(2)});
  }
  rows.reset();
  // A client under two of the values ("anne-marie" and "annemarie" for "anne") sorts twice, side by side.
  std::sort(merged.begin(), merged.end());
  merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
  const auto offset = static_cast<size_t>(page_end - query.page_size);
  for (size_t i = offset; i < merged.size() && i < static_cast<size_t>(page_end); ++i)
    if (auto client = find_client(db, merged[i].id)) page.items.push_back(std::move(*client));
  return page;
}

}  // namespace

Page<Client> search_clients(Connection& db, const ClientQuery& query) {
  if (!query.search.name_words.empty() && !query.search.id && !query.search.date_of_birth)
    if (auto page = search_by_tokens(db, query)) return std::move(*page);
  std::string where = " WHERE 1=1";
  std::vector<std::string> binds;
  if (query.search.id) {
    where += " AND id = ?";
    binds.push_back(std::to_string(*query.search.id));  // SQLite compares '12' to an INTEGER PRIMARY KEY numerically
  }
  if (query.search.date_of_birth) {
    where += " AND date_of_birth = ?";
    binds.push_back(format_iso(*query.search.date_of_birth));
  }
  for (const auto& token : query.search.name_words) {
    where += " AND id IN (SELECT client_id FROM client_search_tokens WHERE token >= ? AND token < ?)";
    binds.insert(binds.end(), {token, prefix_end(token)});
  }
  Page<Client> page;
  auto count = &db.prepare_text("SELECT count(*) FROM clients" + where);
  for (size_t i = 0; i < binds.size(); ++i) count->bind(static_cast<int>(i + 1), binds[i]);
  if (count->step()) page.total = count->int64(0);
  count->reset();

  auto rows = &db.prepare_text(std::string("SELECT ") + kClientColumns + " FROM clients" + where +
                                 " ORDER BY last_key, first_key, id LIMIT ? OFFSET ?");
  int index = 1;
  for (const auto& b : binds) rows->bind(index++, b);
  rows->bind(index++, query.page_size);
  rows->bind(index++, static_cast<std::int64_t>(query.page - 1) * query.page_size);
  while (rows->step()) page.items.push_back(read_client(*rows));
  rows->reset();
  return page;
}

std::optional<Client> find_client(Connection& db, std::int64_t id) {
  auto& s = db.prepare(
      "SELECT id, first_name, last_name, date_of_birth, ssn_last4, created_at, version, name_data_quality "
      "FROM clients WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  auto c = read_client(s);
  s.reset();
  return c;
}

std::int64_t insert_client(Connection& db, const Client& c, std::int64_t created_by, const std::string& now) {
  auto& s = db.prepare(
      "INSERT INTO clients (first_name, last_name, first_key, last_key, date_of_birth, ssn_last4, created_at, "
      "created_by, name_data_quality) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_details(s, c);
  s.bind(7, now);
  if (created_by > 0) s.bind(8, created_by);
  else s.bind_null(8);
  s.bind(9, std::string(to_string(c.name_data_quality)));
  s.run();
  Client stored = c;
  stored.id = db.last_insert_id();
  write_tokens(db, stored);
  return stored.id;
}

bool update_client(Connection& db, const Client& c) {
  auto& s = db.prepare(
      "UPDATE clients SET first_name = ?, last_name = ?, first_key = ?, last_key = ?, date_of_birth = ?, "
      "ssn_last4 = ?, name_data_quality = ?, version = version + 1 WHERE id = ? AND version = ?");
  bind_details(s, c);
  s.bind(7, std::string(to_string(c.name_data_quality))).bind(8, c.id).bind(9, c.version);
  s.run();
  if (db.changes() != 1) return false;
  write_tokens(db, c);
  return true;
}

}  // namespace waypoint::storage
