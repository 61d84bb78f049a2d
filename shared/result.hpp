// Result<T, E>: a value or an error, never an exception. Shared code returns errors as values (see STYLE.md) so the
// same code behaves identically natively and in wasm, and the server maps them to HTTP in one place.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <variant>

namespace waypoint {

// Field name -> user-facing message. Empty means "no problem". Shared by validation and JSON parsing so a form can
// put every message beside its field at once.
using FieldErrors = std::map<std::string, std::string>;

template <class E>
struct Failure {
  E error;
};

template <class E>
Failure<E> fail(E error) {
  return Failure<E>{std::move(error)};
}

template <class T, class E = FieldErrors>
class Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(Failure<E> failure) : state_(std::in_place_index<1>, std::move(failure.error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Preconditions: ok() for value(), !ok() for error(). get_if keeps this exception-free; a wrong call is a bug.
  const T& value() const& { return *std::get_if<0>(&state_); }
  T& value() & { return *std::get_if<0>(&state_); }
  T&& value() && { return std::move(*std::get_if<0>(&state_)); }
  const E& error() const& { return *std::get_if<1>(&state_); }

 private:
  std::variant<T, E> state_;
};

}  // namespace waypoint
