// watch_main.cpp: a Windows-style RAS monitor for tests/e2e/rasdial_monitor.sh, linked to
// the shared libopenras and using only the SDK.
//   rasdial_test_watch watch SECONDS
//     RasConnectionNotification(INVALID_HANDLE_VALUE) with one auto-reset event for
//     RASCN_Connection and one for RASCN_Disconnection; prints "armed", then one
//     "event=connection" or "event=disconnection" line per signal (each followed by the
//     connection count RasEnumConnections gives), until SECONDS pass.
//   rasdial_test_watch save ENTRY USER PASSWORD
//     RasSetEntryDialParams: saves the entry's user name and password.
//   rasdial_test_watch stats ENTRY
//     dials ENTRY synchronously, prints RasGetConnectionStatistics, clears them,
//     prints RasGetProjectionInfoEx and RasGetProjectionInfoW(RASP_PppIp/PppLcp),
//     waits, prints the statistics again, hangs up; exit 0 when the calls succeed.
//   rasdial_test_watch on HANDLE
//     another process's connection, by the handle this process sees (hex): prints the
//     rc of RasGetConnectStatus (and the state), RasGetConnectionStatistics,
//     RasGetProjectionInfoEx and RasConnectionNotification(HANDLE, RASCN_Disconnection),
//     then RasHangUp's, then "ended" once the event is set (at most 10 s); exit 0 then.
#include <arpa/inet.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "ras.h"
#include "raserror.h"
#include "windows.h"

