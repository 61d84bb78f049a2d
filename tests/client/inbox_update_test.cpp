// Incoming / Outgoing referrals as one continuous table: windows of rows are asked for as the
// table shows them, a few at a time, kept in a bounded cache, and started over by filters and sort.
#include "client/store/inbox.hpp"
#include "client/store/update.hpp"
#include "tests/client/replies.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace waypoint::client;
using waypoint::make_date;
using waypoint::client::testing::reply;

namespace {

const char* kSession = R"({"token":"t","user":{"id":7,"username":"demo-provider","display_name":"Dana",
  "active":true,"version":1},"memberships":[{"organization_id":3,"organization_name":"Northstar",
  "workgroup":"hmis_user"},{"organization_id":4,"organization_name":"Harbor Light","workgroup":"hmis_user"}],
  "context":{"organization_id":3,"organization_name":"Northstar","workgroup":"hmis_user"}})";

std::vector<HttpRequest> requests(const std::vector<Effect>& effects, RequestKind kind = RequestKind::incoming) {
  std::vector<HttpRequest> out;
  for (const auto& e : effects)
    if (std::get<HttpRequest>(e).kind == kind) out.push_back(std::get<HttpRequest>(e));
  return out;
}

int page_of(const HttpRequest& request) {
  auto at = request.path.find("&page=");
  REQUIRE(at != std::string::npos);
  return std::stoi(request.path.substr(at + 6));
}

std::vector<int> pages_of(const std::vector<HttpRequest>& list) {
  std::vector<int> pages;
  for (const auto& r : list) pages.push_back(page_of(r));
  return pages;
}

// The server's answer to a window request: rows numbered by their place in the result set.
HttpReplied window_reply(const HttpRequest& request, int64_t total) {
  int64_t first = int64_t{page_of(request) - 1} * InboxState::kWindowRows;
  int64_t count = std::clamp<int64_t>(total - first, 0, InboxState::kWindowRows);
  std::string items;
  for (int64_t i = 0; i < count; ++i) {
    int64_t id = 1000000 + first + i;
    items += (i ? "," : "") + std::string(R"({"id":)") + std::to_string(id) +
             R"(,"client_id":1,"from_project_id":2,"to_project_id":5,"referral_date":"2025-05-01","note":"",
             "status":"pending","date_acknowledged":null,"appointment_date":null,"result_date":null,"result":null,
             "comments":"","return_reason":"","cancel_reason":"","created_by_user_id":1,"version":1,
             "from_project_name":"Riverside","to_project_name":"Northstar","from_organization_id":2,
             "to_organization_id":3,"client_name":"Row )" + std::to_string(first + i) + R"("})";
  }
  return reply(request.kind, 200,
               R"({"items":[)" + items + R"(],"total":)" + std::to_string(total) + R"(,"page":)" +
                   std::to_string(page_of(request)) + R"(,"page_size":200})",
               request.tag);
}

struct Opened {
  State state;
  std::vector<HttpRequest> asked;
};

Opened open_incoming() {
  Opened o;
  update(o.state, AppStarted{make_date(2025, 6, 1), "#/referrals/incoming"});
  o.asked = requests(update(o.state, reply(RequestKind::session_restore, 200, kSession)));
  return o;
}

// Incoming opened and its first window answered, with `total` rows in the result set.
State incoming_with(int64_t total) {
  Opened o = open_incoming();
  REQUIRE(o.asked.size() == 1);
  update(o.state, window_reply(o.asked[0], total));
  return std::move(o.state);
}

size_t in_flight(const InboxState& inbox) {
  return static_cast<size_t>(std::count_if(inbox.windows.begin(), inbox.windows.end(),
                                           [](const auto& w) { return w.second.load == Load::loading; }));
}

}  // namespace

TEST_CASE("opening Incoming referrals asks for the first window of 200 rows with the filters and sort") {
  Opened o = open_incoming();
  REQUIRE(o.asked.size() == 1);
  CHECK(o.asked[0].path == "/api/referrals?box=incoming&page=1&page_size=200&sort=-referral_date");
  CHECK(o.state.incoming.load == Load::loading);
  update(o.state, window_reply(o.asked[0], 99985));
  CHECK(o.state.incoming.load == Load::ready);
  CHECK(o.state.incoming.total == 99985);
  REQUIRE(inbox_row(o.state.incoming, 199) != nullptr);
  CHECK(inbox_row(o.state.incoming, 199)->client_name == "Row 199");
  CHECK(inbox_row(o.state.incoming, 200) == nullptr);  // the second window was not asked for
}

