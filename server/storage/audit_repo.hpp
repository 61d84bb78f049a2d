// The audit log (append-only) and the stored replies of Idempotency-Key requests.
// Functions over a connection of a unit of work (unit_of_work.hpp); they decide no domain rule and
// open no transaction: services do.
#pragma once

#include "shared/entities.hpp"
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace waypoint::storage {

class Connection;

struct AuditRecord {
  std::string at;
  std::optional<std::int64_t> user_id;
  std::string user_name;
  std::optional<std::int64_t> organization_id;
  std::string workgroup;
  std::string entity;
  std::int64_t entity_id = 0;
  std::string action;
  nlohmann::json before;
  nlohmann::json after;
};
void append_audit(Connection& db, const AuditRecord& record);
std::vector<AuditEntry> audit_history(Connection& db, const std::string& entity, std::int64_t entity_id);

struct IdempotentReply {
  std::string request_hash;
  int status = 0;
  std::string body;
};
std::optional<IdempotentReply> find_idempotent_reply(Connection& db, std::int64_t user_id, const std::string& key);
void store_idempotent_reply(Connection& db, std::int64_t user_id, const std::string& key, const IdempotentReply& reply,
                            std::int64_t now);
void purge_idempotent_replies(Connection& db, std::int64_t before);

}  // namespace waypoint::storage
