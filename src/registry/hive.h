// hive.h: one hive file, the store behind one root key.
//
// HKEY_LOCAL_MACHINE lives in Paths::machine_hive(). It is read only through
// open_trusted(): a hive that it or any directory above it could have been written by
// someone other than root (group/other-writable, wrong owner, a symlink) is treated as
// absent, and the reason is reported in Snapshot::untrusted. Only an administrator
// (Paths::caller_is_admin) may write it, and that is checked before any file is touched.
// HKEY_CURRENT_USER lives in Paths::user_hive(getuid()) and belongs to that user.
//
// Reads are fresh and warm: read() keeps the last result (the parsed tree, or why the hive
// is untrusted) with a PathWatch on the hive's path, and reuses it while nothing happened to
// the file or any directory from "/" down to it; any change (a mode, an owner, a rename, a
// replaced or rewritten file, by any process) makes the next read walk, check and — when
// the file's identity (device, inode, size, times) changed or it was written in place —
// reparse again. Where the path cannot be watched every read walks and checks. Writes lock, reparse
// what is on disk, apply the change and replace the file atomically (FileTransaction), so
// concurrent writers in several processes never lose an update and a crash leaves the old or the
// new file.
#pragma once

#include <sys/types.h>

#include <ctime>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/path_watch.h"
#include "base/paths.h"
#include "base/result.h"
#include "base/unique_fd.h"
#include "registry/key.h"
#include "registry/names.h"

namespace openras::registry {

// The keys every Windows has, which installers open without creating (a dialer installer
// opens ...\Services\RasMan\Parameters with RegOpenKeyEx, then RegSetValueEx). Every read
// of a hive shows them, present in its file or not: nothing is written to make them exist,
// so a user reads them in a root nobody has written yet, and only someone who may write the
// hive (an administrator, for HKEY_LOCAL_MACHINE) ever stores them, with their first change.
// An untrusted HKEY_LOCAL_MACHINE hive shows nothing, not even these.
[[nodiscard]] const std::vector<KeyPath>& default_keys(RootKey root);
// Whether `path` is one of default_keys(root) or above one (RegDeleteKey refuses those).
[[nodiscard]] bool is_default_key(RootKey root, const KeyPath& path);

class Hive {
 public:
  Hive(const Paths& paths, RootKey root);
  Hive(const Hive&) = delete;
  Hive& operator=(const Hive&) = delete;
  ~Hive() = default;

  struct Snapshot {
    std::shared_ptr<const Key> tree;  // never null; empty when the hive is absent or untrusted
    std::string untrusted;            // why an existing HKLM hive was ignored, else empty
    struct timespec modified {};      // the file's mtime; zero when absent
  };

  // Thread-safe. Fails with kRegistryCorrupt (naming file and line) when the hive cannot
  // be parsed, kIo on read errors.
  [[nodiscard]] Result<Snapshot> read();

  // Thread-safe, and safe against other processes. `change` edits the current tree and
  // returns whether anything changed (false: the file is left alone). Fails with
  // kAccessDenied for a non-administrator on HKLM or an untrusted HKLM hive,
  // kRegistryCorrupt when the file on disk cannot be parsed (it is left as it is).
  [[nodiscard]] Status modify(const std::function<Result<bool>(Key&)>& change);

  [[nodiscard]] RootKey root() const noexcept { return root_; }
  // The hive's file; an error for HKCU when the user has no home directory.
  [[nodiscard]] const Result<std::string>& path() const noexcept { return path_; }

 private:
  struct Identity {
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = 0;
    struct timespec modified {};
    struct timespec changed {};
    bool operator==(const Identity& other) const noexcept;
  };

  [[nodiscard]] Result<UniqueFd> open_for_reading() const;
  [[nodiscard]] Result<Key> parse(std::string_view text) const;
  [[nodiscard]] Status ensure_directories(const std::string& dir) const;

  Paths paths_;
  RootKey root_;
  Result<std::string> path_;

  [[nodiscard]] Result<Snapshot> read_uncached(bool written);

  std::mutex mutex_;  // guards the caches below
  std::optional<Identity> cached_identity_;
  Result<std::shared_ptr<const Key>> cached_tree_;
  // The last read's answer, valid while warm_watch_ reports nothing.
  std::optional<Snapshot> warm_;
  std::shared_ptr<PathWatch> warm_watch_;
};

}  // namespace openras::registry
