// The API's schemas (shared/api_schema.hpp) say what the parsers, validators and to_json really do: a body built from
// a request schema parses and passes the rules; each key the schema requires, the parser requires; each type, length,
// minimum, choice and pattern the schema states, the parser or a validator enforces at that key; to_json of each
// request and entity has exactly the schema's keys, with the types, formats and choices it states.
#include "shared/api_schema.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <regex>
#include <set>

#include "shared/health.hpp"
#include "shared/json_mapping.hpp"
#include "shared/validation.hpp"

using namespace waypoint;
using nlohmann::json;

namespace {

const Date kToday = make_date(2030, 1, 1);
const Date kLongAgo = make_date(2000, 1, 1);  // every sample date (2025-05-01) is after it and before kToday
constexpr const char* kRef = "#/components/schemas/";

const json& schema_named(const json& schemas, const std::string& name) {
  REQUIRE_MESSAGE(schemas.contains(name), "no schema ", name);
  return schemas[name];
}

const json& resolve(const json& schema, const json& schemas) {
  if (!schema.contains("$ref")) return schema;
  return schema_named(schemas, schema["$ref"].get<std::string>().substr(std::string(kRef).size()));
}

bool matches(const std::string& pattern, const std::string& text) {
  return std::regex_search(text, std::regex(pattern, std::regex::ECMAScript));
}

// [SECTION] A body from a schema
// A valid value of every property, optional ones included. Integers count up from each minimum, so no two ids are
// equal (a referral to its own project is refused).
json sample(const json& raw, const json& schemas, std::int64_t& counter) {
  const json& schema = resolve(raw, schemas);
  if (schema.contains("anyOf")) return "2025-05-01";  // typed dates
  if (schema.contains("enum")) {
    for (const auto& value : schema["enum"])
      if (!value.is_null() && value != "") return value;
  }
  const std::string type = schema["type"];
  if (type == "string") {
    if (schema.contains("pattern") && matches(schema["pattern"], "1234")) return "1234";
    return std::string(schema.value("minLength", std::size_t{1}), 'a');
  }
  if (type == "integer") return schema.value("minimum", std::int64_t{0}) + counter++;
  if (type == "boolean") return true;
  if (type == "array") return json::array({sample(schema["items"], schemas, counter)});
  json out = json::object();
  for (const auto& [key, property] : schema["properties"].items()) out[key] = sample(property, schemas, counter);
  return out;
}

// [SECTION] What a request's parser and validator say
struct RequestRules {
  std::function<std::optional<FieldErrors>(const json&)> parse_errors;  // nullopt when it parses
  std::function<FieldErrors(const json&)> rule_errors;                  // of a body that parses
  std::function<json(const json&)> written;                             // to_json of the parsed request
};

template <class T, class Validate>
RequestRules rules(ParseResult<T> (*parse)(const json&), Validate validate) {
  return {[parse](const json& j) -> std::optional<FieldErrors> {
            auto parsed = parse(j);
            if (parsed) return std::nullopt;
            return parsed.error();
          },
          [parse, validate](const json& j) {
            auto parsed = parse(j);
            REQUIRE(parsed);
            return FieldErrors(validate(parsed.value()));
          },
          [parse](const json& j) {
            auto parsed = parse(j);
            REQUIRE(parsed);
            return json(parsed.value());
          }};
}

Referral acknowledged_referral() {
  Referral referral;
  referral.referral_date = kLongAgo;
  referral.date_acknowledged = kLongAgo;
  return referral;
}

// Every request schema with its parser and validator. UserPatch is held to its parser in
// json_mapping_test.cpp and validation_test.cpp instead: a key left out is "unchanged" and null is
// refused, which the optional-means-nullable rule below does not describe.
std::map<std::string, RequestRules> request_rules() {
  std::map<std::string, RequestRules> out;
  out["AcknowledgeRequest"] = rules(parse_acknowledge_request, [](const AcknowledgeRequest& r) {
    return validate_acknowledge(r, acknowledged_referral(), kToday);
  });
  out["OutcomeRequest"] = rules(parse_outcome_request, [](const OutcomeRequest& r) {
    return validate_outcome(r, acknowledged_referral(), kToday);
  });
  out["ReturnRequest"] = rules(parse_return_request, validate_return);
  out["CancelRequest"] = rules(parse_cancel_request, validate_cancel);
  out["ReopenRequest"] = rules(parse_reopen_request, validate_reopen);
  out["ReassignRequest"] = rules(parse_reassign_request, [](const ReassignRequest& r) {
    Referral returned;
    returned.to_project_id = r.project_id + 100;
    returned.from_project_id = r.project_id + 200;
    return validate_reassign(r, returned);
  });
  out["NewReferralRequest"] =
      rules(parse_new_referral_request, [](const NewReferralRequest& r) { return validate_new_referral(r, kToday); });
  out["NewClientRequest"] =
      rules(parse_new_client_request, [](const NewClientRequest& r) { return validate_client(r, kToday); });
  out["ClientPatch"] = rules(parse_client_patch, [](const ClientPatch& r) { return validate_client(r, kToday); });
  out["NewEnrollmentRequest"] = rules(parse_new_enrollment_request, [](const NewEnrollmentRequest& r) {
    // The referral the server would find: the one named, for this client and project (no stored id is below 1).
    std::optional<Referral> linked;
    if (r.referral_id && *r.referral_id >= 1) {
      linked.emplace();
      linked->id = *r.referral_id;
      linked->client_id = r.client_id;
      linked->to_project_id = r.project_id;
      linked->referral_date = kLongAgo;
    }
    return validate_enrollment(r, linked, kToday);
  });
  out["SignInRequest"] = rules(parse_sign_in_request, validate_sign_in);
  out["ContextRequest"] = rules(parse_context_request, [](const ContextRequest& r) {
    // A member of whatever organization and workgroup was asked for, when that is a real workgroup.
    std::vector<Membership> memberships;
    if (auto workgroup = parse_workgroup(r.workgroup)) memberships.push_back({r.organization_id, "", *workgroup});
    return validate_context(r, memberships);
  });
  out["NewUserRequest"] = rules(parse_new_user_request, validate_new_user);
  out["PasswordChangeRequest"] = rules(parse_password_change_request, validate_password_change);
  out["PasswordResetRequest"] = rules(parse_password_reset_request, validate_password_reset);
  return out;
}

// OutcomeRequest: a result and a result date come together, so one is left out or blanked with the other.
std::string partner(const std::string& key) {
  if (key == "result") return "result_date";
  if (key == "result_date") return "result";
  return {};
}

// An error at `key` or inside it ("memberships[0].workgroup" is inside "memberships").
bool names(const FieldErrors& errors, const std::string& key) {
  for (const auto& [name, message] : errors)
    if (name == key || name.rfind(key + "[", 0) == 0 || name.rfind(key + ".", 0) == 0) return true;
  return false;
}

// Parse errors, or else rule errors: whichever the server would answer (400 or 422).
FieldErrors answer(const RequestRules& rules, const json& body) {
  if (auto errors = rules.parse_errors(body)) return *errors;
  return rules.rule_errors(body);
}

std::string describe(const FieldErrors& errors) {
  std::string out;
  for (const auto& [key, message] : errors) out += key + ": " + message + "; ";
  return out;
}

json wrong_type(const json& schema) {
  const std::string type = schema["type"];
  if (type == "string") return 42;
  return "a string";
}

// [SECTION] A value against a response schema
// Checks the keywords api_schema.cpp uses; the contract check (tests/contract/) runs a full validator over the
// server's real responses.
void check_shape(const json& raw, const json& value, const json& schemas, const std::string& at,
                 std::vector<std::string>& problems) {
  const json& schema = resolve(raw, schemas);
  if (value.is_null()) {
    if (!schema.value("nullable", false)) problems.push_back(at + " is null");
    return;
  }
  const std::string type = schema["type"];
  bool typed = (type == "string" && value.is_string()) || (type == "integer" && value.is_number_integer()) ||
               (type == "boolean" && value.is_boolean()) || (type == "array" && value.is_array()) ||
               (type == "object" && value.is_object());
  if (!typed) {
    problems.push_back(at + " is not " + type + ": " + value.dump());
    return;
  }
  if (schema.contains("enum") && std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end())
    problems.push_back(at + " is not one of " + schema["enum"].dump() + ": " + value.dump());
  std::string format = schema.value("format", "");
  if (format == "date" && !parse_iso_date(value.get<std::string>())) problems.push_back(at + " is not a date");
  if (format == "date-time" && !matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$", value))
    problems.push_back(at + " is not a UTC timestamp: " + value.dump());
  if (type == "array")
    for (std::size_t i = 0; i < value.size(); ++i)
      check_shape(schema["items"], value[i], schemas, at + "[" + std::to_string(i) + "]", problems);
  if (type == "object" && schema.contains("properties")) {
    for (const auto& key : schema.value("required", json::array()))
      if (!value.contains(key)) problems.push_back(at + "." + key.get<std::string>() + " is missing");
    for (const auto& [key, item] : value.items()) {
      if (schema["properties"].contains(key))
        check_shape(schema["properties"][key], item, schemas, at + "." + key, problems);
      else if (schema.value("additionalProperties", true) == false)
        problems.push_back(at + "." + key + " is not in the schema");
    }
  }
}

void check_response(const std::string& name, const json& value) {
  const json schemas = response_body_schemas();
  const json& schema = schema_named(schemas, name);
  std::vector<std::string> problems;
  check_shape(schema, value, schemas, name, problems);
  // Every key the server writes is always there: all of them required.
  std::set<std::string> keys, required;
  for (const auto& [key, property] : schema["properties"].items()) keys.insert(key);
  for (const auto& key : schema["required"]) required.insert(key.get<std::string>());
  CHECK(keys == required);
  INFO(value.dump());
  for (const auto& problem : problems) FAIL_CHECK(problem);
}

}  // namespace

TEST_CASE("every request schema has a parser, and every schema is an object with typed properties") {
  const json schemas = request_body_schemas();
  auto parsers = request_rules();
  for (const auto& entry : schemas.items()) {
    const std::string name = entry.key();
    const json& schema = entry.value();
    INFO(name);
    CHECK((parsers.count(name) == 1 || name == "UserPatch"));
    CHECK(schema["type"] == "object");
    for (const auto& item : schema["properties"].items()) {
      const std::string key = item.key();
      const json& property = item.value();
      INFO(key);
      CHECK(resolve(property, schemas).contains("type"));
      // Only an optional key may be null: JsonFields::required refuses null.
      if (property.value("nullable", false)) {
        auto required = schema.value("required", json::array());
        CHECK(std::find(required.begin(), required.end(), key) == required.end());
      }
    }
  }
}

TEST_CASE("a body built from each request schema parses and passes the rules, and to_json writes the schema's keys") {
  const json schemas = request_body_schemas();
  const auto all_rules = request_rules();
  for (const auto& entry : all_rules) {
    const std::string& name = entry.first;
    const RequestRules& check = entry.second;
    INFO(name);
    std::int64_t counter = 0;
    json body = sample(schema_named(schemas, name), schemas, counter);
    INFO(body.dump());
    auto errors = answer(check, body);
    CHECK_MESSAGE(errors.empty(), describe(errors));
    if (!errors.empty()) continue;
    std::set<std::string> written, documented;
    const json written_body = check.written(body);
    for (const auto& [key, value] : written_body.items()) written.insert(key);
    for (const auto& [key, value] : schema_named(schemas, name)["properties"].items()) documented.insert(key);
    CHECK(written == documented);
  }
}

TEST_CASE("each key a request schema requires, the parser requires; the optional ones may be left out or null") {
  const json schemas = request_body_schemas();
  const auto all_rules = request_rules();
  for (const auto& entry : all_rules) {
    const std::string& name = entry.first;
    const RequestRules& check = entry.second;
    const json& schema = schema_named(schemas, name);
    std::int64_t counter = 0;
    const json body = sample(schema, schemas, counter);
    std::set<std::string> required;
    for (const auto& key : schema.value("required", json::array())) required.insert(key.get<std::string>());
    for (const auto& item : schema["properties"].items()) {
      const std::string key = item.key();
      const json& property = item.value();
      INFO(name, ".", key);
      json without = body;
      without.erase(key);
      if (auto other = partner(key); !other.empty()) without.erase(other);
      auto parse_errors = check.parse_errors(without);
      if (required.count(key)) {
        CHECK((parse_errors && parse_errors->count(key) == 1));
        json null = body;
        null[key] = nullptr;
        auto null_errors = check.parse_errors(null);
        CHECK((null_errors && null_errors->count(key) == 1));
      } else {
        CHECK_MESSAGE(!parse_errors, describe(parse_errors.value_or(FieldErrors{})));
        if (!parse_errors) CHECK_MESSAGE(check.rule_errors(without).empty(), describe(check.rule_errors(without)));
        CHECK(property.value("nullable", false));
        json null = body;
        null[key] = nullptr;
        CHECK(!check.parse_errors(null));
      }
    }
  }
}

TEST_CASE("each type, length, minimum, choice and pattern a request schema states is enforced at that key") {
  const json schemas = request_body_schemas();
  const auto all_rules = request_rules();
  for (const auto& entry : all_rules) {
    const std::string& name = entry.first;
    const RequestRules& check = entry.second;
    const json& schema = schema_named(schemas, name);
    std::int64_t counter = 0;
    const json body = sample(schema, schemas, counter);
    for (const auto& item : schema["properties"].items()) {
      const std::string key = item.key();
      const json& property = resolve(item.value(), schemas);
      // A blank result date with a result, or a result without one, breaks the rule that they come together.
      auto with = [&](json value) {
        json changed = body;
        changed[key] = std::move(value);
        if (auto other = partner(key); !other.empty() && (changed[key].is_null() || changed[key] == ""))
          changed[other] = "";
        // Name Data Quality "doesn't know", "prefers not to answer" and "not collected" go with blank names.
        if (key == "name_data_quality" && changed[key].is_string() && changed[key] != "full_name" &&
            changed[key] != "partial_street_or_code_name")
          changed["first_name"] = changed["last_name"] = "";
        return answer(check, changed);
      };
      INFO(name, ".", key);
      auto refused = [&](const json& value) {
        auto errors = with(value);
        CHECK_MESSAGE(names(errors, key), value.dump(), " was accepted");
      };
      auto accepted = [&](const json& value) {
        auto errors = with(value);
        CHECK_MESSAGE(errors.empty(), value.dump(), ": ", describe(errors));
      };

      refused(wrong_type(property));
      if (property.contains("anyOf")) {  // a typed date
        accepted("2025-05-01");
        accepted("05/01/2025");
        refused("2025-02-30");
        refused("someday");
        if (property.value("nullable", false))
          accepted("");
        else
          refused("");
        continue;
      }
      if (property.contains("enum")) {
        for (const auto& value : property["enum"])
          if (!value.is_null() && value != "") accepted(value);
        if (property["type"] == "string") refused("not-one-of-them");
        continue;
      }
      if (property.contains("pattern")) {
        CHECK_FALSE(matches(property["pattern"], "!!!!"));
        refused("!!!!");
      }
      if (property.contains("maxLength")) {
        std::size_t max = property["maxLength"];
        accepted(std::string(max, 'a'));
        refused(std::string(max + 1, 'a'));
      }
      if (property.value("minLength", 0) > 0) {
        std::size_t min = property["minLength"];
        accepted(std::string(min, 'a'));
        refused(std::string(min - 1, 'a'));
      }
      if (property.contains("minimum")) {
        std::int64_t min = property["minimum"];
        refused(min - 1);
      }
      if (property.value("minItems", 0) > 0) refused(json::array());
      if (property.value("uniqueItems", false)) refused(json::array({body[key][0], body[key][0]}));
    }
  }
}

TEST_CASE("to_json of every entity, with its optional fields set and left empty, matches its response schema") {
  Organization organization{.id = 3, .name = "Northstar Housing", .version = 2};
  check_response("Organization", organization);

  Project project{.id = 4,
                  .organization_id = 3,
                  .name = "Northstar - RRH",
                  .project_type = ProjectType::rapid_rehousing,
                  .version = 1};
  check_response("Project", project);

  // Named members: a field added to an entity must not shift these into the wrong ones.
  Client client{.id = 7,
                .first_name = "Maria José",
                .last_name = "Nguyễn",
                .date_of_birth = make_date(1988, 4, 12),
                .ssn_last4 = "1234",
                .created_at = "2025-05-01T14:03:00Z",
                .version = 2};
  check_response("Client", client);
  client.date_of_birth.reset();
  client.ssn_last4.reset();
  check_response("Client", client);

  Referral referral = acknowledged_referral();
  referral.id = 42;
  referral.client_id = 7;
  referral.from_project_id = 1;
  referral.to_project_id = 4;
  referral.status = ReferralStatus::resolved;
  referral.appointment_date = make_date(2025, 5, 5);
  referral.result_date = make_date(2025, 5, 6);
  referral.result = ReferralResult::no_show;
  referral.version = 3;
  check_response("Referral", referral);
  referral.date_acknowledged.reset();
  referral.appointment_date.reset();
  referral.result_date.reset();
  referral.result.reset();
  referral.status = ReferralStatus::pending;
  check_response("Referral", referral);

  Enrollment enrollment{.id = 5,
                        .client_id = 7,
                        .project_id = 4,
                        .entry_date = make_date(2025, 5, 7),
                        .exit_date = make_date(2025, 6, 1),
                        .referral_id = 42,
                        .household_id = "h-5",
                        .relationship_to_hoh = 1,
                        .version = 1};
  check_response("Enrollment", enrollment);
  enrollment.exit_date.reset();
  enrollment.referral_id.reset();
  check_response("Enrollment", enrollment);

  User user{.id = 9,
            .username = "casey",
            .display_name = "Casey CAS-Admin",
            .active = true,
            .version = 4,
            .must_change_password = true,
            .locked = true,
            .last_sign_in_at = "2025-05-01T14:03:00Z"};
  check_response("User", user);
  user.last_sign_in_at.reset();
  check_response("User", user);

  check_response(
      "Membership",
      Membership{.organization_id = 5, .organization_name = "Cedar County CE", .workgroup = Workgroup::cas_admin});

  AuditEntry created{.id = 1,
                     .at = "2025-05-01T14:03:00Z",
                     .user_id = 9,
                     .user_name = "Casey",
                     .organization_id = 5,
                     .workgroup = Workgroup::cas_admin,
                     .entity = "referral",
                     .entity_id = 42,
                     .action = "create",
                     .before = nullptr,
                     .after = json(referral)};
  check_response("AuditEntry", created);
  AuditEntry acknowledged = created;
  acknowledged.action = "acknowledge";
  acknowledged.before = json(referral);
  check_response("AuditEntry", acknowledged);

  check_response("Health", health_to_json(Health{"ok", "0.1.0", 7}));
  check_response("Health", health_to_json(Health{"database_unavailable", "0.1.0", 0}));
}

TEST_CASE("a response schema refuses a missing key, an unknown key, a wrong type and a null where none may be") {
  Organization organization{.id = 3, .name = "Northstar Housing", .version = 2};
  const json schemas = response_body_schemas();
  const json& schema = schemas["Organization"];
  auto problems_of = [&](const json& value) {
    std::vector<std::string> problems;
    check_shape(schema, value, schemas, "Organization", problems);
    return problems.size();
  };
  json good = organization;
  CHECK(problems_of(good) == 0);
  json missing = good;
  missing.erase("name");
  CHECK(problems_of(missing) == 1);
  json extra = good;
  extra["colour"] = "blue";
  CHECK(problems_of(extra) == 1);
  json typed = good;
  typed["id"] = "3";
  CHECK(problems_of(typed) == 1);
  json null = good;
  null["name"] = nullptr;
  CHECK(problems_of(null) == 1);
}
