// zxcvbn-c's guess estimate and the words it gives back, turned into one plain reason a person can act on.
#include "server/services/password_policy.hpp"

#include <zxcvbn.h>

#include <algorithm>

namespace waypoint {

namespace {

// What a kind of match means for the person choosing the password.
const char* reason_for(int type, bool whole) {
  if (type & MULTIPLE_MATCH) return "it repeats a short pattern";  // "aaaaaaaaaaaa", "abcabcabcabc"
  switch (type) {
    case DICTIONARY_MATCH:
    case DICT_LEET_MATCH:
      return whole ? "it is a commonly used password" : "it is built on a common password or word";
    case USER_MATCH:
    case USER_LEET_MATCH: return "it contains your name, your username or the name of this service";
    case REPEATS_MATCH: return "it repeats the same characters";
    case SEQUENCE_MATCH: return "it follows a sequence like abcd or 1234";
    case SPATIAL_MATCH: return "it follows a keyboard pattern like qwerty";
    case DATE_MATCH:
    case YEAR_MATCH: return "it is built on a date or a year";
    default: return nullptr;
  }
}

void add_word(std::vector<std::string>& words, std::string word) {
  if (word.size() < 3) return;  // "de", "o": matching them would flag half of every passphrase
  if (std::find(words.begin(), words.end(), word) == words.end()) words.push_back(std::move(word));
}

void add_with_parts(std::vector<std::string>& words, const std::string& text) {
  add_word(words, text);
  std::string part;
  for (char c : text + " ") {
    if (c == ' ' || c == '.' || c == '-' || c == '_') {
      add_word(words, part);
      part.clear();
    } else {
      part += c;
    }
  }
}

}  // namespace

std::vector<std::string> password_user_words(const std::string& username, const std::string& display_name) {
  std::vector<std::string> words;
  add_with_parts(words, username);
  add_with_parts(words, display_name);  // zxcvbn-c compares user words without case
  for (const char* service : {"waypoint", "hmis", "referral", "referrals", "continuum"}) add_word(words, service);
  return words;
}

std::optional<std::string> guessable_password_problem(const std::string& password,
                                                      const std::vector<std::string>& user_words) {
  std::vector<const char*> dictionary;
  for (const auto& word : user_words) dictionary.push_back(word.c_str());
  dictionary.push_back(nullptr);
  ZxcMatch_t* info = nullptr;
  double bits = ZxcvbnMatch(password.c_str(), dictionary.data(), &info);
  if (bits >= kMinPasswordEntropyBits) {
    ZxcvbnFreeInfo(info);
    return std::nullopt;
  }
  // The pattern that covers most of the password is the one to explain.
  const char* reason = nullptr;
  int covered = 0;
  for (const ZxcMatch_t* match = info; match; match = match->Next) {
    const char* words = reason_for(match->Type, match->Length >= static_cast<int>(password.size()));
    if (words && match->Length > covered) {
      reason = words;
      covered = match->Length;
    }
  }
  ZxcvbnFreeInfo(info);
  std::string message = "Password is too easy to guess: ";
  message += reason ? reason : "it is short and predictable";
  message += ". Try three or four unrelated words.";
  return message;
}

}  // namespace waypoint
