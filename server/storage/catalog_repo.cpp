// Organizations and projects.
#include "server/storage/catalog_repo.hpp"

#include "server/storage/sqlite.hpp"

namespace waypoint::storage {

namespace {
ProjectRow read_project(const Statement& s) {
  ProjectRow row;
  row.project.id = s.int64(0);
  row.project.organization_id = s.int64(1);
  row.project.name = s.text(2);
  row.project.project_type = parse_project_type(s.text(3)).value_or(ProjectType::other);
  row.project.version = s.int64(4);
  row.organization_name = s.text(5);
  return row;
}
}  // namespace

std::vector<Organization> list_organizations(Connection& db) {
  auto& s = db.prepare("SELECT id, name, version FROM organizations ORDER BY name");
  std::vector<Organization> out;
  while (s.step()) out.push_back(Organization{s.int64(0), s.text(1), s.int64(2)});
  return out;
}

std::optional<Organization> find_organization(Connection& db, std::int64_t id) {
  auto& s = db.prepare("SELECT id, name, version FROM organizations WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  Organization org{s.int64(0), s.text(1), s.int64(2)};
  s.reset();
  return org;
}

std::int64_t insert_organization(Connection& db, const std::string& name) {
  auto& s = db.prepare("INSERT INTO organizations (name) VALUES (?)");
  s.bind(1, name).run();
  return db.last_insert_id();
}

std::vector<ProjectRow> list_projects(Connection& db, std::optional<std::int64_t> organization_id) {
  auto& s = db.prepare(
      "SELECT p.id, p.organization_id, p.name, p.project_type, p.version, o.name FROM projects p "
      "JOIN organizations o ON o.id = p.organization_id WHERE (?1 IS NULL OR p.organization_id = ?1) "
      "ORDER BY o.name, p.name");
  s.bind(1, organization_id);
  std::vector<ProjectRow> out;
  while (s.step()) out.push_back(read_project(s));
  return out;
}

std::optional<ProjectRow> find_project(Connection& db, std::int64_t id) {
  auto& s = db.prepare(
      "SELECT p.id, p.organization_id, p.name, p.project_type, p.version, o.name FROM projects p "
      "JOIN organizations o ON o.id = p.organization_id WHERE p.id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  auto row = read_project(s);
  s.reset();
  return row;
}

std::int64_t insert_project(Connection& db, std::int64_t organization_id, const std::string& name, ProjectType type) {
  auto& s = db.prepare("INSERT INTO projects (organization_id, name, project_type) VALUES (?, ?, ?)");
  s.bind(1, organization_id).bind(2, name).bind(3, to_string(type)).run();
  return db.last_insert_id();
}

}  // namespace waypoint::storage
