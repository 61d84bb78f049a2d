// List rules: how a search box's text becomes a client search, the words a name is found by, its
// sort key, and the referral list's boxes and sorts.
#include <doctest/doctest.h>

#include "shared/list_queries.hpp"

#include <algorithm>

using namespace waypoint;

TEST_CASE("a search is an id, a date of birth or folded name words, in that order") {
  auto by_id = parse_client_search(" #123 ");
  REQUIRE(by_id);
  CHECK(by_id.value().id == 123);
  CHECK(parse_client_search("123").value().id == 123);
  auto by_date = parse_client_search("05/01/1990");
  REQUIRE(by_date);
  CHECK(!by_date.value().id);
  CHECK(format_iso(*by_date.value().date_of_birth) == "1990-05-01");
  auto by_name = parse_client_search("Nguyễn,  Hồng ");
  REQUIRE(by_name);
  CHECK(by_name.value().name_words == std::vector<std::string>{"nguyen", "hong"});
  auto everyone = parse_client_search("   ");
  REQUIRE(everyone);
  CHECK(!everyone.value().id);
  CHECK(!everyone.value().date_of_birth);
  CHECK(everyone.value().name_words.empty());
  // Fifteen digits and more are not an id (no overflow): they are searched as a word.
  CHECK(parse_client_search("123456789012345").value().name_words.size() == 1);
}

TEST_CASE("a search longer than 200 characters or 10 words is refused, naming q") {
  CHECK(parse_client_search(std::string(200, 'a')));
  auto long_text = parse_client_search(std::string(201, 'a'));
  REQUIRE(!long_text);
  CHECK(long_text.error().at("q") == "must be at most 200 characters");
  CHECK(parse_client_search("a b c d e f g h i j"));
  auto many = parse_client_search("a b c d e f g h i j k");
  REQUIRE(!many);
  CHECK(many.error().at("q") == "must be at most 10 words");
  // Characters count code points, not bytes: 200 accented letters are 400 bytes and still allowed.
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "é";
  CHECK(parse_client_search(accents));
}

TEST_CASE("a name is found by each word, the parts of a hyphenated word and the joined form of an apostrophe") {
  auto words = client_name_words("Anne-Marie", "O'Brien");
  for (const char* w : {"anne-marie", "anne", "marie", "annemarie", "o'brien", "o", "brien", "obrien"})
    CHECK_MESSAGE(std::find(words.begin(), words.end(), w) != words.end(), w);
  CHECK(client_name_words("José", "José") == std::vector<std::string>{"jose"});  // each word once
}

TEST_CASE("clients sort by folded last name, then first name") {
  auto key = client_sort_key("Élodie", "Ñúñez");
  CHECK(key.last == "nunez");
  CHECK(key.first == "elodie");
}

TEST_CASE("the referral list's boxes and sorts") {
  CHECK(parse_referral_box("") == ReferralBox::visible);
  CHECK(parse_referral_box("incoming") == ReferralBox::incoming);
  CHECK(parse_referral_box("outgoing") == ReferralBox::outgoing);
  CHECK(!parse_referral_box("sideways"));
  const auto& sorts = referral_sorts();
  CHECK(sorts.size() == 6);
  for (const char* s : {"referral_date", "-referral_date", "status", "-status", "client_name", "-client_name"})
    CHECK(std::find(sorts.begin(), sorts.end(), s) != sorts.end());
}
