// Referral lists written straight into the response text: the hot list endpoints skip the
// nlohmann DOM (which cost more than the query itself). The output is the same document
// to_json(Referral) produces; a test holds the two equal.
#pragma once

#include "shared/entities.hpp"
#include "shared/page.hpp"

#include <string>

namespace waypoint::http {

void write_json_string(std::string& out, std::string_view text);
void write_referral(std::string& out, const Referral& referral);
// {"items": [...], "total", "page", "page_size"}
std::string referral_page_json(const Page<Referral>& page, int page_number, int page_size);

}  // namespace waypoint::http
