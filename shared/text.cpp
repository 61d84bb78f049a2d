// UTF-8 decoding, the search-key fold and the name-character test. The fold uses two compact tables generated from
// the Unicode character database (NFD base letter, or the letter named in the character's name for letters with a
// stroke, such as Đ and Ł): two ASCII bytes per code point, "  " meaning "keep the character as it is".
#include "shared/text.hpp"

namespace waypoint {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// U+00C0..U+024F: Latin-1 letters, Latin Extended-A and Latin Extended-B.
constexpr std::string_view kLatinFold =
    "a a a a a a aec e e e e i i i i "  // U+00C0
    "d n o o o o o   o u u u u y thss"  // U+00D0
    "a a a a a a aec e e e e i i i i "  // U+00E0
    "d n o o o o o   o u u u u y thy "  // U+00F0
    "a a a a a a c c c c c c c c d d "  // U+0100
    "d d e e e e e e e e e e g g g g "  // U+0110
    "g g g g h h h h i i i i i i i i "  // U+0120
    "i i ijijj j k k q l l l l l l l "  // U+0130
    "l l l n n n n n n n n n o o o o "  // U+0140
    "o o oeoer r r r r r s s s s s s "  // U+0150
    "s s t t t t t t u u u u u u u u "  // U+0160
    "u u u u w w y y y z z z z z z s "  // U+0170
    "b b b b     o c c d d d d   e   "  // U+0180
    "e f f g   hv  i k k l   m n n o "  // U+0190
    "o o oioip p           t t t t u "  // U+01A0
    "u   v y y z z                   "  // U+01B0
    "        dzd dzljl ljnjn nja a i "  // U+01C0
    "i o o u u u u u u u u u u e a a "  // U+01D0
    "a a aeaeg g g g k k o o o o     "  // U+01E0
    "j dzd dzg g     n n a a aeaeo o "  // U+01F0
    "a a a a e e e e i i i i o o o o "  // U+0200
    "r r r r u u u u s s t t     h h "  // U+0210
    "n d ououz z a a e e o o o o o o "  // U+0220
    "o o y y l n t j dbqpa c c l t s "  // U+0230
    "z     b u v e e j j q q r r y y "  // U+0240
    ;

// U+1E00..U+1EFF: Latin Extended Additional, which holds most precomposed Vietnamese letters.
constexpr std::string_view kLatinAdditionalFold =
    "a a b b b b b b c c d d d d d d "  // U+1E00
    "d d d d e e e e e e e e e e f f "  // U+1E10
    "g g h h h h h h h h h h i i i i "  // U+1E20
    "k k k k k k l l l l l l l l m m "  // U+1E30
    "m m m m n n n n n n n n o o o o "  // U+1E40
    "o o o o p p p p r r r r r r r r "  // U+1E50
    "s s s s s s s s s s t t t t t t "  // U+1E60
    "t t u u u u u u u u u u v v v v "  // U+1E70
    "w w w w w w w w w w x x x x y y "  // U+1E80
    "z z z z z z h t w y a s s s ssd "  // U+1E90
    "a a a a a a a a a a a a a a a a "  // U+1EA0
    "a a a a a a a a e e e e e e e e "  // U+1EB0
    "e e e e e e e e i i i i o o o o "  // U+1EC0
    "o o o o o o o o o o o o o o o o "  // U+1ED0
    "o o o o u u u u u u u u u u u u "  // U+1EE0
    "u u y y y y y y y y llllv v y y "  // U+1EF0
    ;

// Decodes one code point at `pos`, advancing it. Rejects overlong forms, surrogates and values past U+10FFFF;
// on error advances one byte and returns false.
bool next_code_point(std::string_view text, std::size_t& pos, char32_t& out) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(pos);
  std::size_t extra = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if (lead < 0x80) {
    out = lead;
    pos += 1;
    return true;
  } else if ((lead & 0xE0) == 0xC0) {
    extra = 1, value = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2, value = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3, value = lead & 0x07, minimum = 0x10000;
  } else {
    pos += 1;
    return false;
  }
  if (pos + extra >= text.size()) {  // truncated sequence
    pos += 1;
    return false;
  }
  for (std::size_t i = 1; i <= extra; ++i) {
    unsigned char continuation = byte(pos + i);
    if ((continuation & 0xC0) != 0x80) {
      pos += 1;
      return false;
    }
    value = (value << 6) | (continuation & 0x3F);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    pos += 1;
    return false;
  }
  out = value;
  pos += extra + 1;
  return true;
}

