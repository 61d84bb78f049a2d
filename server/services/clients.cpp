// Organizations and projects, clients (searchable CoC-wide, every record read audited), and
// enrollments (by the receiving organization, optionally linked to the referral).
#include "server/services/repositories.hpp"
#include "shared/json_mapping.hpp"
#include "shared/text.hpp"
#include "shared/validation.hpp"


namespace waypoint {

namespace {

template <class T>
nlohmann::json list_json(const std::vector<T>& items, std::int64_t total, int page, int page_size) {
  return {{"items", items}, {"total", total}, {"page", page}, {"page_size", page_size}};
}

nlohmann::json project_json(const storage::ProjectRow& row) {
  nlohmann::json j = row.project;
  j["organization_name"] = row.organization_name;
  return j;
}

std::optional<Date> optional_user_date(const std::string& text) {
  return text.empty() ? std::nullopt : parse_user_date(text);
}

}  // namespace

JsonOutcome Services::organizations() {
  auto items = storage::list_organizations(db.connection());
  return list_json(items, static_cast<std::int64_t>(items.size()), 1, static_cast<int>(items.size()));
}

JsonOutcome Services::projects(std::optional<std::int64_t> organization_id) {
  auto rows = storage::list_projects(db.connection(), organization_id);
  auto items = nlohmann::json::array();
  for (const auto& row : rows) items.push_back(project_json(row));
  auto n = static_cast<std::int64_t>(rows.size());
  return nlohmann::json{{"items", std::move(items)}, {"total", n}, {"page", 1}, {"page_size", n}};
}

JsonOutcome Services::search_clients(const Session&, const std::string& q, int page, int page_size) {
  auto search = parse_client_search(q);
  if (!search)
    return error(ErrorKind::bad_request, "The search is too long: it " + search.error().at("q") + ".", search.error());
  storage::ClientQuery query{search.value(), page, page_size};
  // One read snapshot for the total and the page's rows: they agree, and the file's read lock is
  // taken once rather than by each of the page's ~50 statements.
  auto& conn = db.connection();
  storage::UnitOfWork snapshot(conn, false);
  auto result = storage::search_clients(conn, query);
  snapshot.commit();
  return list_json(result.items, result.total, page, page_size);
}

JsonOutcome Services::create_client(const Session& session, const NewClientRequest& request) {
  if (auto errors = validate_client(request, today()); !errors.empty())
    return error(ErrorKind::validation, "Check the highlighted fields.", errors);
  Client client;
  client.first_name = std::string(trim(request.first_name));
  client.last_name = std::string(trim(request.last_name));
  client.date_of_birth = optional_user_date(request.date_of_birth);
  if (!request.ssn_last4.empty()) client.ssn_last4 = request.ssn_last4;
  client.name_data_quality = *parse_name_data_quality(trim(request.name_data_quality));  // validated
  auto& conn = db.connection();
  storage::UnitOfWork tx(conn);
  client.created_at = utc_timestamp();
  client.id = storage::insert_client(conn, client, session.user.id, client.created_at);
  client.version = 1;
  audit(conn, &session, "client", client.id, "create", nullptr, client);
  tx.commit();
  return nlohmann::json(client);
}

JsonOutcome Services::read_client(const Session& session, std::int64_t id) {
  auto& conn = db.connection();
  storage::UnitOfWork tx(conn);
  auto client = storage::find_client(conn, id);
  if (!client) return error(ErrorKind::not_found, "No such client.");
  // Every read of a client's record is audited (HMIS privacy standard), in the same unit of work.
  audit(conn, &session, "client", id, "read", nullptr, nullptr);
  tx.commit();
  return nlohmann::json(*client);
}

JsonOutcome Services::patch_client(const Session& session, std::int64_t id, const ClientPatch& patch) {
  auto& conn = db.connection();
  auto current = storage::find_client(conn, id);
  if (!current) return error(ErrorKind::not_found, "No such client.");
  if (auto errors = validate_client(patch, today()); !errors.empty())
    return error(ErrorKind::validation, "Check the highlighted fields.", errors);
  if (patch.version != current->version)
    return error(ErrorKind::stale_version, "Someone else changed this client. Review and try again.", {}, *current);
  Client next = *current;
  next.first_name = std::string(trim(patch.first_name));
  next.last_name = std::string(trim(patch.last_name));
  next.date_of_birth = optional_user_date(patch.date_of_birth);
  next.ssn_last4 = patch.ssn_last4.empty() ? std::nullopt : std::optional<std::string>(patch.ssn_last4);
  next.name_data_quality = *parse_name_data_quality(trim(patch.name_data_quality));  // validated
  storage::UnitOfWork tx(conn);
  if (!storage::update_client(conn, next))
    return error(ErrorKind::stale_version, "Someone else changed this client. Review and try again.", {}, *current);
  next.version = current->version + 1;
  audit(conn, &session, "client", id, "update", *current, next);
  tx.commit();
  return nlohmann::json(next);
}

Outcome<Page<Referral>> Services::client_referrals(const Session& session, std::int64_t client_id, int page,
                                                            int page_size) {
  auto& conn = db.connection();
  if (!storage::find_client(conn, client_id)) return error(ErrorKind::not_found, "No such client.");
  storage::ReferralQuery query;
  query.client_id = client_id;
  if (!session.is_system_admin()) query.visible_to_organization_id = session.context.organization_id;
  query.page = page;
  query.page_size = page_size;
  return storage::list_referrals(conn, query);
}

JsonOutcome Services::client_enrollments(const Session&, std::int64_t client_id) {
  auto& conn = db.connection();
  if (!storage::find_client(conn, client_id)) return error(ErrorKind::not_found, "No such client.");
  auto items = storage::list_enrollments(conn, client_id);
  auto n = static_cast<std::int64_t>(items.size());
  return list_json(items, n, 1, static_cast<int>(n));
}

JsonOutcome Services::create_enrollment(const Session& session, const NewEnrollmentRequest& request) {
  auto& conn = db.connection();
  FieldErrors errors;
  auto client = storage::find_client(conn, request.client_id);
  if (!client) errors["client_id"] = "No such client";
  auto project = storage::find_project(conn, request.project_id);
  if (!project) errors["project_id"] = "No such project";
  std::optional<Referral> referral;
  if (request.referral_id) {
    referral = storage::find_referral(conn, *request.referral_id);
    if (!referral || !can_view(session.actor(), *referral)) errors["referral_id"] = "No such referral";
  }
  if (!errors.empty()) return error(ErrorKind::validation, "Check the highlighted fields.", errors);
  // Only the receiving organization enrolls (a system administrator may act for it).
  if (!session.is_system_admin() && project->project.organization_id != session.context.organization_id)
    return error(ErrorKind::forbidden, "Only the organization that runs this project can enroll clients in it.");
  // From a referral only once it is resolved with Services Provided: the shared rule the Referral Outcome page
  // offers "Enroll client" by.
  if (referral) {
    if (auto refused = check_enroll_from_referral(session.actor(), *referral))
      return error(refused->kind == TransitionErrorKind::forbidden ? ErrorKind::forbidden : ErrorKind::invalid_state,
                   refused->message, {{"referral_id", refused->message}});
  }
  if (auto v = validate_enrollment(request, referral, *client, today()); !v.empty())
    return error(ErrorKind::validation, "Check the highlighted fields.", v);
  if (referral && storage::find_enrollment_for_referral(conn, referral->id))
    return error(ErrorKind::validation, "This referral already has an enrollment.",
                 {{"referral_id", "This referral already led to an enrollment"}});
  // The same stay twice would count the client twice in the project's HUD reports.
  if (auto same = storage::find_enrollment_on(conn, request.client_id, request.project_id,
                                              *parse_user_date(request.entry_date)))
    return error(ErrorKind::validation, "This client is already enrolled in this project on this date.",
                 {{"entry_date", "The client is already enrolled in " + project->project.name + " from " +
                                     format_us(same->entry_date)}});
  Enrollment enrollment;
  enrollment.client_id = request.client_id;
  enrollment.project_id = request.project_id;
  enrollment.entry_date = *parse_user_date(request.entry_date);
  enrollment.referral_id = request.referral_id;
  storage::UnitOfWork tx(conn);
  // A household of one until households are built: the HoH's own id keeps HUD's shape.
  enrollment.household_id = "H-" + std::to_string(request.client_id) + "-" + format_iso(enrollment.entry_date);
  enrollment.relationship_to_hoh = 1;
  enrollment.id = storage::insert_enrollment(conn, enrollment, session.user.id, utc_timestamp());
  enrollment.version = 1;
  audit(conn, &session, "enrollment", enrollment.id, "create", nullptr, enrollment);
  if (referral) audit(conn, &session, "referral", referral->id, "enroll", nullptr, enrollment);
  tx.commit();
  return nlohmann::json(enrollment);
}

}  // namespace waypoint
