// fs.h: file primitives shared by the registry and the phone book: whole-file reads,
// trust checks made on opened descriptors, and crash-safe locked replacement.
#pragma once

#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>

#include "base/paths.h"
#include "base/result.h"
#include "base/unique_fd.h"

namespace openras {

// Reads everything from `fd` (from its current offset).
[[nodiscard]] Result<std::string> read_all(int fd);

// Opens and reads a file. kNotFound if it does not exist.
[[nodiscard]] Result<std::string> read_file(const std::string& path);

// Creates `path` and any missing parents with `mode` (existing ones are left alone).
[[nodiscard]] Status make_directories(const std::string& path, mode_t mode);

// Opens `path` (which must lie under paths.root()) for reading, walking from the root one
// component at a time with O_NOFOLLOW and checking every directory and the file itself
// on its descriptor: owned by a trusted owner (paths.trusted_owner), not writable by group
// or others, no symlinks. The root directory itself must pass the same check. Anything
// else fails with kAccessDenied and a message naming the offending path and its owner or
// mode; a missing file fails with kNotFound. The returned descriptor is the checked file.
[[nodiscard]] Result<UniqueFd> open_trusted(const Paths& paths, const std::string& path);

// The same walk for a file anywhere: from "/" down to `path` (absolute, no "..", no
// symlinks), every directory and the file owned by an owner `owner_ok` accepts and not
// writable by group or others. Used for dialer libraries, which live outside the root.
[[nodiscard]] Result<UniqueFd> open_trusted_absolute(const std::string& path,
                                                     const std::function<bool(uid_t)>& owner_ok);

// A crash-safe, multi-process-safe replacement of one file's whole content.
//
// begin() takes an exclusive lock (flock on "<dir>/.<name>.lock") and reads the current
// content; commit() writes a temporary file in the same directory, fsyncs it, renames it
// over the target and fsyncs the directory. Readers never take the lock: the rename is
// atomic, so they see the old file or the new one, never a mix. A process killed at any
// moment leaves the old or the new file (and at worst a stray temporary, which the next
// commit reuses no name of). The lock is released when the transaction is destroyed.
class FileTransaction {
 public:
  // `create_mode` applies to the file (and lock file) when they are created.
  [[nodiscard]] static Result<FileTransaction> begin(const std::string& path, mode_t create_mode);

  // The content at begin(); nullopt if the file did not exist.
  [[nodiscard]] const std::optional<std::string>& current() const noexcept { return current_; }

  [[nodiscard]] Status commit(std::string_view content);

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
  std::optional<std::string> current_;
};

}  // namespace openras
