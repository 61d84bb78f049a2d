// The password policy for every new password (a new user, an administrator's reset, a change by its
// owner), after NIST SP 800-63B: at least 12 characters and not only spaces (shared/validation, so
// the client can say so before sending), and not guessable: zxcvbn-c's estimate of the guesses an
// attacker with the common-password lists, dictionaries, keyboard walks, sequences, dates and the
// user's own names would need. Native only (zxcvbn-c is not built for wasm), so it lives here.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace waypoint {

// About 10^12 guesses. Online, sign-in throttling allows a few a minute; offline, against a stolen
// argon2id hash (~50 ms a guess a core), that is years of a machine's work. Measured (zxcvbn-c 2.5):
// "password1234" 3 bits, "aaaaaaaaaaaa" 6, "qwertyuiop12" 20, "waypoint-demo" 22 (service word),
// "twelve chars" 35, "correct horse battery" 48, four random words 59-76.
inline constexpr double kMinPasswordEntropyBits = 40;

// Words that make a password easy to guess for this user: their username, display name and the parts
// of each (split at spaces, dots, hyphens and underscores), and this service's own names.
std::vector<std::string> password_user_words(const std::string& username, const std::string& display_name);

// Why the password is too easy to guess ("Password is too easy to guess: it follows a keyboard
// pattern..."), or nullopt when it is strong enough. Assumes the shared length rules already passed.
std::optional<std::string> guessable_password_problem(const std::string& password,
                                                      const std::vector<std::string>& user_words);

}  // namespace waypoint
