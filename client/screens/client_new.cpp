// Add client: first and last name, Name Data Quality (HUD 3.01), date of birth, last 4 of SSN,
// checked by the shared validate_client before anything is sent.
#include "client/automation/registry.hpp"
#include "client/screens/screen.hpp"
#include "client/widgets/date_picker.hpp"
#include "client/widgets/form_field.hpp"
#include "client/widgets/theme.hpp"
#include "client/widgets/widgets.hpp"
#include "shared/enums.hpp"

#include <imgui.h>

namespace waypoint::client {

void draw_name_data_quality_field(const std::string& wire, const std::string* error,
                                  const std::function<void(NameDataQuality)>& choose) {
  std::vector<std::string> names;
  int selected = -1;
  for (NameDataQuality quality : all_name_data_qualities()) {
    if (to_string(quality) == wire) selected = static_cast<int>(names.size());
    names.emplace_back(label(quality));
  }
  widgets::FieldOptions opt;
  opt.width = 320;
  opt.hint = "A street or code name may include numbers; without a name, leave both names blank";
  opt.error = error;
  int chosen = widgets::combo_field("Name Data Quality", names, selected, opt);
  // A combo's preview reaches the automation hook under no label: say what is chosen, as a test reads it.
  std::string shown = "Name Data Quality: " + (selected >= 0 ? names[static_cast<size_t>(selected)] : "none");
  automation::tag(shown.c_str());
  if (chosen >= 0) choose(all_name_data_qualities()[static_cast<size_t>(chosen)]);
}

void draw_client_new(const State& state, const Dispatch& dispatch) {
  float s = theme::scale();
  const auto& form = state.clients.form;
  widgets::page_title("Add a client", "Only what a referral needs: the name, and if known the date of birth and the "
                                    "last 4 digits of the Social Security number.");
  auto error = [&](const char* key) -> const std::string* {
    auto it = form.errors.find(key);
    return it == form.errors.end() ? nullptr : &it->second;
  };
  if (form.errors.size() > 1) {
    std::vector<std::string> messages;
    for (const auto& [key, message] : form.errors) messages.push_back(message);
    widgets::error_summary(messages);
  }
  if (const auto* general = error("form")) widgets::error_text(*general);
  bool enter = false;
  widgets::FieldOptions opt;
  opt.width = 320;
  opt.error = error("first_name");
  auto r = widgets::text_field("First name", form.first_name, opt);
  if (r.changed) dispatch(EditField{Field::first_name, r.value});
  enter |= r.entered;
  ImGui::Dummy(ImVec2(0, 4 * s));
  opt.error = error("last_name");
  r = widgets::text_field("Last name", form.last_name, opt);
  if (r.changed) dispatch(EditField{Field::last_name, r.value});
  enter |= r.entered;
  ImGui::Dummy(ImVec2(0, 4 * s));
  draw_name_data_quality_field(form.name_data_quality, error("name_data_quality"), [&](NameDataQuality chosen) {
    dispatch(EditField{Field::name_data_quality, std::string(to_string(chosen))});
  });
  ImGui::Dummy(ImVec2(0, 4 * s));
  widgets::FieldOptions dob;
  dob.optional = true;
  dob.error = error("date_of_birth");
  r = widgets::date_field("Date of birth", form.date_of_birth, state.today, dob);
  if (r.changed) dispatch(EditField{Field::date_of_birth, r.value});
  if (r.left) dispatch(LeaveField{Field::date_of_birth});
  enter |= r.entered;
  ImGui::Dummy(ImVec2(0, 4 * s));
  widgets::FieldOptions ssn;
  ssn.optional = true;
  ssn.width = 100;
  ssn.hint = "4 digits, for example 1234";
  ssn.error = error("ssn_last4");
  r = widgets::text_field("Last 4 of SSN", form.ssn_last4, ssn);
  if (r.changed) dispatch(EditField{Field::ssn_last4, r.value});
  if (r.left) dispatch(LeaveField{Field::ssn_last4});
  enter |= r.entered;
  ImGui::Dummy(ImVec2(0, 12 * s));
  ImGui::BeginDisabled(form.saving);
  if (widgets::primary_button("Add client") || enter) dispatch(SubmitNewClient{});
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (widgets::secondary_button("Cancel")) dispatch(Navigate{Route{Screen::clients, 0, 0}});
  if (form.saving) widgets::slow_spinner("Saving...");
}

}  // namespace waypoint::client
