// JsonFields: reads the fields of one JSON object without throwing, collecting a message per bad field. It is the
// machinery under json_mapping's parsers; the messages describe the shape of the JSON ("must be a string"), which
// the server answers with 400, unlike validation.hpp's rule messages (422).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "shared/dates.hpp"
#include "shared/enums.hpp"
#include "shared/result.hpp"

namespace waypoint {

class JsonFields {
 public:
  // `prefix` names the object inside a larger document, e.g. "memberships[0]." for nested error keys; an object
  // that is not a JSON object is reported under prefix + "body" (or the prefix itself, without its dot).
  explicit JsonFields(const nlohmann::json& object, std::string prefix = "");

  // Required: the key must be present and of the right type; null is a wrong type.
  void required(const char* key, std::string& out);
  void required(const char* key, int64_t& out);
  void required(const char* key, int& out);
  void required(const char* key, bool& out);
  void required(const char* key, Date& out);  // ISO "YYYY-MM-DD"
  void required(const char* key, Workgroup& out);
  void required(const char* key, ReferralStatus& out);
  void required(const char* key, ProjectType& out);

  // Optional: a missing key or null gives the empty value ("" or nullopt); a present value must have the right type.
  void optional(const char* key, std::string& out);
  void optional(const char* key, std::optional<std::string>& out);
  void optional(const char* key, std::optional<int64_t>& out);
  void optional(const char* key, int64_t& out);  // missing or null leaves `out` as it is
  void optional(const char* key, std::optional<Date>& out);
  void optional(const char* key, std::optional<ReferralResult>& out);
  void optional(const char* key, NameDataQuality& out);  // missing or null leaves `out` as it is
  void optional(const char* key, std::optional<bool>& out);
  void optional(const char* key, nlohmann::json& out);  // any value; missing gives null

  // The value at `key`, or nullptr when missing (no error recorded).
  const nlohmann::json* find(const char* key) const;
  void add_error(const std::string& key, std::string message);

  bool ok() const { return errors_.empty(); }
  FieldErrors& errors() { return errors_; }

 private:
  const nlohmann::json* present(const char* key);  // records "is required" when missing or the object is not one
  void type_error(const char* key, std::string message);

  const nlohmann::json& object_;
  std::string prefix_;
  FieldErrors errors_;
};

}  // namespace waypoint
