#include "client/a11y/semantics.hpp"

#include "client/platform/redraw.hpp"

#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <unordered_map>
#include <vector>

namespace waypoint::client::a11y {

namespace {

std::vector<Node> nodes;
std::vector<int> open_containers;
std::unordered_map<ImGuiID, int> by_id;
std::string live_status, live_alert;
float pixel_ratio = 1.0f;

std::string building;
double publish_ms = 0;
int publish_count = 0;

// What the page asked for, applied before the next NewFrame.
struct Focus {
  ImGuiID id;
  bool keyboard;
};
std::optional<Focus> wanted_focus;
std::vector<ImGuiID> wanted_activations;
struct Key {
  ImGuiID id;
  ImGuiKey key;
};
std::vector<Key> wanted_keys;
std::vector<ImGuiKey> keys_to_release;
std::unordered_map<ImGuiID, Edit> wanted_edits;
std::unordered_map<ImGuiID, int> edit_waits;  // frames an edit has waited for its field
int edits_applied = 0;  // the page's sequence number of the last edit a field took
bool ring = false;      // the keyboard focus ring shows (until the mouse is used)

struct TableNodes;
void forget_tables();

void clear_frame(ImGuiContext*, ImGuiContextHook*) {
  forget_tables();
  nodes.clear();
  open_containers.clear();
  by_id.clear();
  live_status.clear();
  live_alert.clear();
}

int current_parent() { return open_containers.empty() ? -1 : open_containers.back(); }

bool is_private_use(unsigned c) { return c >= 0xE000 && c <= 0xF8FF; }

// The words a label shows: "Edit##referral-34" is "Edit", "<icon>  Clients###Clients" is
// "Clients", "##Username" (a field whose label is drawn above it) is "Username". Icon glyphs
// (private-use code points) are dropped.
std::string spoken(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    unsigned c = 0;
    int length = ImTextCharFromUtf8(&c, text.data() + i, text.data() + text.size());
    if (length <= 0) break;
    if (!is_private_use(c)) out.append(text.data() + i, static_cast<size_t>(length));
    i += static_cast<size_t>(length);
  }
  size_t first = out.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  size_t last = out.find_last_not_of(' ');
  return out.substr(first, last - first + 1);
}

std::string name_of_label(std::string_view label) {
  size_t triple = label.find("###");
  if (triple != std::string_view::npos) return spoken(label.substr(triple + 3));
  size_t hidden = label.find("##");
  std::string shown = spoken(label.substr(0, hidden));
  if (!shown.empty() || hidden == std::string_view::npos) return shown;
  return spoken(label.substr(hidden + 2));
}

Role role_in(int parent, Role fallback) {
  if (parent < 0) return fallback;
  switch (nodes[static_cast<size_t>(parent)].role) {
    case Role::listbox: return Role::option;
    case Role::tree: return Role::treeitem;
    default: return fallback;
  }
}

// Tables get their structure from ImGui's own: a node submitted in a table cell goes into that
// cell's node (columnheader in the header row), in its row, in the table, made on first use.
struct TableNodes {
  ImGuiID table = 0;
  int table_node = -1;
  int row = -1, row_node = -1;
  int column = -1, cell_node = -1;
};
TableNodes table_nodes;
void forget_tables() { table_nodes = TableNodes{}; }

int container(Role role, int parent) {
  Node node;
  node.role = role;
  node.parent = parent;
  node.labelled = true;
  nodes.push_back(std::move(node));
  return static_cast<int>(nodes.size()) - 1;
}

int parent_for_new_node() {
  ImGuiContext& g = *GImGui;
  ImGuiTable* table = g.CurrentTable;
  int parent = current_parent();
  if (!table || !table->IsInsideRow || table->CurrentColumn < 0 || g.CurrentWindow != table->InnerWindow)
    return parent;
  // A container begun inside the cell (a listbox of a combo in a cell) keeps its children.
  if (parent >= 0 && parent > table_nodes.cell_node && table_nodes.table == table->ID) return parent;
  if (table_nodes.table != table->ID || table_nodes.table_node < 0 ||
      static_cast<size_t>(table_nodes.table_node) >= nodes.size()) {
    table_nodes = TableNodes{};
    table_nodes.table = table->ID;
    table_nodes.table_node = container(Role::table, parent);
  }
  if (table_nodes.row != table->CurrentRow) {
    table_nodes.row = table->CurrentRow;
    table_nodes.row_node = container(Role::row, table_nodes.table_node);
    table_nodes.column = -1;
  }
  if (table_nodes.column != table->CurrentColumn) {
    table_nodes.column = table->CurrentColumn;
    bool header = (table->RowFlags & ImGuiTableRowFlags_Headers) != 0;
    table_nodes.cell_node = container(header ? Role::columnheader : Role::cell, table_nodes.row_node);
  }
  return table_nodes.cell_node;
}

// Within a screenful above or below what its window shows: a node the keyboard can reach next
// (focusing it scrolls it into view, and brings the next screenful in). Farther ones are left out,
// so a long list costs what its visible part does.
bool near_view(const ImRect& rect) {
  ImGuiWindow* window = GImGui->CurrentWindow;
  if (!window) return true;
  const ImRect& clip = window->ClipRect;
  float band = std::max(clip.GetHeight(), 1.0f);
  return rect.Max.y >= clip.Min.y - band && rect.Min.y <= clip.Max.y + band;
}

Node dropped;  // what text() hands back for a node left out

Node& push(Node node) {
  node.parent = parent_for_new_node();
  nodes.push_back(std::move(node));
  return nodes.back();
}

void set_rect(Node& node, const ImRect& rect) {
  node.x0 = rect.Min.x;
  node.y0 = rect.Min.y;
  node.x1 = rect.Max.x;
  node.y1 = rect.Max.y;
}

// --- publishing ------------------------------------------------------------------------------

void append_string(std::string& out, std::string_view text) {
  out += '"';
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else {
      out += ch;
    }
  }
  out += '"';
}

