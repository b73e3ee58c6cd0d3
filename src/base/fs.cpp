// fs.cpp: whole-file reads, trust-checked opens and locked atomic replacement.
#include "base/fs.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

namespace openras {

namespace {

std::string mode_string(mode_t mode) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%04o", static_cast<unsigned>(mode & 07777));
  return buffer;
}

std::string dirname_of(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string basename_of(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

Status check_stat(const std::function<bool(uid_t)>& owner_ok, const struct stat& st,
                  const std::string& what) {
  if (!owner_ok(st.st_uid)) {
    return fail(Errc::kAccessDenied, what + " is owned by uid " + std::to_string(st.st_uid) +
                                         ", not by root; it is not trusted (chown root " + what +
                                         ")");
  }
  if (S_ISDIR(st.st_mode) && (st.st_mode & S_ISVTX) && (st.st_mode & S_IWOTH)) {
    // Never advise opening up or closing down a shared directory such as /tmp.
    return fail(Errc::kAccessDenied,
                what + " has mode " + mode_string(st.st_mode) +
                    ", a sticky directory anyone can write (as /tmp is); files below it are "
                    "not trusted: keep them in a directory only root can write, such as "
                    "/usr/lib/openras");
  }
  if (st.st_mode & (S_IWGRP | S_IWOTH)) {
    return fail(Errc::kAccessDenied, what + " has mode " + mode_string(st.st_mode) +
                                         ", writable by group or others; it is not trusted "
                                         "(chmod go-w " +
                                         what + ")");
  }
  return {};
}

// Opens the directory `top` (absolute, canonical) from "/" one component at a time without
// following links, checking each directory above it: whoever could rename or replace an
// ancestor could swap the whole tree below it. An ancestor must belong to a trusted owner
// and not be writable by group or others — except a sticky directory owned by root (such
// as /tmp), where others cannot rename or remove what they do not own.
Result<UniqueFd> open_top(const std::string& top, const std::function<bool(uid_t)>& owner_ok) {
  UniqueFd dir(::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!dir) return fail_errno(errno, "/");
  std::string walked;
  std::string_view rest = std::string_view(top).substr(1);
  while (!rest.empty()) {
    struct stat st {};
    if (::fstat(dir.get(), &st) != 0) return fail_errno(errno, walked.empty() ? "/" : walked);
    const std::string here = walked.empty() ? "/" : walked;
    bool sticky_root = (st.st_mode & S_ISVTX) && st.st_uid == 0;
    if (!owner_ok(st.st_uid)) {
      return fail(Errc::kAccessDenied,
                  here + ", above " + top + ", is owned by uid " + std::to_string(st.st_uid) +
                      ", who could replace everything below it; it is not trusted");
    }
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) && !sticky_root) {
      return fail(Errc::kAccessDenied, here + ", above " + top + ", has mode " +
                                           mode_string(st.st_mode) +
                                           ", writable by group or others; it is not trusted");
    }
    auto slash = rest.find('/');
    std::string component(rest.substr(0, slash));
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (component.empty()) continue;
    walked += "/" + component;
    UniqueFd next(
        ::openat(dir.get(), component.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!next) {
      if (errno == ELOOP || errno == ENOTDIR) {
        return fail(Errc::kAccessDenied, walked +
                                             " is a symbolic link or not a directory; "
                                             "only real directories are trusted");
      }
      return fail_errno(errno, walked);
    }
    dir = std::move(next);
  }
  return dir;
}

// Opens `path` below the directory `top` (both absolute, `path` inside `top`), checking
// `top`, every directory on the way and the file itself, each on its own descriptor.
Result<UniqueFd> walk_trusted(const std::string& top, const std::string& path,
                              const std::function<bool(uid_t)>& owner_ok) {
  std::string prefix = top == "/" ? "/" : top + "/";
  if (path.compare(0, prefix.size(), prefix) != 0) {
    return fail(Errc::kInvalidArgument, path + " is not under " + top);
  }
  auto top_fd = open_top(top, owner_ok);
  if (!top_fd) return fail(top_fd.error());
  UniqueFd dir = std::move(*top_fd);
  struct stat st {};
  if (::fstat(dir.get(), &st) != 0) return fail_errno(errno, top);
  if (auto ok = check_stat(owner_ok, st, top); !ok) return fail(ok.error());

  std::string walked = top == "/" ? "" : top;
  std::string_view rest = std::string_view(path).substr(prefix.size());
  while (!rest.empty()) {
    auto slash = rest.find('/');
    std::string component(rest.substr(0, slash));
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (component.empty() || component == ".") continue;
    if (component == "..") return fail(Errc::kInvalidArgument, path + " contains \"..\"");
    walked += "/" + component;
    bool last = rest.empty();
    // O_NONBLOCK: opening a FIFO planted at the path must not wait for a writer (the
    // type is checked below, before anything is read).
    int flags = last ? (O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
                     : (O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    UniqueFd next(::openat(dir.get(), component.c_str(), flags));
    if (!next) {
      if (errno == ELOOP || errno == ENOTDIR) {
        return fail(Errc::kAccessDenied, walked +
                                             " is a symbolic link or not a directory; "
                                             "only real directories are trusted");
      }
      return fail_errno(errno, walked);
    }
    if (::fstat(next.get(), &st) != 0) return fail_errno(errno, walked);
    if (auto ok = check_stat(owner_ok, st, walked); !ok) return fail(ok.error());
    if (last && !S_ISREG(st.st_mode)) {
      return fail(Errc::kAccessDenied, walked + " is not a regular file");
    }
    dir = std::move(next);
  }
  return dir;
}

tl::unexpected<Error> too_big(size_t max_bytes) {
  return fail(Errc::kInvalidArgument, "larger than " + std::to_string(max_bytes >> 20) +
                                          " MiB, more than any file "
                                          "OpenRAS reads may hold; is it the right file?");
}

// Who holds the flock on the file `st` describes, from /proc/locks ("pid N (name)").
std::string lock_holder(const struct stat& st) {
  auto locks = read_file("/proc/locks", 1 << 20);
  if (!locks) return "another process";
  char wanted[64];
  std::snprintf(wanted, sizeof wanted, "%02x:%02x:%llu", ::major(st.st_dev), ::minor(st.st_dev),
                static_cast<unsigned long long>(st.st_ino));
  size_t start = 0;
  while (start < locks->size()) {
    size_t end = locks->find('\n', start);
    if (end == std::string::npos) end = locks->size();
    std::string line = locks->substr(start, end - start);
    start = end + 1;
    // "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF"
    char type[16], kind[16], mode[16], device[64];
    long pid = 0;
    if (line.find("->") != std::string::npos) continue;  // a waiter, not the holder
    if (std::sscanf(line.c_str(), "%*d: %15s %15s %15s %ld %63s", type, kind, mode, &pid, device) !=
            5 ||
        std::string(device) != wanted) {
      continue;
    }
    auto comm = read_file("/proc/" + std::to_string(pid) + "/comm", 256);
    std::string name = comm ? comm->substr(0, comm->find('\n')) : "?";
    return "process " + std::to_string(pid) + " (" + name + ")";
  }
  return "another process";
}

Status write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail_errno(errno, "write");
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

}  // namespace

Result<UniqueFd> take_write_lock(const std::string& lock_path, std::chrono::milliseconds timeout) {
  UniqueFd lock(
      ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0600));
  if (!lock) return fail_errno(errno, lock_path);
  struct stat st {};
  if (::fstat(lock.get(), &st) != 0) return fail_errno(errno, lock_path);
  // Only writers may open the lock: a lock file others can open could be held by anyone.
  if (!S_ISREG(st.st_mode) || (st.st_mode & 077) != 0 ||
      (st.st_uid != ::geteuid() && st.st_uid != 0)) {
    return fail(Errc::kAccessDenied,
                lock_path + " is not a private lock file (owner uid " + std::to_string(st.st_uid) +
                    ", mode " + mode_string(st.st_mode) +
                    "); only its writers may open it: remove it and try again");
  }
  auto deadline = std::chrono::steady_clock::now() + timeout;
  auto pause = std::chrono::milliseconds(1);
  while (::flock(lock.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) return fail_errno(errno, "locking " + lock_path);
    if (std::chrono::steady_clock::now() >= deadline) {
      return fail(Errc::kTimeout, lock_path + " is held by " + lock_holder(st) + " for more than " +
                                      std::to_string(timeout.count() / 1000) +
                                      " s; try again when it has finished");
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
  return lock;
}

Result<std::string> read_all(int fd, size_t max_bytes) {
  std::string out;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    if (static_cast<unsigned long long>(st.st_size) > max_bytes) return too_big(max_bytes);
    out.reserve(static_cast<size_t>(st.st_size));
  }
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail_errno(errno, "read");
    }
    if (n == 0) break;
    if (out.size() + static_cast<size_t>(n) > max_bytes) return too_big(max_bytes);
    out.append(buffer, static_cast<size_t>(n));
  }
  return out;
}

Result<std::string> read_file(const std::string& path, size_t max_bytes) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (!fd) return fail_errno(errno, path);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return fail_errno(errno, path);
  if (!S_ISREG(st.st_mode)) {
    return fail(Errc::kInvalidArgument, path + " is not a regular file; give a file");
  }
  auto content = read_all(fd.get(), max_bytes);
  if (!content) return fail(content.error().with_context(path));
  return content;
}

