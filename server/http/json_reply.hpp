// JSON replies and the one error shape every route answers with:
// {"error": {"code", "message", "fields": {name: message}}}
#pragma once

#include <httplib.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace waypoint::http {

void reply_json(httplib::Response& res, int status, const nlohmann::json& body);
void reply_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                 const std::map<std::string, std::string>& fields = {});

}  // namespace waypoint::http
