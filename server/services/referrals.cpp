// Referrals: lists for the current organization's inbox and outbox, creation, and every
// lifecycle transition through the shared state machine (who may, from which state), with
// the shared validators, optimistic concurrency (version) and the audit trail.
#include "server/services/repositories.hpp"
#include "shared/json_mapping.hpp"
#include "shared/validation.hpp"

namespace waypoint {

namespace {

ReferralView view_of(const Referral& referral, const Actor& actor) {
  return ReferralView{referral, allowed_actions(actor, referral)};
}

nlohmann::json referral_json(const Referral& referral, const Actor& actor) { return view_of(referral, actor); }

// Loads a referral the session may see; others get 404 so existence is not leaked.
Outcome<Referral> visible_referral(storage::Connection& conn, const Session& session, std::int64_t id) {
  auto referral = storage::find_referral(conn, id);
  if (!referral || !can_view(session.actor(), *referral)) return error(ErrorKind::not_found, "No such referral.");
  return *referral;
}

Failure<ServiceError> transition_error(const TransitionError& e) {
  return error(e.kind == TransitionErrorKind::forbidden ? ErrorKind::forbidden : ErrorKind::invalid_state, e.message);
}

}  // namespace

// One transition: load, authorize, check the version, validate, apply, write, audit, all in one unit of work.
template <class Request, class Validate, class Apply>
Outcome<ReferralView> transition(Services& services, const Session& session, std::int64_t id, ReferralAction action,
                       const Request& request, Validate validate, Apply apply) {
  auto& conn = services.db.connection();
  storage::UnitOfWork tx(conn);
  auto loaded = visible_referral(conn, session, id);
  if (!loaded) return fail(loaded.error());
  const Referral& current = loaded.value();
  if (auto problem = check_transition(session.actor(), current, action)) return transition_error(*problem);
  if (request.version != current.version)
    return error(ErrorKind::stale_version, "Someone else changed this referral. Review it and try again.", {},
                 referral_json(current, session.actor()));
  FieldErrors errors = validate(current);
  if (!errors.empty()) return error(ErrorKind::validation, "Check the highlighted fields.", errors);
  auto next = apply(current);
  if (!next) return fail(next.error());
  Referral updated = next.value();
  if (!storage::update_referral(conn, updated, current, utc_timestamp()))
    return error(ErrorKind::stale_version, "Someone else changed this referral. Review it and try again.", {},
                 referral_json(current, session.actor()));
  // What the row now holds; read back only when the receiving project (and so its names) changed.
  std::optional<Referral> stored = updated;
  stored->version = current.version + 1;
  if (updated.to_project_id != current.to_project_id) stored = storage::find_referral(conn, id);
  audit(conn, &session, "referral", id, std::string(to_string(action)), nlohmann::json(current),
        nlohmann::json(*stored));
  tx.commit();
  return view_of(*stored, session.actor());
}

Outcome<Page<Referral>> Services::list_referrals(const Session& session, const ReferralListQuery& request) {
  storage::ReferralQuery query;
  std::int64_t org = session.context.organization_id;
  if (request.box == ReferralBox::incoming) query.to_organization_id = org;
  else if (request.box == ReferralBox::outgoing) query.from_organization_id = org;
  else if (!session.is_system_admin()) query.visible_to_organization_id = org;
  if (request.status) query.status = std::string(to_string(*request.status));
  query.project_id = request.project_id;
  query.sort = request.sort;
  query.page = request.page;
  query.page_size = request.page_size;
  return storage::list_referrals(db.connection(), query);
}

Outcome<ReferralView> Services::create_referral(const Session& session, const NewReferralRequest& request) {
  auto& conn = db.connection();
  auto client = storage::find_client(conn, request.client_id);
  // With the client found, the referral date is also checked against their date of birth.
  FieldErrors errors = client ? validate_new_referral(request, *client, today()) : validate_new_referral(request, today());
  if (!client) errors["client_id"] = "No such client";
  auto from = storage::find_project(conn, request.from_project_id);
  auto to = storage::find_project(conn, request.to_project_id);
  if (!from) errors["from_project_id"] = "No such project";
  if (!to) errors["to_project_id"] = "No such project";
  if (!errors.empty()) return error(ErrorKind::validation, "Check the highlighted fields.", errors);
  if (!session.is_system_admin() && from->project.organization_id != session.context.organization_id)
    return error(ErrorKind::forbidden, "Referrals are sent from a project of your current organization.");
  Referral referral;
  referral.client_id = request.client_id;
  referral.from_project_id = request.from_project_id;
  referral.to_project_id = request.to_project_id;
  referral.from_organization_id = from->project.organization_id;
  referral.to_organization_id = to->project.organization_id;
  referral.referral_date = *parse_user_date(request.referral_date);
  referral.note = request.note;
  referral.status = ReferralStatus::pending;
  referral.created_by_user_id = session.user.id;
  storage::UnitOfWork tx(conn);
  referral.id = storage::insert_referral(conn, referral, utc_timestamp());
  auto stored = storage::find_referral(conn, referral.id);
  audit(conn, &session, "referral", referral.id, "create", nullptr, nlohmann::json(*stored));
  tx.commit();
  return view_of(*stored, session.actor());
}

Outcome<ReferralView> Services::read_referral(const Session& session, std::int64_t id) {
  auto loaded = visible_referral(db.connection(), session, id);
  if (!loaded) return fail(loaded.error());
  return view_of(loaded.value(), session.actor());
}

JsonOutcome Services::referral_history(const Session& session, std::int64_t id) {
  auto& conn = db.connection();
  auto loaded = visible_referral(conn, session, id);
  if (!loaded) return fail(loaded.error());
  auto items = storage::audit_history(conn, "referral", id);
  return nlohmann::json{{"items", items}};
}

Outcome<ReferralView> Services::acknowledge(const Session& session, std::int64_t id, const AcknowledgeRequest& request) {
  return transition(
      *this, session, id, ReferralAction::acknowledge, request,
      [&](const Referral& r) { return validate_acknowledge(request, r, today()); },
      [&](const Referral& r) -> Outcome<Referral> {
        return apply_acknowledge(r, *parse_user_date(request.date_acknowledged));
      });
}

Outcome<ReferralView> Services::record_outcome(const Session& session, std::int64_t id, const OutcomeRequest& request) {
  // Saving outcome details without a result keeps the referral acknowledged; the rule is the same as resolving.
  return transition(
      *this, session, id, ReferralAction::resolve, request,
      [&](const Referral& r) { return validate_outcome(request, r, today()); },
      [&](const Referral& r) -> Outcome<Referral> { return apply_outcome(r, request); });
}

Outcome<ReferralView> Services::return_referral(const Session& session, std::int64_t id, const ReturnRequest& request) {
  return transition(
      *this, session, id, ReferralAction::return_to_referrer, request,
      [&](const Referral&) { return validate_return(request); },
      [&](const Referral& r) -> Outcome<Referral> { return apply_return(r, request); });
}

Outcome<ReferralView> Services::reassign(const Session& session, std::int64_t id, const ReassignRequest& request) {
  auto& conn = db.connection();
  return transition(
      *this, session, id, ReferralAction::reassign, request,
      [&](const Referral& r) {
        auto errors = validate_reassign(request, r);
        if (errors.empty() && !storage::find_project(conn, request.project_id))
          errors["project_id"] = "No such project";
        return errors;
      },
      [&](const Referral& r) -> Outcome<Referral> {
        return apply_reassign(r, storage::find_project(conn, request.project_id)->project);
      });
}

Outcome<ReferralView> Services::cancel(const Session& session, std::int64_t id, const CancelRequest& request) {
  return transition(
      *this, session, id, ReferralAction::cancel, request, [&](const Referral&) { return validate_cancel(request); },
      [&](const Referral& r) -> Outcome<Referral> { return apply_cancel(r, request); });
}

Outcome<ReferralView> Services::reopen(const Session& session, std::int64_t id, const ReopenRequest& request) {
  return transition(
      *this, session, id, ReferralAction::reopen, request, [&](const Referral&) { return validate_reopen(request); },
      [&](const Referral& r) -> Outcome<Referral> { return apply_reopen(r); });
}

void to_json(nlohmann::json& j, const ReferralView& view) {
  j = view.referral;
  auto actions = nlohmann::json::array();
  for (auto action : view.allowed_actions) actions.push_back(std::string(to_string(action)));
  j["allowed_actions"] = std::move(actions);
}

}  // namespace waypoint
