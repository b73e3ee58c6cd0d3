// registry_watch.h: rasmand's copy of what it takes from HKEY_LOCAL_MACHINE (the
// configured devices and the CustomDLL allow-list), re-read whenever the hive changes.
//
// The hive is replaced by rename on every write (FileTransaction), so the watch is on its
// directory (inotify), filtered to the hive's name: created, written, renamed over or
// away, deleted, or its mode changed (a hive that became group/other-writable is no
// longer trusted). Events are debounced: a burst of writes (rasreg run in a loop) gives
// one re-read after it settles. Until that directory exists the watch sits on its
// nearest existing ancestor and moves down as directories appear, so a fresh private
// root is followed from its first `rasreg add`.
//
// Reading is the same code as everywhere else (devices::list_devices,
// registry::read_allow_list), so an untrusted or unreadable hive gives no configured
// devices and an empty allow-list, as registry::is_dialer_allowed decides. Reads are of
// one small file and run on the event loop, as Dial's device lookup already does.
// Thread: the event loop's only.
#pragma once

#include <systemd/sd-event.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/paths.h"
#include "base/result.h"
#include "base/unique_fd.h"
#include "devices/devices.h"
#include "registry/allowlist.h"

namespace openras::rasman {

struct RegistrySnapshot {
  std::vector<devices::Device> devices;  // configured under HKLM (not detected ports)
  registry::AllowList allow_list;        // CustomDLL, canonical; empty when untrusted
  std::string ignored;                   // why HKLM was ignored (untrusted, unreadable), or empty
};

// Reads the snapshot now.
[[nodiscard]] RegistrySnapshot read_registry_snapshot(const Paths& paths);

class RegistryWatch {
 public:
  using OnChange = std::function<void(RegistrySnapshot)>;
  static constexpr uint64_t kDefaultDebounceUsec = 200'000;

  // Watches `paths.machine_hive()` on `event` (which must outlive the watch); after a
  // change and `debounce_usec` of quiet, reads a snapshot, logs "registry changed: N
  // devices, M allowed dialers" and calls `on_change` with it.
  [[nodiscard]] static Result<std::unique_ptr<RegistryWatch>> start(
      sd_event* event, Paths paths, OnChange on_change,
      uint64_t debounce_usec = kDefaultDebounceUsec);
  ~RegistryWatch();
  RegistryWatch(const RegistryWatch&) = delete;
  RegistryWatch& operator=(const RegistryWatch&) = delete;

  // The directory watched now: the hive's, or its nearest existing ancestor.
  [[nodiscard]] const std::string& watched_directory() const { return watched_dir_; }

 private:
  RegistryWatch(sd_event* event, Paths paths, OnChange on_change, uint64_t debounce_usec);
  static int on_inotify(sd_event_source* source, int fd, uint32_t events, void* userdata);
  static int on_settled(sd_event_source* source, uint64_t usec, void* userdata);
  // Watches the deepest existing directory on the way to the hive.
  [[nodiscard]] Status arm();
  void schedule();

  sd_event* event_;
  Paths paths_;
  OnChange on_change_;
  uint64_t debounce_usec_;
  std::string hive_dir_;
  std::string hive_name_;
  UniqueFd inotify_;
  int wd_ = -1;
  std::string watched_dir_;
  std::string awaited_name_;  // in watched_dir_: the hive's name, or the next directory down
  sd_event_source* io_ = nullptr;
  sd_event_source* timer_ = nullptr;
};

}  // namespace openras::rasman
