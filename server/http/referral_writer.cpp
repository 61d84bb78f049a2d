#include "server/http/referral_writer.hpp"

#include <charconv>

namespace waypoint::http {

namespace {

void write_int(std::string& out, std::int64_t value) {
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, end);
}

void write_date(std::string& out, const Date& date) {
  char buffer[11];
  int y = static_cast<int>(date.year());
  unsigned m = static_cast<unsigned>(date.month()), d = static_cast<unsigned>(date.day());
  buffer[0] = static_cast<char>('0' + (y / 1000) % 10);
  buffer[1] = static_cast<char>('0' + (y / 100) % 10);
  buffer[2] = static_cast<char>('0' + (y / 10) % 10);
  buffer[3] = static_cast<char>('0' + y % 10);
  buffer[4] = '-';
  buffer[5] = static_cast<char>('0' + m / 10);
  buffer[6] = static_cast<char>('0' + m % 10);
  buffer[7] = '-';
  buffer[8] = static_cast<char>('0' + d / 10);
  buffer[9] = static_cast<char>('0' + d % 10);
  out += '"';
  out.append(buffer, 10);
  out += '"';
}

void write_optional_date(std::string& out, const std::optional<Date>& date) {
  if (date) write_date(out, *date);
  else out += "null";
}

void key(std::string& out, const char* name) {
  out += '"';
  out += name;
  out += "\":";
}

}  // namespace

void write_json_string(std::string& out, std::string_view text) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += hex[(c >> 4) & 0xf];
          out += hex[c & 0xf];
        } else {
          out += c;  // stored text is valid UTF-8: every write came through a JSON parser
        }
    }
  }
  out += '"';
}

// Keys in the order nlohmann's std::map-backed objects print them (alphabetical).
void write_referral(std::string& out, const Referral& r) {
  out += '{';
  key(out, "appointment_date"); write_optional_date(out, r.appointment_date); out += ',';
  key(out, "cancel_reason"); write_json_string(out, r.cancel_reason); out += ',';
  key(out, "client_id"); write_int(out, r.client_id); out += ',';
  key(out, "client_name"); write_json_string(out, r.client_name); out += ',';
  key(out, "comments"); write_json_string(out, r.comments); out += ',';
  key(out, "created_by_user_id"); write_int(out, r.created_by_user_id); out += ',';
  key(out, "date_acknowledged"); write_optional_date(out, r.date_acknowledged); out += ',';
  key(out, "from_organization_id"); write_int(out, r.from_organization_id); out += ',';
  key(out, "from_project_id"); write_int(out, r.from_project_id); out += ',';
  key(out, "from_project_name"); write_json_string(out, r.from_project_name); out += ',';
  key(out, "id"); write_int(out, r.id); out += ',';
  key(out, "note"); write_json_string(out, r.note); out += ',';
  key(out, "referral_date"); write_date(out, r.referral_date); out += ',';
  key(out, "result");
  if (r.result) write_json_string(out, to_string(*r.result));
  else out += "null";
  out += ',';
  key(out, "result_date"); write_optional_date(out, r.result_date); out += ',';
  key(out, "return_reason"); write_json_string(out, r.return_reason); out += ',';
  key(out, "status"); write_json_string(out, to_string(r.status)); out += ',';
  key(out, "to_organization_id"); write_int(out, r.to_organization_id); out += ',';
  key(out, "to_project_id"); write_int(out, r.to_project_id); out += ',';
  key(out, "to_project_name"); write_json_string(out, r.to_project_name); out += ',';
  key(out, "version"); write_int(out, r.version);
  out += '}';
}

std::string referral_page_json(const Page<Referral>& page, int page_number, int page_size) {
  std::string out;
  out.reserve(256 + page.items.size() * 640);
  out += "{\"items\":[";
  for (size_t i = 0; i < page.items.size(); ++i) {
    if (i) out += ',';
    write_referral(out, page.items[i]);
  }
  out += "],\"page\":";
  write_int(out, page_number);
  out += ",\"page_size\":";
  write_int(out, page_size);
  out += ",\"total\":";
  write_int(out, page.total);
  out += '}';
  return out;
}

}  // namespace waypoint::http
