#include "client/platform/renderer.hpp"

#include <GLES3/gl3.h>
#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace waypoint::client::renderer {

namespace {

// Attribute locations are fixed and the projection comes in as constant attributes (arrays
// off), not uniforms: looking up a uniform or attribute waits for the GPU process to finish
// linking, while this way the link overlaps the first frame's font rasterizing.
constexpr GLuint kPosition = 0, kUv = 1, kColour = 2, kScale = 3, kOffset = 4;

const char* const kVertexShader = R"(#version 300 es
layout(location = 0) in vec2 position;
layout(location = 1) in vec2 uv;
layout(location = 2) in vec4 colour;
layout(location = 3) in vec2 scale;
layout(location = 4) in vec2 offset;
out vec2 frag_uv;
out vec4 frag_colour;
void main() {
  frag_uv = uv;
  frag_colour = colour;
  gl_Position = vec4(position * scale + offset, 0.0, 1.0);
})";

const char* const kFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D atlas;  // texture unit 0, the default
in vec2 frag_uv;
in vec4 frag_colour;
out vec4 out_colour;
void main() {
  out_colour = vec4(frag_colour.rgb, frag_colour.a * texture(atlas, frag_uv).r);
})";

GLuint program = 0;
int frames_rendered = 0;
GLuint vertex_array = 0;
GLuint vertex_buffer = 0;
GLuint index_buffer = 0;
GLuint font_texture = 0;

GLuint compile(GLenum type, const char* source) {
  GLuint shader = glCreateShader(type);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  return shader;
}

// Asked once the first frame is out (by then the link is long done): a failed link draws nothing.
void check_link() {
  GLint linked = 0;
  glGetProgramiv(program, GL_LINK_STATUS, &linked);
  if (linked) return;
  char log[512] = {};
  glGetProgramInfoLog(program, sizeof log, nullptr, log);
  std::fprintf(stderr, "WebGL2 program: %s\n", log);
}

// Vertices of a command start at its VtxOffset: WebGL2 has no base-vertex draw, so the
// attributes point there instead (lets one window hold more than 65,536 vertices).
void point_attributes(size_t first_vertex) {
  auto at = [&](size_t field) {
    return reinterpret_cast<const void*>(first_vertex * sizeof(ImDrawVert) + field);
  };
  glVertexAttribPointer(kPosition, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, pos)));
  glVertexAttribPointer(kUv, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, uv)));
  glVertexAttribPointer(kColour, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, col)));
}

// Every window's vertices and indices go up in one call per buffer, from one copy kept here.
// Storage is specified only when it must grow, in powers of two: re-specifying it every frame
// (which WebGL zero-fills) and a call per list cost Firefox a median 1.4 ms a frame at ~4,000
// vertices, 0.7 ms this way; buffers that changed size every frame cost it up to ~4 ms.
ImVector<ImDrawVert> vertices;
ImVector<ImDrawIdx> indices;
size_t vertex_capacity = 0;  // bytes
size_t index_capacity = 0;

template <typename T>
void upload(GLenum target, size_t& capacity, const ImVector<T>& items) {
  size_t bytes = static_cast<size_t>(items.Size) * sizeof(T);
  if (capacity < bytes) {
    capacity = 64 * 1024;
    while (capacity < bytes) capacity *= 2;
    glBufferData(target, static_cast<GLsizeiptr>(capacity), nullptr, GL_DYNAMIC_DRAW);
  }
  if (bytes) glBufferSubData(target, 0, static_cast<GLsizeiptr>(bytes), items.Data);
}

void set_state(const ImDrawData* data, int width, int height) {
  glViewport(0, 0, width, height);
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_STENCIL_TEST);
  glEnable(GL_SCISSOR_TEST);
  glUseProgram(program);
  // Display coordinates (y down) to clip space (y up).
  glVertexAttrib4f(kScale, 2.0f / data->DisplaySize.x, -2.0f / data->DisplaySize.y, 0, 1);
  glVertexAttrib4f(kOffset, -1.0f - data->DisplayPos.x * 2.0f / data->DisplaySize.x,
                   1.0f + data->DisplayPos.y * 2.0f / data->DisplaySize.y, 0, 1);
  glActiveTexture(GL_TEXTURE0);
  glBindVertexArray(vertex_array);
  glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, index_buffer);
}

}  // namespace

