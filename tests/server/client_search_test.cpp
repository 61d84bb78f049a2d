// Client search by name prefix: the page order (last name, first name, id), each client once even
// when several of its name words match, totals, paging, several words, renames, and deep pages
// that take the general query instead of the token-ordered one; one-word totals kept by triggers.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace waypoint::test;

namespace {

std::vector<std::int64_t> ids_of(const Reply& reply) {
  std::vector<std::int64_t> out;
  for (const auto& c : reply.body["items"]) out.push_back(c["id"].get<std::int64_t>());
  return out;
}

std::vector<std::int64_t> all_pages(Api& api, const std::string& q, int page_size, std::int64_t& total) {
  std::vector<std::int64_t> out;
  for (int page = 1; page < 50; ++page) {
    auto reply = api.get("/api/clients?q=" + query(q) + "&page_size=" + std::to_string(page_size) +
                         "&page=" + std::to_string(page));
    REQUIRE(reply.status == 200);
    total = reply.body["total"].get<std::int64_t>();
    auto ids = ids_of(reply);
    if (ids.empty()) break;
    out.insert(out.end(), ids.begin(), ids.end());
  }
  return out;
}

}  // namespace

TEST_CASE("name search pages come in list order, each client once, with the right total") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  // "Qzx" appears in no demo name. Several clients match it through two words (first and last,
  // or the parts and joined form of a hyphenated name), which must not list them twice.
  const std::vector<std::pair<std::string, std::string>> names = {
      {"Qzxanne-Marie", "Able"},  // 0: hyphenated first name, three matching tokens
      {"Bob", "Qzxy"},            // 1
      {"Qzxa", "Qzxb"},           // 2: first and last both match
      {"Ann", "Qzxy"},            // 3: same last name as 1, sorts before Bob
      {"Qzxé", "Zimmer"},         // 4: accent folds to "qzxe"
      {"Carla", "O'Qzx"},         // 5: apostrophe: "oqzx" and "qzx"
      {"Dee", "Able"},            // 6: no match
      {"Qzxbob", "Able"},         // 7
  };
  std::vector<std::int64_t> made;
  for (const auto& [first, last] : names) {
    auto reply = caseworker.post("/api/clients", {{"first_name", first}, {"last_name", last}});
    REQUIRE(reply.status == 201);
    made.push_back(reply.body["id"].get<std::int64_t>());
  }
  // Folded (last, first): able qzxanne-marie, able qzxbob, oqzx carla, qzxb qzxa, qzxy ann, qzxy bob, zimmer qzxe
  const std::vector<std::int64_t> expected = {made[0], made[7], made[5], made[2], made[3], made[1], made[4]};

  for (int page_size : {1, 2, 3, 50}) {
    CAPTURE(page_size);
    std::int64_t total = 0;
    CHECK(all_pages(caseworker, "qzx", page_size, total) == expected);
    CHECK(total == 7);
  }
  {  // two words: both must match, one driving the other
    std::int64_t total = 0;
    CHECK(all_pages(caseworker, "able qzx", 2, total) == std::vector<std::int64_t>{made[0], made[7]});
    CHECK(total == 2);
    CHECK(all_pages(caseworker, "qzxy b", 50, total) == std::vector<std::int64_t>{made[1]});
    CHECK(total == 1);
  }
  {  // a page past the token-ordered query's reach takes the general query: same total, no rows
    auto deep = caseworker.get("/api/clients?q=qzx&page_size=200&page=500");
    REQUIRE(deep.status == 200);
    CHECK(deep.body["total"] == 7);
    CHECK(deep.body["items"].empty());
  }
  {  // a rename moves the client in the order and out of searches for the old name
    auto renamed = caseworker.patch("/api/clients/" + std::to_string(made[4]),
                                    {{"first_name", "Qzxé"}, {"last_name", "Aaron"}, {"version", 1}});
    REQUIRE(renamed.status == 200);
    std::int64_t total = 0;
    auto order = all_pages(caseworker, "qzx", 3, total);
    CHECK(order.front() == made[4]);
    CHECK(total == 7);
    CHECK(all_pages(caseworker, "zimmer", 50, total).empty());
    CHECK(total == 0);
  }
  {  // one word with one value: the total is the kept count of its clients, right after each change
    std::int64_t total = 0;
    CHECK(all_pages(caseworker, "qzxy", 50, total) == std::vector<std::int64_t>{made[3], made[1]});
    CHECK(total == 2);
    auto moved = caseworker.patch("/api/clients/" + std::to_string(made[1]),
                                  {{"first_name", "Bob"}, {"last_name", "Other"}, {"version", 1}});
    REQUIRE(moved.status == 200);
    CHECK(all_pages(caseworker, "qzxy", 50, total) == std::vector<std::int64_t>{made[3]});
    CHECK(total == 1);
    auto added = caseworker.post("/api/clients", {{"first_name", "Eve"}, {"last_name", "Qzxy"}});
    REQUIRE(added.status == 201);
    CHECK(all_pages(caseworker, "qzxy", 1, total).size() == 2);
    CHECK(total == 2);
  }
}

TEST_CASE("a search of 2,000 words, or of more words than a name has, is a 400 naming q, not a 500") {
  ServerProcess server(demo_options());
  auto caseworker = Api::signed_in(server, "demo-caseworker");
  std::string words = "x";  // already in URL form ('+' is a space), to stay well inside any URL limit
  for (int i = 1; i < 2000; ++i) words += "+x";
  for (const auto& q : {words, query("a b c d e f g h i j k")}) {
    auto reply = caseworker.get("/api/clients?q=" + q);
    INFO(q.size(), " characters: ", reply.status, " ", reply.raw);
    CHECK(reply.status == 400);
    CHECK(reply.code() == "bad_request");
    CHECK(reply.names_field("q"));
  }
  // Ten words and 200 characters are still searches.
  CHECK(caseworker.get("/api/clients?q=" + query("a b c d e f g h i j")).status == 200);
  CHECK(caseworker.get("/api/clients?q=" + query(std::string(200, 'n'))).status == 200);
}
