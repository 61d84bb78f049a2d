// Draws ImGui's draw data with WebGL2, in place of Dear ImGui's OpenGL3 backend, which saves and
// restores the GL state around every frame: Firefox answers some of those glGet calls
// (GL_ACTIVE_TEXTURE) only after the GPU process has finished the previous frame, ~20-60 ms a
// frame there. Waypoint owns the whole context, so this renderer sets its state and never reads
// it back. The font atlas is one 8-bit channel (a quarter of RGBA's upload), since every ImGui
// vertex samples the font texture (glyphs, and its white pixel for fills); no other textures.
#pragma once

struct ImDrawData;

namespace waypoint::client::renderer {

// Compiles the shaders and makes the buffers; the WebGL2 context must be current.
void init();
// (Re)uploads io.Fonts' atlas; after every atlas build.
void upload_fonts();
// Clears the framebuffer and draws the frame (framebuffer pixels).
void render(const ImDrawData* draw_data, int width, int height);

}  // namespace waypoint::client::renderer
