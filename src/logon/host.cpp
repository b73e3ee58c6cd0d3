// host.cpp: the logon host's dial (see host.h).
#include "logon/host.h"

#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string_view>

#include "base/log.h"
#include "base/paths.h"
#include "base/utf.h"
#include "dialer/builtin_dial.h"
#include "dialer/connections.h"
#include "dialer/dispatch.h"
#include "dialer/service_link.h"
#include "logon/sandbox.h"
#include "phonebook/caller.h"
#include "raserror.h"

namespace openras::logon {

namespace {

std::atomic<bool> g_in_host{false};
int g_control_fd = -1;

// What of rasmand's environment the dialer may see: locale, time zone, where the
// administrator's libraries are, the sanitizers' settings of a test build, and the
// OPENRAS_* settings the administrator gave the service (a dialer's own, such as the
// example dialer's log, which can only be written inside the runtime directory). This is
// rasmand's environment (its unit's), never the PAM caller's; OPENRAS_ROOT is set below.
constexpr const char* kKeptEnvironment[] = {
    "LANG", "LC_ALL", "TZ", "PATH", "LD_LIBRARY_PATH", "ASAN_OPTIONS", "UBSAN_OPTIONS"};

bool kept(std::string_view assignment) {
  std::string_view name = assignment.substr(0, assignment.find('='));
  if (name.substr(0, 8) == "OPENRAS_") return name != "OPENRAS_ROOT";
  for (const char* k : kKeptEnvironment) {
    if (name == k) return true;
  }
  return false;
}

void reset_environment(const HostOptions& options) {
  std::vector<std::string> keep;
  for (char** e = environ; *e; ++e) {
    if (kept(*e)) keep.emplace_back(*e);
  }
  ::clearenv();
  for (const auto& assignment : keep) {
    size_t eq = assignment.find('=');
    if (eq != std::string::npos) {
      ::setenv(assignment.substr(0, eq).c_str(), assignment.substr(eq + 1).c_str(), 1);
    }
  }
  // The library's process-wide state (phone books, the loader's allow-list) follows the
  // root rasmand named, which is how the loader is built for it explicitly.
  if (options.root != "/") ::setenv("OPENRAS_ROOT", options.root.c_str(), 1);
  ::setenv("HOME", options.runtime_dir.c_str(), 1);
  ::setenv("TMPDIR", options.runtime_dir.c_str(), 1);
}

// A built-in dial's progress, from its notifier (the rasmand client's event thread): the
// host must learn when the connection ends, which a blocking dial would not tell it.
struct BuiltinProgress {
  std::mutex mutex;
  std::condition_variable changed;
  bool connected = false;
  DWORD ended = 0;  // the error it ended with (ERROR_DISCONNECTION for a plain end)
} g_builtin;

void WINAPI on_builtin_state(UINT, RASCONNSTATE state, DWORD error) {
  std::lock_guard lock(g_builtin.mutex);
  if (error != 0 || state == RASCS_Disconnected) {
    g_builtin.ended = error != 0 ? error : ERROR_DISCONNECTION;
  } else if (state == RASCS_Connected) {
    g_builtin.connected = true;
  }
  g_builtin.changed.notify_all();
}

// The built-in dial of `entry`: returns once connected or failed (rasmand's time-out
// bounds the wait: it kills a host that does not report).
DWORD dial_builtin(const dialer::EntryInfo& entry, const RASDIALPARAMSW& params, HRASCONN* handle) {
  DWORD rc =
      dialer::builtin_dial(entry, params, 0, reinterpret_cast<LPVOID>(&on_builtin_state), handle);
  if (rc != ERROR_SUCCESS) return rc;
  std::unique_lock lock(g_builtin.mutex);
  g_builtin.changed.wait(lock, [] { return g_builtin.connected || g_builtin.ended != 0; });
  return g_builtin.ended;
}

bool still_up(HRASCONN handle, bool custom) {
  if (custom) return dialer::Connections::instance().find(handle).has_value();
  std::lock_guard lock(g_builtin.mutex);
  return g_builtin.ended == 0;
}

void hang_up(HRASCONN handle, bool custom) {
  if (custom) {
    if (auto c = dialer::Connections::instance().take(handle)) {
      DWORD rc = c->dialer->hang_up(c->handle);
      if (rc != ERROR_SUCCESS) send_control("log RasCustomHangUp returned " + std::to_string(rc));
      dialer::withdraw(*c);
    }
    return;
  }
  (void)dialer::builtin_forget(handle);
  (void)dialer::remote_hang_up(handle);
}

uint64_t public_handle(HRASCONN handle, bool custom) {
  if (custom) {
    auto c = dialer::Connections::instance().find(handle);
    if (c && c->public_handle) return c->public_handle;
  }
  return reinterpret_cast<uintptr_t>(handle);
}

}  // namespace

bool in_logon_host() noexcept { return g_in_host.load(); }

void send_control(const std::string& message) {
  if (g_control_fd < 0) return;
  (void)::send(g_control_fd, message.data(), message.size(), MSG_NOSIGNAL);
}

bool parse_host_arguments(int argc, char** argv, HostOptions& options) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string key = argv[i];
    if (key == "--root") {
      options.root = argv[i + 1];
    } else if (key == "--runtime") {
      options.runtime_dir = argv[i + 1];
    } else if (key == "--entry") {
      options.entry = argv[i + 1];
    } else {
      return false;
    }
  }
  return argc % 2 == 1 && !options.runtime_dir.empty() && !options.entry.empty();
}

