// Dear ImGui build configuration for Waypoint (passed as IMGUI_USER_CONFIG to every ImGui
// and client translation unit). The test-engine hooks let the automation registry see
// every item each frame, so browser tests find widgets by label instead of coordinates.
#pragma once

#define IMGUI_ENABLE_TEST_ENGINE
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
#define IMGUI_DISABLE_OBSOLETE_KEYIO
