// Parsing and formatting of calendar dates by hand: Emscripten's libc++ 14 has no std::format or chrono::parse.
#include "shared/dates.hpp"


namespace waypoint {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads all of `digits` as a decimal number; false if any character is not a digit or it is empty.
bool read_number(std::string_view digits, int& out) {
  if (digits.empty()) return false;
  int value = 0;
  for (char c : digits) {
    if (!is_digit(c)) return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

std::optional<Date> checked_date(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  Date date = make_date(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  if (!date.ok()) return std::nullopt;
  return date;
}

// Zero-padded decimal, e.g. pad(5, 2) == "05". Negative years do not occur in HMIS data; they print as 0000.
std::string pad(int value, int width) {
  std::string digits(static_cast<std::size_t>(width), '0');
  for (int i = width - 1; i >= 0 && value > 0; --i, value /= 10) {
    digits[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  }
  return digits;
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// "MM/DD/YYYY" or "M/D/YYYY" (and mixes such as "05/1/2025"); the year always has four digits.
std::optional<Date> parse_us_date(std::string_view text) {
  auto first = text.find('/');
  if (first == std::string_view::npos) return std::nullopt;
  auto second = text.find('/', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  std::string_view month_text = text.substr(0, first);
  std::string_view day_text = text.substr(first + 1, second - first - 1);
  std::string_view year_text = text.substr(second + 1);
  if (month_text.size() > 2 || day_text.size() > 2 || year_text.size() != 4) return std::nullopt;
  int year = 0, month = 0, day = 0;
  if (!read_number(month_text, month) || !read_number(day_text, day) || !read_number(year_text, year)) {
    return std::nullopt;
  }
  return checked_date(year, month, day);
}

}  // namespace

Date make_date(int year, unsigned month, unsigned day) {
  return Date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
}

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int year = 0, month = 0, day = 0;
  if (!read_number(text.substr(0, 4), year) || !read_number(text.substr(5, 2), month) ||
      !read_number(text.substr(8, 2), day)) {
    return std::nullopt;
  }
  return checked_date(year, month, day);
}

std::optional<Date> parse_user_date(std::string_view text) {
  text = trim_spaces(text);
  if (auto iso = parse_iso_date(text)) return iso;
  return parse_us_date(text);
}

std::string format_iso(Date date) {
  return pad(static_cast<int>(date.year()), 4) + "-" + pad(static_cast<int>(static_cast<unsigned>(date.month())), 2) +
         "-" + pad(static_cast<int>(static_cast<unsigned>(date.day())), 2);
}

std::string format_us(Date date) {
  return pad(static_cast<int>(static_cast<unsigned>(date.month())), 2) + "/" +
         pad(static_cast<int>(static_cast<unsigned>(date.day())), 2) + "/" + pad(static_cast<int>(date.year()), 4);
}

int days_between(Date from, Date to) {
  return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

Date add_days(Date date, int days) { return Date{std::chrono::sys_days{date} + std::chrono::days{days}}; }

}  // namespace waypoint