void init() {
  GLuint vertex = compile(GL_VERTEX_SHADER, kVertexShader);
  GLuint fragment = compile(GL_FRAGMENT_SHADER, kFragmentShader);
  program = glCreateProgram();
  glAttachShader(program, vertex);
  glAttachShader(program, fragment);
  glLinkProgram(program);
  glDeleteShader(vertex);
  glDeleteShader(fragment);

  glGenVertexArrays(1, &vertex_array);
  glGenBuffers(1, &vertex_buffer);
  glGenBuffers(1, &index_buffer);
  glBindVertexArray(vertex_array);
  glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer);
  glEnableVertexAttribArray(kPosition);
  glEnableVertexAttribArray(kUv);
  glEnableVertexAttribArray(kColour);
  point_attributes(0);

  ImGuiIO& io = ImGui::GetIO();
  io.BackendRendererName = "waypoint_webgl2";
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
}

void upload_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
  if (font_texture) glDeleteTextures(1, &font_texture);
  glGenTextures(1, &font_texture);
  glBindTexture(GL_TEXTURE_2D, font_texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(font_texture)));
  // The atlas' pixels live on in the texture: the CPU copy is only needed again to rebuild.
  io.Fonts->ClearTexData();
}

void render(const ImDrawData* data, int width, int height) {
  if (++frames_rendered == 2) check_link();
  glDisable(GL_SCISSOR_TEST);
  glViewport(0, 0, width, height);
  glClearColor(1, 1, 1, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  if (!data || data->DisplaySize.x <= 0 || data->DisplaySize.y <= 0) return;
  set_state(data, width, height);

  vertices.resize(data->TotalVtxCount);
  indices.resize(data->TotalIdxCount);
  size_t first_vertex = 0, first_index = 0;
  for (int n = 0; n < data->CmdListsCount; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    std::memcpy(vertices.Data + first_vertex, list->VtxBuffer.Data, list->VtxBuffer.size_in_bytes());
    std::memcpy(indices.Data + first_index, list->IdxBuffer.Data, list->IdxBuffer.size_in_bytes());
    first_vertex += static_cast<size_t>(list->VtxBuffer.Size);
    first_index += static_cast<size_t>(list->IdxBuffer.Size);
  }
  upload(GL_ARRAY_BUFFER, vertex_capacity, vertices);
  upload(GL_ELEMENT_ARRAY_BUFFER, index_capacity, indices);

  GLuint bound_texture = 0;
  size_t pointed_vertex = 0;
  const ImVec2 origin = data->DisplayPos;
  constexpr GLenum kIndexType = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
  first_vertex = first_index = 0;
  for (int n = 0; n < data->CmdListsCount; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) {
        if (cmd.UserCallback == ImDrawCallback_ResetRenderState) {
          set_state(data, width, height);
          bound_texture = 0;
          pointed_vertex = 0;
        } else {
          cmd.UserCallback(list, &cmd);
        }
        continue;
      }
      float x0 = cmd.ClipRect.x - origin.x, y0 = cmd.ClipRect.y - origin.y;
      float x1 = cmd.ClipRect.z - origin.x, y1 = cmd.ClipRect.w - origin.y;
      if (x1 <= x0 || y1 <= y0 || cmd.ElemCount == 0) continue;
      // Scissor boxes count from the bottom left.
      glScissor(static_cast<GLint>(x0), static_cast<GLint>(height - y1), static_cast<GLsizei>(x1 - x0),
                static_cast<GLsizei>(y1 - y0));
      auto texture = static_cast<GLuint>(reinterpret_cast<intptr_t>(cmd.GetTexID()));
      if (texture != bound_texture) {
        glBindTexture(GL_TEXTURE_2D, texture);
        bound_texture = texture;
      }
      size_t vertex = first_vertex + cmd.VtxOffset;
      if (vertex != pointed_vertex) {
        point_attributes(vertex);
        pointed_vertex = vertex;
      }
      glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), kIndexType,
                     reinterpret_cast<const void*>((first_index + cmd.IdxOffset) * sizeof(ImDrawIdx)));
    }
    first_vertex += static_cast<size_t>(list->VtxBuffer.Size);
    first_index += static_cast<size_t>(list->IdxBuffer.Size);
  }
  if (pointed_vertex != 0) point_attributes(0);
}

}  // namespace waypoint::client::renderer