namespace {

DWORD connection_count() {
  DWORD cb = 0, count = 0;
  DWORD rc = RasEnumConnectionsW(nullptr, &cb, &count);
  return rc == ERROR_SUCCESS || rc == ERROR_BUFFER_TOO_SMALL ? count : 0;
}

int watch(int seconds) {
  HANDLE up = CreateEventW(nullptr, FALSE, FALSE, nullptr);
  HANDLE down = CreateEventW(nullptr, FALSE, FALSE, nullptr);
  if (!up || !down) {
    std::printf("CreateEvent failed: %u\n", GetLastError());
    return 1;
  }
  auto all = reinterpret_cast<HRASCONN>(INVALID_HANDLE_VALUE);
  DWORD rc1 = RasConnectionNotificationW(all, up, RASCN_Connection);
  DWORD rc2 = RasConnectionNotificationW(all, down, RASCN_Disconnection);
  if (rc1 != 0 || rc2 != 0) {
    std::printf("RasConnectionNotification failed: %u %u\n", rc1, rc2);
    return 1;
  }
  std::printf("armed\n");
  std::fflush(stdout);
  auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  HANDLE both[] = {up, down};
  while (std::chrono::steady_clock::now() < end) {
    DWORD w = WaitForMultipleObjects(2, both, FALSE, 200);
    if (w == WAIT_TIMEOUT) continue;
    if (w == WAIT_FAILED) {
      std::printf("wait failed: %u\n", GetLastError());
      return 1;
    }
    std::printf("event=%s count=%u\n", w == WAIT_OBJECT_0 ? "connection" : "disconnection",
                connection_count());
    std::fflush(stdout);
  }
  CloseHandle(up);
  CloseHandle(down);
  return 0;
}

void print_stats(const char* label, HRASCONN conn) {
  RAS_STATS s{};
  s.dwSize = sizeof s;
  DWORD rc = RasGetConnectionStatistics(conn, &s);
  std::printf("%s rc=%u bytes=%u/%u frames=%u/%u bps=%u duration=%u\n", label, rc, s.dwBytesXmited,
              s.dwBytesRcved, s.dwFramesXmited, s.dwFramesRcved, s.dwBps, s.dwConnectDuration);
}

int stats(const char* entry) {
  RASDIALPARAMSW params{};
  params.dwSize = sizeof params;
  std::mbstowcs(params.szEntryName, entry, RAS_MaxEntryName);
  HRASCONN conn = nullptr;
  DWORD rc = RasDialW(nullptr, nullptr, &params, 0, nullptr, &conn);
  std::printf("dial rc=%u\n", rc);
  if (rc != 0) {
    if (conn) RasHangUpW(conn);
    return 1;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  print_stats("stats", conn);
  std::printf("clear rc=%u\n", RasClearConnectionStatistics(conn));

  RAS_PROJECTION_INFO info{};
  DWORD size = 0;
  std::printf("projection-size rc=%u size=%u\n", RasGetProjectionInfoEx(conn, nullptr, &size),
              size);
  info.version = RASAPIVERSION_CURRENT;
  size = sizeof info;
  rc = RasGetProjectionInfoEx(conn, &info, &size);
  char local[INET_ADDRSTRLEN] = "", server[INET_ADDRSTRLEN] = "";
  inet_ntop(AF_INET, &info.ppp.ipv4Address, local, sizeof local);
  inet_ntop(AF_INET, &info.ppp.ipv4ServerAddress, server, sizeof server);
  std::printf("projection rc=%u type=%d ipv4=%s server=%s ipv6error=%u auth=%#x\n", rc,
              static_cast<int>(info.type), local, server, info.ppp.dwIPv6NegotiationError,
              info.ppp.dwAuthenticationProtocol);

  RASPPPIPW ip{};
  ip.dwSize = sizeof ip;
  DWORD cb = sizeof ip;
  rc = RasGetProjectionInfoW(conn, RASP_PppIp, &ip, &cb);
  std::printf("pppip rc=%u error=%u ip=%ls server=%ls\n", rc, ip.dwError, ip.szIpAddress,
              ip.szServerIpAddress);
  RASPPPLCPW lcp{};
  lcp.dwSize = sizeof lcp;
  cb = sizeof lcp;
  rc = RasGetProjectionInfoW(conn, RASP_PppLcp, &lcp, &cb);
  std::printf("ppplcp rc=%u auth=%#x\n", rc, lcp.dwAuthenticationProtocol);
  cb = sizeof ip;
  std::printf("pppipx rc=%u\n", RasGetProjectionInfoW(conn, RASP_PppIpx, &ip, &cb));

  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  print_stats("stats-later", conn);
  std::printf("hangup rc=%u\n", RasHangUpW(conn));
  RAS_STATS s{};
  s.dwSize = sizeof s;
  std::printf("stats-after-hangup rc=%u\n", RasGetConnectionStatistics(conn, &s));
  return 0;
}

int save(const char* entry, const char* user, const char* password) {
  RASDIALPARAMSW params{};
  params.dwSize = sizeof params;
  std::mbstowcs(params.szEntryName, entry, RAS_MaxEntryName);
  std::mbstowcs(params.szUserName, user, UNLEN);
  std::mbstowcs(params.szPassword, password, PWLEN);
  DWORD rc = RasSetEntryDialParamsW(nullptr, &params, FALSE);
  std::printf("save rc=%u\n", rc);
  return rc == 0 ? 0 : 1;
}

int on(const char* text) {
  auto conn = reinterpret_cast<HRASCONN>(static_cast<uintptr_t>(std::strtoull(text, nullptr, 16)));
  RASCONNSTATUSW status{};
  status.dwSize = sizeof status;
  DWORD rc = RasGetConnectStatusW(conn, &status);
  std::printf("status rc=%u state=%#x\n", rc, static_cast<unsigned>(status.rasconnstate));
  print_stats("stats", conn);
  RAS_PROJECTION_INFO info{};
  info.version = RASAPIVERSION_CURRENT;
  DWORD size = sizeof info;
  std::printf("projection rc=%u\n", RasGetProjectionInfoEx(conn, &info, &size));
  HANDLE ended = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  std::printf("notification rc=%u\n", RasConnectionNotificationW(conn, ended, RASCN_Disconnection));
  std::printf("hangup rc=%u\n", RasHangUpW(conn));
  std::fflush(stdout);
  bool done = WaitForSingleObject(ended, 10000) == WAIT_OBJECT_0;
  std::printf(done ? "ended\n" : "not ended\n");
  CloseHandle(ended);
  return done ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "watch") == 0) return watch(std::atoi(argv[2]));
  if (argc == 3 && std::strcmp(argv[1], "stats") == 0) return stats(argv[2]);
  if (argc == 5 && std::strcmp(argv[1], "save") == 0) return save(argv[2], argv[3], argv[4]);
  if (argc == 3 && std::strcmp(argv[1], "on") == 0) return on(argv[2]);
  std::fprintf(stderr,
               "usage: rasdial_test_watch watch SECONDS | stats ENTRY | save ENTRY USER PASSWORD |"
               " on HANDLE\n");
  return 2;
}