void append_int(std::string& out, long long value) {
  char text[24];
  auto end = std::to_chars(text, text + sizeof text, value).ptr;
  out.append(text, static_cast<size_t>(end - text));
}

// Rects go as whole framebuffer pixels; the page divides by the pixel ratio.
void append_pixels(std::string& out, float value) { append_int(out, static_cast<long long>(std::lround(value))); }

// The node a modal dialog is, if one is open: then only it (and the live regions) are shown,
// as ImGui itself blocks everything else.
int open_modal() {
  for (int i = static_cast<int>(nodes.size()) - 1; i >= 0; --i)
    if (nodes[static_cast<size_t>(i)].role == Role::dialog && (nodes[static_cast<size_t>(i)].state & modal)) return i;
  return -1;
}

bool inside(int index, int ancestor) {
  for (int i = index; i >= 0; i = nodes[static_cast<size_t>(i)].parent)
    if (i == ancestor) return true;
  return false;
}

// Each node's key stays the same from frame to frame while it means the same thing, so the page
// keeps its element (and focus): an item's ImGui ID, else its place among its parent's children.
std::vector<unsigned> keys_for(const std::vector<int>& shown) {
  std::vector<unsigned> keys(nodes.size(), 0);
  std::unordered_map<unsigned long long, int> ordinal;
  for (int index : shown) {
    const Node& node = nodes[static_cast<size_t>(index)];
    if (node.id != 0) {
      keys[static_cast<size_t>(index)] = node.id;
      continue;
    }
    unsigned parent_key = node.parent >= 0 ? keys[static_cast<size_t>(node.parent)] : 0;
    unsigned long long slot = (static_cast<unsigned long long>(parent_key) << 8) | static_cast<unsigned>(node.role);
    int n = ordinal[slot]++;
    unsigned seed[3] = {parent_key, static_cast<unsigned>(node.role), static_cast<unsigned>(n)};
    keys[static_cast<size_t>(index)] = ImHashData(seed, sizeof seed, 0x5eed) | 1u;
  }
  return keys;
}

