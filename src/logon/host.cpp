// host.cpp: the logon host's dial (see host.h).
#include "logon/host.h"

#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <optional>
#include <string_view>
#include <tuple>

#include "base/c_abi.h"
#include "base/caller.h"
#include "base/log.h"
#include "base/paths.h"
#include "base/utf.h"
#include "dialer/dispatch.h"
#include "dialog/dialog.h"
#include "logon/conversation.h"
#include "logon/sandbox.h"
#include "raserror.h"
#include "rasman/client.h"
#include "session/builtin_dial.h"
#include "session/connections.h"
#include "session/service.h"
#include "session/session.h"

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
  DWORD rc = session::builtin_dial(entry, params, 0, 0, reinterpret_cast<LPVOID>(&on_builtin_state),
                                   handle);
  if (rc != ERROR_SUCCESS) return rc;
  std::unique_lock lock(g_builtin.mutex);
  g_builtin.changed.wait(lock, [] { return g_builtin.connected || g_builtin.ended != 0; });
  return g_builtin.ended;
}

// How the host holds the connection it reports.
enum class Held {
  kCustom,         // a custom dialer's (Connections): hung up through RasCustomHangUp
  kBuiltin,        // the host's own built-in dial: its notifier says when it ends
  kDialerBuiltin,  // a built-in dial the dialer's dialog made (RDEOPT_CustomDial)
};

// The connection a dialer's RasCustomDialDlg made, found the way RasEnumConnections would:
// its custom connection in this process, else a built-in one rasmand lists for this pid.
std::optional<std::pair<HRASCONN, Held>> made_by_dialog(const std::wstring& entry) {
  auto name = wide_to_utf8(entry);
  for (const auto& c : session::Connections::instance().list()) {
    if (name && c.identity.entry == *name) return std::make_pair(c.handle, Held::kCustom);
  }
  auto client = session::service_client();
  if (!client) return std::nullopt;
  auto listed = (*client)->list_connections();
  if (!listed) return std::nullopt;
  for (const auto& c : *listed) {
    if (c.pid == ::getpid() && c.state == RASCS_Connected) {
      return std::make_pair(reinterpret_cast<HRASCONN>(static_cast<uintptr_t>(c.handle)),
                            Held::kDialerBuiltin);
    }
  }
  return std::nullopt;
}

bool still_up(HRASCONN handle, Held held) {
  switch (held) {
    case Held::kCustom:
      return session::Connections::instance().find(handle).has_value();
    case Held::kBuiltin: {
      std::lock_guard lock(g_builtin.mutex);
      return g_builtin.ended == 0;
    }
    case Held::kDialerBuiltin: {
      auto client = session::service_client();
      if (!client) return false;
      auto c = (*client)->get_connection(reinterpret_cast<uintptr_t>(handle));
      return c.has_value() || c.error().code != Errc::kInvalidHandle;  // wire: NotFound
    }
  }
  return false;
}

void hang_up(HRASCONN handle, Held held) {
  if (held == Held::kCustom) {
    if (auto c = session::Connections::instance().take(handle)) {
      DWORD rc = c->dialer->hang_up(c->handle);
      if (rc != ERROR_SUCCESS) send_control("log RasCustomHangUp returned " + std::to_string(rc));
      session::withdraw(*c);
    }
    return;
  }
  (void)session::builtin_forget(handle);
  (void)session::remote_hang_up(handle);
}

uint64_t public_handle(HRASCONN handle, Held held) {
  if (held == Held::kCustom) {
    auto c = session::Connections::instance().find(handle);
    if (c && c->public_handle) return c->public_handle;
  }
  return reinterpret_cast<uintptr_t>(handle);
}

// The dialog's deadline: shortly before rasmand's time-out, so that the dialer hears
// IDCANCEL and ends its dialog before the host is killed.
dialog::TimePoint dialog_deadline(unsigned timeout_seconds) {
  auto timeout = std::chrono::milliseconds(uint64_t{timeout_seconds} * 1000);
  auto margin = std::min<std::chrono::milliseconds>(std::chrono::seconds(2), timeout / 4);
  return dialog::clock().now() + timeout - margin;
}