Status make_directories(const std::string& path, mode_t mode) {
  if (path.empty()) return {};
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return {};
    return fail(Errc::kAlreadyExists, path + " exists and is not a directory");
  }
  std::string parent = dirname_of(path);
  if (parent != path) {
    if (auto status = make_directories(parent, mode); !status) return status;
  }
  if (::mkdir(path.c_str(), mode) != 0 && errno != EEXIST) return fail_errno(errno, path);
  return {};
}

Result<UniqueFd> open_trusted_directory(const std::string& dir,
                                        const std::function<bool(uid_t)>& owner_ok) {
  if (dir.empty() || dir.front() != '/') {
    return fail(Errc::kInvalidArgument, "\"" + dir + "\" is not an absolute path");
  }
  auto fd = open_top(dir, owner_ok);
  if (!fd) return fd;
  struct stat st {};
  if (::fstat(fd->get(), &st) != 0) return fail_errno(errno, dir);
  if (auto ok = check_stat(owner_ok, st, dir); !ok) return fail(ok.error());
  return fd;
}

Result<UniqueFd> open_trusted(const Paths& paths, const std::string& path) {
  return walk_trusted(paths.root(), path, [&](uid_t uid) { return paths.trusted_owner(uid); });
}

Result<UniqueFd> open_trusted_absolute(const std::string& path,
                                       const std::function<bool(uid_t)>& owner_ok) {
  if (path.empty() || path.front() != '/') {
    return fail(Errc::kInvalidArgument, "\"" + path + "\" is not an absolute path");
  }
  return walk_trusted("/", path, owner_ok);
}