ImGuiID focused_item() {
  ImGuiContext& g = *GImGui;
  if (g.ActiveId != 0 && by_id.count(g.ActiveId) &&
      nodes[static_cast<size_t>(by_id[g.ActiveId])].role == Role::textbox)
    return g.ActiveId;
  return g.NavWindow ? g.NavId : 0;
}

std::unordered_map<unsigned, ImGuiID> published_hashes;  // node key -> hash of what the page has
ImGuiID published_signature = 0;

// [key, parent key, role, name, x, y, w, h, state, level, description, error, value,
//  selection start, selection end, row index, row count, autocomplete, item id]
void append_node(std::string& out, const Node& node, unsigned key, unsigned parent_key) {
  out += '[';
  append_int(out, key);
  out += ',';
  append_int(out, parent_key);
  out += ',';
  append_int(out, static_cast<int>(node.role));
  out += ',';
  append_string(out, node.name);
  out += ',';
  append_pixels(out, node.x0);
  out += ',';
  append_pixels(out, node.y0);
  out += ',';
  append_pixels(out, node.x1 - node.x0);
  out += ',';
  append_pixels(out, node.y1 - node.y0);
  out += ',';
  append_int(out, node.state);
  out += ',';
  append_int(out, node.level);
  out += ',';
  append_string(out, node.description);
  out += ',';
  append_string(out, node.error);
  out += ',';
  append_string(out, node.value);
  out += ',';
  append_int(out, node.selection_start);
  out += ',';
  append_int(out, node.selection_end);
  out += ',';
  append_int(out, node.row_index);
  out += ',';
  append_int(out, node.row_count);
  out += ',';
  append_string(out, node.autocomplete);
  out += ',';
  append_int(out, node.id);
  out += ']';
}

// The tree as the page needs it: every node in order, in full when it changed since the last
// tree the page was sent, else as its key alone. Returns false when nothing changed at all.
bool build_tree(std::string& out) {
  int modal_index = open_modal();
  std::vector<int> shown;
  shown.reserve(nodes.size());
  for (int i = 0; i < static_cast<int>(nodes.size()); ++i)
    if (modal_index < 0 || inside(i, modal_index)) shown.push_back(i);
  std::vector<unsigned> keys = keys_for(shown);

  std::string header;
  header += "{\"e\":";
  append_int(header, edits_applied);
  header += ",\"f\":";
  append_int(header, focused_item());
  header += ",\"s\":";
  append_string(header, live_status);
  header += ",\"a\":";
  append_string(header, live_alert);
  header += ",\"r\":";
  append_int(header, std::lround(pixel_ratio * 1000));
  header += ",\"n\":[";

  static std::string scratch;
  std::vector<std::pair<unsigned, ImGuiID>> hashes;
  hashes.reserve(shown.size());
  ImGuiID signature = ImHashStr(header.c_str(), header.size(), 0);
  for (int index : shown) {
    const Node& node = nodes[static_cast<size_t>(index)];
    bool parent_shown = node.parent >= 0 && (modal_index < 0 || inside(node.parent, modal_index));
    scratch.clear();
    append_node(scratch, node, keys[static_cast<size_t>(index)], parent_shown ? keys[static_cast<size_t>(node.parent)] : 0);
    ImGuiID hash = ImHashStr(scratch.c_str(), scratch.size(), 0);
    hashes.emplace_back(keys[static_cast<size_t>(index)], hash);
    signature = ImHashData(&hash, sizeof hash, signature);
  }
  if (signature == published_signature) return false;
  published_signature = signature;

  out = header;
  std::unordered_map<unsigned, ImGuiID> now;
  now.reserve(hashes.size());
  for (size_t i = 0; i < shown.size(); ++i) {
    if (i) out += ',';
    auto [key, hash] = hashes[i];
    auto before = published_hashes.find(key);
    if (before != published_hashes.end() && before->second == hash) {
      append_int(out, key);
    } else {
      const Node& node = nodes[static_cast<size_t>(shown[i])];
      bool parent_shown = node.parent >= 0 && (modal_index < 0 || inside(node.parent, modal_index));
      append_node(out, node, key, parent_shown ? keys[static_cast<size_t>(node.parent)] : 0);
    }
    now[key] = hash;
  }
  out += "]}";
  published_hashes.swap(now);
  return true;
}

