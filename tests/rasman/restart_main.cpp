// restart_main.cpp: one libopenras process that outlives a rasmand restart, for
// tests/e2e/rasman_system.sh. Linked to the shared libopenras, as applications are.
//   rasdial_restart_client ENTRY GO_FILE
// 1. dials ENTRY (a built-in entry; blocking RasDialW): "first rc=N";
// 2. polls RasGetConnectStatusW every 100 ms until the connection has ended (rasmand
//    stopped): "first-ended rc=N state=S error=E";
// 3. waits for GO_FILE (the test makes it once rasmand runs again), then dials again in
//    this same process: "second rc=N", lists: "listed N", hangs up: "hangup rc=N".
// Exit 0 when every step did what it should (each waits at most 30 s).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <thread>

#include "ras.h"
#include "raserror.h"

namespace {

DWORD dial(const char* entry, HRASCONN& conn) {
  RASDIALPARAMSW params{};
  params.dwSize = sizeof params;
  std::mbstowcs(params.szEntryName, entry, RAS_MaxEntryName);
  conn = nullptr;
  return RasDialW(nullptr, nullptr, &params, 0, nullptr, &conn);
}

bool wait_until(const std::function<bool()>& done) {
  for (int i = 0; i < 300; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  HRASCONN conn = nullptr;
  DWORD rc = dial(argv[1], conn);
  std::printf("first rc=%u\n", rc);
  if (rc != ERROR_SUCCESS) return 1;

  RASCONNSTATUSW status{};
  bool ended = wait_until([&] {
    status = RASCONNSTATUSW{};
    status.dwSize = sizeof status;
    rc = RasGetConnectStatusW(conn, &status);
    return rc != ERROR_SUCCESS || status.rasconnstate == RASCS_Disconnected;
  });
  std::printf("first-ended rc=%u state=%u error=%u\n", rc,
              static_cast<unsigned>(status.rasconnstate), status.dwError);
  if (!ended) return 1;
  RasHangUpW(conn);  // the handle's end, as an application would tidy up

  if (!wait_until([&] { return ::access(argv[2], F_OK) == 0; })) return 1;
  rc = dial(argv[1], conn);
  std::printf("second rc=%u\n", rc);
  if (rc != ERROR_SUCCESS) return 1;
  RASCONNW conns[4]{};
  conns[0].dwSize = sizeof conns[0];
  DWORD cb = sizeof conns, count = 0;
  DWORD listed = RasEnumConnectionsW(conns, &cb, &count);
  std::printf("listed %u rc=%u\n", count, listed);
  DWORD hang = RasHangUpW(conn);
  std::printf("hangup rc=%u\n", hang);
  return listed == ERROR_SUCCESS && count == 1 && hang == ERROR_SUCCESS ? 0 : 1;
}
