// path_watch.cpp: one inotify instance per process behind every PathWatch (see path_watch.h).
#include "base/path_watch.h"

#include <pthread.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <new>
#include <string_view>
#include <unordered_map>

namespace openras {

namespace {

// One mask for every watch: inotify keeps one watch per inode and instance, and a second
// inotify_add_watch replaces its mask, so directories and files must ask for the same.
// Directories report renames, creations and removals of their entries and their own mode
// and owner (IN_ATTRIB); the file reports writes in place and its own mode and owner.
constexpr uint32_t kMask = IN_ATTRIB | IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE |
                           IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF |
                           IN_DONT_FOLLOW;

// Bumped in every forked child: watches of an older generation belong to the parent.
std::atomic<unsigned> g_generation{1};

struct Subscriber {
  PathWatch* watch;
  std::string name;  // the one entry of this directory on the path; "" for the file itself
};

class Watcher {
 public:
  Watcher(int fd, unsigned generation) : fd_(fd), generation_(generation) {}
  [[nodiscard]] unsigned generation() const noexcept { return generation_; }
  std::mutex& mutex() noexcept { return mutex_; }
  // In a forked child: the descriptor is the parent's queue too; close this process's copy.
  // The watcher stays reachable from `orphans` (its mutex may have been held by a thread
  // that does not exist here, so it is never destroyed).
  void forget_in_child(Watcher*& orphans) noexcept {
    ::close(fd_);
    next_orphan_ = orphans;
    orphans = this;
  }

  // Under mutex(). -1: the path cannot be watched.
  int add(const std::string& path, PathWatch* watch, std::string name) {
    int wd = ::inotify_add_watch(fd_, path.c_str(), kMask);
    if (wd < 0) return -1;
    subscribers_[wd].push_back(Subscriber{watch, std::move(name)});
    return wd;
  }

  // Under mutex().
  void remove(PathWatch* watch, const std::vector<int>& descriptors) {
    for (int wd : descriptors) {
      auto it = subscribers_.find(wd);
      if (it == subscribers_.end()) continue;
      std::erase_if(it->second, [&](const Subscriber& s) { return s.watch == watch; });
      if (it->second.empty()) {
        subscribers_.erase(it);
        ::inotify_rm_watch(fd_, wd);
      }
    }
  }

  // Under mutex(): every queued event, to the watches it concerns. Into the watcher's own
  // buffer, not the caller's stack: a dial thread's first check would otherwise fault in
  // fresh stack pages below a 16 KiB array (two a new thread, most of a client's faults).
  void drain() {
    for (;;) {
      ssize_t n = ::read(fd_, buffer_, sizeof buffer_);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;  // EAGAIN: nothing (more) happened
      for (ssize_t at = 0; at < n;) {
        const auto* event = reinterpret_cast<const struct inotify_event*>(buffer_ + at);
        dispatch(*event);
        at += static_cast<ssize_t>(sizeof(struct inotify_event) + event->len);
      }
    }
  }

 private:
  void dispatch(const struct inotify_event& event) {
    if (event.mask & IN_Q_OVERFLOW) {
      // Events were lost: anything may have changed.
      for (auto& [wd, list] : subscribers_) {
        for (auto& s : list) s.watch->mark_changed(true);
      }
      return;
    }
    auto it = subscribers_.find(event.wd);
    if (it == subscribers_.end()) return;
    std::string_view name = event.len ? std::string_view(event.name) : std::string_view();
    bool written = (event.mask & (IN_MODIFY | IN_CLOSE_WRITE)) != 0;
    for (auto& s : it->second) {
      // An event without a name is about the watched inode itself (its mode, owner, a
      // write, its removal); one with a name concerns only that entry of the directory.
      if (name.empty() || name == s.name) s.watch->mark_changed(written);
    }
    if (event.mask & IN_IGNORED) subscribers_.erase(it);  // the inode is gone
  }