// The focus ring over the item the keyboard is on (ImGui's own nav highlight is 2 framebuffer
// pixels whatever the zoom, too thin to see at 200%).
void draw_ring() {
  ImGuiContext& g = *GImGui;
  if (g.IO.MouseClicked[0] || g.IO.MouseClicked[1]) ring = false;
  if (!ring) return;
  ImGuiID id = focused_item();
  auto found = by_id.find(id);
  if (found == by_id.end()) return;
  const Node& node = nodes[static_cast<size_t>(found->second)];
  float width = 3.0f * pixel_ratio;
  float gap = 2.0f * pixel_ratio;
  ImDrawList* draw = ImGui::GetForegroundDrawList();
  ImVec2 min(node.x0 - gap - width * 0.5f, node.y0 - gap - width * 0.5f);
  ImVec2 max(node.x1 + gap + width * 0.5f, node.y1 + gap + width * 0.5f);
  draw->AddRect(min, max, IM_COL32(0xff, 0xff, 0xff, 0xff), 4.0f * pixel_ratio, 0, width + 2.0f * pixel_ratio);
  draw->AddRect(min, max, IM_COL32(0x0b, 0x0c, 0x0c, 0xff), 4.0f * pixel_ratio, 0, width);
}

}  // namespace

void install(ImGuiContext* context) {
  ImGuiContextHook hook;
  hook.Type = ImGuiContextHookType_NewFramePre;
  hook.Callback = clear_frame;
  ImGui::AddContextHook(context, &hook);
}

void set_pixel_ratio(float ratio) { pixel_ratio = ratio > 0 ? ratio : 1.0f; }

Node& begin(Role role, std::string_view name) {
  ImGuiWindow* window = GImGui->CurrentWindow;
  Node node;
  node.role = role;
  node.name = std::string(name);
  node.labelled = true;
  if (window) {
    ImVec2 at = window->DC.CursorPos;
    node.x0 = node.x1 = at.x;
    node.y0 = node.y1 = at.y;
  }
  push(std::move(node));
  int index = static_cast<int>(nodes.size()) - 1;
  open_containers.push_back(index);
  return nodes.back();
}

void end() {
  if (open_containers.empty()) return;
  open_containers.pop_back();
}

Node& text(std::string_view words, Role role, int level) {
  ImGuiContext& g = *GImGui;
  if (!near_view(g.LastItemData.Rect)) return dropped = Node{};
  Node node;
  node.role = role;
  node.level = static_cast<std::uint8_t>(level);
  node.name = spoken(words);
  node.labelled = true;
  set_rect(node, g.LastItemData.Rect);
  return push(std::move(node));
}

Node& text_rect(std::string_view words, float x0, float y0, float x1, float y1) {
  if (!near_view(ImRect(x0, y0, x1, y1))) return dropped = Node{};
  Node node;
  node.role = Role::text;
  node.name = spoken(words);
  node.labelled = true;
  node.x0 = x0;
  node.y0 = y0;
  node.x1 = x1;
  node.y1 = y1;
  return push(std::move(node));
}

Node* item(ImGuiID id) {
  auto found = by_id.find(id);
  return found == by_id.end() ? nullptr : &nodes[static_cast<size_t>(found->second)];
}

