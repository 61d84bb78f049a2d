// A referral page read straight from its JSON text gives what the document mapping gives
// (shared/json_mapping's parse_referral over nlohmann's document), item for item.
#include "client/store/referral_page.hpp"
#include "shared/json_mapping.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <limits>
#include <random>
#include <string>
#include <vector>

using waypoint::Referral;
using waypoint::client::read_referral_page;

namespace {

// The document way, as the store read pages before.
std::vector<Referral> by_document(const nlohmann::json& body) {
  std::vector<Referral> out;
  for (const auto& item : body["items"])
    if (auto parsed = waypoint::parse_referral(item)) out.push_back(std::move(parsed).value());
  return out;
}

// The whole reply the document way: not an object (or not JSON) does not read; "items" when it
// is an array; "total" when it is a whole number that fits, else the number of items.
struct Expected {
  bool ok = false;
  std::vector<Referral> items;
  int64_t total = 0;
};
Expected by_document_text(const std::string& text) {
  auto body = nlohmann::json::parse(text, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return {};
  Expected e{true, {}, 0};
  if (body.contains("items") && body["items"].is_array()) e.items = by_document(body);
  e.total = static_cast<int64_t>(e.items.size());
  if (body.contains("total")) {
    const auto& t = body["total"];
    if (t.is_number_unsigned() && t.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
      e.total = t.get<int64_t>();
    else if (t.is_number_integer() && !t.is_number_unsigned())
      e.total = t.get<int64_t>();
  }
  return e;
}

void check_same_text(const std::string& text) {
  Expected expected = by_document_text(text);
  auto page = read_referral_page(text);
  CAPTURE(text);
  REQUIRE(page.ok == expected.ok);
  if (!expected.ok) return;
  CHECK(page.items == expected.items);
  CHECK(page.total == expected.total);
}

nlohmann::json referral(int64_t id) {
  return {{"id", id},
          {"client_id", 7},
          {"from_project_id", 2},
          {"to_project_id", 5},
          {"referral_date", "2025-05-01"},
          {"note", "first contact by phone"},
          {"status", "acknowledged"},
          {"date_acknowledged", "2025-05-02"},
          {"appointment_date", nullptr},
          {"result_date", nullptr},
          {"result", nullptr},
          {"comments", ""},
          {"return_reason", ""},
          {"cancel_reason", ""},
          {"created_by_user_id", 3},
          {"version", 2},
          {"from_project_name", "Riverside - Family Navigation"},
          {"to_project_name", "Northstar - RRH"},
          {"from_organization_id", 2},
          {"to_organization_id", 3},
          {"client_name", "Maria José Nguyễn"}};
}

void check_same(const nlohmann::json& body) {
  std::string text = body.dump();
  auto page = read_referral_page(text);
  REQUIRE(page.ok);
  CHECK(page.items == by_document(body));
}

}  // namespace

TEST_CASE("a page of well-formed referrals reads to the same referrals and total as the document") {
  nlohmann::json items = nlohmann::json::array();
  for (int64_t id = 1; id <= 200; ++id) {
    auto r = referral(id);
    if (id % 3 == 0) r["result"] = "services_provided", r["result_date"] = "2025-06-01", r["status"] = "resolved";
    if (id % 5 == 0) r["appointment_date"] = "2025-05-20";
    if (id % 7 == 0) r["client_name"] = "O\u2019Brien \"Annie\" \\ Đặng";
    items.push_back(r);
  }
  nlohmann::json body = {{"items", items}, {"total", 99985}, {"page", 1}, {"page_size", 200}};
  check_same(body);
  auto page = read_referral_page(body.dump());
  CHECK(page.total == 99985);
  REQUIRE(page.items.size() == 200);
  CHECK(page.items[6].client_name == "O\u2019Brien \"Annie\" \\ Đặng");
  CHECK(page.items[2].result == waypoint::ReferralResult::services_provided);
}

TEST_CASE("escaped characters read as the document reads them") {
  std::string text = R"({"items":[{"id":1,"client_id":7,"from_project_id":2,"to_project_id":5,
    "referral_date":"2025-05-01","status":"pending","version":1,"client_name":"Jos\u00e9 \ud83d\ude00 Nguy\u1ec5n",
    "note":"line\nbreak\ttab"}],"total":1})";
  auto page = read_referral_page(text);
  REQUIRE(page.items.size() == 1);
  CHECK(page.items == by_document(nlohmann::json::parse(text)));
  CHECK(page.items[0].client_name == "José 😀 Nguyễn");
}

