// What the use cases reach storage through: the database's units of work and one repository per
// aggregate. Included by services/*.cpp only; services.hpp names no storage header, so the HTTP
// layer above cannot see one (the build's layer targets enforce it).
#pragma once

#include "server/services/services.hpp"
#include "server/storage/accounts_repo.hpp"
#include "server/storage/audit_repo.hpp"
#include "server/storage/catalog_repo.hpp"
#include "server/storage/clients_repo.hpp"
#include "server/storage/database.hpp"
#include "server/storage/enrollments_repo.hpp"
#include "server/storage/list_version_repo.hpp"
#include "server/storage/referrals_repo.hpp"
#include "server/storage/unit_of_work.hpp"

namespace waypoint {

// Writes one audit row for the session's user and context, in the caller's unit of work.
void audit(storage::Connection& db, const Session* session, const std::string& entity, std::int64_t entity_id,
           const std::string& action, const nlohmann::json& before, const nlohmann::json& after);

}  // namespace waypoint
