// Waypoint's look: a light, calm theme on an 8 px grid, Noto Sans at 16 px body /
// 14 px small / 20 and 24 px headings, and Fork Awesome icons merged into each font.
// Everything is in framebuffer pixels, scaled by the device pixel ratio so text is crisp.
#pragma once

#include <imgui.h>

#include <string_view>

namespace waypoint::client::theme {

struct Fonts {
  ImFont* body = nullptr;
  ImFont* bold = nullptr;  // labels above fields
  ImFont* small = nullptr;
  ImFont* heading = nullptr;
  ImFont* title = nullptr;
};

// (Re)builds fonts and style for a device pixel ratio, or when text noted below needs glyphs the
// start-up set lacks; call before a frame, not during one. True when the font atlas was
// rebuilt (the renderer must upload it).
bool apply(float pixel_ratio);
// Text about to be drawn (server replies, pasted text) and typed characters: anything outside the
// start-up glyphs (Latin-1, general punctuation) makes the next apply() build the full ranges.
void note_text(std::string_view utf8);
void note_char(unsigned codepoint);
// The full ranges at the next apply() whatever the text (a moment the user waits anyway).
void want_all_glyphs();
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
inline constexpr ImU32 acknowledged = IM_COL32(0x00, 0x5e, 0xa2, 0xff);
inline constexpr ImU32 returned = IM_COL32(0x9c, 0x3d, 0x10, 0xff);  // red-brown: returned, rejected, no show
inline constexpr ImU32 cancelled = IM_COL32(0x5c, 0x5c, 0x5c, 0xff);
inline constexpr ImU32 border = IM_COL32(0xc9, 0xc9, 0xc9, 0xff);
inline constexpr ImU32 panel = IM_COL32(0xf5, 0xf6, 0xf8, 0xff);
inline constexpr ImU32 nav_bg = IM_COL32(0xf0, 0xf2, 0xf5, 0xff);
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
inline constexpr const char* left = "\xef\x81\x93";      // U+F053 chevron-left
inline constexpr const char* right = "\xef\x81\x94";     // U+F054 chevron-right
inline constexpr const char* close = "\xef\x80\x8d";     // U+F00D
inline constexpr const char* plus = "\xef\x81\xa7";      // U+F067
inline constexpr const char* sign_out = "\xef\x82\x8b";  // U+F08B
inline constexpr const char* users = "\xef\x83\x80";     // U+F0C0
inline constexpr const char* inbox = "\xef\x80\x9c";     // U+F01C
inline constexpr const char* send = "\xef\x87\x98";      // U+F1D8
inline constexpr const char* history = "\xef\x87\x9a";   // U+F1DA
inline constexpr const char* undo = "\xef\x83\xa2";      // U+F0E2
inline constexpr const char* exchange = "\xef\x83\xac";  // U+F0EC
inline constexpr const char* sort = "\xef\x83\x9c";      // U+F0DC
inline constexpr const char* sort_down = "\xef\x83\x9d"; // U+F0DD
inline constexpr const char* sort_up = "\xef\x83\x9e";   // U+F0DE
inline constexpr const char* bed = "\xef\x88\xb6";       // U+F236
}  // namespace icon

}  // namespace waypoint::client::theme
