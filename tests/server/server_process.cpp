#include "server_process.hpp"

#include <httplib.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace waypoint::test {

namespace fs = std::filesystem;

ServerProcess::ServerProcess(ServerOptions options) : options_(std::move(options)) {
  char pattern[] = "/tmp/waypoint-test-XXXXXX";
  folder_ = mkdtemp(pattern);
  db_path_ = options_.db_path.empty() ? folder_ + "/test.db" : options_.db_path;
  if (options_.web_root.empty()) {
    options_.web_root = folder_ + "/web";
    fs::create_directories(options_.web_root);
    std::ofstream(options_.web_root + "/index.html") << "<!doctype html><title>Waypoint</title><canvas></canvas>";
    std::ofstream(options_.web_root + "/app.wasm", std::ios::binary) << std::string(4096, '\0');
  }
  start();
}

void ServerProcess::start() {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::vector<std::string> args = {WAYPOINT_SERVER_BINARY, "--port", "0", "--bind", "127.0.0.1",
                                     "--db", db_path_, "--web-root", options_.web_root};
    args.insert(args.end(), options_.extra_args.begin(), options_.extra_args.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  // Read stdout until the "listening on" line gives the port.
  FILE* stream = fdopen(out[0], "r");
  char line[512];
  while (fgets(line, sizeof line, stream)) {
    std::string text = line;
    auto at = text.find("://127.0.0.1:");  // http or https
    if (text.find("listening on ") != std::string::npos && at != std::string::npos) {
      port_ = std::atoi(text.c_str() + at + std::string("://127.0.0.1:").size());
      break;
    }
  }
  // Keep draining stdout in the background so the server never blocks on a full pipe.
  if (fork() == 0) {
    while (fgets(line, sizeof line, stream)) {
    }
    _exit(0);
  }
  fclose(stream);
  if (port_ <= 0) {
    stop();
    throw std::runtime_error("waypoint-server did not start");
  }
}

httplib::Client ServerProcess::client() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(5);
  client.set_read_timeout(30);
  return client;
}

void ServerProcess::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

int ServerProcess::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

ServerProcess::~ServerProcess() {
  stop();
  std::error_code ec;
  fs::remove_all(folder_, ec);
}

}  // namespace waypoint::test
