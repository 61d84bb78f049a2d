// The JSON Schema of every body the API reads and writes, for the OpenAPI document (server/http/openapi.cpp) and
// for anyone scripting against the API. Each request's fields are listed once here with the limits the validators
// enforce (their constants from validation.hpp, the choices from the enum tables); each response's fields match
// json_mapping.cpp's to_json. tests/shared/api_schema_test.cpp holds them together: every required key is required by
// the parser, every limit is the validator's, every to_json key and type is in its schema. The contract check
// (tests/contract/) then validates every response the server tests receive against the document.
//
// Schemas are OpenAPI 3.0 Schema Objects (JSON Schema with `nullable`) and refer to each other as
// "#/components/schemas/Name".
#pragma once

#include <nlohmann/json.hpp>

namespace waypoint {

// Name -> schema of each request body: SignInRequest, NewClientRequest, UserPatch, ...
// Request dates are what a person typed: ISO 2025-05-01 (format date) or 05/01/2025; blank where optional.
// Keys a parser does not know are ignored, so request schemas stay open, except UserPatch, which refuses them.
nlohmann::json request_body_schemas();

// Name -> schema of each response body: the entities (Organization, Project, Client, Referral, Enrollment, User,
// Membership, AuditEntry, Health), what the server composes from them (Session, SignedIn, UserAccount,
// ProjectListing, ReferralDetail, the *Page lists, ReferralHistory) and Error. Every key is always sent (an empty
// optional as null), so every key is required and no other is allowed.
nlohmann::json response_body_schemas();

}  // namespace waypoint
