// Waypoint's look: a light, calm theme on an 8 px grid, Noto Sans at 16 px body /
// 14 px small / 20 and 24 px headings, and Fork Awesome icons merged into each font.
// Everything is in framebuffer pixels, scaled by the device pixel ratio so text is crisp.
#pragma once

#include <imgui.h>

namespace waypoint::client::theme {

struct Fonts {
  ImFont* body = nullptr;
  ImFont* small = nullptr;
  ImFont* heading = nullptr;
  ImFont* title = nullptr;
};

// (Re)builds fonts and style for a device pixel ratio; call before a frame, not during one.
void apply(float pixel_ratio);
const Fonts& fonts();
float scale();  // device pixels per CSS pixel

// Colours with one meaning each everywhere (UI.md).
namespace colour {
inline constexpr ImU32 text = IM_COL32(0x1b, 0x1b, 0x1b, 0xff);
inline constexpr ImU32 muted = IM_COL32(0x5c, 0x5c, 0x5c, 0xff);
inline constexpr ImU32 primary = IM_COL32(0x00, 0x5e, 0xa2, 0xff);
inline constexpr ImU32 error = IM_COL32(0xb5, 0x09, 0x09, 0xff);
inline constexpr ImU32 success = IM_COL32(0x00, 0x7a, 0x3d, 0xff);
inline constexpr ImU32 pending = IM_COL32(0xa8, 0x64, 0x00, 0xff);
inline constexpr ImU32 header_bg = IM_COL32(0x16, 0x2e, 0x51, 0xff);
}  // namespace colour

// Fork Awesome code points used on screen.
namespace icon {
inline constexpr const char* user = "\xef\x80\x87";      // U+F007
inline constexpr const char* search = "\xef\x80\x82";    // U+F002
inline constexpr const char* check = "\xef\x80\x8c";     // U+F00C
inline constexpr const char* refresh = "\xef\x80\xa1";   // U+F021
inline constexpr const char* pencil = "\xef\x81\x80";    // U+F040
inline constexpr const char* calendar = "\xef\x81\xb3";  // U+F073
inline constexpr const char* warning = "\xef\x81\xb1";   // U+F071
inline constexpr const char* bell = "\xef\x83\xb3";      // U+F0F3
inline constexpr const char* spinner = "\xef\x84\x90";   // U+F110
}  // namespace icon

}  // namespace waypoint::client::theme
