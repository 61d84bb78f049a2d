#include "client/widgets/theme.hpp"

#include <imgui_internal.h>

#include <cstdlib>
#include <string>

namespace waypoint::client::theme {

namespace {

Fonts loaded;
float current_scale = 0;
bool all_glyphs_wanted = false;
bool all_glyphs_built = false;

// Latin, Latin-1, Latin Extended-A/B, combining marks, Latin Extended Additional (Vietnamese),
// general punctuation, currency: names like Nguyễn, Björk, O’Brien, Đặng draw without a missing glyph.
const ImWchar kTextRanges[] = {0x0020, 0x024F, 0x0300, 0x036F, 0x1E00, 0x1EFF, 0x2000, 0x206F, 0x20A0, 0x20CF,
                               0x2100, 0x215F, 0x2190, 0x21FF, 0};
// What the first frame needs: ASCII and the punctuation of the app's own words (· – — ‘ ’ “ ” …,
// and the no-break spaces browsers put in formatted times). Rasterizing all five sizes of the full
// ranges (~5,800 glyphs) took most of the first frame; the rest follows the first text that needs
// it (note_text), usually the first list of names after sign-in.
const ImWchar kStartRanges[] = {0x0020, 0x007E, 0x00A0, 0x00A0, 0x00B7, 0x00B7, 0x2013, 0x2014, 0x2018, 0x2019,
                                0x201C, 0x201D, 0x2026, 0x2026, 0x202F, 0x202F, 0};
const ImWchar kIconRanges[] = {0xF000, 0xF3FF, 0};

bool in_start_ranges(unsigned c) {
  if (c < 0x20) return true;  // control characters draw nothing
  for (const ImWchar* r = kStartRanges; r[0]; r += 2)
    if (c >= r[0] && c <= r[1]) return true;
  return false;
}

ImFont* add_font(const char* file, float pixels, const ImWchar* ranges) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 1;
  ImFont* font = io.Fonts->AddFontFromFileTTF(file, pixels, &config, ranges);
  ImFontConfig icons;
  icons.MergeMode = true;
  icons.GlyphMinAdvanceX = pixels;
  icons.GlyphOffset.y = pixels * 0.05f;
  io.Fonts->AddFontFromFileTTF("/fonts/icons.ttf", pixels * 0.9f, &icons, kIconRanges);
  return font;
}

void apply_style(float s) {
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  style.WindowPadding = ImVec2(16, 16);
  style.FramePadding = ImVec2(10, 6);
  style.ItemSpacing = ImVec2(8, 8);
  style.ItemInnerSpacing = ImVec2(8, 6);
  style.CellPadding = ImVec2(8, 7);
  style.WindowRounding = 0;
  style.FrameRounding = 4;
  style.PopupRounding = 4;
  style.GrabRounding = 4;
  style.TabRounding = 4;
  style.ScrollbarSize = 14;
  style.FrameBorderSize = 1;
  style.WindowBorderSize = 0;
  style.SelectableTextAlign = ImVec2(0, 0.5f);
  style.ScaleAllSizes(s);

  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = ImColor(colour::text);
  c[ImGuiCol_TextDisabled] = ImColor(colour::muted);
  c[ImGuiCol_WindowBg] = ImColor(0xff, 0xff, 0xff);
  c[ImGuiCol_ChildBg] = ImColor(0xff, 0xff, 0xff, 0x00);
  c[ImGuiCol_PopupBg] = ImColor(0xff, 0xff, 0xff);
  c[ImGuiCol_Border] = ImColor(0xc9, 0xc9, 0xc9);
  c[ImGuiCol_FrameBg] = ImColor(0xff, 0xff, 0xff);
  c[ImGuiCol_FrameBgHovered] = ImColor(0xf0, 0xf4, 0xfa);
  c[ImGuiCol_FrameBgActive] = ImColor(0xe7, 0xf0, 0xfa);
  c[ImGuiCol_Button] = ImColor(0xf0, 0xf0, 0xf0);  // neutral: combo arrows, calendar days
  c[ImGuiCol_ButtonHovered] = ImColor(0xd9, 0xe8, 0xf6);
  c[ImGuiCol_ButtonActive] = ImColor(0xc4, 0xdc, 0xf2);
  c[ImGuiCol_Header] = ImColor(0xe7, 0xf0, 0xfa);
  c[ImGuiCol_HeaderHovered] = ImColor(0xd9, 0xe8, 0xf6);
  c[ImGuiCol_HeaderActive] = ImColor(0xc4, 0xdc, 0xf2);
  c[ImGuiCol_TableHeaderBg] = ImColor(0xf0, 0xf0, 0xf0);
  c[ImGuiCol_TableRowBgAlt] = ImColor(0xf7, 0xf9, 0xfb);
  c[ImGuiCol_CheckMark] = ImColor(colour::primary);
  c[ImGuiCol_NavHighlight] = ImColor(0x24, 0x91, 0xff);
  c[ImGuiCol_ModalWindowDimBg] = ImColor(0x1b, 0x1b, 0x1b, 0x80);
  ImGui::GetStyle() = style;
}

}  // namespace

bool apply(float pixel_ratio) {
  if (pixel_ratio <= 0) pixel_ratio = 1;
  bool grow = all_glyphs_wanted && !all_glyphs_built;
  if (pixel_ratio == current_scale && !grow) return false;
  current_scale = pixel_ratio;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;  // WebGL2 takes any height: less to upload
  // ImGui sizes a font by its line height (ascent - descent); CSS by its em. Noto Sans's
  // line is 1.362 em, so "16 px" here means what a browser means by 16 px.
  const float em = 1.362f * pixel_ratio;
  const ImWchar* ranges = all_glyphs_wanted ? kTextRanges : kStartRanges;
  all_glyphs_built = all_glyphs_wanted;
  loaded.body = add_font("/fonts/ui.ttf", 16 * em, ranges);
  loaded.bold = add_font("/fonts/ui-bold.ttf", 16 * em, ranges);
  loaded.small = add_font("/fonts/ui.ttf", 14 * em, ranges);
  loaded.heading = add_font("/fonts/ui-bold.ttf", 20 * em, ranges);
  loaded.title = add_font("/fonts/ui-bold.ttf", 24 * em, ranges);
  io.FontDefault = loaded.body;
  io.Fonts->Build();
  apply_style(pixel_ratio);
  return true;
}

void note_char(unsigned c) {
  if (!in_start_ranges(c)) all_glyphs_wanted = true;
}

void want_all_glyphs() { all_glyphs_wanted = true; }

void note_text(std::string_view utf8) {
  const char* p = utf8.data();
  const char* end = p + utf8.size();
  while (p < end && !all_glyphs_wanted) {
    unsigned c = static_cast<unsigned char>(*p);
    if (c >= 0x80) {
      p += ImTextCharFromUtf8(&c, p, end);
    } else if (c == '\\' && end - p >= 6 && p[1] == 'u') {  // JSON's \uXXXX
      c = static_cast<unsigned>(std::strtoul(std::string(p + 2, 4).c_str(), nullptr, 16));
      p += 6;
    } else {
      ++p;
    }
    note_char(c);
  }
}

const Fonts& fonts() { return loaded; }
float scale() { return current_scale > 0 ? current_scale : 1; }

}  // namespace waypoint::client::theme