Node* last_item() { return item(GImGui->LastItemData.ID); }

void name_last(const char* label) {
  Node* node = last_item();
  if (node && !node->labelled && node->name.empty() && label) node->name = name_of_label(label);
}

void announce(std::string_view words, Role role) {
  std::string& region = role == Role::alert ? live_alert : live_status;
  if (!region.empty()) region += ' ';
  region += spoken(words);
}

void on_item_add(ImGuiID id, const ImRect& rect, bool disabled_item) {
  ImGuiContext& g = *GImGui;
  ImGuiWindow* window = g.CurrentWindow;
  if (!window || window->Hidden || (window->Flags & ImGuiWindowFlags_Tooltip) || id == 0) return;
  if (id == window->ID || ImGui::FindWindowByID(id)) return;  // a window, or a child window's place in its parent
  if (!near_view(rect)) return;
  auto found = by_id.find(id);
  if (found != by_id.end()) {
    set_rect(nodes[static_cast<size_t>(found->second)], rect);
    return;
  }
  Node node;
  node.id = id;
  node.role = role_in(parent_for_new_node(), Role::button);
  node.window = window->ID;
  if (disabled_item) node.state |= disabled;
  set_rect(node, rect);
  push(std::move(node));
  by_id[id] = static_cast<int>(nodes.size()) - 1;
}

void on_item_info(ImGuiID id, const char* label, int flags) {
  auto found = by_id.find(id);
  if (found == by_id.end()) return;
  Node& node = nodes[static_cast<size_t>(found->second)];
  if (!node.labelled && label) node.name = name_of_label(label);
  if (flags & ImGuiItemStatusFlags_Inputable) node.role = Role::textbox;
  if (flags & ImGuiItemStatusFlags_Checkable) {
    node.role = Role::checkbox;
    if (flags & ImGuiItemStatusFlags_Checked) node.state |= checked;
  }
  if (flags & ImGuiItemStatusFlags_Openable) {
    node.state |= expandable;
    if (flags & ImGuiItemStatusFlags_Opened) node.state |= expanded;
  }
  if (node.role == Role::option || node.role == Role::treeitem) node.state |= selectable;
}

void note_field(ImGuiID id, const std::string& value) {
  Node* node = item(id);
  if (!node) return;
  ImGuiInputTextState* state = ImGui::GetInputTextState(id);
  if (state && GImGui->ActiveId == id) {
    std::string live(static_cast<size_t>(state->CurLenA) * 1 + 4 * static_cast<size_t>(state->CurLenW) + 1, '\0');
    int bytes = ImTextStrToUtf8(live.data(), static_cast<int>(live.size()), state->TextW.Data,
                                state->TextW.Data + state->CurLenW);
    live.resize(static_cast<size_t>(bytes));
    node->value = std::move(live);
    node->selection_start = std::min(state->GetSelectionStart(), state->GetSelectionEnd());
    node->selection_end = std::max(state->GetSelectionStart(), state->GetSelectionEnd());
    if (!state->HasSelection()) node->selection_start = node->selection_end = state->GetCursorPos();
  } else {
    node->value = value;
    node->selection_start = node->selection_end = -1;
  }
}

