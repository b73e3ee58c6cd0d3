// hive.cpp: hive files: trusted reads with a cache, locked atomic writes (see hive.h).
#include "registry/hive.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>

#include "base/fs.h"
#include "base/log.h"
#include "registry/reg_format.h"

namespace openras::registry {

namespace {

void add_default_keys(RootKey root, Key& tree) {
  for (const KeyPath& path : default_keys(root)) tree.ensure(path);
}

// An untrusted hive reads as nothing at all, not even the default keys: every query of it
// fails, so the refusal is never mistaken for a fresh root.
std::shared_ptr<const Key> untrusted_tree() {
  static const auto tree = std::make_shared<const Key>();
  return tree;
}

// What an absent hive reads as: the default keys, nothing else.
std::shared_ptr<const Key> empty_tree(RootKey root) {
  static const auto trees = [] {
    std::array<std::shared_ptr<const Key>, 2> out;
    for (RootKey r : {RootKey::kLocalMachine, RootKey::kCurrentUser}) {
      Key tree;
      add_default_keys(r, tree);
      out[static_cast<size_t>(r)] = std::make_shared<const Key>(std::move(tree));
    }
    return out;
  }();
  return trees[static_cast<size_t>(root)];
}

bool same_time(const struct timespec& a, const struct timespec& b) {
  return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

std::string parent_directory(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

}  // namespace

const std::vector<KeyPath>& default_keys(RootKey root) {
  // Spelt as the rest of OpenRAS spells them (docs/registry.md); names compare without case.
  static const std::vector<KeyPath> machine = {
      {L"Software", L"Microsoft", L"Windows", L"CurrentVersion", L"Telephony"},
      {L"System", L"CurrentControlSet", L"Services", L"Rasman", L"Parameters"},
  };
  static const std::vector<KeyPath> user = {
      {L"Software", L"Microsoft", L"Windows", L"CurrentVersion"},
  };
  return root == RootKey::kLocalMachine ? machine : user;
}

bool is_default_key(RootKey root, const KeyPath& path) {
  for (const KeyPath& key : default_keys(root)) {
    if (path.size() > key.size()) continue;
    bool prefix = true;
    for (size_t i = 0; prefix && i < path.size(); ++i) prefix = names_equal(path[i], key[i]);
    if (prefix) return true;
  }
  return false;
}

bool Hive::Identity::operator==(const Identity& other) const noexcept {
  return device == other.device && inode == other.inode && size == other.size &&
         same_time(modified, other.modified) && same_time(changed, other.changed);
}

Hive::Hive(const Paths& paths, RootKey root)
    : paths_(paths),
      root_(root),
      path_(root == RootKey::kLocalMachine ? Result<std::string>(paths.machine_hive())
                                           : paths.user_hive(::getuid())) {}

Result<UniqueFd> Hive::open_for_reading() const {
  if (!path_) return fail(path_.error());
  if (root_ == RootKey::kLocalMachine) return open_trusted(paths_, *path_);
  UniqueFd fd(::open(path_->c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (!fd) return fail_errno(errno, *path_);
  return fd;
}

Result<Key> Hive::parse(std::string_view text) const {
  auto file = parse_reg(text, *path_);
  if (!file) {
    return fail(Errc::kRegistryCorrupt,
                file.error().message + " (the hive is left as it is: correct or remove it)");
  }
  for (const auto& section : file->sections) {
    if (section.root != root_) {
      return fail(Errc::kRegistryCorrupt,
                  *path_ + " line " + std::to_string(section.line) + ": a key of " +
                      std::string(root_name_utf8(section.root)) + " in the " +
                      std::string(root_name_utf8(root_)) + " hive");
    }
  }
  Key tree;
  apply_reg(*file, root_, tree);
  add_default_keys(root_, tree);
  return tree;
}

Result<Hive::Snapshot> Hive::read() {
  std::lock_guard lock(mutex_);
  if (warm_ && warm_watch_ && warm_watch_->unchanged()) return *warm_;
  bool written = warm_watch_ && warm_watch_->written();
  warm_.reset();
  // Watched before the walk: a change after this point is reported to the next read.
  warm_watch_ = path_ ? PathWatch::start(*path_) : nullptr;
  auto snapshot = read_uncached(written);
  // An answer about the file (its tree, its absence, why it is untrusted) is kept; an I/O
  // or parse error is found again by the next read.
  if (snapshot) warm_ = *snapshot;
  return snapshot;
}

Result<Hive::Snapshot> Hive::read_uncached(bool written) {
  auto fd = open_for_reading();
  if (!fd) {
    if (fd.error().code == Errc::kNotFound) return Snapshot{empty_tree(root_), {}, {}};
    if (root_ == RootKey::kLocalMachine && fd.error().code == Errc::kAccessDenied) {
      LOG_DEBUG("registry: %s is not trusted, HKEY_LOCAL_MACHINE is empty: %s", path_->c_str(),
                fd.error().message.c_str());
      return Snapshot{untrusted_tree(), fd.error().message, {}};
    }
    return fail(fd.error());
  }
  struct stat st {};
  if (::fstat(fd->get(), &st) != 0) return fail_errno(errno, *path_);
  Identity identity{st.st_dev, st.st_ino, st.st_size, st.st_mtim, st.st_ctim};

  // Written in place since the last parse: its times may not show it (one clock tick).
  if (written) cached_identity_.reset();
  if (!cached_identity_ || !(*cached_identity_ == identity)) {
    if (static_cast<size_t>(st.st_size) > kMaxRegFileSize) {
      cached_tree_ = fail(Errc::kRegistryCorrupt,
                          *path_ + " is larger than " + std::to_string(kMaxRegFileSize) + " bytes");
    } else if (auto text = read_all(fd->get()); !text) {
      return fail(text.error().with_context(*path_));
    } else if (auto tree = parse(*text); !tree) {
      cached_tree_ = fail(tree.error());
    } else {
      cached_tree_ = std::make_shared<const Key>(std::move(*tree));
    }
    cached_identity_ = identity;
  }
  if (!cached_tree_) return fail(cached_tree_.error());
  return Snapshot{*cached_tree_, {}, st.st_mtim};
}

Status Hive::ensure_directories(const std::string& dir) const {
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return {};
    return fail(Errc::kAlreadyExists, dir + " exists and is not a directory");
  }
  if (errno != ENOENT) return fail_errno(errno, dir);
  if (auto ok = ensure_directories(parent_directory(dir)); !ok) return ok;
  // Explicit modes, whatever the umask: HKLM must stay readable by every user.
  mode_t mode = root_ == RootKey::kLocalMachine ? 0755 : 0700;
  if (::mkdir(dir.c_str(), mode) != 0 && errno != EEXIST) return fail_errno(errno, dir);
  if (::chmod(dir.c_str(), mode) != 0) return fail_errno(errno, dir);
  return {};
}

Status Hive::modify(const std::function<Result<bool>(Key&)>& change) {
  bool machine = root_ == RootKey::kLocalMachine;
  if (machine && !paths_.caller_is_admin()) {
    return fail(Errc::kAccessDenied,
                "only root may change HKEY_LOCAL_MACHINE (" + paths_.machine_hive() + ")");
  }
  if (!path_) return fail(path_.error());
  if (machine) {
    // Writing into a hive nobody will trust would make the change silently useless.
    auto trusted = open_trusted(paths_, *path_);
    if (!trusted && trusted.error().code == Errc::kAccessDenied) {
      return fail(Errc::kAccessDenied,
                  "refusing to write an untrusted hive: " + trusted.error().message);
    }
  }
  if (auto ok = ensure_directories(parent_directory(*path_)); !ok) return ok;
  auto transaction = FileTransaction::begin(*path_, machine ? 0644 : 0600);
  if (!transaction) return fail(transaction.error());
  Key tree;
  if (const auto& current = transaction->current()) {
    auto parsed = parse(*current);
    if (!parsed) return fail(parsed.error());
    tree = std::move(*parsed);
  } else {
    add_default_keys(root_, tree);
  }
  auto changed = change(tree);
  if (!changed) return fail(changed.error());
  if (!*changed) return {};
  std::string text = write_reg(root_, {}, tree, RegEncoding::kUtf8);
  if (transaction->current() && *transaction->current() == text) return {};
  return transaction->commit(text);
}

}  // namespace openras::registry
