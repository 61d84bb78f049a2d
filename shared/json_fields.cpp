// Type checks for JsonFields. Numbers must be integers that fit; dates must be strict ISO; enums must be wire names.
#include "shared/json_fields.hpp"

#include <limits>

namespace waypoint {

namespace {

template <class E, class Parse>
bool read_enum(const nlohmann::json& value, Parse parse, const std::vector<E>& all, std::optional<E>& out,
               std::string& message) {
  if (value.is_string()) {
    out = parse(value.template get_ref<const std::string&>());
    if (out) return true;
  }
  message = "must be one of";
  const char* separator = " ";
  for (E item : all) {
    message += separator;
    message += to_string(item);
    separator = ", ";
  }
  return false;
}

bool read_int64(const nlohmann::json& value, int64_t& out) {
  if (value.is_number_unsigned()) {
    auto number = value.get<uint64_t>();
    if (number > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return false;
    out = static_cast<int64_t>(number);
    return true;
  }
  if (value.is_number_integer()) {
    out = value.get<int64_t>();
    return true;
  }
  return false;
}

constexpr const char* kWholeNumber = "must be a whole number";
constexpr const char* kString = "must be a string";
constexpr const char* kDate = "must be a date like 2025-05-01";

}  // namespace

JsonFields::JsonFields(const nlohmann::json& object, std::string prefix) : object_(object), prefix_(std::move(prefix)) {
  if (!object_.is_object()) {
    std::string key = prefix_.empty() ? "body" : prefix_.substr(0, prefix_.size() - 1);
    errors_[key] = "must be a JSON object";
  }
}

const nlohmann::json* JsonFields::find(const char* key) const {
  if (!object_.is_object()) return nullptr;
  auto it = object_.find(key);
  return it == object_.end() ? nullptr : &*it;
}

void JsonFields::add_error(const std::string& key, std::string message) {
  errors_.emplace(prefix_ + key, std::move(message));
}

void JsonFields::type_error(const char* key, std::string message) { add_error(key, std::move(message)); }

const nlohmann::json* JsonFields::present(const char* key) {
  if (!object_.is_object()) return nullptr;
  const nlohmann::json* value = find(key);
  if (!value) type_error(key, "is required");
  return value;
}

void JsonFields::required(const char* key, std::string& out) {
  if (auto value = present(key)) {
    if (value->is_string()) {
      out = value->get<std::string>();
    } else {
      type_error(key, kString);
    }
  }
}

void JsonFields::required(const char* key, int64_t& out) {
  if (auto value = present(key)) {
    if (!read_int64(*value, out)) type_error(key, kWholeNumber);
  }
}

void JsonFields::required(const char* key, int& out) {
  if (auto value = present(key)) {
    int64_t wide = 0;
    if (!read_int64(*value, wide) || wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max()) {
      type_error(key, kWholeNumber);
    } else {
      out = static_cast<int>(wide);
    }
  }
}

void JsonFields::required(const char* key, bool& out) {
  if (auto value = present(key)) {
    if (value->is_boolean()) {
      out = value->get<bool>();
    } else {
      type_error(key, "must be true or false");
    }
  }
}

void JsonFields::required(const char* key, Date& out) {
  if (auto value = present(key)) {
    std::optional<Date> date;
    if (value->is_string()) date = parse_iso_date(value->get_ref<const std::string&>());
    if (date) {
      out = *date;
    } else {
      type_error(key, kDate);
    }
  }
}

void JsonFields::required(const char* key, Workgroup& out) {
  if (auto value = present(key)) {
    std::optional<Workgroup> parsed;
    std::string message;
    if (read_enum(*value, parse_workgroup, all_workgroups(), parsed, message)) {
      out = *parsed;
    } else {
      type_error(key, message);
    }
  }
}

void JsonFields::required(const char* key, ReferralStatus& out) {
  if (auto value = present(key)) {
    std::optional<ReferralStatus> parsed;
    std::string message;
    if (read_enum(*value, parse_referral_status, all_referral_statuses(), parsed, message)) {
      out = *parsed;
    } else {
      type_error(key, message);
    }
  }
}

void JsonFields::required(const char* key, ProjectType& out) {
  if (auto value = present(key)) {
    std::optional<ProjectType> parsed;
    std::string message;
    if (read_enum(*value, parse_project_type, all_project_types(), parsed, message)) {
      out = *parsed;
    } else {
      type_error(key, message);
    }
  }
}

void JsonFields::optional(const char* key, std::string& out) {
  const nlohmann::json* value = find(key);
  if (!value || value->is_null()) {
    out.clear();
  } else if (value->is_string()) {
    out = value->get<std::string>();
  } else {
    type_error(key, kString);
  }
}

void JsonFields::optional(const char* key, std::optional<std::string>& out) {
  const nlohmann::json* value = find(key);
  if (!value || value->is_null()) {
    out.reset();
  } else if (value->is_string()) {
    out = value->get<std::string>();
  } else {
    type_error(key, kString);
  }
}

void JsonFields::optional(const char* key, std::optional<int64_t>& out) {
  const nlohmann::json* value = find(key);
  int64_t number = 0;
  if (!value || value->is_null()) {
    out.reset();
  } else if (read_int64(*value, number)) {
    out = number;
  } else {
    type_error(key, kWholeNumber);
  }
}

void JsonFields::optional(const char* key, int64_t& out) {
  const nlohmann::json* value = find(key);
  if (value && !value->is_null() && !read_int64(*value, out)) type_error(key, kWholeNumber);
}

void JsonFields::optional(const char* key, std::optional<Date>& out) {
  const nlohmann::json* value = find(key);
  out.reset();
  if (!value || value->is_null()) return;
  if (value->is_string()) out = parse_iso_date(value->get_ref<const std::string&>());
  if (!out) type_error(key, kDate);
}

void JsonFields::optional(const char* key, std::optional<ReferralResult>& out) {
  const nlohmann::json* value = find(key);
  out.reset();
  if (!value || value->is_null()) return;
  std::string message;
  if (!read_enum(*value, parse_referral_result, all_referral_results(), out, message)) type_error(key, message);
}

void JsonFields::optional(const char* key, NameDataQuality& out) {
  const nlohmann::json* value = find(key);
  if (!value || value->is_null()) return;
  std::optional<NameDataQuality> parsed;
  std::string message;
  if (read_enum(*value, parse_name_data_quality, all_name_data_qualities(), parsed, message)) {
    out = *parsed;
  } else {
    type_error(key, message);
  }
}

void JsonFields::optional(const char* key, std::optional<bool>& out) {
  const nlohmann::json* value = find(key);
  out.reset();
  if (!value || value->is_null()) return;
  if (value->is_boolean()) {
    out = value->get<bool>();
  } else {
    type_error(key, "must be true or false");
  }
}

void JsonFields::optional(const char* key, nlohmann::json& out) {
  const nlohmann::json* value = find(key);
  out = value ? *value : nlohmann::json();
}

}  // namespace waypoint
