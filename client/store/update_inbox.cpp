// Incoming and Outgoing referrals as one continuous table over the whole result set. The view
// reports which rows are on screen (ShowInboxRows); this file asks the server for the windows
// (pages of InboxState::kWindowRows) that cover them, a few at a time, and keeps a bounded cache
// of windows, dropping the one shown longest ago. Filters and sort start a new result set.
#include "client/store/inbox.hpp"
#include "client/store/referral_page.hpp"
#include "client/store/update_internal.hpp"

#include <algorithm>
#include <set>

namespace waypoint::client {

const Referral* inbox_row(const InboxState& inbox, int64_t index) {
  if (index < 0 || index >= inbox.total) return nullptr;
  auto found = inbox.windows.find(inbox_page_of(index));
  if (found == inbox.windows.end() || found->second.load != Load::ready) return nullptr;
  auto offset = static_cast<size_t>(index % InboxState::kWindowRows);
  return offset < found->second.rows.size() ? &found->second.rows[offset] : nullptr;
}

bool inbox_row_failed(const InboxState& inbox, int64_t index) {
  auto found = inbox.windows.find(inbox_page_of(index));
  return found != inbox.windows.end() && found->second.load == Load::failed;
}

namespace detail {

namespace {

// A reply's tag says which load and which window it answers.
constexpr int64_t kPageSpan = int64_t{1} << 22;  // more pages than the API serves (1,000,000)
int64_t window_tag(int64_t serial, int page) { return serial * kPageSpan + page; }
int64_t serial_of(int64_t tag) { return tag / kPageSpan; }
int page_of(int64_t tag) { return static_cast<int>(tag % kPageSpan); }

InboxState& inbox_of(State& state, Box box) { return box == Box::incoming ? state.incoming : state.outgoing; }
Box box_of(RequestKind kind) { return kind == RequestKind::incoming ? Box::incoming : Box::outgoing; }

HttpRequest window_request(const InboxState& inbox, Box box, int page) {
  std::string path = std::string("/api/referrals?box=") + (box == Box::incoming ? "incoming" : "outgoing") +
                     "&page=" + std::to_string(page) + "&page_size=" + std::to_string(InboxState::kWindowRows) +
                     "&sort=" + url_encode(inbox.sort);
  if (!inbox.status.empty()) path += "&status=" + url_encode(inbox.status);
  if (inbox.project_id > 0) path += "&project_id=" + std::to_string(inbox.project_id);
  return get(box == Box::incoming ? RequestKind::incoming : RequestKind::outgoing, path,
             window_tag(inbox.serial, page));
}

// The windows the screen needs, most needed first: those under the shown rows, then the next
// one in either direction once the shown rows come within a quarter window of it.
std::vector<int> wanted_pages(const InboxState& inbox) {
  // Until the first reply the total is the one seen before a reload, or unknown (then only the
  // first window is asked: it brings the total).
  if (inbox.load != Load::ready && inbox.total == 0) return {1};
  int pages = static_cast<int>((inbox.total + InboxState::kWindowRows - 1) / InboxState::kWindowRows);
  if (pages == 0) return {};
  int64_t end = std::max(inbox.end_shown, inbox.first_shown + 1);
  int first = std::clamp(inbox_page_of(inbox.first_shown), 1, pages);
  int last = std::clamp(inbox_page_of(end - 1), first, pages);
  std::vector<int> wanted;
  for (int page = first; page <= last; ++page) wanted.push_back(page);
  const int64_t near = InboxState::kWindowRows / 4;
  if (last < pages && int64_t{last} * InboxState::kWindowRows - end < near) wanted.push_back(last + 1);
  if (first > 1 && inbox.first_shown - int64_t{first - 1} * InboxState::kWindowRows < near) wanted.push_back(first - 1);
  return wanted;
}

void evict(InboxState& inbox, const std::vector<int>& wanted) {
  while (inbox.windows.size() > InboxState::kMaxWindows) {
    auto oldest = inbox.windows.end();
    for (auto it = inbox.windows.begin(); it != inbox.windows.end(); ++it) {
      if (it->second.load == Load::loading) continue;  // its reply would only bring it back
      if (std::find(wanted.begin(), wanted.end(), it->first) != wanted.end()) continue;
      if (oldest == inbox.windows.end() || it->second.shown_at < oldest->second.shown_at) oldest = it;
    }
    if (oldest == inbox.windows.end()) return;
    inbox.windows.erase(oldest);
  }
}

// Asks for wanted windows not here yet, keeping at most kMaxInFlight on their way.
Effects fetch_windows(InboxState& inbox, Box box) {
  std::vector<int> wanted = wanted_pages(inbox);
  auto in_flight = std::count_if(inbox.windows.begin(), inbox.windows.end(),
                                 [](const auto& w) { return w.second.load == Load::loading; });
  Effects effects;
  for (int page : wanted) {
    if (in_flight >= InboxState::kMaxInFlight) break;
    if (inbox.windows.count(page)) continue;
    inbox.windows[page] = RowWindow{Load::loading, {}, inbox.clock};
    effects.push_back(window_request(inbox, box, page));
    ++in_flight;
  }
  evict(inbox, wanted);
  return effects;
}

}  // namespace

Effects load_inbox(State& state, Box box) {
  InboxState& inbox = inbox_of(state, box);
  inbox.serial += 1;
  inbox.windows.clear();
  // The total and the shown rows stay until the first reply, so a reload keeps the table's
  // height and scroll position (its rows show placeholders meanwhile).
  inbox.load = Load::loading;
  return fetch_windows(inbox, box);
}

Effects filter_inbox(State& state, const FilterInbox& filter) {
  InboxState& inbox = inbox_of(state, filter.box);
  inbox.status = filter.status;
  inbox.project_id = filter.project_id;
  forget_rows(inbox);
  return load_inbox(state, filter.box);
}

Effects sort_inbox(State& state, const SortInbox& sort) {
  InboxState& inbox = inbox_of(state, sort.box);
  inbox.sort = sort.sort;
  forget_rows(inbox);
  return load_inbox(state, sort.box);
}

void forget_rows(InboxState& inbox) {
  inbox.query += 1;
  inbox.total = 0;
  inbox.first_shown = inbox.end_shown = 0;
  inbox.windows.clear();
  inbox.load = Load::idle;
}

Effects show_inbox_rows(State& state, const ShowInboxRows& shown) {
  InboxState& inbox = inbox_of(state, shown.box);
  inbox.first_shown = std::max<int64_t>(0, shown.first);
  inbox.end_shown = std::max(inbox.first_shown, shown.end);
  inbox.clock += 1;
  for (int page = inbox_page_of(inbox.first_shown);
       page <= inbox_page_of(std::max(inbox.first_shown, inbox.end_shown - 1)); ++page) {
    auto found = inbox.windows.find(page);
    if (found != inbox.windows.end()) found->second.shown_at = inbox.clock;
  }
  if (inbox.load == Load::failed || inbox.load == Load::idle) return {};  // Retry or Reload asks again
  return fetch_windows(inbox, shown.box);
}

Effects on_inbox_reply(State& state, const HttpReplied& reply) {
  Box box = box_of(reply.kind);
  InboxState& inbox = inbox_of(state, box);
  if (serial_of(reply.tag) != inbox.serial) return {};
  int page = page_of(reply.tag);
  ReferralPage read;
  if (reply.status >= 200 && reply.status < 300) read = read_referral_page(reply.body);
  if (!read.ok) {
    inbox.windows[page] = RowWindow{Load::failed, {}, inbox.clock};
    if (inbox.load == Load::loading) inbox.load = Load::failed;
    return {};
  }
  int64_t total = read.total;
  std::vector<Referral> rows = std::move(read.items);
  if (inbox.load == Load::ready && total != inbox.total) {
    // The result set changed under the table (referrals written meanwhile): rows of the
    // other windows may have moved, so they are asked again.
    std::erase_if(inbox.windows, [&](const auto& w) { return w.first != page && w.second.load == Load::ready; });
  }
  inbox.total = total;
  inbox.load = Load::ready;
  inbox.end_shown = std::min(inbox.end_shown, total);
  inbox.first_shown = std::min(inbox.first_shown, inbox.end_shown);
  inbox.windows[page] = RowWindow{Load::ready, std::move(rows), inbox.clock};
  return fetch_windows(inbox, box);
}

void inbox_request_failed(State& state, const HttpReplied& reply) {
  InboxState& inbox = inbox_of(state, box_of(reply.kind));
  if (serial_of(reply.tag) != inbox.serial) return;
  inbox.windows[page_of(reply.tag)] = RowWindow{Load::failed, {}, inbox.clock};
  if (inbox.load == Load::loading) inbox.load = Load::failed;
}

Effects retry_inbox(State& state, const HttpRequest& resent) {
  Effects effects;
  for (Box box : {Box::incoming, Box::outgoing}) {
    InboxState& inbox = inbox_of(state, box);
    std::erase_if(inbox.windows, [](const auto& w) { return w.second.load == Load::failed; });
    if (resent.kind == (box == Box::incoming ? RequestKind::incoming : RequestKind::outgoing) &&
        serial_of(resent.tag) == inbox.serial)
      inbox.windows[page_of(resent.tag)] = RowWindow{Load::loading, {}, inbox.clock};
    if (inbox.load == Load::failed) inbox.load = Load::loading;
    if (inbox.load == Load::idle) continue;
    auto more = fetch_windows(inbox, box);
    effects.insert(effects.end(), more.begin(), more.end());
  }
  return effects;
}

}  // namespace detail

}  // namespace waypoint::client
