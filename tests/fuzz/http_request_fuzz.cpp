// http_request_fuzz: the server's whole request handler in-process, through http::Server::serve_bytes: one raw
// HTTP/1.1 request (request line, headers, body; framing included) goes through the edge's request scanner, the
// request guard (Host, Origin, Content-Type), cpp-httplib's parser, the route table, the services and SQLite, and
// the raw reply comes back. The database is a migrated copy of the demo CoC, so requests reach real rows.
// Besides ASan/UBSan findings, a reply must be a well-formed HTTP/1.1 response, never a 500 (an exception that
// reached the library's handler is a bug), carry the security headers, have the body its Content-Length says, and
// say JSON only with a JSON body.
//
// Placeholders let hand-made seeds (and the mutations of them) get past authentication and framing:
//   @A@ @C@ @P@  a valid session token of demo-admin (System Admin), demo-caseworker (sends referrals) and
//                demo-provider (receives them), e.g. "Authorization: Bearer @A@" or "Cookie: waypoint_session=@P@"
//   @N@          the length of the body after the blank line, e.g. "Content-Length: @N@"
// Requests change the database (that is the point: a referral acknowledged can then be resolved). A token that
// stopped working (signed out, its user reset) gets a fresh session, and every kRebuildEvery requests the whole
// server is rebuilt from the pristine copy, so state cannot drift far; a finding that depends on earlier requests
// may therefore not replay alone: the log shows the reply of the failing request.
#include "server/http/response_cache.hpp"
#include "server/http/server.hpp"
#include "server/services/demo_data.hpp"
#include "server/services/services.hpp"
#include "server/storage/database.hpp"
#include "server/services/repositories.hpp"
#include "server/storage/sqlite.hpp"
#include "shared/json_mapping.hpp"
#include "tests/fuzz/fuzz_check.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

using namespace waypoint;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kRebuildEvery = 20000;
constexpr std::array<const char*, 3> kUsers = {"demo-admin", "demo-caseworker", "demo-provider"};
constexpr std::array<const char*, 3> kPlaceholders = {"@A@", "@C@", "@P@"};

struct World {
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<Services> services;
  std::unique_ptr<http::Server> server;
  std::array<std::string, 3> tokens;
  std::size_t served = 0;
};

fs::path folder;
std::unique_ptr<World> world;

// As services/accounts.cpp stores a session: a random token, kept as its BLAKE2b hash. If that scheme changes,
// fresh_session's authenticate check below says so at once.
std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

std::string fresh_session(World& w, const char* username) {
  auto& conn = w.db->connection();
  auto& find = conn.prepare("SELECT id FROM users WHERE username = ?");
  find.bind(1, username);
  std::int64_t user_id = find.step() ? find.int64(0) : 0;
  find.reset();
  auto memberships = storage::list_memberships(conn, user_id);
  if (memberships.empty()) return {};  // the fuzzer took them away: rebuild
  unsigned char random[32], digest[32];
  randombytes_buf(random, sizeof random);
  std::string token = hex(random, sizeof random);
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     nullptr, 0);
  std::int64_t now = unix_now();
  storage::UnitOfWork tx(conn);
  storage::insert_session(conn, storage::SessionRow{hex(digest, sizeof digest), user_id,
                                                    memberships.front().organization_id,
                                                    memberships.front().workgroup, now, now});
  tx.commit();
  return w.services->authenticate(token) ? token : std::string();
}

void build_world() {
  world.reset();  // the server before its services before the database
  http::response_cache().clear();  // pages cached from the previous database must not be served from this one
  fs::path live = folder / "live.db";
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(live.string() + suffix);
  fs::copy_file(folder / "pristine.db", live);
  auto w = std::make_unique<World>();
  w->db = std::make_unique<storage::Database>(live.string());
  w->services = std::make_unique<Services>(*w->db);
  http::ServerOptions options;
  options.bind = "127.0.0.1";
  options.port = 8080;
  options.web_root = (folder / "web").string();
  w->server = std::make_unique<http::Server>(options, *w->services);
  for (std::size_t i = 0; i < kUsers.size(); ++i) {
    w->tokens[i] = fresh_session(*w, kUsers[i]);
    if (w->tokens[i].empty()) {
      std::fprintf(stderr, "http_request_fuzz: a new session for %s does not authenticate\n", kUsers[i]);
      std::abort();
    }
  }
  world = std::move(w);
}

