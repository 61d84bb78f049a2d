#include "client/store/referral_page.hpp"

#include "shared/dates.hpp"
#include "shared/enums.hpp"
#include "shared/text.hpp"

#include <array>
#include <limits>
#include <optional>
#include <string>

namespace waypoint::client {

namespace {

// A referral's keys. Each reads as JsonFields reads it in parse_referral: required ones must be
// present with the right type (null is wrong); optional ones may be missing or null; a present
// value of the wrong type skips the item.
enum class Key : uint8_t {
  id, client_id, from_project_id, to_project_id, referral_date, note, status, date_acknowledged,
  appointment_date, result_date, result, comments, return_reason, cancel_reason, created_by_user_id, version,
  from_project_name, to_project_name, from_organization_id, to_organization_id, client_name, count
};

constexpr std::array<std::string_view, static_cast<size_t>(Key::count)> kNames = {
    "id", "client_id", "from_project_id", "to_project_id", "referral_date", "note", "status", "date_acknowledged",
    "appointment_date", "result_date", "result", "comments", "return_reason", "cancel_reason", "created_by_user_id",
    "version", "from_project_name", "to_project_name", "from_organization_id", "to_organization_id", "client_name"};

constexpr Key kRequired[] = {Key::id, Key::client_id, Key::from_project_id, Key::to_project_id,
                             Key::referral_date, Key::status, Key::version};

std::optional<Key> key_of(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<Key>(i);
  return std::nullopt;
}

constexpr uint32_t bit(Key key) { return uint32_t{1} << static_cast<unsigned>(key); }

// One JSON value as the reader meets it; arrays and objects only as `container` (skipped).
struct Value {
  enum class Type { null, boolean, integer, floating, string, container } type = Type::null;
  bool fits_int64 = false;  // integer: within int64_t
  int64_t integer = 0;
  std::string* text = nullptr;
};

struct Item {
  Referral referral;
  uint32_t ok = 0;   // keys present with a value that reads (the last one, as in the document)
  uint32_t bad = 0;  // keys present with a value that does not read
};

// Sets `key` from `v` the way JsonFields would, returning whether the value reads.
bool assign(Referral& r, Key key, const Value& v) {
  using T = Value::Type;
  auto whole = [&](int64_t& out) {
    if (v.type != T::integer || !v.fits_int64) return false;
    out = v.integer;
    return true;
  };
  auto text = [&](std::string& out) {  // optional text: null is empty
    if (v.type == T::null) return out.clear(), true;
    if (v.type != T::string) return false;
    out = std::move(*v.text);
    return true;
  };
  auto day = [&](std::optional<Date>& out) {  // optional date: null is none
    out.reset();
    if (v.type == T::null) return true;
    if (v.type == T::string) out = parse_iso_date(*v.text);
    return out.has_value();
  };
  switch (key) {
    case Key::id: return whole(r.id);
    case Key::client_id: return whole(r.client_id);
    case Key::from_project_id: return whole(r.from_project_id);
    case Key::to_project_id: return whole(r.to_project_id);
    case Key::version: return whole(r.version);
    case Key::created_by_user_id:  // optional numbers: null leaves the default
    case Key::from_organization_id:
    case Key::to_organization_id: {
      if (v.type == T::null) return true;
      int64_t& out = key == Key::created_by_user_id     ? r.created_by_user_id
                     : key == Key::from_organization_id ? r.from_organization_id
                                                        : r.to_organization_id;
      return whole(out);
    }
    case Key::referral_date: {
      if (v.type != T::string) return false;
      auto date = parse_iso_date(*v.text);
      if (date) r.referral_date = *date;
      return date.has_value();
    }
    case Key::status: {
      auto status = v.type == T::string ? parse_referral_status(*v.text) : std::nullopt;
      if (status) r.status = *status;
      return status.has_value();
    }
    case Key::result: {
      r.result.reset();
      if (v.type == T::null) return true;
      if (v.type == T::string) r.result = parse_referral_result(*v.text);
      return r.result.has_value();
    }
    case Key::date_acknowledged: return day(r.date_acknowledged);
    case Key::appointment_date: return day(r.appointment_date);
    case Key::result_date: return day(r.result_date);
    case Key::note: return text(r.note);
    case Key::comments: return text(r.comments);
    case Key::return_reason: return text(r.return_reason);
    case Key::cancel_reason: return text(r.cancel_reason);
    case Key::from_project_name: return text(r.from_project_name);
    case Key::to_project_name: return text(r.to_project_name);
    case Key::client_name: return text(r.client_name);
    case Key::count: break;
  }
  return false;
}

// A strict JSON reader (RFC 8259, as nlohmann reads it: UTF-8 checked, no trailing commas, no
// comments) over the page text, calling the referral fields directly. nlohmann's SAX interface
// read a window in ~3.5 ms of browser time (its lexer copies every character into a token
// buffer); this reads runs of plain characters at once.
class Reader {
 public:
  explicit Reader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  ReferralPage read() {
    ReferralPage page;
    space();
    if (!page_object(page)) return ReferralPage{};
    space();
    if (p_ != end_) return ReferralPage{};  // text after the page
    page.ok = true;
    return page;
  }

