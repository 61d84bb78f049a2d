// What a list request asks for, and the rules that read it: the referral list's filters and sorts,
// and how a client search box's text becomes a search (an id, a date of birth or name words) and
// how a client's name becomes the words it is found by. The server stores and matches these; the
// rules are here so a second caller (a bulk import, the client's offline search) reads them alike.
#pragma once

#include "shared/dates.hpp"
#include "shared/enums.hpp"
#include "shared/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waypoint {

// Paging: every list takes page (1-based) and page_size.
inline constexpr std::int64_t kMaxPage = 1000000;
inline constexpr std::int64_t kMaxPageSize = 200;
inline constexpr int kDefaultPageSize = 50;

// [SECTION] referral lists
enum class ReferralBox { visible, incoming, outgoing };  // visible: either side is the organization
struct ReferralListQuery {
  ReferralBox box = ReferralBox::visible;
  std::optional<ReferralStatus> status;
  std::optional<std::int64_t> project_id;  // either side's project
  std::string sort = "-referral_date";      // one of referral_sorts()
  int page = 1;
  int page_size = kDefaultPageSize;
};
std::optional<ReferralBox> parse_referral_box(std::string_view wire);  // "", "incoming", "outgoing"
// The sort keys a referral list accepts: referral_date, status, client_name, each also with "-" (descending).
const std::vector<std::string>& referral_sorts();

// [SECTION] client search
inline constexpr std::size_t kMaxSearchCharacters = 200;
// Each word is one more condition of the query; a few thousand exceed SQLite's expression limit.
inline constexpr std::size_t kMaxSearchWords = 10;
struct ClientSearch {
  std::optional<std::int64_t> id;     // "123" or "#123"
  std::optional<Date> date_of_birth;  // any date the person may type
  std::vector<std::string> name_words;  // folded; each must begin one of the client's name words
};
// Errors name "q". An empty text is a search for everyone.
Result<ClientSearch> parse_client_search(std::string_view text);
// The folded words a client is found by: each word of the names, the parts of "anne-marie" and
// the joined form of "o'brien".
std::vector<std::string> client_name_words(std::string_view first_name, std::string_view last_name);
// Search results are ordered by last name, then first name (folded: case and accents aside).
struct ClientSortKey {
  std::string last;
  std::string first;
};
ClientSortKey client_sort_key(std::string_view first_name, std::string_view last_name);

}  // namespace waypoint
