// The web app's files, read once at start and served from memory with an ETag, so a
// browser revalidates cheaply (304) and always gets the build that is running.
// Files the HTTP library compresses itself (text, JavaScript) are left to it (gzip or
// brotli on the fly); the rest (wasm) are gzip-compressed once here.
#pragma once

#include <httplib.h>

#include <map>
#include <string>

namespace waypoint::http {

struct StaticFile {
  std::string body;
  std::string gzip_body;  // empty when not worth it or left to the HTTP library
  std::string mime;
  std::string etag;
};

class StaticFiles {
 public:
  // Loads every regular file under root; returns false (and serves nothing) when root is missing.
  bool load(const std::string& root);
  size_t size() const { return files_.size(); }

  // Serves path ("/" -> "/index.html"); unknown page paths get index.html so deep links work.
  void serve(const httplib::Request& req, httplib::Response& res) const;

 private:
  std::map<std::string, StaticFile> files_;
};

std::string mime_type_for(const std::string& path);

}  // namespace waypoint::http