 private:
  static constexpr int kMaxDepth = 512;

  // The next member of an object up to its value: the comma before it (all but the first), its
  // name and the colon.
  bool member_name(bool first, std::string& key) {
    if (!first && !(take(',') && (space(), true))) return false;
    if (!string(key) || !(space(), take(':'))) return false;
    space();
    return true;
  }

  bool page_object(ReferralPage& page) {
    if (!take('{')) return false;
    std::optional<int64_t> total;
    std::string key;
    bool first = true;
    for (space(); !take('}'); first = false) {
      if (!member_name(first, key)) return false;
      if (key == "items") {
        page.items.clear();  // a repeated key: the last one counts, as in the document
        if (peek() == '[') {
          if (!items(page.items)) return false;
        } else if (!skip_value(1)) {
          return false;
        }
      } else if (key == "total") {
        Value v;
        if (!value(v, 1)) return false;
        total = v.type == Value::Type::integer && v.fits_int64 ? std::optional(v.integer) : std::nullopt;
      } else if (!skip_value(1)) {
        return false;
      }
      space();
    }
    page.total = total ? *total : static_cast<int64_t>(page.items.size());
    return true;
  }

  bool items(std::vector<Referral>& out) {
    take('[');
    bool first = true;
    for (space(); !take(']'); first = false) {
      if (!first && !(take(',') && (space(), true))) return false;
      if (peek() == '{') {
        Item item;
        if (!item_object(item)) return false;
        bool complete = item.bad == 0;
        for (Key key : kRequired) complete = complete && (item.ok & bit(key));
        if (complete) out.push_back(std::move(item.referral));
      } else if (!skip_value(2)) {  // an item that is not an object does not read
        return false;
      }
      space();
    }
    return true;
  }

  bool item_object(Item& item) {
    take('{');
    std::string key;
    bool first = true;
    for (space(); !take('}'); first = false) {
      if (!member_name(first, key)) return false;
      Value v;
      if (!value(v, 3)) return false;
      if (auto known = key_of(key)) {
        bool reads = v.type != Value::Type::container && assign(item.referral, *known, v);
        item.ok = reads ? item.ok | bit(*known) : item.ok & ~bit(*known);
        item.bad = reads ? item.bad & ~bit(*known) : item.bad | bit(*known);
      }
      space();
    }
    return true;
  }

  // A value; containers are checked and skipped (`container`), strings land in text_.
  bool value(Value& v, int depth) {
    char c = peek();
    if (c == '"') {
      if (!string(text_)) return false;
      v = Value{Value::Type::string, false, 0, &text_};
      return true;
    }
    if (c == '{' || c == '[') {
      v = Value{Value::Type::container};
      return skip_value(depth);
    }
    if (c == 't' || c == 'f') {
      v = Value{Value::Type::boolean};
      return word(c == 't' ? "true" : "false");
    }
    if (c == 'n') {
      v = Value{};
      return word("null");
    }
    return number(v);
  }

  bool skip_value(int depth) {
    if (depth > kMaxDepth) return false;
    char c = peek();
    if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      ++p_;
      std::string key;
      bool first = true;
      for (space(); !take(close); first = false) {
        if (!first && !(take(',') && (space(), true))) return false;
        if (close == '}') {
          if (!string(key) || !(space(), take(':'))) return false;
          space();
        }
        if (!skip_value(depth + 1)) return false;
        space();
      }
      return true;
    }
    Value v;
    return value(v, depth);
  }

