// A page of a longer list: its items and how many matched in all.
#pragma once

#include <cstdint>
#include <vector>

namespace waypoint {

template <class T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
};

}  // namespace waypoint