  int fd_;
  unsigned generation_;
  Watcher* next_orphan_ = nullptr;
  std::mutex mutex_;
  std::unordered_map<int, std::vector<Subscriber>> subscribers_;
  alignas(struct inotify_event) char buffer_[16384];  // under mutex_
};

std::atomic<Watcher*> g_watcher{nullptr};
Watcher* g_orphans = nullptr;  // the watchers of the parents of this process
std::mutex g_create_mutex;

void on_fork_child() {
  // The parent's descriptor shares its queue with the parent: never read it here.
  if (Watcher* old = g_watcher.exchange(nullptr)) old->forget_in_child(g_orphans);
  // Another thread of the parent may have held it at fork: made anew, in place.
  new (&g_create_mutex) std::mutex;
  g_generation.fetch_add(1);
}

Watcher* watcher() {
  unsigned generation = g_generation.load(std::memory_order_acquire);
  Watcher* current = g_watcher.load(std::memory_order_acquire);
  if (current && current->generation() == generation) return current;
  static const int registered = ::pthread_atfork(nullptr, nullptr, on_fork_child);
  (void)registered;
  std::lock_guard lock(g_create_mutex);
  current = g_watcher.load(std::memory_order_acquire);
  if (current && current->generation() == generation) return current;
  int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return nullptr;
  // Never destroyed: PathWatches in caches live until exit.
  current = new Watcher(fd, generation);
  g_watcher.store(current, std::memory_order_release);
  return current;
}

}  // namespace

std::shared_ptr<PathWatch> PathWatch::start(const std::string& path) {
  if (path.empty() || path.front() != '/') return nullptr;
  Watcher* w = watcher();
  if (!w) return nullptr;
  auto watch = std::make_shared<PathWatch>();
  watch->generation_ = w->generation();
  std::lock_guard lock(w->mutex());
  w->drain();
  auto give_up = [&]() -> std::shared_ptr<PathWatch> {
    w->remove(watch.get(), watch->descriptors_);
    watch->descriptors_.clear();
    return nullptr;
  };
  // From "/" down: each directory is watched before the entry below it is looked at, so
  // a swap of that entry after the look is an event of the directory.
  std::string directory = "/";
  std::string_view rest = std::string_view(path).substr(1);
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string name(rest.substr(0, slash));
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (name.empty() || name == ".") continue;
    if (name == "..") return give_up();
    int wd = w->add(directory, watch.get(), name);
    if (wd < 0) return give_up();
    watch->descriptors_.push_back(wd);
    std::string next = directory == "/" ? "/" + name : directory + "/" + name;
    struct stat st {};
    if (::lstat(next.c_str(), &st) != 0) {
      // Not there (yet): its directory reports its creation.
      if (errno == ENOENT || errno == ENOTDIR) return watch;
      return give_up();
    }
    // A link would be watched as itself, not what it points at.
    if (S_ISLNK(st.st_mode)) return give_up();
    if (rest.empty()) {
      int file_wd = w->add(next, watch.get(), std::string());
      if (file_wd < 0) return give_up();
      watch->descriptors_.push_back(file_wd);
      return watch;
    }
    if (!S_ISDIR(st.st_mode)) return watch;  // the path cannot resolve; its parent reports a fix
    directory = std::move(next);
  }
  return watch;
}

bool PathWatch::unchanged() {
  if (generation_ != g_generation.load(std::memory_order_acquire)) return false;
  if (changed_.load(std::memory_order_acquire)) return false;
  Watcher* w = g_watcher.load(std::memory_order_acquire);
  if (!w || w->generation() != generation_) return false;
  {
    std::lock_guard lock(w->mutex());
    w->drain();
  }
  return !changed_.load(std::memory_order_acquire);
}

PathWatch::~PathWatch() {
  if (descriptors_.empty() || generation_ != g_generation.load(std::memory_order_acquire)) return;
  Watcher* w = g_watcher.load(std::memory_order_acquire);
  if (!w || w->generation() != generation_) return;
  std::lock_guard lock(w->mutex());
  w->remove(this, descriptors_);
}

}  // namespace openras