  // RFC 8259 numbers. Integers within int64_t read as whole numbers; any other number (a
  // fraction, an exponent, or out of range) is not whole, as in the document.
  bool number(Value& v) {
    const char* start = p_;
    bool negative = take('-');
    if (p_ == end_ || !digit(*p_)) return false;
    if (*p_ == '0') {
      ++p_;
    } else {
      while (p_ != end_ && digit(*p_)) ++p_;
    }
    const char* integer_end = p_;
    bool whole = true;
    if (take('.')) {
      whole = false;
      if (p_ == end_ || !digit(*p_)) return false;
      while (p_ != end_ && digit(*p_)) ++p_;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      whole = false;
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !digit(*p_)) return false;
      while (p_ != end_ && digit(*p_)) ++p_;
    }
    v = Value{whole ? Value::Type::integer : Value::Type::floating};
    if (!whole) return true;
    // Accumulated negatively so that INT64_MIN fits.
    int64_t n = 0;
    bool fits = true;
    for (const char* d = start + (negative ? 1 : 0); d != integer_end && fits; ++d) {
      int digit_value = *d - '0';
      if (n < (std::numeric_limits<int64_t>::min() + digit_value) / 10) fits = false;
      else n = n * 10 - digit_value;
    }
    if (fits && !negative) {
      if (n == std::numeric_limits<int64_t>::min()) fits = false;  // 9223372036854775808
      else n = -n;
    }
    v.fits_int64 = fits;
    v.integer = fits ? n : 0;
    return true;
  }

  // A string into `out`: escapes decoded, UTF-8 checked.
  bool string(std::string& out) {
    out.clear();
    if (!take('"')) return false;
    for (;;) {
      const char* run = p_;
      while (p_ != end_ && plain(static_cast<unsigned char>(*p_))) ++p_;
      out.append(run, p_);
      if (p_ == end_) return false;
      unsigned char c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c < 0x20) return false;  // control characters must be escaped
      if (c == '\\') {
        if (!escape(out)) return false;
      } else if (!utf8(out)) {
        return false;
      }
    }
  }

  static bool plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

  bool escape(std::string& out) {
    ++p_;
    if (p_ == end_) return false;
    char c = *p_++;
    switch (c) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': break;
      default: return false;
    }
    unsigned code = 0;
    if (!hex4(code)) return false;
    if (code >= 0xD800 && code <= 0xDBFF) {  // a surrogate pair
      unsigned low = 0;
      if (!(take('\\') && take('u') && hex4(low)) || low < 0xDC00 || low > 0xDFFF) return false;
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    } else if (code >= 0xDC00 && code <= 0xDFFF) {
      return false;
    }
    append_utf8(out, static_cast<char32_t>(code));
    return true;
  }

  bool hex4(unsigned& code) {
    if (end_ - p_ < 4) return false;
    for (int i = 0; i < 4; ++i) {
      char h = *p_++;
      int value = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
      if (value < 0) return false;
      code = code * 16 + static_cast<unsigned>(value);
    }
    return true;
  }

  // One well-formed UTF-8 sequence (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
  bool utf8(std::string& out) {
    auto byte = [&](int i) { return static_cast<unsigned char>(p_[i]); };
    auto cont = [&](int i, unsigned lo = 0x80, unsigned hi = 0xBF) { return end_ - p_ > i && byte(i) >= lo && byte(i) <= hi; };
    unsigned char c = byte(0);
    int length = 0;
    if (c >= 0xC2 && c <= 0xDF) length = cont(1) ? 2 : 0;
    else if (c == 0xE0) length = cont(1, 0xA0) && cont(2) ? 3 : 0;
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) length = cont(1) && cont(2) ? 3 : 0;
    else if (c == 0xED) length = cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    else if (c == 0xF0) length = cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    else if (c >= 0xF1 && c <= 0xF3) length = cont(1) && cont(2) && cont(3) ? 4 : 0;
    else if (c == 0xF4) length = cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    if (length == 0) return false;
    out.append(p_, static_cast<size_t>(length));
    p_ += length;
    return true;
  }

  bool word(const char* w) {
    for (; *w; ++w, ++p_)
      if (p_ == end_ || *p_ != *w) return false;
    return true;
  }
  static bool digit(char c) { return c >= '0' && c <= '9'; }
  char peek() const { return p_ == end_ ? '\0' : *p_; }
  bool take(char c) {
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }
  void space() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  const char* p_;
  const char* end_;
  std::string text_;
};

}  // namespace

ReferralPage read_referral_page(std::string_view text) { return Reader(text).read(); }

}  // namespace waypoint::client
