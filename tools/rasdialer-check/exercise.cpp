// exercise.cpp: drives a dialer through the RAS API in a scratch private root, the way
// an application and RAS would, and checks that it keeps the contract (docs/abi.md).
#include <stdlib.h>
#include <sys/stat.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/utf.h"
#include "checker.h"
#include "dialer/dispatch.h"
#include "ras.h"
#include "raserror.h"
#include "windows.h"
#include "winreg.h"

namespace openras::check {

namespace {

constexpr const wchar_t* kEntry = L"rasdialer-check";

// Runs `call` on its own thread; false if it has not returned after `seconds`. A call
// that never returns is abandoned (its thread detached): a hung dialer cannot be stopped
// from inside the process, and rasdialer-check ends with _exit for that reason.
bool run_with_timeout(int seconds, std::function<void()> call) {
  struct State {
    std::mutex mutex;
    std::condition_variable done_cv;
    bool done = false;
  };
  auto state = std::make_shared<State>();
  std::thread([state, call = std::move(call)] {
    call();
    std::lock_guard lock(state->mutex);
    state->done = true;
    state->done_cv.notify_all();
  }).detach();
  std::unique_lock lock(state->mutex);
  return state->done_cv.wait_for(lock, std::chrono::seconds(seconds), [&] { return state->done; });
}

std::string message_of(DWORD code) {
  char text[512];
  if (RasGetErrorStringA(code, text, sizeof text) != ERROR_SUCCESS) return "unknown error";
  return text;
}

std::string describe(DWORD code) { return std::to_string(code) + " (" + message_of(code) + ")"; }

// What a RASDIALFUNC1 notifier saw.
struct Notifications {
  std::mutex mutex;
  std::condition_variable cv;
  std::vector<std::pair<RASCONNSTATE, DWORD>> states;
  HRASCONN handle = nullptr;
  bool handle_mismatch = false;
};
Notifications g_notifications;

VOID WINAPI on_state(HRASCONN handle, UINT message, RASCONNSTATE state, DWORD error, DWORD) {
  std::lock_guard lock(g_notifications.mutex);
  if (message != WM_RASDIALEVENT) g_notifications.handle_mismatch = true;
  if (g_notifications.handle == nullptr) g_notifications.handle = handle;
  if (handle != g_notifications.handle) g_notifications.handle_mismatch = true;
  g_notifications.states.emplace_back(state, error);
  g_notifications.cv.notify_all();
}

bool g_delete_notified = false;
dialer::DeleteNotifyOutcome g_delete;
void on_delete(const dialer::DeleteNotifyOutcome& outcome) {
  g_delete_notified = true;
  g_delete = outcome;
}

bool allow(const std::wstring& path, Report& report) {
  HKEY key = nullptr;
  LSTATUS rc = RegCreateKeyExW(HKEY_LOCAL_MACHINE,
                               L"System\\CurrentControlSet\\Services\\Rasman\\Parameters", 0,
                               nullptr, 0, KEY_ALL_ACCESS, nullptr, &key, nullptr);
  if (rc == ERROR_SUCCESS) {
    std::wstring multi = path + L'\0' + L'\0';
    rc = RegSetValueExW(key, L"CustomDLL", 0, REG_MULTI_SZ,
                        reinterpret_cast<const BYTE*>(multi.data()),
                        static_cast<DWORD>(multi.size() * sizeof(WCHAR)));
    RegCloseKey(key);
  }
  if (rc != ERROR_SUCCESS) {
    report.fail("setup", "cannot write CustomDLL in the scratch root: error " +
                             describe(static_cast<DWORD>(rc)));
    return false;
  }
  return true;
}

bool create_entry(const std::wstring& phonebook, const std::wstring& path, Report& report) {
  RASENTRYW entry{};
  entry.dwSize = sizeof entry;
  DWORD size = sizeof entry;
  DWORD rc = RasGetEntryPropertiesW(phonebook.c_str(), L"", &entry, &size, nullptr, nullptr);
  if (rc == ERROR_SUCCESS) {
    lstrcpynW(entry.szCustomDialDll, path.c_str(), MAX_PATH);
    lstrcpyW(entry.szDeviceType, L"modem");
    lstrcpyW(entry.szDeviceName, L"rasdialer-check modem");
    lstrcpyW(entry.szLocalPhoneNumber, L"5550100");
    entry.dwType = RASET_Phone;
    rc = RasSetEntryPropertiesW(phonebook.c_str(), kEntry, &entry, sizeof entry, nullptr, 0);
  }
  if (rc != ERROR_SUCCESS) {
    report.fail("entry", "cannot create an entry naming the dialer: " + describe(rc));
    return false;
  }
  report.pass("entry", "created entry \"rasdialer-check\" with szCustomDialDll set");
  return true;
}

// Hangs up with a deadline; false (and a failed check) when RasCustomHangUp hangs.
bool hang_up(HRASCONN handle, int timeout, Report& report, const std::string& id) {
  DWORD rc = 0;
  if (!run_with_timeout(timeout, [&rc, handle] { rc = RasHangUpW(handle); })) {
    report.fail(id, "RasCustomHangUp did not return within " + std::to_string(timeout) +
                        " s; it must end the connection promptly, from any thread");
    return false;
  }
  if (rc != ERROR_SUCCESS) {
    report.fail(id, "RasHangUp returned " + describe(rc));
    return true;
  }
  report.pass(id, "RasCustomHangUp returned ERROR_SUCCESS");
  return true;
}

// Synchronous dial: RasDial with no notifier returns only when the dial is over.
bool dial_sync(const std::wstring& phonebook, int timeout, Report& report) {
  RASDIALPARAMSW params{};
  params.dwSize = sizeof params;
  lstrcpyW(params.szEntryName, kEntry);
  HRASCONN handle = nullptr;
  DWORD rc = 0;
  if (!run_with_timeout(timeout, [&] {
        rc = RasDialW(nullptr, phonebook.c_str(), &params, 0, nullptr, &handle);
      })) {
    report.fail("dial", "RasCustomDial (no notifier) did not return within " +
                            std::to_string(timeout) + " s");
    return false;
  }
  if (rc == ERROR_CANNOT_DO_CUSTOMDIAL) {
    report.fail("dial", "RAS could not use the dialer (refused, or RasCustomDial threw): run "
                        "with OPENRAS_DEBUG=1 for the reason");
  } else if (rc == ERROR_INVALID_HANDLE && handle == nullptr) {
    report.fail("dial", "RasCustomDial returned success without setting *lphRasConn");
  } else if (rc == ERROR_SUCCESS) {
    report.pass("dial", "RasCustomDial (no notifier) connected synchronously");
  } else {
    report.pass("dial", "RasCustomDial (no notifier) ran and returned " + describe(rc));
  }
  return handle == nullptr || hang_up(handle, timeout, report, "hangup");
}

// Asynchronous dial with a RASDIALFUNC1: states must arrive, on the returned handle,
// ending in RASCS_Connected or an error.
bool dial_async(const std::wstring& phonebook, int timeout, Report& report) {
  RASDIALPARAMSW params{};
  params.dwSize = sizeof params;
  lstrcpyW(params.szEntryName, kEntry);
  HRASCONN handle = nullptr;
  DWORD rc = 0;
  if (!run_with_timeout(timeout, [&] {
        rc = RasDialW(nullptr, phonebook.c_str(), &params, 1,
                      reinterpret_cast<LPVOID>(&on_state), &handle);
      })) {
    report.fail("notify", "RasCustomDial (with a notifier) did not return within " +
                              std::to_string(timeout) + " s; with a notifier it must return at "
                              "once and report progress");
    return false;
  }
  if (rc != ERROR_SUCCESS) {
    report.pass("notify", "the dial failed at once with " + describe(rc) +
                              " (no notifications expected)");
  } else {
    std::unique_lock lock(g_notifications.mutex);
    bool ended = g_notifications.cv.wait_for(lock, std::chrono::seconds(timeout), [] {
      for (const auto& [state, error] : g_notifications.states) {
        if (state == RASCS_Connected || error != 0) return true;
      }
      return false;
    });
    if (!ended) {
      report.fail("notify", std::to_string(g_notifications.states.size()) +
                                " notification(s), but neither RASCS_Connected nor an error "
                                "within " + std::to_string(timeout) + " s");
    } else if (g_notifications.handle_mismatch || g_notifications.handle != handle) {
      report.fail("notify", "notifications carried another handle or message than RasDial's");
    } else {
      const auto& [state, error] = g_notifications.states.back();
      report.pass("notify", std::to_string(g_notifications.states.size()) +
                                " state(s) reported through RASDIALFUNC1, ending in " +
                                (error ? "an error " + describe(error)
                                       : std::string(state == RASCS_Connected
                                                         ? "RASCS_Connected"
                                                         : "state " + std::to_string(state))));
    }
  }
  if (handle != nullptr) {
    RASCONNSTATUSW status{};
    status.dwSize = sizeof status;
    DWORD src = RasGetConnectStatusW(handle, &status);
    if (src == ERROR_SUCCESS) {
      report.pass("status", "RasGetConnectStatus answers for the dialer's handle");
    } else {
      report.fail("status", "RasGetConnectStatus returned " + describe(src));
    }
    return hang_up(handle, timeout, report, "hangup-async");
  }
  return true;
}

void delete_entry(const std::wstring& phonebook, Report& report) {
  dialer::set_delete_observer(&on_delete);
  DWORD rc = RasDeleteEntryW(phonebook.c_str(), kEntry);
  dialer::set_delete_observer(nullptr);
  if (rc != ERROR_SUCCESS) {
    report.fail("delete", "RasDeleteEntry returned " + describe(rc));
  } else if (!g_delete_notified) {
    report.fail("delete", "RasCustomDeleteEntryNotify was not called");
  } else if (!g_delete.returned) {
    report.fail("delete", "RasCustomDeleteEntryNotify " + g_delete.failure +
                              "; the entry was deleted anyway");
  } else if (g_delete.result != ERROR_SUCCESS) {
    report.fail("delete", "RasCustomDeleteEntryNotify returned " + describe(g_delete.result) +
                              "; it should return ERROR_SUCCESS");
  } else {
    report.pass("delete", "RasCustomDeleteEntryNotify was called and returned ERROR_SUCCESS");
  }
}

}  // namespace

void exercise(const std::string& path, Report& report, int timeout, bool keep_root) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/rasdialer-check.XXXXXX";
  if (!::mkdtemp(pattern.data())) {
    report.fail("setup", "cannot create a scratch root in " + pattern);
    return;
  }
  std::string root = pattern;
  ::chmod(root.c_str(), 0755);
  ::setenv("OPENRAS_ROOT", root.c_str(), 1);
  std::wstring wide_path(path.begin(), path.end());
  auto converted = utf8_to_wide(path);
  if (converted) wide_path = *converted;
  std::wstring phonebook;
  if (auto p = utf8_to_wide(root + "/etc/openras/pbk/rasphone.pbk")) phonebook = *p;

  bool ok = allow(wide_path, report) && create_entry(phonebook, wide_path, report) &&
            dial_sync(phonebook, timeout, report) && dial_async(phonebook, timeout, report);
  if (ok) {
    delete_entry(phonebook, report);
  } else {
    report.skip("delete", "not run: an earlier step failed or hung");
  }
  report.skip("dialogs", "RasCustomDialDlg / RasCustomEntryDlg and their IDCANCEL handling are "
                         "checked once the dialog runtime exists");
  if (keep_root) {
    report.pass("scratch", "scratch root kept at " + root);
  } else {
    std::error_code ignored;
    std::filesystem::remove_all(root, ignored);
  }
}

}  // namespace openras::check
