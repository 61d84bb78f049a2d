// search_query_fuzz: the client search box, from the raw query text down to SQLite: Services::search_clients (its
// tokenizer: "#id", a date of birth, or folded name words split on spaces and commas) and storage's token index
// search, on a real migrated database holding the demo CoC (300 clients). The tokenizer lives inline in
// services/clients.cpp, so it is fuzzed where it runs rather than through a copy.
// Input: up to three lines. Line 1 is the query as typed. Line 2, if present, is "first<TAB>last": a client created
// first (through Services::create_client, so name_tokens indexes it), inside a transaction rolled back afterwards,
// so every input sees the same database. Line 3, if present, is "page,page_size" (the HTTP layer allows 1-1000000
// and 1-200).
// Checked besides memory safety: a page holds exactly the rows its total promises (no more than page_size, no
// duplicates), a client just created is found by its full name and by "#id", the only refusal is "too long" (400
// on "q"), and a StorageError (a 500 over HTTP) counts as a finding.
#include "server/services/demo_data.hpp"
#include "server/services/services.hpp"
#include "server/storage/database.hpp"
#include "server/storage/sqlite.hpp"
#include "shared/text.hpp"
#include "tests/fuzz/fuzz_check.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>

using namespace waypoint;

namespace {

struct World {
  std::filesystem::path folder;
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<Services> services;
  Session session;
};

World* world = nullptr;

void tear_down() {
  if (!world) return;
  world->services.reset();
  world->db.reset();
  std::error_code ec;
  std::filesystem::remove_all(world->folder, ec);
  delete world;
  world = nullptr;
}

struct Search {
  std::int64_t total = 0;
  std::vector<std::int64_t> ids;
};

// nullopt when the search is refused as too long (a 400 naming "q"), the only refusal a search may give.
std::optional<Search> search(const std::string& q, int page, int page_size) {
  auto outcome = world->services->search_clients(world->session, q, page, page_size);
  if (!outcome) {
    FUZZ_CHECK(outcome.error().kind == ErrorKind::bad_request && outcome.error().fields.count("q") == 1);
    return std::nullopt;
  }
  const auto& body = outcome.value();
  Search result;
  result.total = body.at("total").get<std::int64_t>();
  for (const auto& item : body.at("items")) result.ids.push_back(item.at("id").get<std::int64_t>());
  // The page is the slice of the total it claims to be.
  std::int64_t before = static_cast<std::int64_t>(page - 1) * page_size;
  std::int64_t expected = std::clamp<std::int64_t>(result.total - before, 0, page_size);
  if (static_cast<std::int64_t>(result.ids.size()) != expected) {
    std::fprintf(stderr, "search %s page %d size %d: total %lld but %zu items\n", q.c_str(), page, page_size,
                 static_cast<long long>(result.total), result.ids.size());
    std::abort();
  }
  FUZZ_CHECK(std::set<std::int64_t>(result.ids.begin(), result.ids.end()).size() == result.ids.size());
  return result;
}

int parse_int(std::string_view text, int low, int high, int fallback) {
  long value = 0;
  if (text.empty() || text.size() > 9) return fallback;
  for (char c : text) {
    if (c < '0' || c > '9') return fallback;
    value = value * 10 + (c - '0');
  }
  return value < low || value > high ? fallback : static_cast<int>(value);
}

void run(std::string_view input) {
  std::string_view q = input, name_line, paging_line;
  if (auto nl = q.find('\n'); nl != std::string_view::npos) {
    name_line = q.substr(nl + 1);
    q = q.substr(0, nl);
    if (auto nl2 = name_line.find('\n'); nl2 != std::string_view::npos) {
      paging_line = name_line.substr(nl2 + 1);
      name_line = name_line.substr(0, nl2);
    }
  }
  int page = 1, page_size = 50;
  if (auto comma = paging_line.find(','); comma != std::string_view::npos) {
    page = parse_int(paging_line.substr(0, comma), 1, 1000000, 1);
    page_size = parse_int(paging_line.substr(comma + 1), 1, 200, 50);
  }

  auto& conn = world->db->connection();
  storage::UnitOfWork scratch(conn);  // never committed: the demo database stays as it was
  if (auto tab = name_line.find('\t'); tab != std::string_view::npos) {
    NewClientRequest request{std::string(name_line.substr(0, tab)), std::string(name_line.substr(tab + 1)), "", ""};
    auto created = world->services->create_client(world->session, request);
    if (created) {
      std::int64_t id = created.value().at("id").get<std::int64_t>();
      std::string full_name = std::string(trim(request.first_name)) + " " + std::string(trim(request.last_name));
      auto by_name = search(full_name, 1, 200);  // refused when the name has more words than a search may
      if (by_name && by_name->total < 1) {
        std::fprintf(stderr, "client %lld \"%s\" not found by its name\n", static_cast<long long>(id),
                     full_name.c_str());
        std::abort();
      }
      auto by_id = search("#" + std::to_string(id), 1, 50);
      FUZZ_CHECK(by_id && by_id->total == 1 && by_id->ids.size() == 1 && by_id->ids[0] == id);
    }
  }
  search(std::string(q), page, page_size);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  world = new World;
  std::string pattern = (std::filesystem::temp_directory_path() / "waypoint-search-fuzz-XXXXXX").string();
  if (!mkdtemp(pattern.data())) {
    std::perror("mkdtemp");
    std::abort();
  }
  world->folder = pattern;
  world->db = std::make_unique<storage::Database>((world->folder / "fuzz.db").string());
  world->db->migrate();
  load_demo_data(*world->db);
  world->services = std::make_unique<Services>(*world->db);
  world->session.user = User{1, "demo-admin", "Demo Admin", true, 1};
  world->session.context = Membership{1, "", Workgroup::system_admin};
  world->session.memberships = {world->session.context};
  std::atexit(tear_down);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    run(fuzz::as_text(data, size));
  } catch (const std::exception& e) {
    // The HTTP layer would answer 500: for a search box that is a bug, so it counts as a finding.
    std::fprintf(stderr, "search threw: %s\n", e.what());
    std::abort();
  }
  return 0;
}
