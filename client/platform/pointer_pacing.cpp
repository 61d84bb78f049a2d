#include "client/platform/pointer_pacing.hpp"

#include <imgui.h>
#include <imgui_internal.h>

namespace waypoint::client::pointer_pacing {

namespace {
ImVector<ImGuiInputEvent> held;
}

void hold_press_after_move() {
  ImGuiContext& g = *GImGui;
  ImVector<ImGuiInputEvent>& queue = g.InputEventsQueue;
  ImVec2 at = g.IO.MousePos;
  bool moved = false;
  for (int i = 0; i < queue.Size; ++i) {
    const ImGuiInputEvent& event = queue[i];
    if (event.Type == ImGuiInputEventType_MousePos) {
      moved = moved || event.MousePos.PosX != at.x || event.MousePos.PosY != at.y;
      at = ImVec2(event.MousePos.PosX, event.MousePos.PosY);
    } else if (event.Type == ImGuiInputEventType_MouseButton && moved) {
      for (int j = i; j < queue.Size; ++j) held.push_back(queue[j]);
      queue.resize(i);
      return;
    }
  }
}

void release_held() {
  for (const ImGuiInputEvent& event : held) GImGui->InputEventsQueue.push_back(event);
  held.clear();
}

}  // namespace waypoint::client::pointer_pacing
