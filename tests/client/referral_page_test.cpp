// A referral page read straight from its JSON text gives what the document mapping gives
// (shared/json_mapping's parse_referral over nlohmann's document), item for item.
#include "client/store/referral_page.hpp"
#include "shared/json_mapping.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

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
