// path_watch.h: tells a cache whether anything that could change what a path names — or
// whether that file is trusted — has happened since the cache was filled, for the price of
// one read() of an inotify descriptor.
//
// Why inotify and not a stat of each directory: a walk from "/" costs one system call per
// component (86 % of a warm RegQueryValueExW before), and file times are only as fine as the
// kernel's coarse clock, so two changes in one tick can leave every stat field as it was.
// inotify events are queued by the very system call that makes the change, before it
// returns: a chmod, chown, rename, unlink, create or write finished by anyone (any process,
// any user) before a check is seen by that check, whatever the clock says. A PathWatch
// watches every directory from "/" down to the file (events for other names in those
// directories are ignored) and the file itself. Mounts make no events; only root can
// mount, and root is trusted.
//
// When a path cannot be watched (no inotify, a limit reached, a directory the caller may
// search but not read, a symbolic link on the way) start() returns nullptr and callers do
// the full work every time: slower, never stale.
//
// A forked child never reads its parent's inotify queue (that would steal the parent's
// events): after fork every PathWatch reports a change and the child starts its own.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace openras {

class PathWatch {
 public:
  // Watches `path` (absolute; "/" and each directory on the way, then the file). Missing
  // components are fine: the deepest existing directory reports their creation. Install
  // it BEFORE reading or checking the file: whatever changes after start() returns is
  // reported. nullptr: the path cannot be watched (see above).
  [[nodiscard]] static std::shared_ptr<PathWatch> start(const std::string& path);

  // True while nothing that concerns the path happened since start(). Thread-safe; costs
  // one non-blocking read() when nothing happened.
  [[nodiscard]] bool unchanged();
  // True if the file itself was written in place (not replaced) since start(): its bytes
  // may differ even where size and times do not.
  [[nodiscard]] bool written() const noexcept { return written_.load(std::memory_order_acquire); }

  PathWatch(const PathWatch&) = delete;
  PathWatch& operator=(const PathWatch&) = delete;
  ~PathWatch();

  // Internal: the watcher marks these. Public for the watcher's use only.
  void mark_changed(bool written) noexcept {
    if (written) written_.store(true, std::memory_order_release);
    changed_.store(true, std::memory_order_release);
  }
  PathWatch() = default;

 private:
  std::atomic<bool> changed_{false};
  std::atomic<bool> written_{false};
  unsigned generation_ = 0;  // the watcher's (per process) this watch was made with
  std::vector<int> descriptors_;
};

}  // namespace openras
