// Rendered lists (referral pages, client searches), kept until the next write. Every write's unit
// of work bumps the list version in the database (services' run_write), so a write by any process
// makes them stale; a list rendered at an older version is never served. Keys carry everything that decides the content (the acting
// organization and workgroup, the filters, the sort and the page), so no one is served another's.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace waypoint::http {

class ResponseCache {
 public:
  // version: the list version read before the list was (or would be) rendered.
  std::shared_ptr<const std::string> find(const std::string& key, std::int64_t version);
  void store(const std::string& key, std::int64_t version, std::string body);
  // Forgets every page: for a process that swaps in another database (the request fuzzer's fresh copies),
  // whose versions restart.
  void clear();

 private:
  static constexpr size_t kMaxEntries = 4096;
  std::mutex mutex_;
  std::int64_t entries_version_ = 0;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> entries_;
};

ResponseCache& response_cache();

}  // namespace waypoint::http