Result<FileTransaction> FileTransaction::begin_unread(const std::string& path, mode_t create_mode) {
  FileTransaction tx;
  tx.path_ = path;
  tx.mode_ = create_mode;
  auto lock = take_write_lock(dirname_of(path) + "/." + basename_of(path) + ".wlock");
  if (!lock) return fail(lock.error());
  tx.lock_ = std::move(*lock);
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fd) {
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return fail_errno(errno, path);
    // An existing file keeps its mode and ownership across the replacement.
    tx.mode_ = st.st_mode & 07777;
    tx.owner_ = st.st_uid;
    tx.group_ = st.st_gid;
    tx.keep_owner_ = true;
    tx.current_stat_ = st;
    tx.current_fd_ = std::move(fd);
  } else if (errno != ENOENT) {
    return fail_errno(errno, path);
  }
  return tx;
}

Result<FileTransaction> FileTransaction::begin(const std::string& path, mode_t create_mode) {
  auto tx = begin_unread(path, create_mode);
  if (!tx || !tx->current_fd_) return tx;
  auto content = tx->read_current();
  if (!content) return fail(content.error());
  tx->current_ = std::move(*content);
  return tx;
}

Result<std::string> FileTransaction::read_current(size_t max_bytes) {
  if (!current_fd_) return std::string();
  if (::lseek(current_fd_.get(), 0, SEEK_SET) != 0) return fail_errno(errno, path_);
  auto content = read_all(current_fd_.get(), max_bytes);
  if (!content) return fail(content.error().with_context(path_));
  return content;
}

Status FileTransaction::commit(std::string_view content) {
  std::string dir = dirname_of(path_);
  std::random_device random;
  std::string tmp = dir + "/." + basename_of(path_) + ".tmp." + std::to_string(::getpid()) + "." +
                    std::to_string(random());
  UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode_));
  if (!fd) return fail_errno(errno, tmp);
  ScopeExit remove_tmp([&] { ::unlink(tmp.c_str()); });
  if (::fchmod(fd.get(), mode_) != 0) return fail_errno(errno, tmp);
  if (keep_owner_ && (owner_ != ::geteuid() || group_ != ::getegid())) {
    if (::fchown(fd.get(), owner_, group_) != 0) return fail_errno(errno, tmp);
  }
  if (auto status = write_all(fd.get(), content); !status) {
    return fail(status.error().with_context(tmp));
  }
  if (::fsync(fd.get()) != 0) return fail_errno(errno, "fsync " + tmp);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return fail_errno(errno, tmp);
  fd.reset();
  if (::rename(tmp.c_str(), path_.c_str()) != 0) return fail_errno(errno, "rename to " + path_);
  remove_tmp.dismiss();
  written_stat_ = st;
  UniqueFd dirfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dirfd) ::fsync(dirfd.get());
  return {};
}

}  // namespace openras
