// GET /api/openapi.json: an OpenAPI 3 document generated from the route table itself.
#include "server/http/api.hpp"
#include "shared/version.hpp"

namespace waypoint::http {

namespace {

nlohmann::json error_response(const char* description) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

nlohmann::json schemas() {
  auto object = [](std::initializer_list<std::pair<const char*, const char*>> fields) {
    nlohmann::json props = nlohmann::json::object();
    for (const auto& [name, type] : fields) props[name] = {{"type", type}};
    return nlohmann::json{{"type", "object"}, {"properties", props}};
  };
  return {
      {"Error", {{"type", "object"},
                 {"properties", {{"error", object({{"code", "string"}, {"message", "string"}, {"fields", "object"}})}}}}},
      {"SignInRequest", object({{"username", "string"}, {"password", "string"}})},
      {"ContextRequest", object({{"organization_id", "integer"}, {"workgroup", "string"}})},
      {"NewUserRequest", object({{"username", "string"}, {"password", "string"}, {"display_name", "string"},
                                 {"memberships", "array"}})},
      {"UserPatch", object({{"display_name", "string"}, {"active", "boolean"}, {"locked", "boolean"},
                            {"memberships", "array"}, {"version", "integer"}})},
      {"PasswordChangeRequest", object({{"current_password", "string"}, {"new_password", "string"}})},
      {"PasswordResetRequest", object({{"new_password", "string"}})},
      {"NewClientRequest", object({{"first_name", "string"}, {"last_name", "string"}, {"date_of_birth", "string"},
                                   {"ssn_last4", "string"}})},
      {"ClientPatch", object({{"first_name", "string"}, {"last_name", "string"}, {"date_of_birth", "string"},
                              {"ssn_last4", "string"}, {"version", "integer"}})},
      {"NewEnrollmentRequest", object({{"client_id", "integer"}, {"project_id", "integer"}, {"entry_date", "string"},
                                       {"referral_id", "integer"}})},
      {"NewReferralRequest", object({{"client_id", "integer"}, {"from_project_id", "integer"},
                                     {"to_project_id", "integer"}, {"referral_date", "string"}, {"note", "string"}})},
      {"AcknowledgeRequest", object({{"date_acknowledged", "string"}, {"version", "integer"}})},
      {"OutcomeRequest", object({{"appointment_date", "string"}, {"result_date", "string"}, {"result", "string"},
                                 {"comments", "string"}, {"version", "integer"}})},
      {"ReturnRequest", object({{"reason", "string"}, {"version", "integer"}})},
      {"ReassignRequest", object({{"project_id", "integer"}, {"version", "integer"}})},
      {"CancelRequest", object({{"reason", "string"}, {"version", "integer"}})},
      {"ReopenRequest", object({{"reason", "string"}, {"version", "integer"}})},
  };
}

}  // namespace

nlohmann::json openapi_document() {
  nlohmann::json paths = nlohmann::json::object();
  for (const auto& route : api_routes()) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    nlohmann::json op = {{"summary", route.summary}, {"responses", nlohmann::json::object()}};
    op["responses"]["200"] = {{"description", "OK (201 Created for new resources, 204 for sign-out)"}};
    op["responses"]["400"] = error_response("Malformed JSON, wrong types or missing fields");
    op["responses"]["404"] = error_response("Not found (also for records another organization may not see)");
    if (route.signed_in) {
      op["responses"]["401"] = error_response("Not signed in, or the session expired");
      op["responses"]["403"] = error_response("Your workgroup or organization may not do this");
      op["security"] = nlohmann::json::array({{{"cookie", nlohmann::json::array()}},
                                              {{"bearer", nlohmann::json::array()}}});
    }
    auto parameters = nlohmann::json::array();
    if (route.path.find("{id}") != std::string::npos)
      parameters.push_back({{"name", "id"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "integer"}}}});
    for (const auto& q : route.query)
      parameters.push_back({{"name", q}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
    if (!route.body_schema.empty()) {
      op["requestBody"] = {{"required", true},
                           {"content", {{"application/json",
                                         {{"schema", {{"$ref", "#/components/schemas/" + route.body_schema}}}}}}}};
      op["parameters"] = parameters;
      op["responses"]["409"] = error_response("Stale version (body has `current`) or not allowed in this state");
      op["responses"]["413"] = error_response("Body over 1 MiB");
      op["responses"]["422"] = error_response("Validation failed: `fields` names each problem");
      op["responses"]["429"] = error_response("Too many failed sign-ins");
      parameters.push_back({{"name", "Idempotency-Key"}, {"in", "header"}, {"required", false},
                            {"schema", {{"type", "string"}}}});
    }
    if (!parameters.empty()) op["parameters"] = parameters;
    paths[route.path][method] = op;
  }
  return {{"openapi", "3.0.3"},
          {"info", {{"title", "Waypoint API"}, {"version", kVersion},
                    {"description", "Referrals and housing inventory for a Continuum of Care."}}},
          {"paths", paths},
          {"components",
           {{"schemas", schemas()},
            {"securitySchemes",
             {{"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "waypoint_session"}}},
              {"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
}

}  // namespace waypoint::http