TEST_CASE("items that do not read are skipped, as the document mapping skips them") {
  std::vector<nlohmann::json> odd;
  auto with = [&](const char* key, nlohmann::json value) {
    auto r = referral(static_cast<int64_t>(odd.size()) + 1);
    r[key] = std::move(value);
    odd.push_back(r);
  };
  auto without = [&](const char* key) {
    auto r = referral(static_cast<int64_t>(odd.size()) + 1);
    r.erase(key);
    odd.push_back(r);
  };
  with("id", nullptr);                          // required and null
  without("version");                           // required and missing
  with("client_id", "7");                       // a number as text
  with("to_project_id", 5.5);                   // not whole
  with("from_project_id", 18446744073709551615u);  // beyond int64
  with("referral_date", "2025-02-30");          // no such day
  with("status", "lost");                       // not a status
  with("result", "maybe");                      // not a result
  with("result", nullptr);                      // optional and null: reads
  with("note", nullptr);                        // optional text and null: reads (empty)
  with("note", 12);                             // optional text of the wrong type
  with("created_by_user_id", nullptr);          // optional number and null: reads
  with("to_organization_id", "3");              // optional number of the wrong type
  with("appointment_date", "05/20/2025");       // not ISO
  with("comments", nlohmann::json::array());   // a container for text
  with("client_name", nlohmann::json::object({{"first", "A"}}));
  with("extra", nlohmann::json::object({{"nested", {1, 2, {{"id", 9}}}}}));  // unknown keys are ignored
  with("id", -4);                               // negative, still whole
  without("client_name");                       // optional and missing: reads
  odd.push_back(42);                            // not an object
  odd.push_back(nlohmann::json::array({1, 2}));
  nlohmann::json body = {{"items", odd}, {"total", 23}};
  check_same(body);
  CHECK(read_referral_page(body.dump()).items.size() == by_document(body).size());
  CHECK(by_document(body).size() == 6);
}

TEST_CASE("a page without a total counts its items; a reply that is not a JSON object does not read") {
  nlohmann::json body = {{"items", {referral(1), referral(2)}}};
  auto page = read_referral_page(body.dump());
  REQUIRE(page.ok);
  CHECK(page.total == 2);
  CHECK(read_referral_page(R"({"items":"none","total":5})").items.empty());
  CHECK(read_referral_page(R"({"items":[],"total":5})").total == 5);
  CHECK_FALSE(read_referral_page(R"([{"id":1}])").ok);
  CHECK_FALSE(read_referral_page("<html>Bad gateway</html>").ok);
  CHECK_FALSE(read_referral_page(R"({"items":[)").ok);
  CHECK_FALSE(read_referral_page("").ok);
}

TEST_CASE("numbers read as the document reads them: whole within int64, anything else not") {
  for (const char* id : {"0", "-0", "7", "-4", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                         "-9223372036854775809", "18446744073709551615", "18446744073709551616", "1.0", "1e2", "1E+2",
                         "-1.5e-3", "01", "-", "1.", ".5", "+1", "1e", "0x10"}) {
    std::string text = R"({"items":[{"id":)" + std::string(id) + R"(,"client_id":7,"from_project_id":2,
      "to_project_id":5,"referral_date":"2025-05-01","status":"pending","version":1}],"total":)" + id + "}";
    check_same_text(text);
  }
}

TEST_CASE("strings read as the document reads them: escapes, surrogates and UTF-8 checked") {
  for (const char* name : {R"(plain)", R"(tab\tand\u0041)", R"(\ud83d\ude00)", R"(\ud83d)", R"(\ude00)",
                           R"(\ud83dx)", R"(bad \x escape)", "caf\xc3\xa9", "\xc3", "\xc0\xaf", "\xed\xa0\x80",
                           "\xf4\x90\x80\x80", "\xef\xbf\xbf", "raw\x01control", "\x7f", R"(\/\b\f\n\r)"}) {
    std::string text = std::string(R"({"items":[{"id":1,"client_id":7,"from_project_id":2,"to_project_id":5,
      "referral_date":"2025-05-01","status":"pending","version":1,"client_name":")") + name + R"("}]})";
    check_same_text(text);
  }
}

TEST_CASE("damaged pages read exactly as the document reads them (20,000 random edits)") {
  nlohmann::json items = nlohmann::json::array();
  for (int64_t id = 1; id <= 3; ++id) items.push_back(referral(id));
  items[1]["result"] = "no_show";
  items[2]["extra"] = {{"nested", {1, 2.5, nullptr, true, "x"}}};
  const std::string page = nlohmann::json({{"items", items}, {"total", 3}}).dump();
  const std::string alphabet = "{}[],:\"\\ 0189-.eEtfnuAa/\x01\x7f\xc3\xa9\xe1\xbb\x85\xff";
  std::mt19937 random(20261123);
  for (int round = 0; round < 20000; ++round) {
    std::string text = page;
    int edits = 1 + static_cast<int>(random() % 3);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      size_t at = random() % text.size();
      char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
        case 0: text[at] = c; break;
        case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
        default: text.erase(at, 1); break;
      }
    }
    check_same_text(text);
  }
}
