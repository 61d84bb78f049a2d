#include "server/storage/database.hpp"
#include "server/storage/sqlite.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>

namespace waypoint::storage {

namespace {
std::atomic<std::uint64_t> next_database_id{1};
thread_local Connection* leased = nullptr;
thread_local const Database* leased_from = nullptr;
}

Database::Database(std::string path) : path_(std::move(path)), id_(next_database_id++) { keep_database_private(path_); }

void keep_database_private(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return;
  // Created here rather than by SQLite, whose mode for a new file is 0644 less the umask.
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) throw StorageError(SQLITE_CANTOPEN, "open " + path + ": " + std::strerror(errno));
  struct stat st {};
  bool private_now = ::fstat(fd, &st) == 0 && ((st.st_mode & 077) == 0 || ::fchmod(fd, st.st_mode & 0700) == 0);
  ::close(fd);
  if (!private_now) throw StorageError(SQLITE_PERM, "chmod " + path + ": " + std::strerror(errno));
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    std::string companion = path + suffix;
    if (::stat(companion.c_str(), &st) == 0 && (st.st_mode & 077) != 0 && ::chmod(companion.c_str(), st.st_mode & 0700) != 0)
      throw StorageError(SQLITE_PERM, "chmod " + companion + ": " + std::strerror(errno));
  }
}

Database::~Database() {
  if (checkpointer_.joinable()) {
    {
      std::lock_guard lock(checkpoint_mutex_);
      stopping_ = true;
    }
    checkpoint_wanted_.notify_all();
    checkpointer_.join();
  }
}

Connection& Database::connection() {
  if (leased && leased_from == this) return *leased;
  // Keyed by database id so tests that open several databases in one process stay apart.
  thread_local std::map<std::uint64_t, std::unique_ptr<Connection>> connections;
  auto& slot = connections[id_];
  if (!slot) {
    slot = std::make_unique<Connection>(path_, this);
    watch_wal(*slot);
  }
  return *slot;
}

Lease::Lease(Database& database) : database_(database), previous_(leased), previous_from_(leased_from) {
  std::unique_lock lock(database.pool_mutex_);
  database.pool_returned_.wait(lock, [&] { return !database.idle_.empty() || database.opened_ < kMaxConnections; });
  if (!database.idle_.empty()) {
    connection_ = std::move(database.idle_.back());
    database.idle_.pop_back();
  } else {
    ++database.opened_;
    lock.unlock();
    try {
      connection_ = std::make_unique<Connection>(database.path_, &database);
      database.watch_wal(*connection_);
    } catch (...) {
      std::lock_guard relock(database.pool_mutex_);
      --database.opened_;
      database.pool_returned_.notify_one();
      throw;
    }
  }
  leased = connection_.get();
  leased_from = &database;
}

Lease::~Lease() {
  connection_->end_reads();
  leased = previous_;
  leased_from = previous_from_;
  std::lock_guard lock(database_.pool_mutex_);
  database_.idle_.push_back(std::move(connection_));
  database_.pool_returned_.notify_one();
}

WriteLease::WriteLease(Database& database)
    : database_(database), previous_(leased), previous_from_(leased_from) {
  ++database.queued_writers_;
  turn_ = std::unique_lock(database.writers_);
  --database.queued_writers_;
  if (!database.writer_) {
    // Without turns of its own: its transactions run inside the turn held here.
    database.writer_ = std::make_unique<Connection>(database.path_);
    database.watch_wal(*database.writer_);
  }
  // A batch whose transaction SQLite rolled back by itself (I/O error, disk full) has failed.
  if (database.open_batch_ && !database.writer_->in_transaction()) database.end_batch(false);
  if (!database.open_batch_) {
    database.writer_->prepare("BEGIN IMMEDIATE").run();
    database.open_batch_ = std::make_shared<Database::Batch>();
  }
  batch_ = database.open_batch_;
  ++batch_->members;
  leased = database.writer_.get();
  leased_from = &database;
}

bool WriteLease::finish() {
  if (finished_) return committed_;
  finished_ = true;
  leased = previous_;
  leased_from = previous_from_;
  if (database_.queued_writers_.load() > 0 && batch_->members < Database::kMaxBatch &&
      database_.writer_->in_transaction()) {
    turn_.unlock();  // the next writer joins this batch; the last one commits it
  } else {
    database_.end_batch(true);
    turn_.unlock();
  }
  std::unique_lock lock(batch_->mutex);
  batch_->done_signal.wait(lock, [&] { return batch_->done; });
  committed_ = batch_->committed;
  return committed_;
}

WriteLease::~WriteLease() {
  try {
    finish();
  } catch (...) {
  }
}

