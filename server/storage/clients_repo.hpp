// The clients repository: personal records, found by id, date of birth or name words (shared/list_queries).
// Functions over a connection of a unit of work (unit_of_work.hpp); they decide no domain rule and
// open no transaction: services do.
#pragma once

#include "shared/entities.hpp"
#include "shared/list_queries.hpp"
#include "shared/page.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace waypoint::storage {

class Connection;

struct ClientQuery {
  ClientSearch search;
  int page = 1;
  int page_size = kDefaultPageSize;
};
Page<Client> search_clients(Connection& db, const ClientQuery& query);
std::optional<Client> find_client(Connection& db, std::int64_t id);
std::int64_t insert_client(Connection& db, const Client& client, std::int64_t created_by, const std::string& now);
// Writes the client if its version still matches; returns false when stale.
bool update_client(Connection& db, const Client& client);

}  // namespace waypoint::storage
