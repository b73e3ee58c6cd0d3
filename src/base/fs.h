// fs.h: file primitives shared by the registry and the phone book: whole-file reads,
// trust checks made on opened descriptors, and crash-safe locked replacement.
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "base/paths.h"
#include "base/result.h"
#include "base/unique_fd.h"

namespace openras {

// No file OpenRAS reads (hives, phone books, credentials) comes near this; a bigger one is
// refused before it is read, so a hostile or mistaken file cannot exhaust memory.
inline constexpr size_t kMaxFileBytes = size_t{64} << 20;

// Reads everything from `fd` (from its current offset); kInvalidArgument past `max_bytes`.
[[nodiscard]] Result<std::string> read_all(int fd, size_t max_bytes = kMaxFileBytes);

// Opens and reads a regular file, without blocking on a FIFO or device (anything but a
// regular file is kInvalidArgument). kNotFound if it does not exist.
[[nodiscard]] Result<std::string> read_file(const std::string& path,
                                            size_t max_bytes = kMaxFileBytes);

// Creates `path` and any missing parents with `mode` (existing ones are left alone).
[[nodiscard]] Status make_directories(const std::string& path, mode_t mode);

// Opens `path` (which must lie under paths.root()) for reading, walking from the root one
// component at a time with O_NOFOLLOW and checking every directory and the file itself
// on its descriptor: owned by a trusted owner (paths.trusted_owner), not writable by group
// or others, no symlinks. The root directory itself must pass the same check. Anything
// else fails with kAccessDenied and a message naming the offending path and its owner or
// mode; a missing file fails with kNotFound. The directories above the root, from "/",
// are checked too (trusted owners; not writable by group or others unless sticky and
// root's, as /tmp is), so nobody else can swap the root itself. The last component is
// opened without blocking and must be a regular file (a FIFO there fails at once). The
// returned descriptor is the checked file.
[[nodiscard]] Result<UniqueFd> open_trusted(const Paths& paths, const std::string& path);

// The directory `dir` (absolute, no symlinks), checked as open_trusted checks a root: it
// and every directory above it belong to an owner `owner_ok` accepts and are not writable
// by group or others (above it, a sticky directory of root's is accepted).
[[nodiscard]] Result<UniqueFd> open_trusted_directory(const std::string& dir,
                                                      const std::function<bool(uid_t)>& owner_ok);

// The same walk for a file anywhere: from "/" down to `path` (absolute, no "..", no
// symlinks), every directory and the file owned by an owner `owner_ok` accepts and not
// writable by group or others. Used for dialer libraries, which live outside the root.
[[nodiscard]] Result<UniqueFd> open_trusted_absolute(const std::string& path,
                                                     const std::function<bool(uid_t)>& owner_ok);

// The exclusive lock that serialises the writers of one file: flock on `lock_path`,
// created 0600 and refused unless it is private to its owner (the caller or root), so a
// reader cannot hold it and block every writer. Waits at most `timeout`, then fails with
// kTimeout naming the process that holds it.
[[nodiscard]] Result<UniqueFd> take_write_lock(
    const std::string& lock_path, std::chrono::milliseconds timeout = std::chrono::seconds(10));

// A crash-safe, multi-process-safe replacement of one file's whole content.
//
// begin() takes the writers' lock (take_write_lock on "<dir>/.<name>.wlock") and reads the current
// content; commit() writes a temporary file in the same directory, fsyncs it, renames it
// over the target and fsyncs the directory. Readers never take the lock: the rename is
// atomic, so they see the old file or the new one, never a mix. A process killed at any
// moment leaves the old or the new file (and at worst a stray temporary, which the next
// commit reuses no name of). The lock is released when the transaction is destroyed.
class FileTransaction {
 public:
  // `create_mode` applies to the file (and lock file) when they are created.
  [[nodiscard]] static Result<FileTransaction> begin(const std::string& path, mode_t create_mode);
  // begin() without the read: the lock is taken and the file opened. A caller that holds
  // the file's content already (checked against current_stat()) skips reading a large file
  // under the lock; otherwise read_current() reads it.
  [[nodiscard]] static Result<FileTransaction> begin_unread(const std::string& path,
                                                            mode_t create_mode);

  // The content at begin(); nullopt if the file did not exist (or begin_unread was used).
  [[nodiscard]] const std::optional<std::string>& current() const noexcept { return current_; }
  // The file under the lock, as fstat saw it; nullopt if it did not exist.
  [[nodiscard]] const std::optional<struct stat>& current_stat() const noexcept {
    return current_stat_;
  }
  // The file's content under the lock ("" if it did not exist); the caller owns it, so it
  // can free it after the lock is released.
  [[nodiscard]] Result<std::string> read_current(size_t max_bytes = kMaxFileBytes);

  [[nodiscard]] Status commit(std::string_view content);
  // After commit(): the new file as fstat saw it just before it was renamed into place.
  [[nodiscard]] const std::optional<struct stat>& written_stat() const noexcept {
    return written_stat_;
  }

  FileTransaction(FileTransaction&&) noexcept = default;
  FileTransaction& operator=(FileTransaction&&) noexcept = default;
  ~FileTransaction() = default;

 private:
  FileTransaction() = default;
  std::string path_;
  mode_t mode_ = 0644;
  uid_t owner_ = 0;
  gid_t group_ = 0;
  bool keep_owner_ = false;
  UniqueFd lock_;
  UniqueFd current_fd_;
  std::optional<struct stat> current_stat_;
  std::optional<struct stat> written_stat_;
  std::optional<std::string> current_;
};

}  // namespace openras
