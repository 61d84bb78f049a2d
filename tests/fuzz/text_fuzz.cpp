// text_fuzz: shared/text.hpp (UTF-8 decoding, length, search fold, trim, name characters) and the enum wire-name
// parsers of shared/enums.hpp and referral.hpp, on arbitrary bytes. Names and free text reach these functions
// straight from request bodies and the search box, valid UTF-8 or not, and the fold is what the client search
// index is built from, so besides memory safety it must be stable: folding twice changes nothing, and its output
// is always valid UTF-8 (SQLite and the JSON writer get it).
#include "shared/enums.hpp"
#include "shared/referral.hpp"
#include "shared/text.hpp"
#include "tests/fuzz/fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

using namespace waypoint;

namespace {

void check_utf8(std::string_view text) {
  bool valid = is_valid_utf8(text);
  std::u32string decoded = decode_utf8(text);
  // utf8_length and decode_utf8 step through the same decoder: one count, one code point per step.
  FUZZ_CHECK(utf8_length(text) == decoded.size());
  FUZZ_CHECK(decoded.size() <= text.size());
  std::string encoded;
  for (char32_t c : decoded) append_utf8(encoded, c);
  FUZZ_CHECK(is_valid_utf8(encoded));
  if (valid) FUZZ_CHECK(encoded == text);  // valid text decodes and re-encodes to itself
  for (char32_t c : decoded) {
    if (is_letter(c)) FUZZ_CHECK(is_name_character(c));
  }
}

void check_fold(std::string_view text) {
  std::string folded = fold_for_search(text);
  FUZZ_CHECK(is_valid_utf8(folded));
  for (char c : folded) FUZZ_CHECK(!(c >= 'A' && c <= 'Z'));
  FUZZ_CHECK(fold_for_search(folded) == folded);
  // Each code point folds to at most two (a ligature spelled out, e.g. "ß" -> "ss").
  FUZZ_CHECK(utf8_length(folded) <= 2 * utf8_length(text));
}

void check_trim(std::string_view text) {
  std::string_view trimmed = trim(text);
  FUZZ_CHECK(trimmed.size() <= text.size());
  FUZZ_CHECK(trimmed.empty() || (trimmed.data() >= text.data() &&
                                 trimmed.data() + trimmed.size() <= text.data() + text.size()));
  FUZZ_CHECK(trim(trimmed) == trimmed);
}

template <class E>
void check_wire(std::string_view text, std::optional<E> parsed) {
  if (parsed) FUZZ_CHECK(to_string(*parsed) == text);  // wire names are exact: no case folding, no labels
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzz::as_text(data, size);
  check_utf8(text);
  check_fold(text);
  check_trim(text);
  check_wire(text, parse_workgroup(text));
  check_wire(text, parse_referral_status(text));
  check_wire(text, parse_referral_result(text));
  check_wire(text, parse_project_type(text));
  check_wire(text, parse_referral_action(text));
  return 0;
}
