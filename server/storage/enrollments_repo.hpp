// The enrollments repository: a client's stays in projects, optionally linked to the referral that led there.
// Functions over a connection of a unit of work (unit_of_work.hpp); they decide no domain rule and
// open no transaction: services do.
#pragma once

#include "shared/entities.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace waypoint::storage {

class Connection;

std::vector<Enrollment> list_enrollments(Connection& db, std::int64_t client_id);
std::optional<Enrollment> find_enrollment(Connection& db, std::int64_t id);
std::optional<Enrollment> find_enrollment_for_referral(Connection& db, std::int64_t referral_id);
// The client's enrollment in the project with this entry date, if one exists.
std::optional<Enrollment> find_enrollment_on(Connection& db, std::int64_t client_id, std::int64_t project_id,
                                             Date entry_date);
std::int64_t insert_enrollment(Connection& db, const Enrollment& enrollment, std::int64_t created_by,
                               const std::string& now);

}  // namespace waypoint::storage
