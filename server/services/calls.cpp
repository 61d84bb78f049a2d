// An API call's unit of work: the connection it holds (CallScope), and for a write the one
// transaction that holds the use case's changes, its idempotency record and the list version's
// bump, committed (in the group-commit batch) before the reply leaves.
#include "server/services/repositories.hpp"

#include <sodium.h>

#include <optional>

namespace waypoint {

struct CallScope::Held {
  std::optional<storage::Lease> reader;
  std::optional<storage::WriteLease> writer;
};

CallScope::CallScope(Services& services, Access access) : held_(std::make_unique<Held>()) {
  if (access == Access::write) held_->writer.emplace(services.db);
  else held_->reader.emplace(services.db);
}

CallScope::~CallScope() = default;

bool CallScope::writes() const { return held_->writer.has_value(); }

namespace {

// A replay must be the same request: its method, path and body, hashed (the body is not kept twice).
std::string request_hash(const WriteCall& call) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 32);
  auto add = [&](std::string_view part) {
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()), part.size());
  };
  add(call.method);
  add(" ");
  add(call.path);
  add("\n");
  add(call.body);
  unsigned char digest[32];
  crypto_generichash_final(&state, digest, sizeof digest);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace

Outcome<std::optional<StoredReply>> Services::run_write(CallScope& scope, const WriteCall& call,
                                                        const std::function<ReplyView()>& handle) {
  auto& conn = db.connection();
  const std::string key(call.idempotency_key);
  {
    storage::UnitOfWork work(conn);
    std::string hash;
    if (!key.empty()) {
      if (key.size() > kMaxIdempotencyKey)
        return error(ErrorKind::bad_request, "The Idempotency-Key header is too long.",
                     {{"Idempotency-Key", "must be at most " + std::to_string(kMaxIdempotencyKey) + " characters"}});
      hash = request_hash(call);
      if (auto previous = storage::find_idempotent_reply(conn, call.user_id, key)) {
        if (previous->request_hash != hash)
          return error(ErrorKind::idempotency_key_reused,
                       "This Idempotency-Key was already used for a different request.",
                       {{"Idempotency-Key", "was used for a different request"}});
        return std::optional<StoredReply>(StoredReply{previous->status, previous->body});
      }
    }
    ReplyView reply = handle();
    if (!key.empty() && reply.status < 500)
      storage::store_idempotent_reply(conn, call.user_id, key, {hash, reply.status, std::string(reply.body)},
                                      unix_now());
    if (reply.status < 300) storage::bump_list_version(conn);
    work.commit();
  }
  if (!scope.held_->writer->finish()) return error(ErrorKind::not_saved, "The change could not be saved. Try again.");
  return std::optional<StoredReply>();
}

std::int64_t Services::list_version() { return storage::list_version(db.connection()); }

}  // namespace waypoint
