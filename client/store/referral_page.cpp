#include "client/store/referral_page.hpp"

#include "shared/dates.hpp"
#include "shared/enums.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <limits>
#include <optional>
#include <string>

namespace waypoint::client {

namespace {

using json = nlohmann::json;

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

// One scalar JSON value as the SAX parser hands it over; containers arrive as `container`.
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

// Where the parser is: the page object, its items array, one item, or inside a value nobody reads.
enum class Place { page, items, item, skipped };

class PageReader {
 public:
  ReferralPage page;

  bool null() { return scalar(Value{}); }
  bool boolean(bool) { return scalar(Value{Value::Type::boolean}); }
  bool number_integer(json::number_integer_t n) { return scalar(Value{Value::Type::integer, true, n}); }
  bool number_unsigned(json::number_unsigned_t n) {
    bool fits = n <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    return scalar(Value{Value::Type::integer, fits, fits ? static_cast<int64_t>(n) : 0});
  }
  bool number_float(json::number_float_t, const std::string&) { return scalar(Value{Value::Type::floating}); }
  bool string(std::string& s) { return scalar(Value{Value::Type::string, false, 0, &s}); }
  bool binary(json::binary_t&) { return scalar(Value{Value::Type::container}); }

  bool key(std::string& name) {
    if (places_.back() == Place::item) item_key_ = key_of(name);
    if (places_.back() == Place::page) page_key_ = name;
    return true;
  }

  bool start_object(std::size_t) {
    if (places_.empty()) {
      page.ok = true;
      places_.push_back(Place::page);
    } else if (places_.back() == Place::items) {
      item_ = Item{};
      places_.push_back(Place::item);
    } else {
      container_value();
    }
    return true;
  }
  bool end_object() { return end(); }

  bool start_array(std::size_t) {
    if (places_.empty()) return false;  // a page is an object
    if (places_.back() == Place::page && page_key_ == "items") {
      page.items.clear();  // a repeated key: the last one counts, as in the document
      places_.push_back(Place::items);
    } else {
      container_value();
    }
    return true;
  }
  bool end_array() { return end(); }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
    page = ReferralPage{};
    return false;
  }

  void finish() {
    if (!page.ok) return;
    page.total = total_ ? *total_ : static_cast<int64_t>(page.items.size());
  }

 private:
  bool scalar(const Value& v) {
    if (places_.empty()) return false;  // a page is an object
    switch (places_.back()) {
      case Place::page:
        if (page_key_ == "total") total_ = v.type == Value::Type::integer && v.fits_int64 ? std::optional(v.integer)
                                                                                          : std::nullopt;
        if (page_key_ == "items") drop_items();
        break;
      case Place::item:
        if (item_key_) record(*item_key_, assign(item_.referral, *item_key_, v));
        break;
      case Place::items:   // an item that is not an object does not read
      case Place::skipped: break;
    }
    return true;
  }

  // An array or object as a value: a wrong type for a known key, then skipped to its end.
  void container_value() {
    if (places_.back() == Place::item && item_key_) record(*item_key_, false);
    if (places_.back() == Place::page && page_key_ == "items") drop_items();
    if (places_.back() == Place::page && page_key_ == "total") total_.reset();
    places_.push_back(Place::skipped);
  }

  void record(Key key, bool reads) {
    item_.ok = reads ? item_.ok | bit(key) : item_.ok & ~bit(key);
    item_.bad = reads ? item_.bad & ~bit(key) : item_.bad | bit(key);
  }

  void drop_items() { page.items.clear(); }

  bool end() {
    Place place = places_.back();
    places_.pop_back();
    if (place == Place::item) {
      bool complete = item_.bad == 0;
      for (Key key : kRequired) complete = complete && (item_.ok & bit(key));
      if (complete) page.items.push_back(std::move(item_.referral));
    }
    return true;
  }

  std::vector<Place> places_;
  std::string page_key_;
  std::optional<Key> item_key_;
  Item item_;
  std::optional<int64_t> total_;
};

}  // namespace

ReferralPage read_referral_page(std::string_view text) {
  PageReader reader;
  if (!json::sax_parse(text.begin(), text.end(), &reader)) return ReferralPage{};
  reader.finish();
  return std::move(reader.page);
}

}  // namespace waypoint::client
