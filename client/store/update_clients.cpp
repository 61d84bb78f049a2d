// The Clients workspace: search, Add client, and the open client record with its referral and
// enrollment lists; also the project list the referral screens choose from.
#include "client/store/update_internal.hpp"

#include "shared/json_mapping.hpp"
#include "shared/names.hpp"
#include "shared/text.hpp"
#include "shared/validation.hpp"

namespace waypoint::client::detail {

namespace {

// {"items": [...], "total"} -> items parsed with `parse` (bad items are skipped, not fatal).
template <class T>
std::vector<T> list_items(const nlohmann::json& body, ParseResult<T> (*parse)(const nlohmann::json&),
                          int64_t* total = nullptr) {
  std::vector<T> items;
  const nlohmann::json* array = &body;
  if (body.is_object() && body.contains("items")) array = &body["items"];
  if (!array->is_array()) return items;
  for (const auto& item : *array) {
    auto parsed = parse(item);
    if (parsed) items.push_back(std::move(parsed).value());
  }
  if (total) {
    *total = static_cast<int64_t>(items.size());
    if (body.is_object() && body.contains("total") && body["total"].is_number_integer())
      *total = body["total"].get<int64_t>();
  }
  return items;
}

}  // namespace

std::vector<Referral> referral_items(const nlohmann::json& body, int64_t* total) {
  return list_items(body, parse_referral, total);
}
std::vector<AuditEntry> audit_items(const nlohmann::json& body) { return list_items(body, parse_audit_entry); }

Effects search_clients(State& state) {
  auto& clients = state.clients;
  clients.serial += 1;
  clients.load = Load::loading;
  clients.searched = std::string(trim(clients.query));
  return {get(RequestKind::clients_search, "/api/clients?page_size=200&q=" + url_encode(clients.searched),
              clients.serial)};
}

Effects submit_new_client(State& state) {
  auto& form = state.clients.form;
  if (form.saving) return {};
  NewClientRequest request{form.first_name, form.last_name, form.date_of_birth, form.ssn_last4,
                           form.name_data_quality};
  form.errors = validate_client(request, state.today);
  if (!form.errors.empty()) return {};
  request.date_of_birth = trim(request.date_of_birth).empty() ? "" : to_iso(request.date_of_birth);
  request.first_name = std::string(trim(request.first_name));
  request.last_name = std::string(trim(request.last_name));
  request.ssn_last4 = std::string(trim(request.ssn_last4));
  nlohmann::json body = request;
  if (request.date_of_birth.empty()) body["date_of_birth"] = nullptr;
  if (request.ssn_last4.empty()) body["ssn_last4"] = nullptr;
  form.saving = true;
  return {send(RequestKind::client_create, "POST", "/api/clients", body)};
}

Effects load_client(State& state, int64_t client_id) {
  if (state.record.client_id != client_id) {
    state.record = RecordState{};
    state.record.client_id = client_id;
  }
  state.record.load = Load::loading;
  return {get(RequestKind::client_get, "/api/clients/" + std::to_string(client_id), client_id)};
}

Effects change_name_data_quality(State& state, NameDataQuality quality) {
  auto& record = state.record;
  if (record.saving || record.client.id == 0 || record.client.id != state.route.client_id) return {};
  const Client& c = record.client;
  if (quality == c.name_data_quality) return {};
  // The record's details as they are, with the new quality: the shared rules say first whether the names fit it
  // (a code name with a digit is no full name), beside the dropdown, and nothing is sent.
  ClientPatch patch{c.first_name, c.last_name, c.date_of_birth ? format_iso(*c.date_of_birth) : "",
                    c.ssn_last4.value_or(""), c.version, std::string(to_string(quality))};
  record.message.clear();
  record.errors = validate_client(patch, state.today);
  if (!record.errors.empty()) return {};
  record.saving = true;
  return {send(RequestKind::client_patch, "PATCH", "/api/clients/" + std::to_string(c.id), nlohmann::json(patch),
               c.id)};
}

Effects on_clients_reply(State& state, const HttpReplied& reply) {
  auto body = body_of(reply);
  bool ok = reply.status >= 200 && reply.status < 300 && !body.is_discarded();
  switch (reply.kind) {
    case RequestKind::clients_search: {
      auto& clients = state.clients;
      if (reply.tag != clients.serial) return {};  // an older search answered late
      if (!ok) {
        clients.load = Load::failed;
        return {};
      }
      clients.results = list_items(body, parse_client, &clients.total);
      clients.load = Load::ready;
      return {};
    }
    case RequestKind::client_create: {
      auto& form = state.clients.form;
      form.saving = false;
      auto client = ok ? parse_client(body) : parse_client(nlohmann::json());
      if (client) {
        state.clients.form = ClientForm{};
        state.record = RecordState{};
        state.record.client_id = client.value().id;
        state.record.client = client.value();
        state.record.load = Load::ready;
        state.clients.load = Load::idle;  // the list is searched again next time
        toast(state, "Client added: " + client_display_name(client.value()));
        state.route = Route{Screen::client_profile, client.value().id, 0};
        return {};
      }
      form.errors = error_fields(body);
      if (form.errors.empty()) form.errors["form"] = error_message(body, "The client could not be added.");
      return {};
    }
    case RequestKind::client_get: {
      if (reply.tag != state.record.client_id) return {};
      auto client = ok ? parse_client(body) : parse_client(nlohmann::json());
      if (client) {
        state.record.client = client.value();
        state.record.load = Load::ready;
      } else {
        state.record.load = Load::failed;
      }
      return {};
    }
    case RequestKind::client_patch: {
      auto& record = state.record;
      if (reply.tag != record.client_id) return {};
      record.saving = false;
      auto client = ok ? parse_client(body) : parse_client(nlohmann::json());
      if (client) {
        record.client = client.value();
        record.errors.clear();
        toast(state, "Name Data Quality saved: " + std::string(label(client.value().name_data_quality)));
        return {};
      }
      if (reply.status == 409) {
        // Someone else changed the client meanwhile: show the record as it is now, and say so.
        if (body.is_object() && body.contains("current"))
          if (auto current = parse_client(body["current"])) record.client = current.value();
        record.message = "Someone else changed this client meanwhile. Their changes are shown; choose again.";
        return {};
      }
      record.errors = error_fields(body);
      if (record.errors.empty()) record.message = error_message(body, "The change could not be saved.");
      return {};
    }
    case RequestKind::client_referrals:
      if (reply.tag != state.record.client_id) return {};
      state.record.referrals_load = ok ? Load::ready : Load::failed;
      if (ok) state.record.referrals = list_items(body, parse_referral);
      return {};
    case RequestKind::client_enrollments:
      if (reply.tag != state.record.client_id) return {};
      state.record.enrollments_load = ok ? Load::ready : Load::failed;
      if (ok) state.record.enrollments = list_items(body, parse_enrollment);
      return {};
    case RequestKind::projects:
      if (ok) state.projects = list_items(body, parse_project);
      return {};
    case RequestKind::organizations:
      if (ok) state.organizations = list_items(body, parse_organization);
      return {};
    default: return {};
  }
}

}  // namespace waypoint::client::detail
