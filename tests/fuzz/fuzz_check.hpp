// FUZZ_CHECK: the targets' invariant check. libFuzzer treats an abort like a memory error (it saves the input
// and stops), so a broken round trip or an answer that contradicts another is reported as a crash too.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

#define FUZZ_CHECK(condition)                                                                             \
  do {                                                                                                    \
    if (!(condition)) {                                                                                   \
      std::fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s\n", __FILE__, __LINE__, #condition);           \
      std::abort();                                                                                       \
    }                                                                                                     \
  } while (0)

namespace waypoint::fuzz {

inline std::string_view as_text(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace waypoint::fuzz