void Database::end_batch(bool commit) {
  auto batch = std::move(open_batch_);
  open_batch_.reset();
  writer_->end_reads();
  bool committed = false;
  if (commit && writer_->in_transaction()) {
    try {
      writer_->prepare("COMMIT").run();
      committed = true;
    } catch (const StorageError& e) {
      std::fprintf(stderr, "waypoint-server: commit failed: %s\n", e.what());
    }
  }
  if (writer_->in_transaction()) {
    try {
      writer_->prepare("ROLLBACK").run();
    } catch (...) {
    }
  }
  {
    std::lock_guard lock(batch->mutex);
    batch->done = true;
    batch->committed = committed;
  }
  batch->done_signal.notify_all();
}

std::unique_lock<std::mutex> Database::exclusive() {
  std::unique_lock lock(writers_);
  if (open_batch_) end_batch(true);
  return lock;
}

int Database::on_wal_commit(void* self, sqlite3*, const char*, int pages) {
  if (pages >= kCheckpointPages) {
    auto* database = static_cast<Database*>(self);
    {
      std::lock_guard lock(database->checkpoint_mutex_);
      database->checkpoint_due_ = true;
    }
    database->checkpoint_wanted_.notify_one();
  }
  return SQLITE_OK;
}

// Replaces the connection's own auto-checkpoint: with a checkpointer, no connection checkpoints
// inline (a GET that audits a read would otherwise copy up to kCheckpointPages pages back first).
void Database::watch_wal(Connection& conn) {
  std::lock_guard lock(checkpoint_mutex_);
  if (checkpointer_.joinable()) sqlite3_wal_hook(conn.handle(), &Database::on_wal_commit, this);
}

void Database::start_checkpointer() {
  std::lock_guard turn(writers_);  // the writer connection is not in use while its hook changes
  std::lock_guard pool(pool_mutex_);
  {
    std::lock_guard lock(checkpoint_mutex_);
    if (checkpointer_.joinable()) return;
    checkpointer_ = std::thread([this] { checkpoint_loop(); });
  }
  if (writer_) watch_wal(*writer_);
  for (auto& idle : idle_) watch_wal(*idle);
  watch_wal(connection());
}

namespace {
// Flushes the database file through SQLite's own VFS handle for it.
int sync_database_file(sqlite3* db) {
  sqlite3_file* file = nullptr;
  int rc = sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file);
  if (rc != SQLITE_OK || !file || !file->pMethods) return rc == SQLITE_OK ? SQLITE_MISUSE : rc;
  return file->pMethods->xSync(file, SQLITE_SYNC_NORMAL);
}
}  // namespace

void Database::checkpoint_loop() {
  Connection conn(path_);
  std::unique_lock lock(checkpoint_mutex_);
  while (true) {
    checkpoint_wanted_.wait(lock, [&] { return checkpoint_due_ || stopping_; });
    if (stopping_) return;
    checkpoint_due_ = false;
    lock.unlock();
    // PASSIVE copies what no reader still needs without blocking anyone. A WAL is rewound to its
    // start only by a writer that begins while every frame is copied, which under steady writes
    // never happens by chance: it would grow without end. So the last frames are copied holding
    // the write turn, and the next writer rewinds it. Everything that can happen outside the turn
    // does: passes until few frames are new, and the database file's fsync (SQLite syncs it only
    // in the pass that copies the last frame: without this, that held pass waited ~55 ms here for
    // the whole WAL's worth of pages to reach the disk while every writer queued).
    int frames = 0, copied = 0;
    int rc = sqlite3_wal_checkpoint_v2(conn.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied);
    for (int pass = 0; pass < kCheckpointCatchUps && rc == SQLITE_OK; ++pass) {
      rc = sync_database_file(conn.handle());
      int before = frames;
      if (rc == SQLITE_OK)
        rc = sqlite3_wal_checkpoint_v2(conn.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied);
      if (frames - before < kCheckpointHeldFrames) break;
    }
    if (rc == SQLITE_OK) rc = sync_database_file(conn.handle());
    if (rc == SQLITE_OK) {
      auto turn = exclusive();
      rc = sqlite3_wal_checkpoint_v2(conn.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied);
    }
    if (rc != SQLITE_OK && rc != SQLITE_BUSY)
      std::fprintf(stderr, "waypoint-server: checkpoint: %s\n", sqlite3_errmsg(conn.handle()));
    lock.lock();
  }
}

int Database::schema_version() {
  auto& stmt = connection().prepare("PRAGMA user_version");
  stmt.step();
  int version = stmt.integer(0);
  stmt.reset();
  return version;
}

}  // namespace waypoint::storage
