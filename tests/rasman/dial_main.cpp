// dial_main.cpp: a RAS client exercising RasDialW's built-in path the way applications
// use it, for tests/e2e/rasdial_builtin.sh. Linked to the shared libopenras.
//   rasdial_test_client func0|func1|func2|block|hangup-in-notifier|block-in-notifier|
//                       failed|failed-block|again ENTRY
// failed, failed-block: a dial that fails (a busy line), with a notifier or blocking: the
// failing state is reported entered (error 0) before it is reported with the error, and
// RasGetConnectStatus gives that state and error until RasHangUp releases the handle,
// while RasEnumConnections does not list it.
// again: ENTRY is connected already: RasDial succeeds with its handle and a reference
// (the notifier hears Connected), and RasHangUp releases that reference only.
// Prints one "state=S error=E" line per notification, then "result=..." lines; exit 0
// when the scenario's own checks pass.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <cwchar>
#include <mutex>
#include <thread>
#include <vector>

#include "ras.h"
#include "raserror.h"

namespace {

std::mutex g_mutex;
std::condition_variable g_cv;
bool g_done = false;
int g_count = 0;
HRASCONN g_handle = nullptr;
int g_bad = 0;  // notifications with a wrong message, callback id, sub-entry or handle
DWORD g_hang_up_rc = ~0u;
bool g_hang_up_in_notifier = false;
bool g_block_in_notifier = false;
DWORD g_nested_rc = ~0u;

// A notification that breaks the notifier's contract: printed and counted; any makes the
// run fail, whatever the scenario's own checks say.
void bad(const char* what, unsigned long value) {
  std::lock_guard lock(g_mutex);
  std::printf("bad %s %#lx\n", what, value);
  ++g_bad;
}

unsigned g_before_error = ~0u;  // the state reported before the first error
DWORD g_before_error_code = ~0u;
unsigned g_last = ~0u;
DWORD g_last_error = 0;

void record(HRASCONN h, RASCONNSTATE state, DWORD error) {
  // RasHangUp from inside the notifier: no lock of ours is held here while it runs.
  if (g_hang_up_in_notifier && state == RASCS_Connected) g_hang_up_rc = RasHangUpW(h);
  // A blocking RasDial from the notifier's thread must fail, not wait forever.
  if (g_block_in_notifier && state == RASCS_Connected) {
    RASDIALPARAMSW nested{};
    nested.dwSize = sizeof nested;
    std::wcscpy(nested.szEntryName, L"Busy");
    HRASCONN other = nullptr;
    g_nested_rc = RasDialW(nullptr, nullptr, &nested, 0, nullptr, &other);
  }
  std::lock_guard lock(g_mutex);
  std::printf("state=%u error=%u\n", static_cast<unsigned>(state), error);
  if (error != 0 && g_before_error_code == ~0u) {
    g_before_error = g_last;
    g_before_error_code = g_last_error;
  }
  g_last = static_cast<unsigned>(state);
  g_last_error = error;
  ++g_count;
  if (state == RASCS_Connected || error != 0) g_done = true;
  g_cv.notify_all();
}

// RASDIALFUNC1 and RASDIALFUNC2 get the handle RasDialW returned, never NULL. (g_mutex is
// held across RasDialW, so g_handle is set before any notifier gets here.)
void check_handle(HRASCONN h) {
  HRASCONN want;
  {
    std::lock_guard lock(g_mutex);
    want = g_handle;
  }
  if (h == nullptr || h != want) bad("handle", reinterpret_cast<unsigned long>(h));
}
void check_message(UINT msg) {
  if (msg != WM_RASDIALEVENT) bad("message", msg);
}

VOID WINAPI func0(UINT msg, RASCONNSTATE state, DWORD error) {
  check_message(msg);
  record(nullptr, state, error);
}
VOID WINAPI func1(HRASCONN h, UINT msg, RASCONNSTATE state, DWORD error, DWORD) {
  check_message(msg);
  check_handle(h);
  record(h, state, error);
}
DWORD WINAPI func2(ULONG_PTR id, DWORD sub_entry, HRASCONN h, UINT msg, RASCONNSTATE state,
                   DWORD error, DWORD) {
  if (id != 0x5eed) bad("callback id", static_cast<unsigned long>(id));
  if (sub_entry != 1) bad("sub-entry", sub_entry);  // a single-link entry's one link
  check_message(msg);
  check_handle(h);
  record(h, state, error);
  return state == RASCS_PortOpened ? 0 : 1;  // 0: no more notifications
}

// The connections listed for this user.
std::vector<HRASCONN> listed_handles() {
  RASCONNW conns[8]{};
  conns[0].dwSize = sizeof conns[0];
  DWORD cb = sizeof conns;
  DWORD count = 0;
  std::vector<HRASCONN> out;
  if (RasEnumConnectionsW(conns, &cb, &count) != 0) return out;
  for (DWORD i = 0; i < count; ++i) out.push_back(conns[i].hrasconn);
  return out;
}

// The "again" scenario (see the top of the file).
int dial_again(DWORD rc, HRASCONN conn) {
  std::vector<HRASCONN> before = listed_handles();
  bool same = before.size() == 1 && before[0] == conn;
  bool connected = false;
  {
    std::unique_lock lock(g_mutex);
    connected = g_cv.wait_for(lock, std::chrono::seconds(10), [] { return g_done; }) &&
                g_last == static_cast<unsigned>(RASCS_Connected) && g_last_error == 0;
  }
  DWORD hang = RasHangUpW(conn);
  std::vector<HRASCONN> after = listed_handles();
  bool still = after.size() == 1 && after[0] == conn;
  std::printf("result=again rc=%u same=%d connected=%d hangup=%u still=%d\n", rc, same ? 1 : 0,
              connected ? 1 : 0, hang, still ? 1 : 0);
  return rc == 0 && same && connected && hang == 0 && still && g_bad == 0 ? 0 : 1;
}

// The failed-dial scenarios (see the top of the file).
int failed_dial(const std::string& mode, DWORD rc, HRASCONN conn) {
  bool ok = conn != nullptr;
  if (mode == "failed") {
    ok = ok && rc == 0;
    std::unique_lock lock(g_mutex);
    ok = g_cv.wait_for(lock, std::chrono::seconds(10), [] { return g_done; }) && ok;
    std::printf("result=failing-state-first state=%u error=%u then state=%u error=%u\n",
                g_before_error, g_before_error_code, g_last, g_last_error);
    ok = ok && g_before_error == g_last && g_before_error_code == 0 && g_last_error != 0;
  } else {
    ok = ok && rc == ERROR_LINE_BUSY;
  }
  RASCONNSTATUSW status{};
  status.dwSize = sizeof status;
  DWORD st = RasGetConnectStatusW(conn, &status);
  std::printf("result=status rc=%u state=%u error=%u\n", st,
              static_cast<unsigned>(status.rasconnstate), status.dwError);
  ok = ok && st == 0 && status.rasconnstate == RASCS_ConnectDevice &&
       status.dwError == ERROR_LINE_BUSY;
  RASCONNW conns[8]{};
  conns[0].dwSize = sizeof conns[0];
  DWORD cb = sizeof conns;
  DWORD count = 0;
  DWORD en = RasEnumConnectionsW(conns, &cb, &count);
  bool listed = false;
  for (DWORD i = 0; i < count; ++i) listed = listed || conns[i].hrasconn == conn;
  std::printf("result=enum rc=%u listed=%d\n", en, listed ? 1 : 0);
  ok = ok && en == 0 && !listed;
  DWORD hang = RasHangUpW(conn);
  DWORD after = RasGetConnectStatusW(conn, &status);
  std::printf("result=hangup rc=%u status_after=%u\n", hang, after);
  return ok && hang == 0 && after == ERROR_INVALID_HANDLE && g_bad == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  std::string mode = argv[1];
  RASDIALPARAMSW params{};
  params.dwSize = sizeof params;
  std::mbstowcs(params.szEntryName, argv[2], RAS_MaxEntryName);
  params.dwCallbackId = 0x5eed;
  HRASCONN conn = nullptr;
  DWORD type = 1;
  LPVOID notifier = reinterpret_cast<LPVOID>(&func1);
  if (mode == "func0") {
    type = 0;
    notifier = reinterpret_cast<LPVOID>(&func0);
  } else if (mode == "func2") {
    type = 2;
    notifier = reinterpret_cast<LPVOID>(&func2);
  } else if (mode == "block" || mode == "failed-block") {
    notifier = nullptr;
  } else if (mode == "hangup-in-notifier") {
    g_hang_up_in_notifier = true;
  } else if (mode == "block-in-notifier") {
    g_block_in_notifier = true;
  }
  DWORD rc;
  {
    // Held across RasDialW so the notifier cannot compare handles before g_handle is set.
    std::unique_lock lock(g_mutex);
    rc = RasDialW(nullptr, nullptr, &params, type, notifier, &conn);
    g_handle = conn;
  }
  std::printf("result=dial rc=%u handle=%s\n", rc, conn ? "set" : "null");
  if (mode == "failed" || mode == "failed-block") return failed_dial(mode, rc, conn);
  if (mode == "again") return dial_again(rc, conn);
  if (rc != 0) return 1;
  if (notifier != nullptr) {
    std::unique_lock lock(g_mutex);
    bool finished = g_cv.wait_for(lock, std::chrono::seconds(10), [] { return g_done; });
    if (mode == "func2") finished = true;  // it stopped notifications early, by design
    if (!finished) {
      std::printf("result=timeout\n");
      return 1;
    }
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // late notifications?
  RASCONNSTATUSW status{};
  status.dwSize = sizeof status;
  DWORD st = RasGetConnectStatusW(conn, &status);
  {
    std::lock_guard lock(g_mutex);
    std::printf("result=notifications %d bad=%d\n", g_count, g_bad);
  }
  const bool contract_kept = g_bad == 0;  // checked last: the connection is hung up first
  if (g_block_in_notifier) {
    std::printf("result=nested-blocking-dial rc=%u\n", g_nested_rc);
    RasHangUpW(conn);
    return contract_kept && g_nested_rc == ERROR_INVALID_PARAMETER ? 0 : 1;
  }
  if (g_hang_up_in_notifier) {
    std::printf("result=hangup-in-notifier rc=%u status_after=%u\n", g_hang_up_rc, st);
    return contract_kept && g_hang_up_rc == 0 && st == ERROR_INVALID_HANDLE ? 0 : 1;
  }
  std::printf("result=status rc=%u state=%u\n", st, static_cast<unsigned>(status.rasconnstate));
  DWORD hang = RasHangUpW(conn);
  std::printf("result=hangup rc=%u\n", hang);
  return contract_kept && st == 0 && status.rasconnstate == RASCS_Connected && hang == 0 ? 0 : 1;
}
