// json_requests_fuzz: what the server does with a request body, minus HTTP: parse_json_text on arbitrary text, then
// every request parser of shared/json_mapping.hpp (parse_*_request, parse_client_patch) on the document, and for
// each request that parses, its validator from shared/validation.hpp. All of them run on every input, so the
// fuzzer can reach any of them from any seed.
// Beyond memory safety it checks the wire format: a parsed request written back with to_json, dumped and parsed
// again is the same request (the client builds bodies with to_json; the server reads them with parse_*).
// The validators that need a stored referral get a fixed one, or the document's "referral" member when it parses
// as one (parse_referral), so the date-order rules meet arbitrary referral dates too.
#include "shared/json_mapping.hpp"
#include "shared/validation.hpp"
#include "tests/fuzz/fuzz_check.hpp"

#include <cstddef>
#include <cstdint>

using namespace waypoint;
using nlohmann::json;

namespace {

const Date kToday = make_date(2025, 6, 15);

Referral default_referral() {
  Referral r;
  r.id = 7;
  r.client_id = 3;
  r.from_project_id = 1;
  r.to_project_id = 2;
  r.from_organization_id = 10;
  r.to_organization_id = 20;
  r.referral_date = make_date(2025, 5, 1);
  r.status = ReferralStatus::acknowledged;
  r.date_acknowledged = make_date(2025, 5, 3);
  return r;
}

// Validators are total: they never throw and every message names a field with text in it.
void check_errors(const FieldErrors& errors) {
  for (const auto& [field, message] : errors) {
    FUZZ_CHECK(!field.empty());
    FUZZ_CHECK(!message.empty());
  }
}

template <class T>
void check_round_trip(const T& value, ParseResult<T> (*parse)(const json&)) {
  json written = value;
  auto again = parse(written);
  FUZZ_CHECK(again && again.value() == value);
  // Through text too, as on the wire. Strings came from the JSON parser, so they are valid UTF-8 and dump()
  // cannot throw.
  auto reparsed = parse_json_text(written.dump());
  FUZZ_CHECK(reparsed);
  auto from_text = parse(reparsed.value());
  FUZZ_CHECK(from_text && from_text.value() == value);
}

// Parses with `parse`; on success checks the round trip and runs `validate` on the request.
template <class T, class Validate>
void request(const json& body, ParseResult<T> (*parse)(const json&), Validate validate) {
  auto parsed = parse(body);
  if (!parsed) {
    FUZZ_CHECK(!parsed.error().empty());  // a refusal always says which field
    return;
  }
  check_round_trip(parsed.value(), parse);
  check_errors(validate(parsed.value()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parsed = parse_json_text(fuzz::as_text(data, size));
  if (!parsed) {
    FUZZ_CHECK(parsed.error().count("body") == 1);
    return 0;
  }
  const json& body = parsed.value();

  Referral referral = default_referral();
  if (body.is_object()) {
    if (auto it = body.find("referral"); it != body.end()) {
      if (auto stored = parse_referral(*it)) referral = stored.value();
    }
  }
  std::optional<Referral> linked;
  if (body.is_object() && body.contains("referral_id")) linked = referral;
  const std::vector<Membership> memberships = {{10, "Riverside", Workgroup::hmis_user},
                                               {20, "Northstar", Workgroup::agency_admin}};

  request(body, parse_acknowledge_request, [&](const auto& r) { return validate_acknowledge(r, referral, kToday); });
  request(body, parse_outcome_request, [&](const auto& r) { return validate_outcome(r, referral, kToday); });
  request(body, parse_return_request, [](const auto& r) { return validate_return(r); });
  request(body, parse_reassign_request, [&](const auto& r) { return validate_reassign(r, referral); });
  request(body, parse_cancel_request, [](const auto& r) { return validate_cancel(r); });
  request(body, parse_reopen_request, [](const auto& r) { return validate_reopen(r); });
  request(body, parse_new_referral_request, [](const auto& r) { return validate_new_referral(r, kToday); });
  request(body, parse_new_client_request, [](const auto& r) { return validate_client(r, kToday); });
  request(body, parse_client_patch, [](const auto& r) { return validate_client(r, kToday); });
  request(body, parse_new_enrollment_request,
          [&](const auto& r) { return validate_enrollment(r, linked, kToday); });
  Client born;  // dates checked against a date of birth too
  born.date_of_birth = make_date(2025, 5, 2);
  request(body, parse_new_enrollment_request,
          [&](const auto& r) { return validate_enrollment(r, linked, born, kToday); });
  request(body, parse_new_referral_request, [&](const auto& r) { return validate_new_referral(r, born, kToday); });
  request(body, parse_sign_in_request, [](const auto& r) { return validate_sign_in(r); });
  request(body, parse_context_request, [&](const auto& r) { return validate_context(r, memberships); });
  request(body, parse_new_user_request, [](const auto& r) { return validate_new_user(r); });
  request(body, parse_user_patch, [](const auto& r) { return validate_user_patch(r); });
  request(body, parse_password_change_request, [](const auto& r) { return validate_password_change(r); });
  request(body, parse_password_reset_request, [](const auto& r) { return validate_password_reset(r); });
  return 0;
}
