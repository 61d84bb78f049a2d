// UTF-8 helpers: search folding of accented names, code-point length, validity and the name-character rule.
#include <doctest/doctest.h>

#include "shared/text.hpp"

using namespace waypoint;

TEST_CASE("search folding lowercases and strips accents from the names the CoC serves") {
  CHECK(fold_for_search("Nguyễn") == "nguyen");
  CHECK(fold_for_search("José") == "jose");
  CHECK(fold_for_search("Björk") == "bjork");
  CHECK(fold_for_search("Đặng") == "dang");
  CHECK(fold_for_search("O'Brien") == "o'brien");
  CHECK(fold_for_search("Anne-Marie") == "anne-marie");
  CHECK(fold_for_search("HAWO Xiong") == "hawo xiong");
}

TEST_CASE("search folding covers Latin-1, Extended-A, Extended-B and Vietnamese") {
  CHECK(fold_for_search("ÀÉÎÕÜÇÑÝ") == "aeioucny");
  CHECK(fold_for_search("àéîõüçñÿ") == "aeioucny");
  CHECK(fold_for_search("Łódź") == "lodz");
  CHECK(fold_for_search("Šťastný") == "stastny");
  CHECK(fold_for_search("Øyvind Ærø") == "oyvind aero");
  CHECK(fold_for_search("Straße") == "strasse");
  CHECK(fold_for_search("Þór") == "thor");
  CHECK(fold_for_search("Ơn Ưu") == "on uu");
  CHECK(fold_for_search("Trần Thị Hồng Nhung") == "tran thi hong nhung");
  CHECK(fold_for_search("Phạm Quỳnh Hương") == "pham quynh huong");
  CHECK(fold_for_search("Œuvre") == "oeuvre");
}

TEST_CASE("search folding drops combining accents of decomposed letters") {
  CHECK(fold_for_search("Jose\xCC\x81") == "jose");           // e + U+0301
  CHECK(fold_for_search("Nguye\xCC\x82\xCC\x83n") == "nguyen");  // e + U+0302 + U+0303
}

TEST_CASE("search folding keeps other scripts and symbols as they are") {
  CHECK(fold_for_search("Ζωή") == "Ζωή");
  CHECK(fold_for_search("李") == "李");
  CHECK(fold_for_search("a×b") == "a×b");
  CHECK(fold_for_search("") == "");
}

TEST_CASE("searching folded text finds accented names with plain typing") {
  std::string stored = fold_for_search("Nguyễn Văn Đức");
  CHECK(stored.find(fold_for_search("nguyen")) != std::string::npos);
  CHECK(stored.find(fold_for_search("DUC")) != std::string::npos);
  CHECK(stored.find(fold_for_search("Văn")) != std::string::npos);
}

TEST_CASE("length counts code points, not bytes") {
  CHECK(utf8_length("") == 0);
  CHECK(utf8_length("abc") == 3);
  CHECK(utf8_length("José") == 4);
  CHECK(utf8_length("Nguyễn") == 6);
  CHECK(utf8_length("李小龍") == 3);
  CHECK(utf8_length("\xF0\x9F\x98\x80") == 1);  // an emoji, 4 bytes
}

TEST_CASE("valid UTF-8 is accepted and malformed sequences are rejected") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("Nguyễn"));
  CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));
  CHECK_FALSE(is_valid_utf8("\xC3"));              // truncated
  CHECK_FALSE(is_valid_utf8("\xC3\x28"));          // bad continuation
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xFF"));
  CHECK_FALSE(is_valid_utf8("abc\x80"));
}

TEST_CASE("malformed bytes decode to the replacement character and still count") {
  CHECK(decode_utf8("a\xFF" "b") == U"a\uFFFDb");
  CHECK(utf8_length("a\xFF" "b") == 3);
  CHECK(fold_for_search("A\xFF") == "a\xEF\xBF\xBD");
}

TEST_CASE("encoding and decoding UTF-8 round-trip") {
  std::u32string text = U"José Nguyễn 李 \U0001F600";
  std::string encoded;
  for (char32_t c : text) append_utf8(encoded, c);
  CHECK(decode_utf8(encoded) == text);
}

TEST_CASE("trim removes surrounding whitespace only") {
  CHECK(trim("  Anne Marie \t\n") == "Anne Marie");
  CHECK(trim("   ") == "");
  CHECK(trim("") == "");
}

TEST_CASE("names may hold letters of any script, accents, apostrophes, hyphens and spaces") {
  for (char32_t c : decode_utf8("José Nguyễn O'Brien Anne-Marie Ζωή 李 Ğ ʻ’")) CHECK(is_name_character(c));
  CHECK(is_name_character(0x0301));  // combining acute
}

TEST_CASE("names may not hold digits, punctuation, symbols or emoji") {
  for (char32_t c : decode_utf8("0123456789!?.,;:@#$%&*()[]{}<>/\\|_=+~\"×÷€©™")) CHECK_FALSE(is_name_character(c));
  CHECK_FALSE(is_name_character(0x1F600));
  CHECK_FALSE(is_name_character(U'\t'));
  CHECK_FALSE(is_name_character(0xE000));
}
