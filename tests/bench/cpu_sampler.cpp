// The CPU clock of one process (the browser's process running the page, while the client
// benchmark scrolls), read every 250 us until SIGTERM or SIGINT, then printed: a page has only
// wall-clock timers, and on a busy machine a frame's wall time includes the time its thread
// waited for a core. The kernel's clock counts only the time the process ran, so a frame's CPU
// time is its reading at the frame's end less the one at its start.
//   waypoint-bench-cpu-sampler --pid PID > samples   (lines: CLOCK_REALTIME ns, the process' CPU ns)
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <vector>

namespace {

volatile std::sig_atomic_t stop = 0;
void on_signal(int) { stop = 1; }

int64_t nanoseconds(const timespec& t) { return int64_t{t.tv_sec} * 1'000'000'000 + t.tv_nsec; }

struct Sample {
  int64_t wall_ns;
  int64_t cpu_ns;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Sample a process' CPU clock for the client benchmark"};
  pid_t pid = 0;
  int interval_us = 250;
  app.add_option("--pid", pid, "The process to sample")->required();
  app.add_option("--interval-us", interval_us, "Time between readings")->capture_default_str()->check(CLI::Range(50, 100000));
  CLI11_PARSE(app, argc, argv);

  clockid_t clock = 0;
  if (clock_getcpuclockid(pid, &clock) != 0) {
    std::fprintf(stderr, "no CPU clock for process %d\n", static_cast<int>(pid));
    return 1;
  }
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);
  // Kept in memory and printed at the end: writing as it samples would add to the load it measures.
  std::vector<Sample> samples;
  samples.reserve(1 << 20);
  const timespec pause{0, interval_us * 1000L};
  std::fprintf(stdout, "ready\n");
  std::fflush(stdout);
  while (!stop) {
    timespec wall{}, cpu{};
    clock_gettime(CLOCK_REALTIME, &wall);
    if (clock_gettime(clock, &cpu) != 0) break;  // the process ended
    samples.push_back({nanoseconds(wall), nanoseconds(cpu)});
    nanosleep(&pause, nullptr);
  }
  for (const Sample& s : samples) std::fprintf(stdout, "%lld %lld\n", static_cast<long long>(s.wall_ns),
                                               static_cast<long long>(s.cpu_ns));
  return 0;
}
