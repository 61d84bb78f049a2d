#include "client/platform/local_time.hpp"

#include <emscripten.h>

#include <cstdlib>

namespace waypoint::client::local_time {

std::string format(const std::string& iso_utc) {
  char* text = reinterpret_cast<char*>(EM_ASM_INT(
      {
        const iso = UTF8ToString($0);
        const d = new Date(iso.includes('T') ? iso : iso.replace(' ', 'T') + 'Z');
        const out = isNaN(d.getTime()) ? iso : d.toLocaleString('en-US', {
          year : 'numeric', month : '2-digit', day : '2-digit', hour : 'numeric', minute : '2-digit'
        });
        const size = lengthBytesUTF8(out) + 1;
        const ptr = _malloc(size);
        stringToUTF8(out, ptr, size);
        return ptr;
      },
      iso_utc.c_str()));
  std::string out = text ? text : iso_utc;
  std::free(text);
  return out;
}

}  // namespace waypoint::client::local_time