TEST_CASE("rows scrolled into view are asked for by their windows, at most three at once") {
  State state = incoming_with(99985);
  // A fling far down: rows 50,080-50,093 show; their window (page 251) is asked for.
  auto asked = requests(update(state, ShowInboxRows{Box::incoming, 50080, 50094}));
  CHECK(pages_of(asked) == std::vector<int>{251});
  CHECK(inbox_row(state.incoming, 50080) == nullptr);  // a placeholder until it arrives
  // Shown rows reaching the end of a window bring the next one too.
  asked = requests(update(state, ShowInboxRows{Box::incoming, 50180, 50194}));
  CHECK(pages_of(asked) == std::vector<int>{252});
  // Scrolling on while three windows are on their way asks for nothing more (until one arrives).
  asked = requests(update(state, ShowInboxRows{Box::incoming, 60080, 60094}));
  CHECK(pages_of(asked) == std::vector<int>{301});
  CHECK(in_flight(state.incoming) == 3);
  asked = requests(update(state, ShowInboxRows{Box::incoming, 70080, 70094}));
  CHECK(asked.empty());
  // Near the start of a window, the one before comes too (scrolling up).
  State other = incoming_with(99985);
  CHECK(pages_of(requests(update(other, ShowInboxRows{Box::incoming, 50010, 50024}))) == std::vector<int>{251, 250});
}

TEST_CASE("a window's reply shows its rows and lets the next wanted window be asked for") {
  State state = incoming_with(99985);
  auto first = requests(update(state, ShowInboxRows{Box::incoming, 50080, 50094}));
  auto second = requests(update(state, ShowInboxRows{Box::incoming, 60080, 60094}));
  auto third = requests(update(state, ShowInboxRows{Box::incoming, 70080, 70094}));
  CHECK(requests(update(state, ShowInboxRows{Box::incoming, 80080, 80094})).empty());
  auto next = requests(update(state, window_reply(first[0], 99985)));
  CHECK(pages_of(next) == std::vector<int>{401});  // rows 80,080-80,093, on screen now
  REQUIRE(inbox_row(state.incoming, 50000) != nullptr);
  CHECK(inbox_row(state.incoming, 50000)->client_name == "Row 50000");
  CHECK(inbox_row(state.incoming, 50000)->id == 1050000);
}

TEST_CASE("the window cache stays bounded, dropping the windows shown longest ago") {
  State state = incoming_with(99985);
  for (int64_t row = 1080; row < 99000; row += 2000) {
    for (const auto& r : requests(update(state, ShowInboxRows{Box::incoming, row, row + 14})))
      update(state, window_reply(r, 99985));
    CHECK(state.incoming.windows.size() <= InboxState::kMaxWindows);
  }
  CHECK(state.incoming.windows.size() == InboxState::kMaxWindows);
  CHECK(inbox_row(state.incoming, 97080) != nullptr);  // the one on screen stays
  CHECK(inbox_row(state.incoming, 1080) == nullptr);   // the oldest went first
  // Scrolling back to it asks for it again.
  auto asked = requests(update(state, ShowInboxRows{Box::incoming, 1080, 1094}));
  CHECK(pages_of(asked) == std::vector<int>{6});
}

TEST_CASE("a filter or sort change starts over: no rows, back to the top, older replies dropped") {
  State state = incoming_with(99985);
  auto far = requests(update(state, ShowInboxRows{Box::incoming, 50000, 50014}));
  int64_t query = state.incoming.query;
  auto asked = requests(update(state, FilterInbox{Box::incoming, "pending", 0}));
  REQUIRE(asked.size() == 1);
  CHECK(asked[0].path == "/api/referrals?box=incoming&page=1&page_size=200&sort=-referral_date&status=pending");
  CHECK(state.incoming.query == query + 1);
  CHECK(state.incoming.total == 0);
  CHECK(state.incoming.windows.size() == 1);
  update(state, window_reply(far[0], 99985));  // the old result set's window arrives late
  CHECK(state.incoming.total == 0);
  CHECK(inbox_row(state.incoming, 50000) == nullptr);
  update(state, window_reply(asked[0], 20052));
  CHECK(state.incoming.total == 20052);

  asked = requests(update(state, SortInbox{Box::incoming, "client_name"}));
  REQUIRE(asked.size() == 1);
  CHECK(asked[0].path ==
        "/api/referrals?box=incoming&page=1&page_size=200&sort=client_name&status=pending");
  CHECK(state.incoming.query == query + 2);
}

TEST_CASE("coming back to the list keeps its total and place while the shown windows are asked again") {
  State state = incoming_with(99985);
  for (const auto& r : requests(update(state, ShowInboxRows{Box::incoming, 50080, 50094})))
    update(state, window_reply(r, 99985));
  update(state, Navigate{Route{Screen::clients, 0, 0}});
  auto asked = requests(update(state, Navigate{Route{Screen::incoming, 0, 0}}));
  CHECK(pages_of(asked) == std::vector<int>{251});
  CHECK(state.incoming.total == 99985);  // the table keeps its height (and scroll position)
  CHECK(inbox_row(state.incoming, 50080) == nullptr);  // fresh rows are on their way
}

