// phonebook_file.h: one phone-book file in memory, cached across calls, and its
// crash-safe modification.
//
// A Snapshot is an immutable view of a file's bytes plus the section index built by one
// scan, and the entries decoded from it so far. Snapshots are cached per path with a
// PathWatch (base/path_watch.h) on the file and every directory above it, and reused while
// it reports nothing: a warm lookup in a 100,000-entry phone book costs one read() of the
// watch, a hash probe and a copy of the decoded entry. After a change the file is opened
// again, and its bytes are reused when its identity (device, inode, mtime, size, owner,
// mode) is unchanged and it was not written in place. A path that cannot be watched is
// checked with stat() on every call, as before. Writes go through FileTransaction (lock,
// temporary file, fsync, rename, directory fsync) and replace one contiguous range; the
// new snapshot re-scans only that range; under the lock the file is read again only when
// the cached snapshot may not be what is on disk. Thread-safe: the cache is guarded by a
// mutex, snapshots are shared read-only.
#pragma once

#include <sys/types.h>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/paths.h"
#include "base/result.h"
#include "phonebook/ini_scan.h"
#include "phonebook/name_index.h"

namespace openras::phonebook {

struct FileIdentity {
  dev_t dev = 0;
  ino_t ino = 0;
  int64_t mtime_ns = 0;
  off_t size = 0;
  uid_t uid = 0;
  mode_t mode = 0;
  friend bool operator==(const FileIdentity&, const FileIdentity&) = default;
};

class Snapshot;
struct EntryFields;

// The replacement of bytes [begin, end) of a phone book's text by `text`.
struct Splice {
  size_t begin = 0;
  size_t end = 0;
  std::string text;
};
// Decides the change from the file's current content, under its lock; nullopt = none.
using EditFunction = std::function<Result<std::optional<Splice>>(const Snapshot&)>;

class Snapshot {
 public:
  // Indexes `text`, the content of `path` (nullopt identity: the file does not exist).
  [[nodiscard]] static std::shared_ptr<const Snapshot> build(std::string path, std::string text,
                                                             std::optional<FileIdentity> identity);

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string_view text() const { return text_; }
  [[nodiscard]] bool exists() const { return identity_.has_value(); }
  [[nodiscard]] const std::optional<FileIdentity>& identity() const { return identity_; }
  [[nodiscard]] const std::vector<Section>& sections() const { return sections_; }
  [[nodiscard]] std::string_view name(size_t section) const {
    return std::string_view(text_).substr(sections_[section].name_begin,
                                          sections_[section].name_size);
  }
  // "\r\n" or "\n", as the file writes lines ("\n" for a new file).
  [[nodiscard]] std::string_view eol() const { return eol_; }

  // A problem of the whole file (kPhonebookCorrupt "<path> line N: why"): every read and
  // write of this phone book fails with it.
  [[nodiscard]] const std::optional<Error>& problem() const { return problem_; }

  // The section named `utf8_name` (ASCII case-insensitive).
  [[nodiscard]] std::optional<size_t> find(std::string_view utf8_name) const;
  // kPhonebookCorrupt if another section has the same name (which one is the entry?).
  [[nodiscard]] Status check_unique(size_t section) const;

  // "<path> line N" for byte `offset`, the start of every phone-book error message.
  [[nodiscard]] std::string where(size_t offset) const;

  // The entry of `section` as decoded before from this snapshot, or nullptr. A snapshot's
  // bytes never change, so neither does what they decode to. Thread-safe.
  [[nodiscard]] std::shared_ptr<const EntryFields> decoded(size_t section) const;
  void remember_decoded(size_t section, std::shared_ptr<const EntryFields> fields) const;

 private:
  friend Status modify_phonebook(const std::string&, mode_t, const EditFunction&);
  // What an edit keeps of the old snapshot, so the old text can be freed before the new
  // one is built (a 100,000-entry phone book is large).
  struct Skeleton {
    std::string path;
    std::vector<Section> sections;
    std::string eol;
    NameIndex names;
    std::vector<std::pair<size_t, size_t>> duplicates;
    std::vector<std::string> affected_names;  // of the sections a splice re-scans
  };
  Snapshot() = default;
  void index(std::optional<TextProblem> problem);
  // The sections [first, last) a splice of bytes [begin, end) re-scans: those it touches
  // and the one before (a new section's separating blank line belongs to that one).
  [[nodiscard]] static std::pair<size_t, size_t> affected(const std::vector<Section>& sections,
                                                          size_t begin, size_t end);
  [[nodiscard]] Skeleton skeleton(size_t begin, size_t end) const;
  // The snapshot of `new_text` = the old text with [begin, end) replaced by `inserted`
  // bytes; only the sections around the replacement are scanned again.
  [[nodiscard]] static std::shared_ptr<const Snapshot> spliced(
      Skeleton old, std::string new_text, size_t begin, size_t end, size_t inserted,
      std::optional<FileIdentity> identity);

  std::string path_;
  std::string text_;
  std::optional<FileIdentity> identity_;
  size_t content_begin_ = 0;
  std::vector<Section> sections_;
  NameIndex names_;
  std::vector<std::pair<size_t, size_t>> duplicates_;
  std::string eol_ = "\n";
  std::optional<Error> problem_;
  mutable std::mutex decoded_mutex_;
  mutable std::unordered_map<size_t, std::shared_ptr<const EntryFields>> decoded_;
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

// How a phone book is opened for reading.
enum class OpenMode {
  kPlain,    // as the caller: any readable file
  kTrusted,  // privileged use: open_trusted (root-owned, not writable by others)
};

// The snapshot of `path`, from the cache when the file is unchanged. A missing file is an
// empty phone book when `missing_ok`, else kPhonebookCannotOpen; an unreadable one is
// kPhonebookCannotOpen; a kTrusted open of an untrusted file is kAccessDenied.
[[nodiscard]] Result<SnapshotPtr> load_snapshot(const Paths& paths, const std::string& path,
                                                OpenMode mode, bool missing_ok);

// Locks `path`, gives `edit` the current content and commits the splice it returns:
// another process's edit of a different entry is never lost, and a crash leaves the old
// or the new file. A file with a problem() is never written. The file is created with
// `create_mode` (its directory must exist). Failures: kAccessDenied, or
// kPhonebookCannotWrite naming the path.
[[nodiscard]] Status modify_phonebook(const std::string& path, mode_t create_mode,
                                      const EditFunction& edit);

// Forgets every cached snapshot (tests; a process that wants to drop the memory).
void clear_snapshot_cache();

}  // namespace openras::phonebook