void append_fold(std::string& out, std::string_view table, char32_t first, char32_t code_point) {
  std::string_view entry = table.substr(static_cast<std::size_t>(code_point - first) * 2, 2);
  if (entry[0] == ' ') {
    append_utf8(out, code_point);
    return;
  }
  out += entry[0];
  if (entry[1] != ' ') out += entry[1];
}

bool in(char32_t c, char32_t first, char32_t last) { return c >= first && c <= last; }

}  // namespace

bool is_valid_utf8(std::string_view text) {
  std::size_t pos = 0;
  char32_t ignored = 0;
  while (pos < text.size()) {
    if (!next_code_point(text, pos, ignored)) return false;
  }
  return true;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t pos = 0, count = 0;
  char32_t ignored = 0;
  while (pos < text.size()) {
    next_code_point(text, pos, ignored);
    ++count;
  }
  return count;
}

std::u32string decode_utf8(std::string_view text) {
  std::u32string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t c = 0;
    out += next_code_point(text, pos, c) ? c : kReplacement;
  }
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c > 0x10FFFF || in(c, 0xD800, 0xDFFF)) c = kReplacement;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string fold_for_search(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (char32_t c : decode_utf8(utf8)) {
    if (in(c, 'A', 'Z')) {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (in(c, 0x0300, 0x036F)) {
      continue;  // combining accent of a decomposed letter
    } else if (in(c, 0x00C0, 0x024F)) {
      append_fold(out, kLatinFold, 0x00C0, c);
    } else if (in(c, 0x1E00, 0x1EFF)) {
      append_fold(out, kLatinAdditionalFold, 0x1E00, c);
    } else {
      append_utf8(out, c);
    }
  }
  return out;
}

std::string_view trim(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

bool is_letter(char32_t c) {
  if (c < 0x80) return in(c, 'A', 'Z') || in(c, 'a', 'z');
  if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA;  // ª µ º; the rest is controls and symbols
  if (c == 0xD7 || c == 0xF7) return false;                   // × ÷
  if (in(c, 0x0300, 0x036F)) return false;                     // combining marks: allowed in names, not letters
  if (c == 0x037E || c == 0x0387) return false;                // Greek question mark, ano teleia
  if (in(c, 0x0589, 0x058A) || in(c, 0x05BE, 0x05C6)) return false;  // Armenian and Hebrew punctuation
  if (in(c, 0x0600, 0x061F) || in(c, 0x0660, 0x066D) || in(c, 0x06D4, 0x06D4) || in(c, 0x06F0, 0x06F9)) {
    return false;  // Arabic punctuation and digits
  }
  if (in(c, 0x0964, 0x096F)) return false;                     // Devanagari danda and digits
  if (in(c, 0x2000, 0x2BFF)) return false;  // punctuation, super/subscripts, currency, arrows, math, symbols
  if (in(c, 0x2E00, 0x2E7F)) return false;  // supplemental punctuation
  if (in(c, 0x3000, 0x3004) || in(c, 0x3008, 0x3020)) return false;  // CJK punctuation
  if (in(c, 0xD800, 0xF8FF)) return false;  // surrogates, private use
  if (in(c, 0xFE00, 0xFE6F)) return false;  // variation selectors, punctuation forms
  if (in(c, 0xFF00, 0xFF20) || in(c, 0xFF3B, 0xFF40) || in(c, 0xFF5B, 0xFF65) || in(c, 0xFFE0, 0xFFFF)) {
    return false;  // fullwidth punctuation and specials
  }
  if (in(c, 0x1F000, 0x1FFFF)) return false;  // emoji and pictographs
  if (c >= 0xE0000) return false;            // tags, private use
  return c <= 0x10FFFF;
}

bool is_name_character(char32_t c) {
  if (c == ' ' || c == '\'' || c == '-') return true;
  if (c == 0x2019 || c == 0x2010 || c == 0x2011) return true;  // ’ and typographic hyphens
  if (in(c, 0x0300, 0x036F)) return true;                      // combining accents
  return is_letter(c);
}

}  // namespace waypoint
