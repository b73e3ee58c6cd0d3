// phonebook_file.cpp: snapshots, their cache, and locked replacement (see phonebook_file.h).
#include "phonebook/phonebook_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <mutex>
#include <unordered_map>

#include "base/fs.h"
#include "base/log.h"
#include "base/path_watch.h"
#include "phonebook/entry_codec.h"

namespace openras::phonebook {

namespace {

FileIdentity identity_of(const struct stat& st) {
  return FileIdentity{st.st_dev,
                      st.st_ino,
                      static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
                      st.st_size,
                      st.st_uid,
                      st.st_mode};
}

// A snapshot and what vouches for it: the watch started before its file was opened, and
// whether that open was the trust walk.
struct CacheEntry {
  SnapshotPtr snapshot;
  std::shared_ptr<PathWatch> watch;  // nullptr: the path cannot be watched; stat it
  bool trusted = false;
};

// A handful of phone books per process at most (the two defaults and what callers name);
// the bound only stops a program that walks many files from keeping them all.
class SnapshotCache {
 public:
  CacheEntry get(const std::string& path) {
    std::lock_guard lock(mutex_);
    auto it = map_.find(path);
    return it == map_.end() ? CacheEntry{} : it->second;
  }
  void put(CacheEntry entry) {
    CacheEntry replaced;  // destroyed after the mutex is released
    std::lock_guard lock(mutex_);
    const std::string& path = entry.snapshot->path();
    if (map_.size() >= 16 && !map_.count(path)) map_.clear();
    replaced = std::exchange(map_[path], std::move(entry));
  }
  void erase(const std::string& path) {
    CacheEntry erased;
    std::lock_guard lock(mutex_);
    auto it = map_.find(path);
    if (it == map_.end()) return;
    erased = std::move(it->second);
    map_.erase(it);
  }
  void clear() {
    std::unordered_map<std::string, CacheEntry> cleared;
    std::lock_guard lock(mutex_);
    cleared.swap(map_);
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, CacheEntry> map_;
};

SnapshotCache& cache() {
  // Never destroyed: API calls from other threads may run during exit.
  static auto* instance = new SnapshotCache;
  return *instance;
}

tl::unexpected<Error> cannot_open(const std::string& path, const Error& why) {
  return fail(Errc::kPhonebookCannotOpen, "cannot open phone book " + path + ": " + why.message);
}

// A phone book that does not exist: empty where that is allowed (kept with its watch, so
// a user without a phone book is not looked for on every call), else an error.
Result<SnapshotPtr> missing(const std::string& path, bool missing_ok,
                            std::shared_ptr<PathWatch> watch, bool trusted) {
  if (!missing_ok) {
    cache().erase(path);
    return fail(Errc::kPhonebookCannotOpen, "phone book " + path + " does not exist");
  }
  SnapshotPtr empty = Snapshot::build(path, std::string(), std::nullopt);
  cache().put(CacheEntry{empty, std::move(watch), trusted});
  return empty;
}

// A text buffer with room for edits to grow the file in place, backed by huge pages when
// it is large: a 100,000-entry phone book is ~140 MB, and faulting it in 4 KiB pages costs
// more than reading it.
std::string with_room(size_t size) {
  std::string text;
  text.reserve(size + size / 16 + 4096);
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  if (text.capacity() >= 4 * kHuge) {
    auto begin = reinterpret_cast<uintptr_t>(text.data());
    uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
    uintptr_t last = (begin + text.capacity()) & ~(kHuge - 1);
    if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
  }
  return text;
}

// A phone book may be larger than the 64 MiB bound of other files (kMaxFileBytes): 100,000
// entries as Windows writes them are ~140 MiB (docs/phonebook.md, Performance). Still
// bounded, so a mistaken or hostile file cannot exhaust memory.
constexpr size_t kMaxPhonebookBytes = size_t{256} << 20;

tl::unexpected<Error> too_large(const std::string& path) {
  return fail(Errc::kPhonebookCannotOpen,
              "phone book " + path + " is larger than " + std::to_string(kMaxPhonebookBytes >> 20) +
                  " MiB (about 180,000 entries); split it into several phone books");
}

Result<std::string> read_text(int fd, size_t size) {
  std::string text = with_room(size);
  text.resize(size);
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd, text.data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail_errno(errno, "read");
    if (n == 0) break;  // the file shrank since fstat
    done += static_cast<size_t>(n);
  }
  text.resize(done);
  auto rest = read_all(fd, kMaxPhonebookBytes);  // or grew
  if (!rest) return fail(rest.error());
  if (text.size() + rest->size() > kMaxPhonebookBytes) {
    return fail(Errc::kInvalidArgument,
                "larger than " + std::to_string(kMaxPhonebookBytes >> 20) + " MiB");
  }
  text += *rest;
  return text;
}

// The snapshot of the open file `fd`: the cached one when it is the same file, unchanged,
// else read and indexed. Cached with `watch`.
Result<SnapshotPtr> read_snapshot(const std::string& path, int fd, const struct stat& st,
                                  const CacheEntry& before, std::shared_ptr<PathWatch> watch,
                                  bool trusted) {
  if (!S_ISREG(st.st_mode)) {
    return fail(Errc::kPhonebookCannotOpen, "phone book " + path + " is not a regular file");
  }
  // Written in place since it was read: its times may not show it (one clock tick).
  bool written = before.watch && before.watch->written();
  SnapshotPtr snapshot = before.snapshot;
  if (!snapshot || written || snapshot->identity() != identity_of(st)) {
    if (static_cast<unsigned long long>(st.st_size) > kMaxPhonebookBytes) return too_large(path);
    auto text = read_text(fd, static_cast<size_t>(st.st_size));
    if (!text) return cannot_open(path, text.error());
    snapshot = Snapshot::build(path, std::move(*text), identity_of(st));
    if (snapshot->problem()) LOG_DEBUG("%s", snapshot->problem()->message.c_str());
  }
  cache().put(CacheEntry{snapshot, std::move(watch), trusted});
  return snapshot;
}

}  // namespace

std::shared_ptr<const Snapshot> Snapshot::build(std::string path, std::string text,
                                                std::optional<FileIdentity> identity) {
  std::shared_ptr<Snapshot> snapshot(new Snapshot);
  snapshot->path_ = std::move(path);
  snapshot->text_ = std::move(text);
  snapshot->identity_ = identity;
  ScanResult scan = scan_text(snapshot->text_);
  snapshot->content_begin_ = scan.content_begin;
  snapshot->sections_ = std::move(scan.sections);
  if (!snapshot->text_.empty()) snapshot->eol_ = std::string(detect_eol(snapshot->text_));
  snapshot->index(std::move(scan.problem));
  return snapshot;
}

void Snapshot::index(std::optional<TextProblem> problem) {
  duplicates_.clear();
  names_.build(text_, sections_, duplicates_);
  if (problem) {
    problem_ = Error{Errc::kPhonebookCorrupt, where(problem->offset) + ": " + problem->reason, 0};
  }
}

std::pair<size_t, size_t> Snapshot::affected(const std::vector<Section>& sections, size_t begin,
                                             size_t end) {
  size_t first = 0;
  while (first < sections.size() && sections[first].begin < begin) ++first;
  if (first > 0) --first;
  size_t last = first;
  while (last < sections.size() && sections[last].begin < end) ++last;
  return {first, last};
}

Snapshot::Skeleton Snapshot::skeleton(size_t begin, size_t end) const {
  Skeleton out{path_, sections_, eol_, names_, duplicates_, {}};
  auto [first, last] = affected(sections_, begin, end);
  for (size_t i = first; i < last; ++i) out.affected_names.emplace_back(name(i));
  return out;
}

std::shared_ptr<const Snapshot> Snapshot::spliced(Skeleton old, std::string new_text, size_t begin,
                                                  size_t end, size_t inserted,
                                                  std::optional<FileIdentity> identity) {
  std::shared_ptr<Snapshot> snapshot(new Snapshot);
  snapshot->path_ = std::move(old.path);
  snapshot->text_ = std::move(new_text);
  snapshot->identity_ = identity;
  snapshot->eol_ = std::move(old.eol);
  if (snapshot->text_.compare(0, 3, "\xEF\xBB\xBF") == 0) snapshot->content_begin_ = 3;
  const std::vector<Section>& before = old.sections;
  auto [lo, hi] = affected(before, begin, end);
  auto shift = [&](size_t offset) { return offset - end + begin + inserted; };
  size_t rescan_from = lo < before.size() && before[lo].begin < begin
                           ? before[lo].begin
                           : std::max(begin, snapshot->content_begin_);
  size_t rescan_to = hi < before.size() ? shift(before[hi].begin) : snapshot->text_.size();
  std::vector<Section>& sections = snapshot->sections_;
  sections.reserve(before.size() + 1);
  sections.assign(before.begin(), before.begin() + static_cast<std::ptrdiff_t>(lo));
  std::optional<TextProblem> problem;
  scan_range(snapshot->text_, rescan_from, rescan_to, sections, problem);
  const size_t rescanned_end = sections.size();
  for (size_t i = hi; i < before.size(); ++i) {
    Section s = before[i];
    s.begin = shift(s.begin);
    s.body = shift(s.body);
    s.end = shift(s.end);
    s.name_begin = shift(s.name_begin);
    sections.push_back(s);
  }
  // The common edit rewrites one entry under the same name: every section keeps its
  // number and name, so the name index still holds and is not rebuilt.
  bool same_names = !problem && rescanned_end - lo == old.affected_names.size() &&
                    sections.size() == before.size();
  for (size_t i = lo; same_names && i < rescanned_end; ++i) {
    same_names = snapshot->name(i) == old.affected_names[i - lo];
  }
  if (same_names) {
    snapshot->names_ = std::move(old.names);
    snapshot->duplicates_ = std::move(old.duplicates);
    return snapshot;
  }
  snapshot->index(std::move(problem));
  return snapshot;
}

std::optional<size_t> Snapshot::find(std::string_view utf8_name) const {
  return names_.find(text_, sections_, utf8_name);
}

Status Snapshot::check_unique(size_t section) const {
  for (const auto& [first, later] : duplicates_) {
    if (first != section && later != section) continue;
    return fail(Errc::kPhonebookCorrupt,
                where(sections_[later].begin) + ": entry [" + std::string(name(later)) +
                    "] is defined twice (also on line " +
                    std::to_string(line_number(text_, sections_[first].begin)) +
                    "); remove one of them");
  }
  return {};
}

std::string Snapshot::where(size_t offset) const {
  return path_ + " line " + std::to_string(line_number(text_, offset));
}

std::shared_ptr<const EntryFields> Snapshot::decoded(size_t section) const {
  std::lock_guard lock(decoded_mutex_);
  auto it = decoded_.find(section);
  return it == decoded_.end() ? nullptr : it->second;
}

void Snapshot::remember_decoded(size_t section, std::shared_ptr<const EntryFields> fields) const {
  std::lock_guard lock(decoded_mutex_);
  // ~13 KB each: a program reading every entry of a large phone book keeps only the last few.
  if (decoded_.size() >= 64) decoded_.clear();
  decoded_[section] = std::move(fields);
}

Result<SnapshotPtr> load_snapshot(const Paths& paths, const std::string& path, OpenMode mode,
                                  bool missing_ok) {
  bool trusted = mode == OpenMode::kTrusted;
  CacheEntry cached = cache().get(path);
  if (cached.snapshot && cached.watch && (cached.trusted || !trusted) &&
      (cached.snapshot->exists() || missing_ok) && cached.watch->unchanged()) {
    return cached.snapshot;
  }
  // Watched before the file is opened: whatever changes after this is seen by the next call.
  auto watch = PathWatch::start(path);
  struct stat st {};
  if (trusted) {
    auto fd = open_trusted(paths, path);
    if (!fd) {
      if (fd.error().code == Errc::kNotFound) return missing(path, missing_ok, watch, true);
      if (fd.error().code == Errc::kAccessDenied) {
        return fail(
            fd.error().with_context("the all-users phone book is not trusted for "
                                    "privileged use"));
      }
      return cannot_open(path, fd.error());
    }
    if (::fstat(fd->get(), &st) != 0) return cannot_open(path, errno_error(errno, "fstat"));
    return read_snapshot(path, fd->get(), st, cached, std::move(watch), true);
  }
  if (!watch) {
    // Not watchable: the cached bytes are reused only for the same file, unchanged.
    if (::stat(path.c_str(), &st) != 0) {
      if (errno == ENOENT) return missing(path, missing_ok, nullptr, false);
      return cannot_open(path, errno_error(errno, "stat"));
    }
    if (cached.snapshot && cached.snapshot->identity() == identity_of(st)) return cached.snapshot;
  }
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (!fd) {
    if (errno == ENOENT) return missing(path, missing_ok, std::move(watch), false);
    return cannot_open(path, errno_error(errno, "open"));
  }
  if (::fstat(fd.get(), &st) != 0) return cannot_open(path, errno_error(errno, "fstat"));
  return read_snapshot(path, fd.get(), st, cached, std::move(watch), false);
}

Status modify_phonebook(const std::string& path, mode_t create_mode, const EditFunction& edit) {
  auto cannot_write = [&](const Error& why) {
    Errc code = why.code == Errc::kAccessDenied ? Errc::kAccessDenied : Errc::kPhonebookCannotWrite;
    return fail(code, "cannot write phone book " + path + ": " + why.message);
  };
  // Declared before the transaction: whatever large buffers these end up holding (the file
  // read under the lock, the old snapshot) are freed after its lock is released.
  std::string current;
  SnapshotPtr snapshot;
  SnapshotPtr result;
  CacheEntry cached = cache().get(path);
  auto tx = FileTransaction::begin_unread(path, create_mode);
  if (!tx) return cannot_write(tx.error());
  std::optional<FileIdentity> identity;
  if (tx->current_stat()) identity = identity_of(*tx->current_stat());
  // The cached snapshot is the file under the lock when it is the same file and its watch
  // has seen nothing since it was read (not even a write in place): then nothing is read.
  // Otherwise the file is read, and the cached index reused only for exactly its bytes:
  // splicing at a stale offset would corrupt the file.
  if (cached.snapshot && identity && cached.snapshot->identity() == identity && cached.watch &&
      cached.watch->unchanged()) {
    snapshot = cached.snapshot;
  } else {
    auto text = tx->read_current(kMaxPhonebookBytes);
    if (!text) return cannot_write(text.error());
    current = std::move(*text);
    if (cached.snapshot && identity && cached.snapshot->identity() == identity &&
        cached.snapshot->text() == current) {
      snapshot = cached.snapshot;
    } else {
      std::string copy = with_room(current.size());
      copy += current;
      snapshot = Snapshot::build(path, std::move(copy), identity);
    }
  }
  cached = CacheEntry{};
  if (snapshot->problem()) return fail(*snapshot->problem());
  auto splice = edit(*snapshot);
  if (!splice) return fail(splice.error());
  if (!*splice) return {};
  const Splice& change = **splice;
  Snapshot::Skeleton skeleton = snapshot->skeleton(change.begin, change.end);
  cache().erase(path);
  std::string next;
  if (snapshot.use_count() == 1) {
    // No other holder (and the cache no longer hands it out): the old snapshot's buffer
    // becomes the new text, spliced in place, instead of a second copy of the file.
    // The Snapshot was created non-const, so taking its text is well-defined.
    next = std::move(const_cast<Snapshot&>(*snapshot).text_);
    next.replace(change.begin, change.end - change.begin, change.text);
  } else {
    std::string_view old = snapshot->text();
    next = with_room(old.size() - (change.end - change.begin) + change.text.size());
    next.append(old.substr(0, change.begin));
    next.append(change.text);
    next.append(old.substr(change.end));
  }
  if (auto ok = tx->commit(next); !ok) return cannot_write(ok.error());
  // The new snapshot is cached with a watch started now; it vouches for the file only if
  // the file is still what was written (nobody changed it between the rename and the watch).
  auto watch = PathWatch::start(path);
  struct stat st {};
  std::optional<FileIdentity> written;
  if (tx->written_stat() && ::stat(path.c_str(), &st) == 0 &&
      identity_of(st) == identity_of(*tx->written_stat())) {
    written = identity_of(st);
  }
  result = Snapshot::spliced(std::move(skeleton), std::move(next), change.begin, change.end,
                             change.text.size(), written);
  if (written) cache().put(CacheEntry{result, std::move(watch), false});
  return {};
}

void clear_snapshot_cache() { cache().clear(); }

}  // namespace openras::phonebook
