#include "api_client.hpp"

#include "shared/dates.hpp"

#include <doctest/doctest.h>
#include <httplib.h>
#include <fcntl.h>
#include <poll.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace waypoint::test {

namespace {

// [SECTION] recording for the contract check
// With WAYPOINT_API_RECORD=<folder>, every reply is appended as one JSON line to <folder>/server_tests-<pid>.jsonl
// (one file per process: safe with ctest -j), and tests/contract/ checks each against the OpenAPI document. One
// write(2) per line on an O_APPEND descriptor: threads' lines never interleave, and a forked child inherits no
// half-written buffer.
constexpr std::size_t kMaxRecordedRequestBody = 64 * 1024;  // only accepted requests are checked; those are small

int record_file() {
  static const int fd = [] {
    const char* folder = std::getenv("WAYPOINT_API_RECORD");
    if (!folder || !*folder) return -1;
    std::filesystem::create_directories(folder);
    std::string path = std::string(folder) + "/server_tests-" + std::to_string(getpid()) + ".jsonl";
    int opened = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (opened < 0) throw std::runtime_error("cannot open " + path + " to record replies");
    return opened;
  }();
  return fd;
}

void record(const httplib::Request& request, const Reply& reply) {
  int fd = record_file();
  if (fd < 0 || reply.status == 0) return;
  json headers = json::object();
  for (const auto& [name, value] : reply.headers) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    headers[lower] = value;
  }
  json line = {{"method", request.method}, {"path", request.path}, {"status", reply.status},
               {"headers", headers}, {"body", reply.raw}};
  if (request.body.size() <= kMaxRecordedRequestBody) line["request_body"] = request.body;
  std::string text = line.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  if (write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
    throw std::runtime_error("cannot record a reply for the contract check");
}

}  // namespace

// [SECTION] Reply

bool HeaderNameLess::operator()(const std::string& a, const std::string& b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
    return std::tolower(x) < std::tolower(y);
  });
}

std::string Reply::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

json Reply::fields() const {
  if (body.is_object() && body.contains("error") && body["error"].is_object() && body["error"].contains("fields") &&
      body["error"]["fields"].is_object())
    return body["error"]["fields"];
  return json::object();
}

std::string Reply::code() const {
  if (body.is_object() && body.contains("error") && body["error"].is_object() && body["error"].contains("code") &&
      body["error"]["code"].is_string())
    return body["error"]["code"].get<std::string>();
  return {};
}

// [SECTION] demo data

namespace demo {
std::int64_t project_of(std::int64_t organization_id) {
  static const std::int64_t first[] = {0, 0, kRiversideNavigation, kNorthstarRrh, kHarborEmergency, kCedarCe,
                                       kOpenDoorOutreach, kMapleRrh};
  return organization_id >= 1 && organization_id <= 7 ? first[organization_id] : 0;
}
std::int64_t second_project_of(std::int64_t organization_id) {
  static const std::int64_t second[] = {0, 0, kRiversideEviction, kNorthstarPsh, kHarborFamily, 0, kOpenDoorDay,
                                        kMapleTh};
  return organization_id >= 1 && organization_id <= 7 ? second[organization_id] : 0;
}
}  // namespace demo

ServerOptions demo_options(std::vector<std::string> extra_args) {
  ServerOptions options;
  options.extra_args = {"--demo"};
  options.extra_args.insert(options.extra_args.end(), extra_args.begin(), extra_args.end());
  return options;
}

// [SECTION] Api

Api::Api(int port) : port_(0) { set_port(port); }
Api::~Api() = default;
Api::Api(Api&&) noexcept = default;
Api& Api::operator=(Api&&) noexcept = default;

void Api::set_port(int port) {
  port_ = port;
  http_ = std::make_unique<httplib::Client>("127.0.0.1", port);
  http_->set_connection_timeout(5);
  http_->set_read_timeout(30);
  http_->set_write_timeout(30);
  // An IP address where the library expects an interface name: it binds the socket to it.
  if (!source_address_.empty()) http_->set_interface(source_address_);
}

void Api::set_source_address(std::string address) {
  source_address_ = std::move(address);
  set_port(port_);
}

Api Api::signed_in(const ServerProcess& server, const std::string& username, const std::string& password) {
  Api api(server);
  auto reply = api.sign_in(username, password);
  INFO("sign in as ", username, ": ", reply.raw);
  REQUIRE(reply.status == 200);
  return api;
}

Reply Api::sign_in(const std::string& username, const std::string& password) {
  auto reply = send("POST", "/api/session", json{{"username", username}, {"password", password}}.dump(), {}, false);
  if (reply.status == 200 && reply.body.contains("token")) token_ = reply.body["token"].get<std::string>();
  return reply;
}

void Api::switch_context(std::int64_t organization_id, const std::string& workgroup) {
  auto reply = put("/api/session/context", {{"organization_id", organization_id}, {"workgroup", workgroup}});
  INFO("switch context: ", reply.raw);
  REQUIRE(reply.status == 200);
}

Reply Api::get(const std::string& path, const Headers& extra) { return send("GET", path, "", extra); }
Reply Api::post(const std::string& path, const json& body, const Headers& extra) {
  return send("POST", path, body.dump(), extra);
}
Reply Api::put(const std::string& path, const json& body, const Headers& extra) {
  return send("PUT", path, body.dump(), extra);
}
Reply Api::patch(const std::string& path, const json& body, const Headers& extra) {
  return send("PATCH", path, body.dump(), extra);
}
Reply Api::del(const std::string& path, const Headers& extra) { return send("DELETE", path, "", extra); }

