#include "shared/list_queries.hpp"

#include "shared/text.hpp"

#include <algorithm>
#include <cctype>

namespace waypoint {

std::optional<ReferralBox> parse_referral_box(std::string_view wire) {
  if (wire.empty()) return ReferralBox::visible;
  if (wire == "incoming") return ReferralBox::incoming;
  if (wire == "outgoing") return ReferralBox::outgoing;
  return std::nullopt;
}

const std::vector<std::string>& referral_sorts() {
  static const std::vector<std::string> sorts = {"referral_date", "-referral_date", "status",
                                                 "-status",       "client_name",    "-client_name"};
  return sorts;
}

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

Result<ClientSearch> parse_client_search(std::string_view text) {
  ClientSearch search;
  std::string_view q = trim(text);
  if (utf8_length(q) > kMaxSearchCharacters)
    return fail(FieldErrors{{"q", "must be at most " + std::to_string(kMaxSearchCharacters) + " characters"}});
  std::string_view id_text = !q.empty() && q[0] == '#' ? q.substr(1) : q;
  if (all_digits(id_text) && id_text.size() < 15) {
    search.id = std::stoll(std::string(id_text));
    return search;
  }
  if (auto dob = parse_user_date(q)) {
    search.date_of_birth = *dob;
    return search;
  }
  std::string word;
  for (char c : fold_for_search(q) + " ") {
    if (c == ' ' || c == ',') {
      if (!word.empty()) search.name_words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (search.name_words.size() > kMaxSearchWords)
    return fail(FieldErrors{{"q", "must be at most " + std::to_string(kMaxSearchWords) + " words"}});
  return search;
}

std::vector<std::string> client_name_words(std::string_view first_name, std::string_view last_name) {
  std::vector<std::string> words;
  auto add = [&](const std::string& w) {
    if (!w.empty() && std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
  };
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    add(word);
    std::string joined, part;
    for (char ch : word) {
      if (ch == '-' || ch == '\'') {
        add(part);
        part.clear();
      } else {
        part += ch;
        joined += ch;
      }
    }
    add(part);
    add(joined);
    word.clear();
  };
  for (char ch : fold_for_search(std::string(first_name) + " " + std::string(last_name))) {
    if (ch == ' ') flush();
    else word += ch;
  }
  flush();
  return words;
}

ClientSortKey client_sort_key(std::string_view first_name, std::string_view last_name) {
  return {fold_for_search(last_name), fold_for_search(first_name)};
}

}  // namespace waypoint
