#include "client/widgets/form_field.hpp"

#include "client/a11y/semantics.hpp"

#include "client/automation/registry.hpp"
#include "client/widgets/theme.hpp"

#include <imgui_internal.h>

#include <algorithm>

namespace waypoint::client::widgets {

// The field's name, hint, error and required state on its mirror node.
void describe_node(a11y::Node* node, const char* label, const FieldOptions& options);

namespace {

// UTF-16 units (the page's selection offsets) to bytes of UTF-8 `text`.
int utf8_offset(const std::string& text, int units) {
  size_t i = 0;
  while (i < text.size() && units > 0) {
    unsigned c = 0;
    int length = ImTextCharFromUtf8(&c, text.data() + i, text.data() + text.size());
    if (length <= 0) break;
    units -= c > 0xFFFF ? 2 : 1;
    i += static_cast<size_t>(length);
  }
  return static_cast<int>(i);
}

int field_callback(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* text = static_cast<std::string*>(data->UserData);
    text->resize(static_cast<size_t>(data->BufTextLen));
    data->Buf = text->data();
  } else if (data->EventFlag == ImGuiInputTextFlags_CallbackAlways) {
    // What was typed (or dictated, or composed by an IME) in the mirror's input element.
    ImGuiID id = GImGui->InputTextState.ID;
    if (const a11y::Edit* edit = a11y::field_edit(id)) {
      if (edit->value != std::string_view(data->Buf, static_cast<size_t>(data->BufTextLen))) {
        data->DeleteChars(0, data->BufTextLen);
        data->InsertChars(0, edit->value.c_str(), edit->value.c_str() + edit->value.size());
      }
      int start = std::min(utf8_offset(edit->value, edit->selection_start), data->BufTextLen);
      int end = std::min(utf8_offset(edit->value, edit->selection_end), data->BufTextLen);
      data->SelectionStart = start;
      data->SelectionEnd = end;
      data->CursorPos = end;
      a11y::field_edit_done(id);
    }
  }
  return 0;
}

bool has_error(const FieldOptions& options) { return options.error && !options.error->empty(); }

}  // namespace

void describe_field(const char* label, const FieldOptions& options) { describe_node(a11y::last_item(), label, options); }

void describe_node(a11y::Node* node, const char* label, const FieldOptions& options) {
  if (!node) return;
  node->name = label;
  node->labelled = true;
  if (options.hint) node->description = options.hint;
  if (has_error(options)) {
    node->error = *options.error;
    node->state |= a11y::invalid;
  }
  if (options.required) node->state |= a11y::required;
}

namespace {

}  // namespace

void field_heading(const char* label, const FieldOptions& options) {
  float s = theme::scale();
  ImGui::PushFont(theme::fonts().bold);
  ImGui::TextUnformatted(label);
  ImGui::PopFont();
  if (options.optional) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::muted);
    ImGui::TextUnformatted("(optional)");
    ImGui::PopStyleColor();
  }
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8 * s, 2 * s));
  if (options.hint) {
    ImGui::PushFont(theme::fonts().small);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::muted);
    ImGui::TextUnformatted(options.hint);
    ImGui::PopStyleColor();
    ImGui::PopFont();
  }
  // Inside the field's ID (the callers push its label): one kept height per field.
  ImGuiStorage* storage = ImGui::GetStateStorage();
  ImGuiID kept = ImGui::GetID("error line");
  ImGui::PushFont(theme::fonts().bold);
  if (has_error(options)) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::error);
    // A long reason (a refused password says why) wraps at the window's edge instead of being cut.
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(options.error->c_str());
    ImGui::PopTextWrapPos();
    automation::tag(options.error->c_str());
    ImGui::PopStyleColor();
    if (options.reserve_error)
      storage->SetFloat(kept, std::max(storage->GetFloat(kept, 0.0f), ImGui::GetItemRectSize().y));
  } else if (options.reserve_error) {
    ImGui::Dummy(ImVec2(0, std::max(storage->GetFloat(kept, 0.0f), ImGui::GetTextLineHeight())));
  }
  if (!options.reserve_error) storage->SetFloat(kept, 0.0f);
  ImGui::PopFont();
  ImGui::PopStyleVar();
}

int begin_error_frame(const FieldOptions& options) {
  if (!has_error(options)) return 0;
  ImGui::PushStyleColor(ImGuiCol_Border, theme::colour::error);
  return 1;
}

FieldResult text_input(const char* label, const std::string& value, const FieldOptions& options) {
  float s = theme::scale();
  FieldResult result;
  std::string buffer = value;
  std::string id = std::string("##") + label;
  float width = options.width > 0 ? options.width * s : -1;
  int pop = begin_error_frame(options);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, (pop ? 2.0f : 1.0f) * s);
  ImGuiInputTextFlags flags = options.flags | ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_CallbackAlways;
  // Text the page's input element took for a field ImGui no longer has active (typed, then the
  // next control clicked at once): the field takes it as if typed and then left.
  ImGuiID field_id = ImGui::GetID(id.c_str());
  bool late_edit = false;
  if (GImGui->ActiveId != field_id) {
    if (const a11y::Edit* edit = a11y::field_edit(field_id)) {
      buffer = edit->value;
      late_edit = true;
      a11y::field_edit_done(field_id);
    }
  }
  if (options.lines > 1) {
    float height = ImGui::GetTextLineHeight() * options.lines + ImGui::GetStyle().FramePadding.y * 2;
    ImGui::InputTextMultiline(id.c_str(), buffer.data(), buffer.capacity() + 1, ImVec2(width, height), flags, field_callback,
                              &buffer);
  } else {
    ImGui::SetNextItemWidth(width);
    result.entered = ImGui::InputText(id.c_str(), buffer.data(), buffer.capacity() + 1,
                                      flags | ImGuiInputTextFlags_EnterReturnsTrue, field_callback, &buffer);
  }
  describe_field(label, options);
  a11y::note_field(ImGui::GetItemID(), buffer);
  if (a11y::Node* node = a11y::last_item()) {
    if (options.flags & ImGuiInputTextFlags_Password) node->state |= a11y::password;
    if (options.lines > 1) node->state |= a11y::multiline;
    if (options.autocomplete) node->autocomplete = options.autocomplete;
  }
  result.left = ImGui::IsItemDeactivated() || late_edit;
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(pop);
  if (buffer != value) {
    result.changed = true;
    result.value = std::move(buffer);
  }
  return result;
}

