// Versioned schema migrations. The database's PRAGMA user_version is the schema version;
// each step runs once, in its own transaction, in order. Never edit a released step: add one.
#include "server/storage/database.hpp"
#include "server/storage/sqlite.hpp"

#include <array>

namespace waypoint::storage {

namespace {

constexpr std::array kMigrations = {
    // 1: the referral domain: organizations, projects, clients, referrals, enrollments,
    //    accounts and sessions, the append-only audit log and idempotency keys.
    R"sql(
CREATE TABLE organizations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE projects (
  id INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations(id),
  name TEXT NOT NULL,
  project_type TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX projects_by_organization ON projects(organization_id, name);
CREATE TABLE clients (
  id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  first_key TEXT NOT NULL,          -- folded (lower case, no accents) for search
  last_key TEXT NOT NULL,
  date_of_birth TEXT,
  ssn_last4 TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX clients_by_name ON clients(last_key, first_key, id);
-- Every word of a client's folded names (and the parts of hyphenated or apostrophe names),
-- so "jose", "nguyen", "marie" and "obrien" each find their client through an index.
CREATE TABLE client_search_tokens (
  token TEXT NOT NULL,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  PRIMARY KEY (token, client_id)
) WITHOUT ROWID;
CREATE INDEX client_search_tokens_by_client ON client_search_tokens(client_id);
CREATE INDEX clients_by_birth ON clients(date_of_birth);
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE memberships (
  user_id INTEGER NOT NULL REFERENCES users(id),
  organization_id INTEGER NOT NULL REFERENCES organizations(id),
  workgroup TEXT NOT NULL,
  PRIMARY KEY (user_id, organization_id, workgroup)
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  organization_id INTEGER NOT NULL,
  workgroup TEXT NOT NULL,
  created_at INTEGER NOT NULL,      -- unix seconds
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE TABLE sign_in_failures (
  username TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_by_user ON sign_in_failures(username, at);
CREATE TABLE referrals (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  from_project_id INTEGER NOT NULL REFERENCES projects(id),
  to_project_id INTEGER NOT NULL REFERENCES projects(id),
  from_organization_id INTEGER NOT NULL REFERENCES organizations(id),
  to_organization_id INTEGER NOT NULL REFERENCES organizations(id),
  referral_date TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  date_acknowledged TEXT,
  appointment_date TEXT,
  result_date TEXT,
  result TEXT,
  comments TEXT NOT NULL DEFAULT '',
  return_reason TEXT NOT NULL DEFAULT '',
  cancel_reason TEXT NOT NULL DEFAULT '',
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX referrals_incoming ON referrals(to_organization_id, status, referral_date, id);
CREATE INDEX referrals_outgoing ON referrals(from_organization_id, status, referral_date, id);
CREATE INDEX referrals_incoming_by_date ON referrals(to_organization_id, referral_date, id);
CREATE INDEX referrals_outgoing_by_date ON referrals(from_organization_id, referral_date, id);
CREATE INDEX referrals_by_client ON referrals(client_id, referral_date);
CREATE TABLE enrollments (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  project_id INTEGER NOT NULL REFERENCES projects(id),
  entry_date TEXT NOT NULL,
  exit_date TEXT,
  referral_id INTEGER REFERENCES referrals(id),
  household_id TEXT NOT NULL,
  relationship_to_hoh INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX enrollments_by_client ON enrollments(client_id, entry_date);
CREATE UNIQUE INDEX enrollments_one_per_referral ON enrollments(referral_id) WHERE referral_id IS NOT NULL;
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,                 -- UTC, ISO 8601
  user_id INTEGER,
  user_name TEXT NOT NULL DEFAULT '',
  organization_id INTEGER,
  workgroup TEXT NOT NULL DEFAULT '',
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  action TEXT NOT NULL,
  before TEXT,
  after TEXT
);
CREATE INDEX audit_by_entity ON audit_log(entity, entity_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TABLE idempotency_keys (
  user_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_by_age ON idempotency_keys(created_at);
)sql",
    // 2: maintained counts of referrals per organization, box and status, kept by triggers, so a
    //    list's `total` is one row read instead of a count over tens of thousands of index entries.
    R"sql(
CREATE TABLE referral_counts (
  organization_id INTEGER NOT NULL,
  box TEXT NOT NULL,                -- 'incoming' (to the organization) or 'outgoing' (from it)
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (organization_id, box, status)
) WITHOUT ROWID;
INSERT INTO referral_counts SELECT to_organization_id, 'incoming', status, count(*) FROM referrals GROUP BY 1, 3;
INSERT INTO referral_counts SELECT from_organization_id, 'outgoing', status, count(*) FROM referrals GROUP BY 1, 3;
CREATE TRIGGER referral_counts_after_insert AFTER INSERT ON referrals BEGIN
  INSERT INTO referral_counts VALUES (NEW.to_organization_id, 'incoming', NEW.status, 1)
    ON CONFLICT (organization_id, box, status) DO UPDATE SET n = n + 1;
  INSERT INTO referral_counts VALUES (NEW.from_organization_id, 'outgoing', NEW.status, 1)
    ON CONFLICT (organization_id, box, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER referral_counts_after_update AFTER UPDATE OF status, to_organization_id, from_organization_id
ON referrals BEGIN
  UPDATE referral_counts SET n = n - 1
    WHERE organization_id = OLD.to_organization_id AND box = 'incoming' AND status = OLD.status;
  UPDATE referral_counts SET n = n - 1
    WHERE organization_id = OLD.from_organization_id AND box = 'outgoing' AND status = OLD.status;
  INSERT INTO referral_counts VALUES (NEW.to_organization_id, 'incoming', NEW.status, 1)
    ON CONFLICT (organization_id, box, status) DO UPDATE SET n = n + 1;
  INSERT INTO referral_counts VALUES (NEW.from_organization_id, 'outgoing', NEW.status, 1)
    ON CONFLICT (organization_id, box, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER referral_counts_after_delete AFTER DELETE ON referrals BEGIN
  UPDATE referral_counts SET n = n - 1
    WHERE organization_id = OLD.to_organization_id AND box = 'incoming' AND status = OLD.status;
  UPDATE referral_counts SET n = n - 1
    WHERE organization_id = OLD.from_organization_id AND box = 'outgoing' AND status = OLD.status;
END;
)sql",
    // 3: search tokens carry the client's sort keys, so the clients under one token come out of the
    //    index already in list order: a page of a common prefix ("ngu" at 100k clients: 10k matches)
    //    reads its page instead of sorting every match.
    R"sql(
CREATE TABLE client_search_tokens_v3 (
  token TEXT NOT NULL,
  last_key TEXT NOT NULL,
  first_key TEXT NOT NULL,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  PRIMARY KEY (token, last_key, first_key, client_id)
) WITHOUT ROWID;
INSERT INTO client_search_tokens_v3
  SELECT t.token, c.last_key, c.first_key, t.client_id FROM client_search_tokens t JOIN clients c ON c.id = t.client_id;
DROP TABLE client_search_tokens;
ALTER TABLE client_search_tokens_v3 RENAME TO client_search_tokens;
CREATE INDEX client_search_tokens_by_client ON client_search_tokens(client_id, token);
)sql",
    // 4: how many clients carry each search token, kept by triggers, so a one-word search's total
    //    ("nguyen": 10k clients at 100k) is read, not counted row by row on every page.
    R"sql(
CREATE TABLE client_token_counts (
  token TEXT PRIMARY KEY,
  clients INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO client_token_counts SELECT token, count(*) FROM client_search_tokens GROUP BY token;
CREATE TRIGGER client_token_counts_insert AFTER INSERT ON client_search_tokens BEGIN
  INSERT INTO client_token_counts (token, clients) VALUES (NEW.token, 1)
    ON CONFLICT (token) DO UPDATE SET clients = clients + 1;
END;
CREATE TRIGGER client_token_counts_delete AFTER DELETE ON client_search_tokens BEGIN
  UPDATE client_token_counts SET clients = clients - 1 WHERE token = OLD.token;
END;
)sql",
    // 5: referrals carry their client's sort keys (set on insert, followed on a rename by a trigger)
    //    with an index per box, so a box sorted by client name pages through an index instead of
    //    sorting all its referrals on every page (~160 ms a page at 100k).
    R"sql(
ALTER TABLE referrals ADD COLUMN client_last_key TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN client_first_key TEXT NOT NULL DEFAULT '';
UPDATE referrals SET (client_last_key, client_first_key) =
  (SELECT last_key, first_key FROM clients WHERE clients.id = referrals.client_id);
CREATE INDEX referrals_incoming_by_client ON referrals(to_organization_id, client_last_key, client_first_key, id);
CREATE INDEX referrals_outgoing_by_client ON referrals(from_organization_id, client_last_key, client_first_key, id);
-- The planner weighs indexes by their statistics: one without them looks selective and would be
-- picked for every box (then the date order is sorted). Measured together, the indexes compare.
ANALYZE referrals;
CREATE TRIGGER referrals_follow_client_name AFTER UPDATE OF first_key, last_key ON clients
WHEN NEW.last_key IS NOT OLD.last_key OR NEW.first_key IS NOT OLD.first_key BEGIN
  UPDATE referrals SET client_last_key = NEW.last_key, client_first_key = NEW.first_key WHERE client_id = NEW.id;
END;
)sql",
    // 6: password state and account inactivity. must_change_password is set by an administrator's reset.
    //    An account is locked when unused for the server's limit (60 days), counted from the later of the
    //    last sign-in and active_since (creation, unlock or reactivation). Existing accounts start that clock
    //    now, so an upgrade locks nobody; their last sign-in is read back from the audit log.
    R"sql(
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN last_sign_in_at INTEGER;               -- unix seconds; NULL: never
ALTER TABLE users ADD COLUMN active_since INTEGER NOT NULL DEFAULT 0;  -- unix seconds
UPDATE users SET active_since = CAST(strftime('%s', 'now') AS INTEGER),
  last_sign_in_at = (SELECT CAST(strftime('%s', max(a.at)) AS INTEGER) FROM audit_log a
                     WHERE a.entity = 'user' AND a.entity_id = users.id AND a.action = 'sign_in');
)sql",
    // 7: HUD 3.01 Name Data Quality (shared/enums.hpp wire names). Every client recorded before it had a full name:
    //    the letters-only rule held for all of them.
    R"sql(
ALTER TABLE clients ADD COLUMN name_data_quality TEXT NOT NULL DEFAULT 'full_name';
)sql",
    // 8: the version of what lists show, bumped by every write's unit of work: a list a process rendered
    //    is stale once any process (not only itself) has written since.
    R"sql(
CREATE TABLE list_version (version INTEGER NOT NULL);
INSERT INTO list_version (version) VALUES (1);
)sql",
};

}  // namespace

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

int Database::migrate() {
  auto& db = connection();
  int current = schema_version();
  for (int step = current; step < latest_schema_version(); ++step) {
    UnitOfWork tx(db);
    // Re-read inside the write lock: another process (create-user beside a running server) may have migrated.
    if (schema_version() > step) continue;
    db.exec(kMigrations[static_cast<size_t>(step)]);
    db.exec(("PRAGMA user_version=" + std::to_string(step + 1)).c_str());
    tx.commit();
  }
  return schema_version();
}

}  // namespace waypoint::storage
