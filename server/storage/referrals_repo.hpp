// The referrals repository: referrals with the names lists show, filtered, sorted and paged.
// Functions over a connection of a unit of work (unit_of_work.hpp); they decide no domain rule and
// open no transaction: services do.
#pragma once

#include "shared/entities.hpp"
#include "shared/page.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace waypoint::storage {

class Connection;

struct ReferralQuery {
  std::optional<std::int64_t> to_organization_id;
  std::optional<std::int64_t> from_organization_id;
  std::optional<std::int64_t> client_id;
  std::optional<std::int64_t> visible_to_organization_id;  // from or to
  std::optional<std::string> status;
  std::optional<std::int64_t> project_id;  // either side's project
  std::string sort = "-referral_date";
  int page = 1;
  int page_size = 50;
};
Page<Referral> list_referrals(Connection& db, const ReferralQuery& query);
std::optional<Referral> find_referral(Connection& db, std::int64_t id);
std::int64_t insert_referral(Connection& db, const Referral& referral, const std::string& now);
// Writes every mutable field if `expected_version` matches and bumps the version; false when stale.
// Writes referral's lifecycle fields if the stored row is still at before.version.
bool update_referral(Connection& db, const Referral& referral, const Referral& before, const std::string& now);

}  // namespace waypoint::storage