void error_bar(ImVec2 top, const FieldOptions& options) {
  if (!has_error(options)) return;
  // GOV.UK's red bar to the left of a field in error.
  float s = theme::scale();
  ImVec2 bottom = ImGui::GetItemRectMax();
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(top.x - 12 * s, top.y), ImVec2(top.x - 8 * s, bottom.y),
                                            theme::colour::error);
}

FieldResult text_field(const char* label, const std::string& value, const FieldOptions& options) {
  ImVec2 top = ImGui::GetCursorScreenPos();
  ImGui::BeginGroup();
  ImGui::PushID(label);
  field_heading(label, options);
  ImGui::PopID();  // the field's ID is its label alone
  FieldResult result = text_input(label, value, options);
  ImGui::EndGroup();
  error_bar(top, options);
  return result;
}

int combo_field(const char* label, const std::vector<std::string>& choices, int selected, const FieldOptions& options,
                const char* placeholder) {
  float s = theme::scale();
  int chosen = -1;
  ImGui::BeginGroup();
  ImGui::PushID(label);
  field_heading(label, options);
  ImGui::PopID();
  std::string id = std::string("##") + label;
  float width = options.width > 0 ? options.width * s : ImGui::GetContentRegionAvail().x;
  ImGui::SetNextItemWidth(width);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float height = ImGui::GetFrameHeight();
  // BeginCombo reports no label to the automation hook: tag its frame ourselves (before the popup
  // becomes the current window).
  automation::tag_rect_only(label, pos.x, pos.y, pos.x + width, pos.y + height);
  int pop = begin_error_frame(options);
  const char* preview = selected >= 0 && selected < static_cast<int>(choices.size()) ? choices[selected].c_str()
                                                                                       : placeholder;
  ImGuiID combo = ImGui::GetID(id.c_str());
  bool open = ImGui::BeginCombo(id.c_str(), preview, ImGuiComboFlags_HeightLarge);
  ImGui::PopStyleColor(pop);
  if (a11y::Node* node = a11y::item(combo)) {
    node->role = a11y::Role::combobox;
    node->value = preview;
    node->state |= a11y::expandable | (open ? a11y::expanded : 0u);
  }
  describe_node(a11y::item(combo), label, options);
  if (open) a11y::begin(a11y::Role::listbox, label);
  if (open) {
    for (int i = 0; i < static_cast<int>(choices.size()); ++i) {
      ImGui::PushID(i);
      bool is_selected = i == selected;
      if (ImGui::Selectable(choices[i].c_str(), is_selected, 0, ImVec2(0, 24 * s))) chosen = i;
      if (is_selected) {
        ImGui::SetItemDefaultFocus();
        if (a11y::Node* node = a11y::last_item()) node->state |= a11y::selected;
      }
      ImGui::PopID();
    }
    ImGui::EndCombo();
    a11y::end();
  }
  ImGui::EndGroup();
  return chosen;
}

void error_summary(const std::vector<std::string>& messages) {
  float s = theme::scale();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->ChannelsSplit(2);
  draw->ChannelsSetCurrent(1);
  ImVec2 start = ImGui::GetCursorScreenPos();
  float width = std::min(ImGui::GetContentRegionAvail().x, 640 * s);
  ImGui::SetCursorScreenPos(ImVec2(start.x + 16 * s, start.y + 12 * s));
  ImGui::BeginGroup();
  a11y::begin(a11y::Role::alert);
  ImGui::PushFont(theme::fonts().heading);
  ImGui::TextUnformatted("There is a problem");
  automation::tag_only("There is a problem");
  a11y::text("There is a problem", a11y::Role::heading, 2);
  ImGui::PopFont();
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::error);
  a11y::begin(a11y::Role::list);
  for (const auto& m : messages) {
    ImGui::BulletText("%s", m.c_str());
    a11y::text(m, a11y::Role::listitem);
  }
  a11y::end();
  ImGui::PopStyleColor();
  a11y::end();
  ImGui::EndGroup();
  ImVec2 end(start.x + width, ImGui::GetItemRectMax().y + 12 * s);
  draw->ChannelsSetCurrent(0);
  draw->AddRectFilled(start, end, IM_COL32(0xfd, 0xf1, 0xf1, 0xff));
  draw->AddRect(start, end, theme::colour::error, 0, 0, 3 * s);
  draw->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(start.x, end.y + 8 * s));
  ImGui::Dummy(ImVec2(width, 1));
}

void error_text(const std::string& message) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colour::error);
  ImGui::PushTextWrapPos(0);
  ImGui::TextWrapped("%s %s", theme::icon::warning, message.c_str());
  ImGui::PopTextWrapPos();
  automation::tag_only(message.c_str());
  a11y::text(message, a11y::Role::alert);
  ImGui::PopStyleColor();
}

}  // namespace waypoint::client::widgets
