// validation_fuzz: every validator of shared/validation.hpp and the referral state machine of shared/referral.hpp,
// fed directly with structured values (FuzzedDataProvider) rather than JSON. This reaches what JSON cannot carry:
// invalid UTF-8 in names and reasons (nlohmann refuses it, but other callers, e.g. the client's own forms, do
// not), any "today", any stored referral.
// Each check is "no errors implies the rule holds", written from the rule's description in validation.hpp, not
// from its code; and the apply_* functions must do what a passed validation promised (a result chosen and
// validated resolves the referral). For transitions: check_transition and allowed_actions agree, only allowed
// transitions exist in the table, and only a System Admin may reopen. The password rules: one rule for new users,
// changes and resets.
#include "shared/referral.hpp"
#include "shared/text.hpp"
#include "shared/validation.hpp"
#include "tests/fuzz/fuzz_check.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

using namespace waypoint;

namespace {

Date consume_date(FuzzedDataProvider& p) {
  int year = p.ConsumeIntegralInRange(1890, 2110);
  unsigned month = p.ConsumeIntegralInRange(1u, 12u);
  unsigned day = p.ConsumeIntegralInRange(1u, 31u);
  Date date = make_date(year, month, day);
  return date.ok() ? date : make_date(year, month, 28);
}

std::optional<Date> consume_optional_date(FuzzedDataProvider& p) {
  if (p.ConsumeBool()) return std::nullopt;
  return consume_date(p);
}

// Mostly dates a person could type, so the order rules get exercised, sometimes anything at all.
std::string consume_date_text(FuzzedDataProvider& p) {
  switch (p.ConsumeIntegralInRange(0, 4)) {
    case 0: return p.ConsumeRandomLengthString(24);
    case 1: return format_iso(consume_date(p));
    case 2: return format_us(consume_date(p));
    case 3: return " " + format_iso(consume_date(p)) + "\t";
    default: return "";
  }
}

std::string consume_result_text(FuzzedDataProvider& p) {
  static const char* const kResults[] = {"services_provided", "information_only", "rejected", "no_show",
                                         " rejected ", "Rejected", ""};
  if (p.ConsumeBool()) return p.ConsumeRandomLengthString(24);
  return kResults[p.ConsumeIntegralInRange<std::size_t>(0, std::size(kResults) - 1)];
}

template <class E>
E consume_enum(FuzzedDataProvider& p, const std::vector<E>& all) {
  return all[p.ConsumeIntegralInRange<std::size_t>(0, all.size() - 1)];
}

// Small ids, so that "the same project" and "a member of this organization" happen often.
std::int64_t consume_id(FuzzedDataProvider& p) { return p.ConsumeIntegralInRange<std::int64_t>(-1, 4); }

bool readable(std::string_view text, std::size_t max) { return is_valid_utf8(text) && utf8_length(text) <= max; }

bool is_blank(std::string_view text) { return trim(text).empty(); }

void check_reason(const FieldErrors& errors, const std::string& reason) {
  if (errors.empty()) FUZZ_CHECK(!is_blank(reason) && readable(reason, kMaxReasonLength));
  for (const auto& [field, message] : errors) FUZZ_CHECK(field == "reason" && !message.empty());
}

void check_name(const FieldErrors& errors, const char* field, std::string_view raw) {
  if (errors.count(field)) return;
  std::string_view name = trim(raw);
  FUZZ_CHECK(!name.empty() && readable(name, kMaxNameLength));
  bool has_letter = false;
  for (char32_t c : decode_utf8(name)) {
    FUZZ_CHECK(is_name_character(c));
    has_letter = has_letter || is_letter(c);
  }
  FUZZ_CHECK(has_letter);
}

void check_client(const NewClientRequest& request, Date today) {
  FieldErrors errors = validate_client(request, today);
  check_name(errors, "first_name", request.first_name);
  check_name(errors, "last_name", request.last_name);
  if (!errors.count("date_of_birth") && !is_blank(request.date_of_birth)) {
    auto birth = parse_user_date(request.date_of_birth);
    FUZZ_CHECK(birth && *birth <= today && *birth >= kEarliestBirthDate);
  }
  if (!errors.count("ssn_last4")) {
    std::string_view ssn = trim(request.ssn_last4);
    FUZZ_CHECK(ssn.empty() || (ssn.size() == 4 && std::all_of(ssn.begin(), ssn.end(), [](char c) {
                                 return c >= '0' && c <= '9';
                               })));
  }
  // A patch is validated exactly as a new client.
  ClientPatch patch{request.first_name, request.last_name, request.date_of_birth, request.ssn_last4, 1,
                    request.name_data_quality};
  FUZZ_CHECK(validate_client(patch, today) == errors);
  // As a partial, street or code name, whatever a full name may be, and digits too; never more.
  NewClientRequest partial = request;
  partial.name_data_quality = "partial_street_or_code_name";
  FieldErrors street = validate_client(partial, today);
  if (!errors.count("first_name")) FUZZ_CHECK(!street.count("first_name"));
  if (!errors.count("last_name")) FUZZ_CHECK(!street.count("last_name"));
  for (const char* field : {"first_name", "last_name"}) {
    if (street.count(field)) continue;
    for (char32_t c : decode_utf8(trim(field[0] == 'f' ? partial.first_name : partial.last_name)))
      FUZZ_CHECK(is_name_character(c) || (c >= U'0' && c <= U'9'));
  }
  // Without a name, a name given is always an error.
  NewClientRequest nameless = request;
  nameless.name_data_quality = "data_not_collected";
  FieldErrors none = validate_client(nameless, today);
  FUZZ_CHECK(none.count("first_name") == (is_blank(request.first_name) ? 0u : 1u));
  FUZZ_CHECK(none.count("last_name") == (is_blank(request.last_name) ? 0u : 1u));
}

void check_outcome(const OutcomeRequest& request, const Referral& referral, Date today) {
  FieldErrors errors = validate_outcome(request, referral, today);
  if (!errors.empty()) return;
  bool has_result = !is_blank(request.result);
  FUZZ_CHECK(has_result == !is_blank(request.result_date));  // a result and its date come together
  std::optional<Date> appointment, result_date;
  if (!is_blank(request.appointment_date)) {
    appointment = parse_user_date(request.appointment_date);
    FUZZ_CHECK(appointment);
  }
  if (!is_blank(request.result_date)) {
    result_date = parse_user_date(request.result_date);
    FUZZ_CHECK(result_date && *result_date <= today);
  }
  if (referral.date_acknowledged) {
    FUZZ_CHECK(!appointment || *appointment >= *referral.date_acknowledged);
    FUZZ_CHECK(!result_date || *result_date >= *referral.date_acknowledged);
  }
  FUZZ_CHECK(!appointment || !result_date || *result_date >= *appointment);
  FUZZ_CHECK(readable(request.comments, kMaxCommentsLength));

  // What the server then stores: a validated result resolves the referral with that result.
  Referral next = apply_outcome(referral, request);
  FUZZ_CHECK(next.appointment_date == appointment);
  FUZZ_CHECK(next.result_date == result_date);
  if (has_result) {
    FUZZ_CHECK(next.result && next.result == parse_referral_result(trim(request.result)));
    FUZZ_CHECK(next.status == ReferralStatus::resolved);
  } else {
    FUZZ_CHECK(!next.result && next.status == referral.status);
  }
}

void check_new_user(const NewUserRequest& request) {
  FieldErrors errors = validate_new_user(request);
  if (!errors.count("username")) {
    const std::string& u = request.username;
    FUZZ_CHECK(u.size() >= kMinUsernameLength && u.size() <= kMaxUsernameLength);
    for (char c : u) FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-');
  }
  if (!errors.count("password")) {
    std::size_t length = utf8_length(request.password);
    FUZZ_CHECK(length >= kMinPasswordLength && length <= kMaxPasswordLength);
  }
  if (!errors.count("display_name")) FUZZ_CHECK(!is_blank(request.display_name) && readable(request.display_name, kMaxNameLength));
  // A user patch with the same memberships says the same about them.
  UserPatch patch;
  patch.memberships = request.memberships;
  FieldErrors patched = validate_user_patch(patch);
  for (const auto& [field, message] : errors)
    if (field.rfind("memberships", 0) == 0) FUZZ_CHECK(patched.count(field) && patched.at(field) == message);
  for (const auto& [field, message] : patched) FUZZ_CHECK(errors.count(field) && errors.at(field) == message);
  if (errors.empty()) {
    FUZZ_CHECK(!request.memberships.empty());
    std::set<std::pair<std::int64_t, std::string>> seen;
    for (const auto& m : request.memberships) {
      FUZZ_CHECK(m.organization_id > 0 && parse_workgroup(m.workgroup));
      FUZZ_CHECK(seen.insert({m.organization_id, m.workgroup}).second);
    }
  }
}

// The password rules of validation.hpp: 12 to 256 characters, not only spaces; a change also needs the current
// password and a different new one. One rule for every place a password is chosen.
void check_passwords(const std::string& current, const std::string& next) {
  std::string problem = password_rule_problem(next);
  std::size_t length = utf8_length(next);
  if (problem.empty()) FUZZ_CHECK(length >= kMinPasswordLength && length <= kMaxPasswordLength && !is_blank(next));
  if (length < kMinPasswordLength || length > kMaxPasswordLength || is_blank(next)) FUZZ_CHECK(!problem.empty());
  FieldErrors reset = validate_password_reset({next});
  FUZZ_CHECK(reset.empty() == problem.empty());
  FieldErrors change = validate_password_change({current, next});
  if (change.empty()) FUZZ_CHECK(!current.empty() && problem.empty() && next != current);
  if (current.empty()) FUZZ_CHECK(change.count("current_password"));
  if (!problem.empty() || next == current) FUZZ_CHECK(change.count("new_password"));
  NewUserRequest user{"new.user", next, "New User", {{2, "hmis_user"}}};
  FUZZ_CHECK(validate_new_user(user).count("password") == (problem.empty() ? 0u : 1u));
}

void check_transitions(const Actor& actor, const Referral& referral) {
  auto allowed = allowed_actions(actor, referral);
  for (ReferralAction action : all_referral_actions()) {
    auto refused = check_transition(actor, referral, action);
    bool listed = std::find(allowed.begin(), allowed.end(), action) != allowed.end();
    FUZZ_CHECK(listed == !refused);
    FUZZ_CHECK(parse_referral_action(to_string(action)) == action);
    if (refused) {
      FUZZ_CHECK(!refused->message.empty());
      // Permission comes first: someone who may not see the referral is told "forbidden", never its state.
      if (!can_view(actor, referral)) FUZZ_CHECK(refused->kind == TransitionErrorKind::forbidden);
      continue;
    }
    auto next = next_status(referral.status, action);
    FUZZ_CHECK(next);
    FUZZ_CHECK(can_view(actor, referral));
    if (action == ReferralAction::reopen) FUZZ_CHECK(actor.workgroup == Workgroup::system_admin);
    // The apply functions land where the table says.
    switch (action) {
      case ReferralAction::acknowledge:
        FUZZ_CHECK(apply_acknowledge(referral, referral.referral_date).status == *next);
        break;
      case ReferralAction::resolve:
        FUZZ_CHECK(apply_outcome(referral, {"", "2025-06-01", "rejected", "", 0}).status == *next);
        break;
      case ReferralAction::return_to_referrer:
        FUZZ_CHECK(apply_return(referral, {"full", 0}).status == *next);
        break;
      case ReferralAction::reassign: {
        Referral moved = apply_reassign(referral, Project{9, 3, "Elsewhere", ProjectType::other, 1});
        FUZZ_CHECK(moved.status == *next && moved.to_project_id == 9 && !moved.date_acknowledged && !moved.result);
        break;
      }
      case ReferralAction::cancel:
        FUZZ_CHECK(apply_cancel(referral, {"duplicate", 0}).status == *next);
        break;
      case ReferralAction::reopen: {
        Referral reopened = apply_reopen(referral);
        FUZZ_CHECK(reopened.status == *next && !reopened.result && !reopened.result_date);
        break;
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider p(data, size);
  const Date today = consume_date(p);

  Referral referral;
  referral.id = consume_id(p);
  referral.client_id = consume_id(p);
  referral.from_project_id = consume_id(p);
  referral.to_project_id = consume_id(p);
  referral.from_organization_id = consume_id(p);
  referral.to_organization_id = consume_id(p);
  referral.referral_date = consume_date(p);
  referral.status = consume_enum(p, all_referral_statuses());
  referral.date_acknowledged = consume_optional_date(p);
  if (p.ConsumeBool()) referral.result = consume_enum(p, all_referral_results());
  referral.result_date = consume_optional_date(p);

  Actor actor{consume_enum(p, all_workgroups()), consume_id(p)};
  check_transitions(actor, referral);

  AcknowledgeRequest ack{consume_date_text(p), 1};
  if (validate_acknowledge(ack, referral, today).empty()) {
    auto date = parse_user_date(ack.date_acknowledged);
    FUZZ_CHECK(date && *date >= referral.referral_date && *date <= today);
  }

  OutcomeRequest outcome{consume_date_text(p), consume_date_text(p), consume_result_text(p),
                         p.ConsumeRandomLengthString(64), 1};
  check_outcome(outcome, referral, today);

  std::string reason = p.ConsumeRandomLengthString(64);
  check_reason(validate_return({reason, 1}), reason);
  check_reason(validate_cancel({reason, 1}), reason);
  check_reason(validate_reopen({reason, 1}), reason);

  ReassignRequest reassign{consume_id(p), 1};
  if (validate_reassign(reassign, referral).empty()) {
    FUZZ_CHECK(reassign.project_id > 0 && reassign.project_id != referral.to_project_id &&
               reassign.project_id != referral.from_project_id);
  }

  NewReferralRequest new_referral{consume_id(p), consume_id(p), consume_id(p), consume_date_text(p),
                                  p.ConsumeRandomLengthString(64)};
  if (validate_new_referral(new_referral, today).empty()) {
    FUZZ_CHECK(new_referral.client_id > 0 && new_referral.from_project_id > 0 && new_referral.to_project_id > 0);
    FUZZ_CHECK(new_referral.to_project_id != new_referral.from_project_id);
    auto date = parse_user_date(new_referral.referral_date);
    FUZZ_CHECK(date && *date <= today);
    FUZZ_CHECK(readable(new_referral.note, kMaxCommentsLength));
  }

  check_client({p.ConsumeRandomLengthString(40), p.ConsumeRandomLengthString(40), consume_date_text(p),
                p.ConsumeRandomLengthString(8)},
               today);

  NewEnrollmentRequest enrollment{consume_id(p), consume_id(p), consume_date_text(p), std::nullopt};
  if (p.ConsumeBool()) enrollment.referral_id = consume_id(p);
  std::optional<Referral> linked;
  if (p.ConsumeBool()) linked = referral;
  if (validate_enrollment(enrollment, linked, today).empty()) {
    FUZZ_CHECK(enrollment.client_id > 0 && enrollment.project_id > 0);
    auto entry = parse_user_date(enrollment.entry_date);
    FUZZ_CHECK(entry && *entry <= today);
    if (enrollment.referral_id) {
      FUZZ_CHECK(linked && linked->id == *enrollment.referral_id && linked->client_id == enrollment.client_id &&
                 linked->to_project_id == enrollment.project_id && *entry >= linked->referral_date);
    }
  }

  SignInRequest sign_in{p.ConsumeRandomLengthString(24), p.ConsumeRandomLengthString(24)};
  FieldErrors sign_in_errors = validate_sign_in(sign_in);
  FUZZ_CHECK(!is_blank(sign_in.username) || sign_in_errors.count("username"));
  FUZZ_CHECK(!sign_in.password.empty() || sign_in_errors.count("password"));

  NewUserRequest user{p.ConsumeRandomLengthString(70), p.ConsumeRandomLengthString(40),
                      p.ConsumeRandomLengthString(40), {}};
  std::vector<Membership> memberships;
  for (int i = p.ConsumeIntegralInRange(0, 3); i > 0; --i) {
    std::string workgroup = p.ConsumeBool() ? std::string(to_string(consume_enum(p, all_workgroups())))
                                            : p.ConsumeRandomLengthString(16);
    user.memberships.push_back({consume_id(p), workgroup});
    if (auto wg = parse_workgroup(workgroup)) memberships.push_back({consume_id(p), "Org", *wg});
  }
  check_new_user(user);
  check_passwords(p.ConsumeRandomLengthString(40), p.ConsumeRandomLengthString(300));

  for (const ContextRequest& context : user.memberships) {
    if (!validate_context(context, memberships).empty()) continue;
    auto wg = parse_workgroup(context.workgroup);
    FUZZ_CHECK(wg && std::any_of(memberships.begin(), memberships.end(), [&](const Membership& m) {
                 return m.organization_id == context.organization_id && m.workgroup == *wg;
               }));
  }
  return 0;
}