void tear_down() {
  world.reset();
  std::error_code ec;
  fs::remove_all(folder, ec);
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// The placeholders, filled in; tokens that stopped working are replaced first.
std::string prepare(std::string_view input) {
  std::string text(input);
  for (std::size_t i = 0; i < kPlaceholders.size(); ++i) {
    if (text.find(kPlaceholders[i]) == std::string::npos) continue;
    if (!world->services->authenticate(world->tokens[i])) {
      world->tokens[i] = fresh_session(*world, kUsers[i]);
      if (world->tokens[i].empty()) {
        build_world();
        return prepare(input);
      }
    }
    for (std::size_t at; (at = text.find(kPlaceholders[i])) != std::string::npos;)
      text.replace(at, 3, world->tokens[i]);
  }
  if (auto at = text.find("@N@"); at != std::string::npos) {
    auto end = text.find("\r\n\r\n");
    std::size_t body = end == std::string::npos ? 0 : text.size() - (end + 4);
    // The digits replace the placeholder inside the headers, so the body's length does not change.
    if (end == std::string::npos || at < end) text.replace(at, 3, std::to_string(body));
  }
  return text;
}

std::string header_value(std::string_view head, std::string_view name) {
  for (std::size_t at = head.find("\r\n"); at != std::string_view::npos; at = head.find("\r\n", at + 2)) {
    std::string_view line = head.substr(at + 2, head.find("\r\n", at + 2) - (at + 2));
    if (line.size() > name.size() && line[name.size()] == ':' &&
        std::equal(name.begin(), name.end(), line.begin(),
                   [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); })) {
      std::string_view value = line.substr(name.size() + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      return std::string(value);
    }
  }
  return {};
}

[[noreturn]] void finding(const std::string& what, const std::string& request, const std::string& reply) {
  std::fprintf(stderr, "http_request_fuzz: %s\n--- request (placeholders filled) ---\n%s\n--- reply ---\n%s\n",
               what.c_str(), request.c_str(), reply.substr(0, 4000).c_str());
  std::abort();
}

void check_reply(const std::string& request, const std::string& whole_reply) {
  if (whole_reply.empty()) return;  // an incomplete request: a connection would wait for more
  // "Expect: 100-continue" is answered "100 Continue" before the reply itself.
  std::string reply = whole_reply;
  while (reply.compare(0, 10, "HTTP/1.1 1") == 0 && reply.find("\r\n\r\n") != std::string::npos)
    reply.erase(0, reply.find("\r\n\r\n") + 4);
  if (reply.size() < 12 || reply.compare(0, 9, "HTTP/1.1 ") != 0) finding("not an HTTP/1.1 reply", request, reply);
  int status = 0;
  for (int i = 9; i < 12; ++i) {
    if (reply[i] < '0' || reply[i] > '9') finding("no status code", request, reply);
    status = status * 10 + (reply[i] - '0');
  }
  if (status < 100 || status > 599) finding("status out of range", request, reply);
  if (status == 500) finding("500: an exception reached the HTTP library", request, reply);
  auto head_end = reply.find("\r\n\r\n");
  if (head_end == std::string::npos) finding("reply headers never end", request, reply);
  std::string_view head(reply.data(), head_end);
  if (header_value(head, "X-Content-Type-Options") != "nosniff") finding("no nosniff header", request, reply);
  std::string type = header_value(head, "Content-Type");
  std::string_view body(reply.data() + head_end + 4, reply.size() - head_end - 4);
  // A HEAD reply has the headers of the GET and no body. The library reads the method as the request line's first
  // word, after any spaces, so "   HEAD /" is a HEAD too.
  std::size_t method_at = request.find_first_not_of(" \t");
  bool head_request = method_at != std::string::npos && request.compare(method_at, 5, "HEAD ") == 0;
  if (head_request) return;
  bool framed_by_length = header_value(head, "Transfer-Encoding").empty();
  std::string length = header_value(head, "Content-Length");
  if (framed_by_length && !length.empty() && length != std::to_string(body.size()))
    finding("Content-Length is not the body's length", request, reply);
  if (type.rfind("application/json", 0) == 0 && header_value(head, "Content-Encoding").empty() && framed_by_length &&
      !parse_json_text(body))
    finding("a JSON reply whose body is not JSON", request, reply);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::string pattern = (fs::temp_directory_path() / "waypoint-http-fuzz-XXXXXX").string();
  if (!mkdtemp(pattern.data())) {
    std::perror("mkdtemp");
    std::abort();
  }
  folder = pattern;
  {
    storage::Database pristine((folder / "pristine.db").string());
    pristine.migrate();
    load_demo_data(pristine);
    pristine.connection().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  // A small web app, so static file serving (ETag, gzip, ranges, deep links) is reached too.
  write_file(folder / "web/index.html", "<!doctype html><title>Waypoint</title><script src=\"app.js\"></script>\n");
  write_file(folder / "web/app.js", "console.log('waypoint');\n");
  write_file(folder / "web/app.wasm", std::string(4096, '\0') + "wasm");
  build_world();
  std::atexit(tear_down);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (world->served++ >= kRebuildEvery) build_world();
  std::string request = prepare(fuzz::as_text(data, size));
  std::string reply = world->server->serve_bytes(request);
  // WAYPOINT_FUZZ_VERBOSE=1 build/fuzz/http_request_fuzz FILE... shows what a seed gets back.
  static const bool verbose = std::getenv("WAYPOINT_FUZZ_VERBOSE") != nullptr;
  if (verbose) std::fprintf(stderr, "=== reply ===\n%s\n", reply.substr(0, 2000).c_str());
  check_reply(request, reply);
  return 0;
}
