// json_entities_fuzz: the entity parsers of shared/json_mapping.hpp (parse_organization ... parse_audit_entry), the
// list parser parse_list, and health_from_json, on arbitrary JSON text. The client reads every server reply with
// these, so a reply it does not expect (an older or newer server, a proxy's error page that happens to be JSON)
// must be refused with a message, never crash it. Each entity that parses must also survive to_json and parse again
// unchanged; a list's errors are keyed by item ("[2].status").
#include "shared/health.hpp"
#include "shared/json_mapping.hpp"
#include "tests/fuzz/fuzz_check.hpp"

#include <cstddef>
#include <cstdint>

using namespace waypoint;
using nlohmann::json;

namespace {

// via_text: also through dump() and parse_json_text. Not for AuditEntry, whose before/after hold any JSON: a number
// too large for a double parses as infinity and dumps as null, which is nlohmann's documented behaviour.
template <class T>
void entity(const json& body, ParseResult<T> (*parse)(const json&), bool via_text = true) {
  auto parsed = parse(body);
  if (parsed) {
    json written = parsed.value();
    auto again = parse(written);
    FUZZ_CHECK(again && again.value() == parsed.value());
    if (via_text) {
      auto reparsed = parse_json_text(written.dump());
      FUZZ_CHECK(reparsed);
      auto from_text = parse(reparsed.value());
      FUZZ_CHECK(from_text && from_text.value() == parsed.value());
    }
  } else {
    FUZZ_CHECK(!parsed.error().empty());
  }

  auto list = parse_list(body, parse);
  if (!body.is_array()) {
    FUZZ_CHECK(!list && list.error().count("body") == 1);
  } else if (list) {
    FUZZ_CHECK(list.value().size() == body.size());
  } else {
    for (const auto& [key, message] : list.error()) FUZZ_CHECK(key.size() > 3 && key.front() == '[');
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parsed = parse_json_text(fuzz::as_text(data, size));
  if (!parsed) return 0;
  const json& body = parsed.value();
  entity(body, parse_organization);
  entity(body, parse_project);
  entity(body, parse_client);
  entity(body, parse_referral);
  entity(body, parse_enrollment);
  entity(body, parse_user);
  entity(body, parse_membership);
  entity(body, parse_audit_entry, false);
  if (auto health = health_from_json(body)) {
    auto again = health_from_json(health_to_json(*health));
    FUZZ_CHECK(again && again->status == health->status && again->version == health->version &&
               again->schema_version == health->schema_version);
  }
  return 0;
}
