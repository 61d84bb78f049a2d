// The append-only audit log (triggers refuse UPDATE and DELETE) and idempotency replies.
#include "server/storage/audit_repo.hpp"

#include "server/storage/sqlite.hpp"

namespace waypoint::storage {

namespace {
std::string dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }
}  // namespace

void append_audit(Connection& db, const AuditRecord& r) {
  auto& s = db.prepare(
      "INSERT INTO audit_log (at, user_id, user_name, organization_id, workgroup, entity, entity_id, action, before, "
      "after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, r.at).bind(2, r.user_id).bind(3, r.user_name).bind(4, r.organization_id).bind(5, r.workgroup);
  s.bind(6, r.entity).bind(7, r.entity_id).bind(8, r.action);
  if (r.before.is_null()) s.bind_null(9);
  else s.bind(9, dump(r.before));
  if (r.after.is_null()) s.bind_null(10);
  else s.bind(10, dump(r.after));
  s.run();
}

std::vector<AuditEntry> audit_history(Connection& db, const std::string& entity, std::int64_t entity_id) {
  auto& s = db.prepare(
      "SELECT id, at, user_id, user_name, organization_id, workgroup, entity, entity_id, action, before, after "
      "FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id");
  s.bind(1, entity).bind(2, entity_id);
  std::vector<AuditEntry> out;
  while (s.step()) {
    AuditEntry e;
    e.id = s.int64(0);
    e.at = s.text(1);
    e.user_id = s.is_null(2) ? 0 : s.int64(2);
    e.user_name = s.text(3);
    e.organization_id = s.is_null(4) ? 0 : s.int64(4);
    e.workgroup = parse_workgroup(s.text_view(5)).value_or(Workgroup::hmis_user);
    e.entity = s.text(6);
    e.entity_id = s.int64(7);
    e.action = s.text(8);
    e.before = s.is_null(9) ? nlohmann::json() : nlohmann::json::parse(s.text_view(9), nullptr, false);
    e.after = s.is_null(10) ? nlohmann::json() : nlohmann::json::parse(s.text_view(10), nullptr, false);
    out.push_back(std::move(e));
  }
  return out;
}

std::optional<IdempotentReply> find_idempotent_reply(Connection& db, std::int64_t user_id, const std::string& key) {
  auto& s = db.prepare("SELECT request_hash, status, response FROM idempotency_keys WHERE user_id = ? AND key = ?");
  s.bind(1, user_id).bind(2, key);
  if (!s.step()) return std::nullopt;
  IdempotentReply reply{s.text(0), s.integer(1), s.text(2)};
  s.reset();
  return reply;
}

void store_idempotent_reply(Connection& db, std::int64_t user_id, const std::string& key, const IdempotentReply& reply,
                            std::int64_t now) {
  auto& s = db.prepare(
      "INSERT OR REPLACE INTO idempotency_keys (user_id, key, request_hash, status, response, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  s.bind(1, user_id).bind(2, key).bind(3, reply.request_hash).bind(4, reply.status).bind(5, reply.body);
  s.bind(6, now).run();
}

void purge_idempotent_replies(Connection& db, std::int64_t before) {
  db.prepare("DELETE FROM idempotency_keys WHERE created_at < ?").bind(1, before).run();
}

}  // namespace waypoint::storage
