#include "server/http/json_reply.hpp"

namespace waypoint::http {

void reply_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  // Replace: invalid UTF-8 from a client never turns into an exception here.
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void reply_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                 const std::map<std::string, std::string>& fields) {
  nlohmann::json error = {{"code", code}, {"message", message}, {"fields", nlohmann::json::object()}};
  for (const auto& [name, text] : fields) error["fields"][name] = text;
  reply_json(res, status, {{"error", error}});
}

}  // namespace waypoint::http
