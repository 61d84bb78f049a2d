#include "client/automation/registry.hpp"

#include "client/a11y/semantics.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

namespace waypoint::client::automation {

namespace {

struct Item {
  ImGuiID id = 0;
  std::string window;
  std::string label;
  ImRect rect;
  int flags = 0;
};

std::vector<Item> items;
std::unordered_map<ImGuiID, size_t> index_by_id;
float pixel_ratio = 1.0f;
std::string json_text;

void clear_items(ImGuiContext*, ImGuiContextHook*) {
  items.clear();
  index_by_id.clear();
}

}  // namespace

void install(ImGuiContext* context) {
  context->TestEngineHookItems = true;
  ImGuiContextHook hook;
  hook.Type = ImGuiContextHookType_NewFramePre;
  hook.Callback = clear_items;
  ImGui::AddContextHook(context, &hook);
}

void set_pixel_ratio(float ratio) { pixel_ratio = ratio > 0 ? ratio : 1.0f; }

void tag(const char* label) {
  if (label[0] != '#' || label[1] != '#') a11y::text(label);  // "##id": a name for tests alone
  tag_only(label);
}

void tag_rect(const char* label, float x0, float y0, float x1, float y1) {
  a11y::text_rect(label, x0, y0, x1, y1);
  tag_rect_only(label, x0, y0, x1, y1);
}

void tag_only(const char* label) {
  ImGuiContext& g = *GImGui;
  if (!g.TestEngineHookItems || !g.CurrentWindow) return;
  ImGuiID id = ImGui::GetID(label);
  ImRect visible = g.LastItemData.Rect;
  visible.ClipWithFull(g.CurrentWindow->ClipRect);
  if (visible.GetWidth() <= 0 || visible.GetHeight() <= 0) return;
  index_by_id[id] = items.size();
  items.push_back(Item{id, g.CurrentWindow->Name, label, visible, ImGuiItemStatusFlags_Visible});
}

void tag_rect_only(const char* label, float x0, float y0, float x1, float y1) {
  ImGuiContext& g = *GImGui;
  if (!g.TestEngineHookItems || !g.CurrentWindow) return;
  ImRect visible(x0, y0, x1, y1);
  visible.ClipWithFull(g.CurrentWindow->ClipRect);
  if (visible.GetWidth() <= 0 || visible.GetHeight() <= 0) return;
  ImGuiID id = ImGui::GetID(label);
  index_by_id[id] = items.size();
  items.push_back(Item{id, g.CurrentWindow->Name, label, visible, ImGuiItemStatusFlags_Visible});
}

const char* items_json() {
  auto list = nlohmann::json::array();
  for (const auto& item : items) {
    if (item.label.empty()) continue;
    list.push_back({{"window", item.window},
                    {"label", item.label},
                    {"id", item.id},
                    {"x", item.rect.Min.x / pixel_ratio},
                    {"y", item.rect.Min.y / pixel_ratio},
                    {"w", item.rect.GetWidth() / pixel_ratio},
                    {"h", item.rect.GetHeight() / pixel_ratio},
                    {"flags", item.flags}});
  }
  json_text = list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return json_text.c_str();
}

}  // namespace waypoint::client::automation

using waypoint::client::automation::Item;

// ImGui calls these (declared in imgui_internal.h) for every item when TestEngineHookItems is set.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* data) {
  namespace a = waypoint::client::automation;
  waypoint::client::a11y::on_item_add(id, bb, data && (data->InFlags & ImGuiItemFlags_Disabled));
  ImGuiWindow* window = ctx->CurrentWindow;
  if (!window || window->Hidden || id == 0) return;
  ImRect visible = bb;
  visible.ClipWithFull(window->ClipRect);  // only the part a pointer can reach
  if (visible.GetWidth() <= 0 || visible.GetHeight() <= 0) return;
  auto [slot, inserted] = a::index_by_id.try_emplace(id, a::items.size());
  if (inserted) a::items.push_back(Item{id, window->Name, "", visible, 0});
  else a::items[slot->second].rect = visible;
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
  namespace a = waypoint::client::automation;
  waypoint::client::a11y::on_item_info(id, label, flags);
  auto found = a::index_by_id.find(id);
  if (found == a::index_by_id.end()) {
    // Windows report info without an ItemAdd: record them with their whole rect.
    ImGuiWindow* window = ImGui::FindWindowByID(id);
    if (!window || window->Hidden || window->IsFallbackWindow || !label) return;
    a::index_by_id[id] = a::items.size();
    a::items.push_back(Item{id, window->Name, label, window->Rect(), flags});
    return;
  }
  auto& item = a::items[found->second];
  if (label) item.label = label;
  item.flags = flags;
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
