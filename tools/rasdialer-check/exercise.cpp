// exercise.cpp: drives a dialer through the RAS API in the scratch root, the way an
// application and RAS would, and checks that it keeps the contract (docs/abi.md). Each
// part runs in a child process (child.h) that the dialer can crash, end or hang.
#include <stdlib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "checker.h"
#include "child.h"
#include "dialer/dispatch.h"
#include "ras.h"
#include "raserror.h"
#include "windows.h"

namespace openras::check {

namespace {

constexpr const wchar_t* kEntry = L"rasdialer-check";

std::string describe(DWORD code) {
  char text[512];
  if (RasGetErrorStringA(code, text, sizeof text) != ERROR_SUCCESS) return std::to_string(code);
  return std::to_string(code) + " (" + text + ")";
}

// What a RASDIALFUNC1 notifier saw (one dial per child process).
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

RASDIALPARAMSW dial_params() {
  RASDIALPARAMSW params{};
  params.dwSize = sizeof params;
  lstrcpyW(params.szEntryName, kEntry);
  return params;
}

void hang_up(HRASCONN handle, Report& report, const std::string& id) {
  report.begin(id, "RasHangUp (RasCustomHangUp)");
  DWORD rc = RasHangUpW(handle);
  if (rc != ERROR_SUCCESS) {
    report.fail(id, "RasHangUp returned " + describe(rc));
  } else {
    report.pass(id, "RasCustomHangUp returned ERROR_SUCCESS");
  }
}

// Synchronous dial: RasDial with no notifier returns only when the dial is over, and in
// the scratch root (its own rasmand and test device) a dial connects.
void dial_sync(const std::wstring& phonebook, Report& report) {
  RASDIALPARAMSW params = dial_params();
  HRASCONN handle = nullptr;
  report.begin("dial", "RasDial with no notifier (RasCustomDial)");
  DWORD rc = RasDialW(nullptr, phonebook.c_str(), &params, 0, nullptr, &handle);
  if (rc == ERROR_CANNOT_DO_CUSTOMDIAL) {
    report.fail("dial",
                "RAS could not use the dialer (refused, or RasCustomDial threw): run "
                "with OPENRAS_DEBUG=1 for the reason");
  } else if (rc == ERROR_INVALID_HANDLE && handle == nullptr) {
    report.fail("dial", "RasCustomDial returned success without setting *lphRasConn");
  } else if (rc == ERROR_SUCCESS) {
    report.pass("dial", "RasCustomDial (no notifier) connected synchronously");
  } else {
    report.fail("dial", "RasCustomDial (no notifier) returned " + describe(rc) +
                            "; in the scratch root (its own rasmand, a test device that "
                            "connects) a dial must connect");
  }
  if (handle != nullptr) hang_up(handle, report, "hangup");
}

void check_status(HRASCONN handle, bool connected, Report& report) {
  RASCONNSTATUSW status{};
  status.dwSize = sizeof status;
  report.begin("status", "RasGetConnectStatus");
  DWORD rc = RasGetConnectStatusW(handle, &status);
  if (rc != ERROR_SUCCESS) {
    report.fail("status", "RasGetConnectStatus returned " + describe(rc));
  } else if (connected && status.rasconnstate != RASCS_Connected) {
    report.fail("status", "the dial reported RASCS_Connected but RasGetConnectStatus says state " +
                              std::to_string(status.rasconnstate));
  } else {
    report.pass("status", "RasGetConnectStatus answers for the dialer's handle" +
                              std::string(connected ? ": RASCS_Connected" : ""));
  }
}

// Asynchronous dial with a RASDIALFUNC1: states must arrive, on the returned handle,
// ending in RASCS_Connected.
void dial_async(const std::wstring& phonebook, int timeout, Report& report) {
  RASDIALPARAMSW params = dial_params();
  HRASCONN handle = nullptr;
  report.begin("notify", "RasDial with a RASDIALFUNC1 notifier (RasCustomDial)");
  DWORD rc = RasDialW(nullptr, phonebook.c_str(), &params, 1, reinterpret_cast<LPVOID>(&on_state),
                      &handle);
  bool connected = false;
  if (rc != ERROR_SUCCESS) {
    report.fail("notify", "the dial failed at once with " + describe(rc) +
                              "; in the scratch root a dial must connect");
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
                                "within " +
                                std::to_string(timeout) + " s");
    } else if (g_notifications.handle_mismatch || g_notifications.handle != handle) {
      report.fail("notify", "notifications carried another handle or message than RasDial's");
    } else if (const auto& [state, error] = g_notifications.states.back(); error != 0) {
      report.fail("notify", "the dial ended in error " + describe(error) + " at state " +
                                std::to_string(state) + "; in the scratch root it must connect");
    } else {
      connected = true;
      report.pass("notify", std::to_string(g_notifications.states.size()) +
                                " state(s) reported through RASDIALFUNC1, ending in "
                                "RASCS_Connected");
    }
  }
  if (handle != nullptr) {
    check_status(handle, connected, report);
    hang_up(handle, report, "hangup-async");
  }
}

void delete_entry(const std::wstring& phonebook, Report& report) {
  dialer::set_delete_observer(&on_delete);
  report.begin("delete", "RasDeleteEntry (RasCustomDeleteEntryNotify)");
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

void exercise(const Scratch& scratch, Report& report, int timeout) {
  const std::wstring& book = scratch.phonebook();
  bool ok =
      run_in_child(report, timeout, "dial", [&](Report& r) { dial_sync(book, r); }) &&
      run_in_child(report, timeout, "notify", [&](Report& r) { dial_async(book, timeout, r); });
  if (ok) {
    // openras-dialer-host, which runs the notification, gets the same deadline.
    ::setenv("OPENRAS_DELETE_NOTIFY_TIMEOUT", std::to_string(timeout).c_str(), 1);
    run_in_child(report, timeout, "dialogs", [&](Report& r) { check_dialogs(book, kEntry, r); });
    run_in_child(report, timeout, "delete", [&](Report& r) { delete_entry(book, r); });
  } else {
    for (const char* part : {"dialogs", "delete"}) {
      report.skip(part,
                  "not run: an earlier part of the exercise crashed, ended, hung or "
                  "was interrupted");
    }
  }
}

}  // namespace openras::check
