// registry_watch.cpp: see registry_watch.h.
#include "rasman/registry_watch.h"

#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/log.h"
#include "registry/hive.h"
#include "registry/registry.h"

namespace openras::rasman {

namespace {

// What happens to a directory's entries that can change the hive, plus the directory's
// own mode (IN_ATTRIB without a name) and its going away.
constexpr uint32_t kDirectoryEvents = IN_CREATE | IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM |
                                      IN_DELETE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF |
                                      IN_ONLYDIR;

bool is_directory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string parent_of(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

}  // namespace

RegistrySnapshot read_registry_snapshot(const Paths& paths) {
  RegistrySnapshot snapshot;
  // Detection is left out: serial ports come and go without the hive changing, so Dial
  // looks for them when it needs them.
  for (auto& device : devices::list_devices(paths)) {
    if (!device.detected) snapshot.devices.push_back(std::move(device));
  }
  snapshot.allow_list = registry::read_allow_list(paths);
  auto hive = registry::registry_for(paths)->hive(registry::RootKey::kLocalMachine).read();
  if (!hive) {
    snapshot.ignored = hive.error().message;
  } else if (!hive->untrusted.empty()) {
    snapshot.ignored = hive->untrusted;
  }
  return snapshot;
}

RegistryWatch::RegistryWatch(sd_event* event, Paths paths, OnChange on_change,
                             uint64_t debounce_usec)
    : event_(sd_event_ref(event)),
      paths_(std::move(paths)),
      on_change_(std::move(on_change)),
      debounce_usec_(debounce_usec) {
  std::string hive = paths_.machine_hive();
  hive_dir_ = parent_of(hive);
  hive_name_ = hive.substr(hive_dir_.size() + 1);
}

RegistryWatch::~RegistryWatch() {
  sd_event_source_disable_unref(io_);
  sd_event_source_disable_unref(timer_);
  sd_event_unref(event_);
}

Result<std::unique_ptr<RegistryWatch>> RegistryWatch::start(sd_event* event, Paths paths,
                                                            OnChange on_change,
                                                            uint64_t debounce_usec) {
  std::unique_ptr<RegistryWatch> watch(
      new RegistryWatch(event, std::move(paths), std::move(on_change), debounce_usec));
  watch->inotify_.reset(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
  if (!watch->inotify_) return fail_errno(errno, "inotify_init1");
  if (auto ok = watch->arm(); !ok) return fail(ok.error());
  int r =
      sd_event_add_io(event, &watch->io_, watch->inotify_.get(), EPOLLIN, on_inotify, watch.get());
  if (r < 0) return fail_errno(-r, "watching the inotify descriptor");
  r = sd_event_add_time_relative(event, &watch->timer_, CLOCK_MONOTONIC, debounce_usec, 0,
                                 on_settled, watch.get());
  if (r < 0) return fail_errno(-r, "creating the registry debounce timer");
  sd_event_source_set_enabled(watch->timer_, SD_EVENT_OFF);
  sd_event_source_set_description(watch->io_, "registry-watch");
  sd_event_source_set_description(watch->timer_, "registry-settle");
  return watch;
}

Status RegistryWatch::arm() {
  if (wd_ >= 0) ::inotify_rm_watch(inotify_.get(), wd_);
  wd_ = -1;
  // The deepest existing directory on the way to the hive's, and the name awaited in it.
  std::string dir = hive_dir_;
  std::string awaited = hive_name_;
  while (!is_directory(dir) && dir != "/") {
    std::string parent = parent_of(dir);
    awaited = dir.substr(parent == "/" ? 1 : parent.size() + 1);
    dir = parent;
  }
  wd_ = ::inotify_add_watch(inotify_.get(), dir.c_str(), kDirectoryEvents);
  if (wd_ < 0) return fail_errno(errno, "watching " + dir + " (inotify)");
  if (dir != watched_dir_) {
    LOG_DEBUG("registry: watching %s for %s", dir.c_str(), awaited.c_str());
  }
  watched_dir_ = std::move(dir);
  awaited_name_ = std::move(awaited);
  return {};
}

void RegistryWatch::schedule() {
  uint64_t now = 0;
  sd_event_now(event_, CLOCK_MONOTONIC, &now);
  // Each event pushes the re-read back: it happens once the burst is over.
  sd_event_source_set_time(timer_, now + debounce_usec_);
  sd_event_source_set_enabled(timer_, SD_EVENT_ONESHOT);
}

int RegistryWatch::on_inotify(sd_event_source*, int fd, uint32_t, void* userdata) {
  auto* self = static_cast<RegistryWatch*>(userdata);
  alignas(inotify_event) char buffer[4096];
  bool changed = false;
  bool rearm = false;
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      break;  // EAGAIN: all read
    }
    for (char* p = buffer; p < buffer + n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(p);
      p += sizeof(inotify_event) + event->len;
      if (event->mask & IN_Q_OVERFLOW) {
        changed = true;  // events were lost: re-read to be sure
        rearm = true;
        continue;
      }
      if (event->wd != self->wd_) continue;  // a watch already replaced
      if (event->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
        changed = rearm = true;
        continue;
      }
      bool at_hive_dir = self->watched_dir_ == self->hive_dir_;
      if (event->len == 0) {
        // The directory's own mode: the hive's trust depends on it.
        changed = changed || at_hive_dir;
      } else if (self->awaited_name_ == event->name) {
        changed = true;
        rearm = rearm || !at_hive_dir;  // a directory on the way appeared or went
      }
    }
  }
  if (rearm) {
    if (auto ok = self->arm(); !ok) {
      LOG_WARNING("registry: %s; changes to %s/%s are no longer noticed",
                  ok.error().message.c_str(), self->hive_dir_.c_str(), self->hive_name_.c_str());
    }
  }
  if (changed) self->schedule();
  return 0;
}

int RegistryWatch::on_settled(sd_event_source*, uint64_t, void* userdata) {
  auto* self = static_cast<RegistryWatch*>(userdata);
  RegistrySnapshot snapshot = read_registry_snapshot(self->paths_);
  if (snapshot.ignored.empty()) {
    LOG_NOTICE("registry changed: %zu devices, %zu allowed dialers", snapshot.devices.size(),
               snapshot.allow_list.entries.size());
  } else {
    LOG_NOTICE(
        "registry changed: %zu devices, %zu allowed dialers (HKEY_LOCAL_MACHINE "
        "ignored: %s)",
        snapshot.devices.size(), snapshot.allow_list.entries.size(), snapshot.ignored.c_str());
  }
  if (self->on_change_) self->on_change_(std::move(snapshot));
  return 0;
}

}  // namespace openras::rasman
