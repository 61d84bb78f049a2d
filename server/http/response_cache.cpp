#include "server/http/response_cache.hpp"

namespace waypoint::http {

std::shared_ptr<const std::string> ResponseCache::find(const std::string& key, std::int64_t version) {
  std::lock_guard lock(mutex_);
  if (entries_version_ != version) return nullptr;
  auto found = entries_.find(key);
  return found == entries_.end() ? nullptr : found->second;
}

void ResponseCache::store(const std::string& key, std::int64_t version, std::string body) {
  std::lock_guard lock(mutex_);
  // Pages of an older version than the kept ones were rendered before a write another request saw.
  if (version < entries_version_) return;
  if (entries_version_ != version || entries_.size() >= kMaxEntries) {
    entries_.clear();
    entries_version_ = version;
  }
  entries_[key] = std::make_shared<const std::string>(std::move(body));
}

void ResponseCache::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  entries_version_ = 0;
}

ResponseCache& response_cache() {
  static ResponseCache cache;
  return cache;
}

}  // namespace waypoint::http
