// Signing in and out over real HTTP: token and cookie, who-am-I, context switch, idle expiry,
// throttled sign-in, and 401 for every signed-in route without a session.
#include "api_client.hpp"

#include "server/http/api.hpp"

#include <doctest/doctest.h>
#include <sodium.h>

#include <chrono>
#include <regex>
#include <thread>

using namespace waypoint::test;

namespace {

std::string cookie_value(const std::string& set_cookie) {
  std::smatch m;
  std::regex pattern("waypoint_session=([^;]*)");
  return std::regex_search(set_cookie, m, pattern) ? m[1].str() : std::string();
}

bool has_attribute(const std::string& set_cookie, const std::string& attribute) {
  return std::regex_search(set_cookie, std::regex("(^|;)\\s*" + attribute + "\\s*(;|$)", std::regex::icase));
}

// libsodium's default BLAKE2b-256 of `text`, in hex: a fast, unsalted hash.
std::string fast_hash(const std::string& text) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string with_id(std::string path) { return std::regex_replace(path, std::regex("\\{id\\}"), "1"); }

}  // namespace

TEST_CASE("signing in answers a token, the user, the memberships and the first membership as context") {
  ServerProcess server(demo_options());
  Api api(server);
  auto reply = api.sign_in("demo-provider");
  REQUIRE(reply.status == 200);
  CHECK(reply.body["token"].is_string());
  CHECK(reply.body["token"].get<std::string>().size() >= 32);
  CHECK(reply.body["user"]["username"] == "demo-provider");
  CHECK(reply.body["user"]["display_name"] == "Priya Provider");
  CHECK_FALSE(reply.body["user"].contains("password_hash"));
  CHECK(reply.raw.find("argon2") == std::string::npos);
  REQUIRE(reply.body["memberships"].size() == 3);
  CHECK(reply.body["context"]["organization_id"] == demo::kNorthstar);
  CHECK(reply.body["context"]["organization_name"] == "Northstar Housing Partners");
  CHECK(reply.body["context"]["workgroup"] == "hmis_user");

  {  // GET /api/session answers the same user, memberships and context
    auto me = api.get("/api/session");
    REQUIRE(me.status == 200);
    CHECK(me.body["user"] == reply.body["user"]);
    CHECK(me.body["memberships"] == reply.body["memberships"]);
    CHECK(me.body["context"] == reply.body["context"]);
  }
  {  // a wrong password or an unknown user is a 401 naming no user and setting no cookie
    Api other(server);
    auto wrong = other.sign_in("demo-caseworker", "not-the-password");
    CHECK(wrong.status == 401);
    CHECK(wrong.code() == "unauthenticated");
    CHECK(wrong.header("Set-Cookie").empty());
    auto unknown = other.sign_in("nobody-at-all", "not-the-password");
    CHECK(unknown.status == 401);
    CHECK(unknown.body["error"]["message"] == wrong.body["error"]["message"]);
  }
  {  // an empty username or password is refused naming the field
    Api other(server);
    auto empty = other.sign_in("", "");
    CHECK(empty.status == 422);
    CHECK(empty.names_field("username"));
    CHECK(empty.names_field("password"));
  }
}

TEST_CASE("the session cookie is HttpOnly and SameSite=Strict, and the cookie alone authenticates") {
  ServerProcess server(demo_options());
  Api api(server);
  auto reply = api.sign_in("demo-caseworker");
  REQUIRE(reply.status == 200);
  std::string set_cookie = reply.header("Set-Cookie");
  INFO("Set-Cookie: ", set_cookie);
  CHECK(has_attribute(set_cookie, "HttpOnly"));
  CHECK(has_attribute(set_cookie, "SameSite=Strict"));
  CHECK(has_attribute(set_cookie, "Path=/"));
  std::string cookie = cookie_value(set_cookie);
  CHECK(cookie == reply.body["token"].get<std::string>());

  Api anonymous(server);
  auto without = anonymous.get("/api/session");
  CHECK(without.status == 401);
  CHECK(without.code() == "unauthenticated");

  auto with_cookie = anonymous.send("GET", "/api/session", "", {{"Cookie", "theme=dark; waypoint_session=" + cookie}});
  REQUIRE(with_cookie.status == 200);
  CHECK(with_cookie.body["user"]["username"] == "demo-caseworker");

  auto bad_cookie = anonymous.send("GET", "/api/session", "", {{"Cookie", "waypoint_session=" + std::string(64, 'a')}});
  CHECK(bad_cookie.status == 401);
  auto bad_bearer = anonymous.send("GET", "/api/session", "", {{"Authorization", "Bearer " + std::string(64, 'b')}});
  CHECK(bad_bearer.status == 401);
}

