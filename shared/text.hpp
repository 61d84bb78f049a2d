// UTF-8 text helpers for people's names and free text: code-point length (limits are in characters, not bytes),
// validity, and the accent- and case-insensitive search key ("nguyen" finds "Nguyễn"), since SQLite's NOCASE folds
// only ASCII. Hand-written because ICU is too heavy for the wasm client.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace waypoint {

bool is_valid_utf8(std::string_view text);

// Number of code points. Each byte of an invalid sequence counts as one, so the answer is still an upper bound.
std::size_t utf8_length(std::string_view text);

// Code points; an invalid sequence becomes U+FFFD.
std::u32string decode_utf8(std::string_view text);
void append_utf8(std::string& out, char32_t code_point);

// Search key: lowercase, diacritics stripped for Latin-1, Latin Extended-A/B and Latin Extended Additional
// (Vietnamese), ligatures spelled out ("ß" -> "ss", "Æ" -> "ae"), combining marks dropped (so decomposed input folds
// too). Everything else, including apostrophes and other scripts, is kept as it is.
std::string fold_for_search(std::string_view utf8);

// Without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view text);

// Approximates Unicode's "letter" categories by block (no tables): letters of every script are accepted; digits,
// punctuation, symbols, emoji, controls and private-use characters are not.
bool is_letter(char32_t code_point);

// What a person's name may contain: letters (with combining accents), spaces, apostrophes (' ’) and hyphens.
bool is_name_character(char32_t code_point);

}  // namespace waypoint