// A built-in entry's saved all-users credentials (rasmand's FetchCredentials: the host
// is root) into `params`; nothing when none are saved.
void fill_saved_credentials(const dialer::EntryInfo& entry, RASDIALPARAMSW& params) {
  auto client = session::service_client();
  auto book = wide_to_utf8(entry.phonebook);
  auto name = wide_to_utf8(entry.name);
  if (!client || !book || !name) return;
  auto saved = (*client)->fetch_credentials(*book, *name);
  if (!saved) return;
  auto put = [](std::string& text, wchar_t* field, size_t capacity) {
    if (auto wide = utf8_to_wide(text)) {
      (void)copy_terminated(*wide, field, capacity);
      std::fill(wide->begin(), wide->end(), L'\0');
    }
    ::explicit_bzero(text.data(), text.size());
  };
  put(saved->user, params.szUserName, UNLEN + 1);
  put(saved->password, params.szPassword, PWLEN + 1);
  put(saved->domain, params.szDomain, DNLEN + 1);
}

// A built-in entry that asks for its credentials (RASEO_PreviewUserPw; the domain with
// RASEO_PreviewDomain), through the conversation, as RasDialDlg would: `params` holds the
// saved ones, which Enter keeps. False when the conversation ended or the time-out came.
bool ask_credentials(Conversation& conversation, const std::string& entry, bool domain,
                     dialog::TimePoint deadline, RASDIALPARAMSW& params) {
  auto ask = [&](uint32_t style, std::string question, wchar_t* field, size_t capacity) {
    if (*field != L'\0') {
      auto shown = wide_to_utf8(field);
      question += style == kAskSecret ? "(Enter: the saved one) "
                                      : "[" + (shown ? *shown : std::string("?")) + "] ";
    }
    auto answer = conversation.ask(style, question, deadline);
    if (!answer || !*answer) return false;
    if ((*answer)->empty() && *field != L'\0') return true;  // Enter keeps the saved value
    auto wide = utf8_to_wide(**answer);
    ::explicit_bzero((*answer)->data(), (*answer)->size());
    return wide && copy_terminated(*wide, field, capacity).has_value();
  };
  conversation.tell(kTellInfo, "Connect " + entry);
  return ask(kAskEchoed, "User name: ", params.szUserName, UNLEN + 1) &&
         ask(kAskSecret, "Password: ", params.szPassword, PWLEN + 1) &&
         (!domain || ask(kAskEchoed, "Domain: ", params.szDomain, DNLEN + 1));
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
    } else if (key == "--dialog") {
      options.dialog = std::string_view(argv[i + 1]) == "yes";
    } else if (key == "--timeout") {
      char* end = nullptr;
      unsigned long seconds = std::strtoul(argv[i + 1], &end, 10);
      if (!end || *end != '\0' || seconds == 0 || seconds > 600) return false;
      options.timeout_seconds = static_cast<unsigned>(seconds);
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
  auto caller = calling_caller();
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
    send_control("dialed " + std::to_string(win32_code(entry.error())) + " 0");
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
    session::use_one_socket();
    auto client = session::service_client();
    if (!client) return fail(client.error());
    return {};
  };
  if (auto sandboxed = apply_sandbox(spec); !sandboxed) {
    send_control("dialed " + std::to_string(ERROR_CANNOT_DO_CUSTOMDIAL) + " 0");
    send_control("log no sandbox, so no dial: " + sandboxed.error().message);
    return 1;
  }
  g_in_host = true;
  // The entry's dialog goes to the person at the login through the conversation, never to
  // a screen. Then the dialog runtime's logon mode (src/dialog), before the dialer is
  // loaded: no renderer changes, no MB_HELP, Help and SysLink controls hidden, and every
  // dialog cancelled (IDCANCEL) at the logon time-out, shortly before rasmand's.
  auto conversation = std::make_shared<Conversation>(options.control_fd);
  std::optional<dialog::TimePoint> deadline;
  dialog::LogonOptions logon_mode;
  if (options.dialog) {
    dialog::set_renderer(std::make_shared<ConversationRenderer>(conversation));
    deadline = dialog_deadline(options.timeout_seconds);
    logon_mode.timeout =
        std::chrono::duration_cast<dialog::Milliseconds>(*deadline - dialog::clock().now());
  }
  // Every call into the dialer from here on is at logon, also a RasDial its dialog makes.
  dialer::mark_logon_process();
  if (auto entered = dialog::enter_logon_mode(logon_mode); !entered) {
    send_control("dialed " + std::to_string(ERROR_CANNOT_DO_CUSTOMDIAL) + " 0");
    send_control("log no dialog logon mode, so no dial: " + entered.error().message);
    return 1;
  }
  RASDIALEXTENSIONS ext{};
  ext.dwSize = sizeof ext;
  ext.dwfOptions = RDEOPT_NoUser;  // no user is logged on: the dialer must not show UI
  RASDIALPARAMSW params{};
  params.dwSize = sizeof params;
  std::wcsncpy(params.szEntryName, entry_name->c_str(), RAS_MaxEntryName);
  HRASCONN handle = nullptr;
  bool custom = !entry->custom_dial_dll.empty();
  Held held = custom ? Held::kCustom : Held::kBuiltin;
  const auto context = dialer::DialContext::kLogon;
  char flags[16];
  std::snprintf(flags, sizeof flags, "0x%X", static_cast<unsigned>(dialer::rcd_flags(context)));
  auto dll = wide_to_utf8(entry->custom_dial_dll);
  std::string dll_name = dll ? *dll : std::string("?");
  DWORD rc = ERROR_SUCCESS;
  if (custom && options.dialog) {
    // The dialer's own dialog, as Windows' logon shows RasDialDlg for the entry.
    auto loaded = dialer::load_for_entry(*entry);
    if (!loaded) {
      rc = win32_code(loaded.error());
    } else {
      RASDIALDLG info{};
      info.dwSize = sizeof info;
      std::wstring book = *phonebook, name = *entry_name;
      BOOL shown = (*loaded)->dial_dlg(context, book.data(), name.data(), nullptr, &info);
      rc = shown ? ERROR_SUCCESS : info.dwError != 0 ? info.dwError : ERROR_CANCELLED;
      send_control("log RasCustomDialDlg of " + dll_name + " with flags " + flags +
                   " (RCD_Logon | RCD_AllUsers) returned " + (shown ? "TRUE" : "FALSE") +
                   ", error " + std::to_string(info.dwError));
      if (shown) {
        if (auto made = made_by_dialog(*entry_name)) {
          std::tie(handle, held) = *made;
        } else {
          rc = ERROR_CANNOT_DO_CUSTOMDIAL;
          send_control(
              "log the dialer's RasCustomDialDlg returned TRUE but made no connection RAS "
              "knows (a dialer dials through RasDial, with RDEOPT_CustomDial for its own "
              "built-in dial); nothing to hold");
        }
      }
    }
  } else {
    if (!custom) fill_saved_credentials(*entry, params);
    if (!custom && options.dialog && (entry->options & RASEO_PreviewUserPw) &&
        !ask_credentials(*conversation, options.entry, (entry->options & RASEO_PreviewDomain) != 0,
                         *deadline, params)) {
      rc = ERROR_CANCELLED;
    } else {
      rc = custom ? session::Session::instance().dial_custom(
                        *entry, context, &ext, phonebook->c_str(), &params, 0, nullptr, &handle)
                  : dial_builtin(*entry, params, &handle);
    }
    ::explicit_bzero(params.szPassword, sizeof params.szPassword);
    // What the dialer was told, for rasmand's log (and the tests that read it).
    send_control(custom ? "log RasCustomDial of " + dll_name + " with flags " + flags +
                              " (RCD_Logon | RCD_AllUsers) returned " + std::to_string(rc)
                        : "log built-in dial returned " + std::to_string(rc));
  }
  send_control("dialed " + std::to_string(rc) + " " +
               std::to_string(handle ? public_handle(handle, held) : 0));
  if (rc != ERROR_SUCCESS) {
    if (handle) hang_up(handle, held);
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
    if (!still_up(handle, held)) return 0;  // hung up from elsewhere
  }
  hang_up(handle, held);
  return 0;
}

}  // namespace openras::logon
