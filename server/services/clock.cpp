#include "server/services/repositories.hpp"

#include <chrono>
#include <ctime>

namespace waypoint {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string utc_timestamp() { return utc_timestamp(static_cast<std::int64_t>(std::time(nullptr))); }

std::string utc_timestamp(std::int64_t unix_seconds) {
  std::time_t now = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

Date today() {
  auto now = std::chrono::system_clock::now() + std::chrono::hours(14);
  return Date{std::chrono::floor<std::chrono::days>(now)};
}

void audit(storage::Connection& db, const Session* session, const std::string& entity, std::int64_t entity_id,
           const std::string& action, const nlohmann::json& before, const nlohmann::json& after) {
  storage::AuditRecord record;
  record.at = utc_timestamp();
  if (session) {
    record.user_id = session->user.id;
    record.user_name = session->user.display_name;
    record.organization_id = session->context.organization_id;
    record.workgroup = to_string(session->context.workgroup);
  } else {
    record.user_name = "command line";
  }
  record.entity = entity;
  record.entity_id = entity_id;
  record.action = action;
  record.before = before;
  record.after = after;
  storage::append_audit(db, record);
}

}  // namespace waypoint