TEST_CASE("after signing out, the token and the cookie are both a 401") {
  ServerProcess server(demo_options());
  Api api(server);
  auto signed_in = api.sign_in("demo-provider");
  REQUIRE(signed_in.status == 200);
  std::string token = api.token();
  Api second = Api::signed_in(server, "demo-provider");  // another device of the same user

  auto out = api.del("/api/session");
  CHECK(out.status == 204);
  std::string cleared = out.header("Set-Cookie");
  INFO("Set-Cookie on sign-out: ", cleared);
  CHECK(cookie_value(cleared).empty());
  CHECK(cleared.find("Max-Age=0") != std::string::npos);

  CHECK(api.get("/api/session").status == 401);
  CHECK(api.get("/api/referrals?box=incoming").status == 401);
  Api by_cookie(server);
  CHECK(by_cookie.send("GET", "/api/session", "", {{"Cookie", "waypoint_session=" + token}}).status == 401);
  CHECK(api.del("/api/session").status == 401);
  // Signing out one session leaves the user's other sessions alone.
  CHECK(second.get("/api/session").status == 200);
}

TEST_CASE("a session idle longer than the limit is a 401, while activity keeps it alive") {
  // --session-idle-minutes 0.05: three seconds.
  ServerProcess server(demo_options({"--session-idle-minutes", "0.05"}));
  auto api = Api::signed_in(server, "demo-caseworker");
  using namespace std::chrono_literals;
  std::this_thread::sleep_for(2200ms);
  CHECK(api.get("/api/session").status == 200);
  std::this_thread::sleep_for(2200ms);
  CHECK(api.get("/api/session").status == 200);  // 4.4 s after sign-in, 2.2 s idle
  std::this_thread::sleep_for(4200ms);
  auto expired = api.get("/api/session");
  CHECK(expired.status == 401);
  CHECK(expired.code() == "unauthenticated");
  CHECK(api.get("/api/clients?q=smith").status == 401);
  // Signing in again works.
  CHECK(api.sign_in("demo-caseworker").status == 200);
  CHECK(api.get("/api/session").status == 200);
}

TEST_CASE("a session ends at its maximum age from sign-in, however active") {
  // --session-max-hours 0.001: 3.6 seconds; requests every 0.6 s keep it far from idle.
  ServerProcess server(demo_options({"--session-max-hours", "0.001"}));
  auto api = Api::signed_in(server, "demo-caseworker");
  using namespace std::chrono_literals;
  auto signed_in_at = std::chrono::steady_clock::now();
  int answered = 0;
  while (std::chrono::steady_clock::now() - signed_in_at < 2500ms) {
    CHECK(api.get("/api/session").status == 200);
    ++answered;
    std::this_thread::sleep_for(600ms);
  }
  CHECK(answered >= 4);
  std::this_thread::sleep_for(2500ms);  // 5 s after sign-in, 0.6-2.5 s idle
  auto ended = api.get("/api/session");
  CHECK(ended.status == 401);
  CHECK(ended.code() == "unauthenticated");
  // The cookie said so too: its Max-Age is the maximum age.
  auto again = api.sign_in("demo-caseworker");
  REQUIRE(again.status == 200);
  CHECK(std::regex_search(again.header("Set-Cookie"), std::regex("Max-Age=3(;|$)")));
}

TEST_CASE("five failed sign-ins within a minute throttle the username, even with the right password") {
  ServerProcess server(demo_options());
  Api api(server);
  // Four failures are not yet a throttle.
  for (int i = 0; i < 4; ++i) CHECK(api.sign_in("demo-agency-admin", "wrong password").status == 401);
  CHECK(api.sign_in("demo-agency-admin").status == 200);
  for (int i = 0; i < 5; ++i) {
    auto wrong = api.sign_in("demo-outreach", "wrong password " + std::to_string(i));
    CHECK(wrong.status == 401);
  }
  auto right = api.sign_in("demo-outreach");
  CHECK(right.status == 429);
  CHECK(right.code() == "throttled");
  CHECK_FALSE(right.header("Retry-After").empty());
  CHECK(right.header("Set-Cookie").empty());
  CHECK_FALSE(right.body.contains("token"));
  // Other usernames are not throttled by it.
  CHECK(api.sign_in("demo-cas-admin").status == 200);
}

