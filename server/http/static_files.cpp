#include "server/http/static_files.hpp"

#include "server/http/request_guard.hpp"

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace waypoint::http {

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string gzip(const std::string& data) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&stream, data.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return rc == Z_STREAM_END ? out : std::string{};
}

// FNV-1a 64: a content fingerprint for ETags, not a security boundary.
std::string fingerprint(const std::string& data) {
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : data) hash = (hash ^ c) * 1099511628211ull;
  char text[24];
  std::snprintf(text, sizeof text, "\"%016llx\"", static_cast<unsigned long long>(hash));
  return text;
}

bool compressed_by_library(const std::string& mime) {
  return mime.rfind("text/", 0) == 0 || mime == "application/javascript" || mime == "application/json" ||
         mime == "image/svg+xml";
}

bool accepts_gzip(const httplib::Request& req) {
  return req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
}

}  // namespace

std::string mime_type_for(const std::string& path) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "application/javascript"},
      {".mjs", "application/javascript"},    {".wasm", "application/wasm"},
      {".css", "text/css; charset=utf-8"},   {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},             {".png", "image/png"},
      {".ico", "image/x-icon"},              {".ttf", "font/ttf"},
      {".woff2", "font/woff2"},              {".txt", "text/plain; charset=utf-8"},
  };
  auto ext = fs::path(path).extension().string();
  auto found = types.find(ext);
  return found == types.end() ? "application/octet-stream" : found->second;
}

bool StaticFiles::load(const std::string& root) {
  files_.clear();
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return false;
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    StaticFile file;
    file.body = read_file(entry.path());
    file.mime = mime_type_for(entry.path().string());
    file.etag = fingerprint(file.body);
    if (!compressed_by_library(file.mime) && file.body.size() > 1024) {
      auto packed = gzip(file.body);
      if (!packed.empty() && packed.size() < file.body.size()) file.gzip_body = std::move(packed);
    }
    auto url = "/" + fs::relative(entry.path(), root).generic_string();
    files_.emplace(std::move(url), std::move(file));
  }
  return !files_.empty();
}

void StaticFiles::serve(const httplib::Request& req, httplib::Response& res) const {
  std::string path = req.path == "/" ? "/index.html" : req.path;
  auto found = files_.find(path);
  if (found == files_.end()) found = files_.find("/index.html");  // deep links: the app routes itself
  if (found == files_.end()) {
    res.status = 404;
    res.set_content("Not found. The web app is not built: run script/server.", "text/plain; charset=utf-8");
    return;
  }
  const StaticFile& file = found->second;
  res.set_header("ETag", file.etag);
  res.set_header("Cache-Control", "no-cache");
  res.set_header("Vary", "Accept-Encoding");
  res.set_header("Content-Security-Policy", kPageContentSecurityPolicy);  // nosniff and the rest: request_guard.cpp
  if (req.get_header_value("If-None-Match") == file.etag) {
    res.status = 304;
    return;
  }
  res.status = req.ranges.empty() ? 200 : 206;  // one range at most (the library refuses more with 416)
  if (!file.gzip_body.empty() && accepts_gzip(req) && req.ranges.empty()) {
    res.set_header("Content-Encoding", "gzip");
    res.set_content(file.gzip_body, file.mime.c_str());
  } else {
    res.set_content(file.body, file.mime.c_str());
  }
}

}  // namespace waypoint::http
