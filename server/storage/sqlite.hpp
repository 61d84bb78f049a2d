// A thin RAII layer over the SQLite C API: connections, prepared statements, transactions.
// Everything SQL goes through here so that storage code stays short and errors are values
// or StorageError exceptions caught once at the HTTP boundary. Private to storage/: nothing above
// it sees a SQLite type.
#pragma once

#include "server/storage/unit_of_work.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <memory>
#include <mutex>

namespace waypoint::storage {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binding is 1-based like SQLite; bind() returns *this so calls chain.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind_null(int index);
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  bool step();  // true while a row is available
  void run();   // steps to completion
  void reset();

  std::int64_t int64(int column) const { return sqlite3_column_int64(stmt_, column); }
  int integer(int column) const { return sqlite3_column_int(stmt_, column); }
  double real(int column) const { return sqlite3_column_double(stmt_, column); }
  bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string text(int column) const;
  std::string_view text_view(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::optional<std::int64_t> optional_int64(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  // turns: when given, a top-level write transaction on this connection takes its turn there first.
  explicit Connection(const std::string& path, WriteTurns* turns = nullptr);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  void exec(const char* sql);
  // Statements are prepared once per connection and reused (reset on each use).
  Statement& prepare(const char* sql);  // sql must be a string literal (cached by address)
  // For SQL built at run time (optional filters): cached by its text, since a handful of
  // filter combinations repeat on every list request.
  Statement& prepare_text(const std::string& sql);
  // Resets every statement left mid-result. A statement stepped to a row and not reset keeps its
  // connection's read snapshot open, and a snapshot held by an idle connection keeps the WAL from
  // ever being rewound: it would grow for as long as the server runs.
  void end_reads();
  bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }
  sqlite3* handle() const { return db_; }
  WriteTurns* turns() const { return turns_; }

 private:
  sqlite3* db_ = nullptr;
  WriteTurns* turns_ = nullptr;
  std::unordered_map<const char*, std::unique_ptr<Statement>> cache_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> text_cache_;
};

}  // namespace waypoint::storage