TEST_CASE("switching context changes the organization and workgroup the session acts in") {
  ServerProcess server(demo_options());
  auto api = Api::signed_in(server, "demo-provider");

  auto to_admin = api.put("/api/session/context", {{"organization_id", demo::kNorthstar}, {"workgroup", "agency_admin"}});
  REQUIRE(to_admin.status == 200);
  CHECK(to_admin.body["context"]["workgroup"] == "agency_admin");
  CHECK(to_admin.body["context"]["organization_id"] == demo::kNorthstar);
  CHECK(api.get("/api/session").body["context"]["workgroup"] == "agency_admin");

  auto to_harbor = api.put("/api/session/context", {{"organization_id", demo::kHarborLight}, {"workgroup", "hmis_user"}});
  REQUIRE(to_harbor.status == 200);
  CHECK(to_harbor.body["context"]["organization_name"] == "Harbor Light Shelter");
  // The context is stored with the session: a fresh read sees Harbor Light, and the incoming box is Harbor Light's.
  auto incoming = api.get("/api/referrals?box=incoming&page_size=200");
  REQUIRE(incoming.status == 200);
  for (const auto& r : incoming.body["items"]) CHECK(r["to_organization_id"] == demo::kHarborLight);

  {  // a context that is not one of the user's memberships is a 422 naming a field
    auto not_member =
        api.put("/api/session/context", {{"organization_id", demo::kCedarCounty}, {"workgroup", "cas_admin"}});
    CHECK(not_member.status == 422);
    CHECK(not_member.code() == "validation");
    CHECK((not_member.names_field("workgroup") || not_member.names_field("organization_id")));
    auto wrong_role =
        api.put("/api/session/context", {{"organization_id", demo::kNorthstar}, {"workgroup", "system_admin"}});
    CHECK(wrong_role.status == 422);
    auto unknown_role = api.put("/api/session/context", {{"organization_id", demo::kNorthstar}, {"workgroup", "boss"}});
    CHECK(unknown_role.status == 422);
    CHECK(unknown_role.names_field("workgroup"));
    // Unchanged.
    CHECK(api.get("/api/session").body["context"]["organization_id"] == demo::kHarborLight);
  }
}

TEST_CASE("every signed-in route answers 401 without a session, and the public ones do not") {
  ServerProcess server(demo_options());
  Api anonymous(server);
  for (const auto& route : waypoint::http::api_routes()) {
    std::string body = route.method == "GET" || route.method == "DELETE" ? "" : "{}";
    auto reply = anonymous.send(route.method, with_id(route.path), body, {}, false);
    INFO(route.method, " ", route.path, " -> ", reply.status, " ", reply.raw);
    if (route.signed_in) {
      CHECK(reply.status == 401);
      CHECK(reply.code() == "unauthenticated");
    } else {
      CHECK(reply.status != 401);
      CHECK(reply.status != 404);
    }
  }
}

TEST_CASE("the database keeps neither a session token nor a fast hash of a password, even for a keyed sign-in") {
  ServerProcess server(demo_options());
  Api api(server);
  std::string body = json{{"username", "demo-caseworker"}, {"password", "waypoint-demo"}}.dump();
  // Clients may put an Idempotency-Key on any POST, sign-in included.
  auto reply = api.send("POST", "/api/session", body, {{"Idempotency-Key", "sign-in-key-1"}}, false);
  REQUIRE(reply.status == 200);
  std::string token = reply.body["token"].get<std::string>();
  const std::string& db = server.db_path();
  // Sessions are stored by a hash of the token.
  CHECK(sql_value(db, "SELECT count(*) FROM sessions WHERE token_hash = '" + token + "'") == "0");
  CHECK(sql_value(db, "SELECT count(*) FROM sessions") == "1");
  // A stored reply must not hold the token: whoever reads the file (a backup) could act as the user.
  CHECK(sql_value(db, "SELECT count(*) FROM idempotency_keys WHERE instr(response, '" + token + "') > 0") == "0");
  // Nor a BLAKE2b of the request, which holds the password: unsalted and fast, it undoes argon2id.
  std::string request_hash = fast_hash("POST /api/session\n" + body);
  CHECK(sql_value(db, "SELECT count(*) FROM idempotency_keys WHERE request_hash = '" + request_hash + "'") == "0");
  // The same holds for a new user's password sent to POST /api/users with a key.
  auto admin = Api::signed_in(server, "demo-admin");
  std::string new_user = json{{"username", "keyed-user"},
                              {"password", "keyed violet harbor lantern"},
                              {"display_name", "Keyed User"},
                              {"memberships", {{{"organization_id", 2}, {"workgroup", "hmis_user"}}}}}
                             .dump();
  REQUIRE(admin.send("POST", "/api/users", new_user, {{"Idempotency-Key", "new-user-key-1"}}).status == 201);
  CHECK(sql_value(db, "SELECT count(*) FROM idempotency_keys WHERE request_hash = '" +
                          fast_hash("POST /api/users\n" + new_user) + "'") == "0");
  // (Users carry must_change_password, so the audit is searched for the password and its hash, not the word.)
  CHECK(sql_value(db, "SELECT count(*) FROM audit_log WHERE instr(coalesce(after, '') || coalesce(before, ''), "
                      "'violet harbor') > 0 OR instr(coalesce(after, '') || coalesce(before, ''), 'argon2') > 0 "
                      "OR instr(coalesce(after, '') || coalesce(before, ''), 'password_hash') > 0") == "0");
}