int run_logon_host(const HostOptions& options) {
  g_control_fd = options.control_fd;
  auto paths = Paths::with_root(options.root);
  if (!paths) {
    send_control("log the root " + options.root + ": " + paths.error().message);
    return 1;
  }
  reset_environment(options);
  if (::chdir(options.runtime_dir.c_str()) != 0) {
    send_control("log cannot enter the runtime directory " + options.runtime_dir);
    return 1;
  }
  auto caller = phonebook::calling_caller();
  if (!caller || (*caller)->paths.root() != paths->root()) {
    send_control("log the library resolved another root than " + paths->root() + "; refusing");
    return 1;
  }
  auto entry_name = utf8_to_wide(options.entry);
  auto phonebook = utf8_to_wide(paths->all_users_phonebook());
  if (!entry_name || !phonebook) {
    send_control("log the entry name is not valid UTF-8");
    return 1;
  }
  auto entry = dialer::lookup_entry(phonebook->c_str(), *entry_name);
  if (!entry) {
    send_control("dialed " + std::to_string(entry.error()) + " 0");
    send_control("log entry \"" + options.entry + "\" is not in the all-users phone book " +
                 paths->all_users_phonebook());
    return 1;
  }
  SandboxSpec spec;
  spec.runtime_dir = options.runtime_dir;
  spec.keep_fds = {options.control_fd};
  spec.report_fd = options.control_fd;
  // The one UNIX socket the host keeps: rasmand's, opened inside Landlock (its event
  // thread is born in the domain) and before the filter forbids new ones.
  spec.before_filter = []() -> Status {
    auto client = dialer::service_client();
    if (!client) return fail(client.error());
    return {};
  };
  if (auto sandboxed = apply_sandbox(spec); !sandboxed) {
    send_control("dialed " + std::to_string(ERROR_CANNOT_DO_CUSTOMDIAL) + " 0");
    send_control("log no sandbox, so no dial: " + sandboxed.error().message);
    return 1;
  }
  g_in_host = true;
  // DIALOG LOGON MODE: once src/dialog offers openras::dialog::enter_logon_mode(), call it
  // here (after the sandbox, before the dialer), and call RasCustomDialDlg with RCD_Logon
  // when PAM asked to prompt, so the dialer's own dialog runs with no file or help
  // dialogs and cancels with IDCANCEL on the logon time-out (docs/logon.md).
  RASDIALEXTENSIONS ext{};
  ext.dwSize = sizeof ext;
  ext.dwfOptions = RDEOPT_NoUser;  // no user is logged on: the dialer must not show UI
  RASDIALPARAMSW params{};
  params.dwSize = sizeof params;
  std::wcsncpy(params.szEntryName, entry_name->c_str(), RAS_MaxEntryName);
  HRASCONN handle = nullptr;
  bool custom = !entry->custom_dial_dll.empty();
  const auto context = dialer::DialContext::kLogon;
  DWORD rc = custom ? dialer::dial_custom(*entry, context, &ext, phonebook->c_str(), &params, 0,
                                          nullptr, &handle)
                    : dial_builtin(*entry, params, &handle);
  // What the dialer was told, for rasmand's log (and the tests that read it).
  char flags[16];
  std::snprintf(flags, sizeof flags, "0x%X", static_cast<unsigned>(dialer::rcd_flags(context)));
  auto dll = wide_to_utf8(entry->custom_dial_dll);
  send_control(custom ? "log RasCustomDial of " + (dll ? *dll : std::string("?")) + " with flags " +
                            flags + " (RCD_Logon | RCD_AllUsers) returned " + std::to_string(rc)
                      : "log built-in dial returned " + std::to_string(rc));
  send_control("dialed " + std::to_string(rc) + " " +
               std::to_string(handle ? public_handle(handle, custom) : 0));
  if (rc != ERROR_SUCCESS) {
    if (handle) hang_up(handle, custom);
    return 1;
  }
  // Hold the connection: it is registered by this process and ends with it.
  for (;;) {
    pollfd p{options.control_fd, POLLIN, 0};
    int n = ::poll(&p, 1, 500);
    if (n > 0 && (p.revents & (POLLIN | POLLHUP | POLLERR))) {
      char byte;
      if (::recv(options.control_fd, &byte, 1, MSG_DONTWAIT) <= 0) break;  // rasmand: hang up
    }
    if (!still_up(handle, custom)) return 0;  // hung up from elsewhere
  }
  hang_up(handle, custom);
  return 0;
}

}  // namespace openras::logon