TEST_CASE("a result set that changed under the table drops the other windows, whose rows moved") {
  State state = incoming_with(99985);
  for (const auto& r : requests(update(state, ShowInboxRows{Box::incoming, 300, 314})))
    update(state, window_reply(r, 99985));
  REQUIRE(inbox_row(state.incoming, 300) != nullptr);
  auto asked = requests(update(state, ShowInboxRows{Box::incoming, 5000, 5014}));
  update(state, window_reply(asked[0], 99986));  // one referral more, written meanwhile
  CHECK(state.incoming.total == 99986);
  CHECK(inbox_row(state.incoming, 300) == nullptr);
  CHECK(inbox_row(state.incoming, 5000) != nullptr);
}

TEST_CASE("a window that failed is not asked again in a loop; Retry asks for it again") {
  State state = incoming_with(99985);
  auto asked = requests(update(state, ShowInboxRows{Box::incoming, 50080, 50094}));
  REQUIRE(asked.size() == 1);
  HttpReplied failed = reply(RequestKind::incoming, 0, "", asked[0].tag);
  failed.request = asked[0];
  update(state, failed);
  CHECK(inbox_row_failed(state.incoming, 50080));
  CHECK_FALSE(state.network_problem.empty());
  CHECK(requests(update(state, ShowInboxRows{Box::incoming, 50081, 50095})).empty());
  auto again = requests(update(state, RetryFailed{}));
  REQUIRE(again.size() == 1);
  CHECK(again[0] == asked[0]);
  CHECK_FALSE(inbox_row_failed(state.incoming, 50080));
  update(state, window_reply(again[0], 99985));
  CHECK(inbox_row(state.incoming, 50080) != nullptr);
}

TEST_CASE("a server error on a window marks its rows, and Retry asks for every failed window") {
  State state = incoming_with(99985);
  auto asked = requests(update(state, ShowInboxRows{Box::incoming, 50080, 50094}));
  update(state, reply(RequestKind::incoming, 500, R"({"error":{"message":"boom"}})", asked[0].tag));
  CHECK(inbox_row_failed(state.incoming, 50080));
  CHECK(state.incoming.load == Load::ready);  // the rest of the table still works
  auto again = requests(update(state, RetryFailed{}));
  CHECK(pages_of(again) == std::vector<int>{251});
}

TEST_CASE("a first window that never arrived leaves the list failed until Retry") {
  Opened o = open_incoming();
  HttpReplied failed = reply(RequestKind::incoming, 0, "", o.asked[0].tag);
  failed.request = o.asked[0];
  update(o.state, failed);
  CHECK(o.state.incoming.load == Load::failed);
  auto again = requests(update(o.state, RetryFailed{}));
  REQUIRE(again.size() == 1);
  CHECK(again[0] == o.asked[0]);
  update(o.state, window_reply(again[0], 12));
  CHECK(o.state.incoming.load == Load::ready);
  CHECK(o.state.incoming.total == 12);
}

TEST_CASE("outgoing referrals page the same way on their own state") {
  State state;
  update(state, AppStarted{make_date(2025, 6, 1), "#/referrals/outgoing"});
  auto asked = requests(update(state, reply(RequestKind::session_restore, 200, kSession)), RequestKind::outgoing);
  REQUIRE(asked.size() == 1);
  CHECK(asked[0].path == "/api/referrals?box=outgoing&page=1&page_size=200&sort=-referral_date");
  update(state, window_reply(asked[0], 450));
  CHECK(state.outgoing.total == 450);
  CHECK(state.incoming.total == 0);
  asked = requests(update(state, ShowInboxRows{Box::outgoing, 300, 314}), RequestKind::outgoing);
  CHECK(pages_of(asked) == std::vector<int>{2});
}

TEST_CASE("switching organization forgets the rows and the project filter") {
  State state = incoming_with(99985);
  update(state, FilterInbox{Box::incoming, "", 9});
  update(state, OpenSettings{});
  update(state, ChooseOrganization{4});
  update(state, ApplySettings{});
  std::string harbor = kSession;
  harbor.replace(harbor.find(R"("context":{"organization_id":3,"organization_name":"Northstar")"),
                 std::string(R"("context":{"organization_id":3,"organization_name":"Northstar")").size(),
                 R"("context":{"organization_id":4,"organization_name":"Harbor Light")");
  auto asked = requests(update(state, reply(RequestKind::set_context, 200, harbor)));
  CHECK(state.session.context.organization_id == 4);
  CHECK(state.incoming.project_id == 0);
  CHECK(state.incoming.total == 0);
  CHECK(inbox_row(state.incoming, 0) == nullptr);
  CHECK(pages_of(asked) == std::vector<int>{1});
}