void before_new_frame() {
  ImGuiContext& g = *GImGui;
  ImGuiIO& io = g.IO;
  for (ImGuiKey key : keys_to_release) io.AddKeyEvent(key, false);
  keys_to_release.clear();


  if (wanted_focus) {
    Focus focus = *wanted_focus;
    wanted_focus.reset();
    auto found = by_id.find(focus.id);
    if (found != by_id.end()) {
      const Node& node = nodes[static_cast<size_t>(found->second)];
      ImGuiWindow* window = ImGui::FindWindowByID(node.window);
      if (window && g.NavId != focus.id) {
        if (g.ActiveId != 0 && g.ActiveId != focus.id) ImGui::ClearActiveID();
        ImRect rect(node.x0, node.y0, node.x1, node.y1);
        ImGui::SetFocusID(focus.id, window);
        window->NavRectRel[g.NavLayer] = ImGui::WindowRectAbsToRel(window, rect);
        ImGui::ScrollToRectEx(window, rect, ImGuiScrollFlags_KeepVisibleEdgeY | ImGuiScrollFlags_KeepVisibleEdgeX);
      }
      if (focus.keyboard) {
        g.NavDisableHighlight = false;
        g.NavDisableMouseHover = true;
        ring = true;
      }
      if (node.role == Role::textbox && g.ActiveId != focus.id) {
        ImGui::ActivateItemByID(focus.id);
        g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput;
      }
    }
  }
  for (ImGuiID id : wanted_activations) {
    if (g.ActiveId != 0 && g.ActiveId != id) ImGui::ClearActiveID();
    ImGui::ActivateItemByID(id);
    ring = true;
  }
  wanted_activations.clear();
  // An edit for a field that is not active (focus came by Tab, or the text by dictation): make
  // it active; its callback takes the text. A field that is gone drops it after a few frames.
  for (auto it = wanted_edits.begin(); it != wanted_edits.end();) {
    if (g.ActiveId == it->first) {
      ++it;
      continue;
    }
    if (++edit_waits[it->first] > 4) {
      edits_applied = std::max(edits_applied, it->second.sequence);
      edit_waits.erase(it->first);
      it = wanted_edits.erase(it);
      continue;
    }
    // Focus elsewhere means the field was left (its widget takes the text); focus on it means
    // the text came before ImGui made it active.
    if (by_id.count(it->first) && g.NavId == it->first) {
      ImGui::ActivateItemByID(it->first);
      g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput;
    }
    ++it;
  }
  // Enter and Escape reach a field once the text typed before them is in it.
  for (auto it = wanted_keys.begin(); it != wanted_keys.end();) {
    if (wanted_edits.count(it->id)) {
      ++it;
      continue;
    }
    io.AddKeyEvent(it->key, true);
    keys_to_release.push_back(it->key);
    it = wanted_keys.erase(it);
  }
}

void end_frame() { draw_ring(); }

void publish() {
  double started = emscripten_get_now();
  if (build_tree(building)) {
    EM_ASM({ if (Module.waypointMirror) Module.waypointMirror(UTF8ToString($0, $1)); }, building.data(),
           building.size());
    publish_ms = emscripten_get_now() - started;
    ++publish_count;
  }
}

bool pending() { return wanted_focus || !wanted_edits.empty() || !wanted_activations.empty() || !wanted_keys.empty() || !keys_to_release.empty(); }

double last_publish_ms() { return publish_ms; }
int publishes() { return publish_count; }

void request_focus(ImGuiID id, bool keyboard) {
  wanted_focus = Focus{id, keyboard};
  redraw::request();
}

void request_activate(ImGuiID id) {
  wanted_activations.push_back(id);
  redraw::request();
}

void request_key(ImGuiID id, int key) {
  wanted_keys.push_back(Key{id, key == 0 ? ImGuiKey_Enter : ImGuiKey_Escape});
  redraw::request();
}

void request_blur() { ring = false; }

void request_edit(ImGuiID id, int sequence, std::string value, int selection_start, int selection_end) {
  wanted_edits[id] = Edit{sequence, std::move(value), selection_start, selection_end};
  edit_waits[id] = 0;
  redraw::request();
}

const Edit* field_edit(ImGuiID id) {
  auto found = wanted_edits.find(id);
  return found == wanted_edits.end() ? nullptr : &found->second;
}

void field_edit_done(ImGuiID id) {
  auto found = wanted_edits.find(id);
  if (found == wanted_edits.end()) return;
  edits_applied = std::max(edits_applied, found->second.sequence);
  wanted_edits.erase(found);
  edit_waits.erase(id);
}

}  // namespace waypoint::client::a11y
