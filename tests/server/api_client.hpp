// A small JSON client for the server suites: sign in as a user, then get/post/put/patch/delete
// JSON with the bearer token. Each Api owns its own HTTP connection, so use one per thread.
#pragma once

#include "server_process.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace waypoint::test {

using nlohmann::json;

// Header names compare without case, as in HTTP (and Headers, which this header does not
// include: see server_process.hpp).
struct HeaderNameLess {
  bool operator()(const std::string& a, const std::string& b) const;
};
using Headers = std::multimap<std::string, std::string, HeaderNameLess>;

// What the server answered. status is 0 when no HTTP answer came back (connection refused or cut).
struct Reply {
  int status = 0;
  json body;            // parsed JSON body; null when the body was empty or not JSON
  std::string raw;      // the body as received
  Headers headers;

  bool ok() const { return status >= 200 && status < 300; }
  std::string header(const std::string& name) const;
  // error.fields as a JSON object ({} when absent), and error.code ("" when absent).
  json fields() const;
  std::string code() const;
  bool names_field(const std::string& name) const { return fields().contains(name); }
};

// Demo data (waypoint-server --demo): organization and project ids are fixed by the load order.
namespace demo {
inline constexpr const char* kPassword = "waypoint-demo";
inline constexpr std::int64_t kAdministration = 1, kRiverside = 2, kNorthstar = 3, kHarborLight = 4, kCedarCounty = 5,
                              kOpenDoor = 6, kMapleStreet = 7;
// Projects: Riverside 1, 2; Northstar 3, 4, 5; Harbor Light 6, 7; Cedar County 8; Open Door 9, 10; Maple Street 11, 12.
inline constexpr std::int64_t kRiversideNavigation = 1, kRiversideEviction = 2, kNorthstarRrh = 3, kNorthstarPsh = 4,
                              kNorthstarTh = 5, kHarborEmergency = 6, kHarborFamily = 7, kCedarCe = 8,
                              kOpenDoorOutreach = 9, kOpenDoorDay = 10, kMapleRrh = 11, kMapleTh = 12;
// A project of each organization (index = organization id).
std::int64_t project_of(std::int64_t organization_id);
std::int64_t second_project_of(std::int64_t organization_id);  // another one, or 0 if it has one project
}  // namespace demo

ServerOptions demo_options(std::vector<std::string> extra_args = {});

class Api {
 public:
  explicit Api(const ServerProcess& server) : Api(server.port()) {}
  explicit Api(int port);
  ~Api();
  Api(Api&&) noexcept;
  Api& operator=(Api&&) noexcept;

  // Signs in (POST /api/session) and keeps the token; REQUIREs success.
  static Api signed_in(const ServerProcess& server, const std::string& username,
                       const std::string& password = demo::kPassword);
  Reply sign_in(const std::string& username, const std::string& password = demo::kPassword);
  // PUT /api/session/context; REQUIREs success.
  void switch_context(std::int64_t organization_id, const std::string& workgroup);

  Reply get(const std::string& path, const Headers& extra = {});
  Reply post(const std::string& path, const json& body, const Headers& extra = {});
  Reply put(const std::string& path, const json& body, const Headers& extra = {});
  Reply patch(const std::string& path, const json& body, const Headers& extra = {});
  Reply del(const std::string& path, const Headers& extra = {});
  // Any method with a raw body (for garbage JSON and huge bodies); no token when with_token is false.
  Reply send(const std::string& method, const std::string& path, const std::string& body, const Headers& extra = {},
             bool with_token = true);

  const std::string& token() const { return token_; }
  void set_token(std::string token) { token_ = std::move(token); }
  void set_port(int port);
  int port() const { return port_; }
  // Connect from this local address, so the server sees another client: every 127.x.y.z is a
  // loopback address on Linux. Empty for the system's choice (127.0.0.1).
  void set_source_address(std::string address);

 private:
  int port_;
  std::string source_address_;
  std::string token_;
  std::unique_ptr<httplib::Client> http_;
};

// [SECTION] domain helpers (REQUIRE the happy path)
std::string days_ago(int days);      // an ISO date relative to today (UTC): days_ago(0) is today
std::string query(const std::string& value);  // URL-encodes a query parameter value
json create_referral(Api& api, std::int64_t client_id, std::int64_t from_project, std::int64_t to_project,
                     int days_before_today = 5);
json get_referral(Api& api, std::int64_t id);
json acknowledge(Api& api, const json& referral);
json resolve(Api& api, const json& referral, const std::string& result = "services_provided");
json return_to_referrer(Api& api, const json& referral);
json create_client(Api& api, const std::string& first_name, const std::string& last_name,
                   const std::string& date_of_birth = "");

// [SECTION] processes and files
struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
// Runs a program (argv[0] is a path) with `input` on its standard input and waits for it.
CommandResult run_command(const std::vector<std::string>& argv, const std::string& input);

// Opens the server's SQLite file read-only and answers the first column of each row of `sql` as text.
std::vector<std::string> sql_column(const std::string& db_path, const std::string& sql);
std::string sql_value(const std::string& db_path, const std::string& sql);  // first row, "" if none

}  // namespace waypoint::test
