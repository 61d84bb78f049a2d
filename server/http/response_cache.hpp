// Rendered lists (referral pages, client searches), kept until the next write. Every write
// request goes through the HTTP layer's write path, which bumps the data version; a list rendered
// at an older version is never served. Keys carry everything that decides the content (the acting
// organization and workgroup, the filters, the sort and the page), so no one is served another's.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace waypoint::http {

class ResponseCache {
 public:
  std::uint64_t version() const { return version_.load(std::memory_order_acquire); }
  void bump() { version_.fetch_add(1, std::memory_order_acq_rel); }

  std::shared_ptr<const std::string> find(const std::string& key, std::uint64_t version);
  void store(const std::string& key, std::uint64_t version, std::string body);

 private:
  static constexpr size_t kMaxEntries = 4096;
  std::atomic<std::uint64_t> version_{1};
  std::mutex mutex_;
  std::uint64_t entries_version_ = 0;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> entries_;
};

ResponseCache& response_cache();

}  // namespace waypoint::http