Reply Api::send(const std::string& method, const std::string& path, const std::string& body,
                const Headers& extra, bool with_token) {
  httplib::Request req;
  req.method = method;
  req.path = path;
  for (const auto& [name, value] : extra) req.headers.emplace(name, value);
  if (with_token && !token_.empty() && !req.has_header("Authorization"))
    req.headers.emplace("Authorization", "Bearer " + token_);
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    req.body = body;
    if (!req.has_header("Content-Type")) req.headers.emplace("Content-Type", "application/json");
  }
  auto result = http_->send(req);
  Reply reply;
  if (!result) return reply;
  reply.status = result->status;
  reply.raw = result->body;
  for (const auto& [name, value] : result->headers) reply.headers.emplace(name, value);
  if (!reply.raw.empty()) reply.body = json::parse(reply.raw, nullptr, false);
  if (reply.body.is_discarded()) reply.body = nullptr;
  record(req, reply);
  return reply;
}

// [SECTION] domain helpers

std::string days_ago(int days) {
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return format_iso(Date{now - std::chrono::days{days}});
}

std::string query(const std::string& value) { return httplib::detail::encode_query_param(value); }

json create_referral(Api& api, std::int64_t client_id, std::int64_t from_project, std::int64_t to_project,
                     int days_before_today) {
  auto reply = api.post("/api/referrals", {{"client_id", client_id},
                                           {"from_project_id", from_project},
                                           {"to_project_id", to_project},
                                           {"referral_date", days_ago(days_before_today)},
                                           {"note", "Made by the server tests"}});
  INFO("create referral ", from_project, " -> ", to_project, ": ", reply.raw);
  REQUIRE(reply.status == 201);
  return reply.body;
}

json get_referral(Api& api, std::int64_t id) {
  auto reply = api.get("/api/referrals/" + std::to_string(id));
  INFO("get referral ", id, ": ", reply.raw);
  REQUIRE(reply.status == 200);
  return reply.body;
}

json acknowledge(Api& api, const json& referral) {
  auto reply = api.post("/api/referrals/" + std::to_string(referral["id"].get<std::int64_t>()) + "/acknowledge",
                        {{"date_acknowledged", days_ago(1)}, {"version", referral["version"]}});
  INFO("acknowledge: ", reply.raw);
  REQUIRE(reply.status == 200);
  return reply.body;
}

json resolve(Api& api, const json& referral, const std::string& result) {
  auto reply = api.post("/api/referrals/" + std::to_string(referral["id"].get<std::int64_t>()) + "/outcome",
                        {{"appointment_date", days_ago(1)},
                         {"result_date", days_ago(0)},
                         {"result", result},
                         {"comments", "Resolved by the server tests"},
                         {"version", referral["version"]}});
  INFO("resolve: ", reply.raw);
  REQUIRE(reply.status == 200);
  return reply.body;
}

json return_to_referrer(Api& api, const json& referral) {
  auto reply = api.post("/api/referrals/" + std::to_string(referral["id"].get<std::int64_t>()) + "/return",
                        {{"reason", "Not eligible here"}, {"version", referral["version"]}});
  INFO("return: ", reply.raw);
  REQUIRE(reply.status == 200);
  return reply.body;
}

json create_client(Api& api, const std::string& first_name, const std::string& last_name,
                   const std::string& date_of_birth) {
  auto reply = api.post("/api/clients", {{"first_name", first_name},
                                         {"last_name", last_name},
                                         {"date_of_birth", date_of_birth},
                                         {"ssn_last4", ""}});
  INFO("create client: ", reply.raw);
  REQUIRE(reply.status == 201);
  return reply.body;
}

// [SECTION] processes and files

CommandResult run_command(const std::vector<std::string>& argv, const std::string& input) {
  int in[2], out[2], err[2];
  if (pipe(in) != 0 || pipe(out) != 0 || pipe(err) != 0) throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    dup2(err[1], STDERR_FILENO);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) close(fd);
    std::vector<std::string> copy = argv;
    std::vector<char*> args;
    for (auto& a : copy) args.push_back(a.data());
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  close(err[1]);
  std::size_t written = 0;
  while (written < input.size()) {
    auto n = write(in[1], input.data() + written, input.size() - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  close(in[1]);
  CommandResult result;
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_count = 2;
  char buffer[4096];
  while (open_count > 0 && poll(fds, 2, 30000) > 0) {
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      auto n = read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<std::size_t>(n));
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_count;
      }
    }
  }
  for (auto& fd : fds)
    if (fd.fd >= 0) close(fd.fd);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::vector<std::string> sql_column(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error("open " + db_path + ": " + message);
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    std::string message = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error("prepare " + sql + ": " + message);
  }
  std::vector<std::string> rows;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    rows.emplace_back(text ? text : "");
  }
  std::string message = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  if (!message.empty()) throw std::runtime_error("step " + sql + ": " + message);
  return rows;
}

std::string sql_value(const std::string& db_path, const std::string& sql) {
  auto rows = sql_column(db_path, sql);
  return rows.empty() ? std::string() : rows.front();
}

}  // namespace waypoint::test
