// The catalog repository: the CoC's organizations and their projects.
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

std::vector<Organization> list_organizations(Connection& db);
std::optional<Organization> find_organization(Connection& db, std::int64_t id);
std::int64_t insert_organization(Connection& db, const std::string& name);
struct ProjectRow {
  Project project;
  std::string organization_name;
};
std::vector<ProjectRow> list_projects(Connection& db, std::optional<std::int64_t> organization_id);
std::optional<ProjectRow> find_project(Connection& db, std::int64_t id);
std::int64_t insert_project(Connection& db, std::int64_t organization_id, const std::string& name, ProjectType type);

}  // namespace waypoint::storage
