/* terminal_client.c: a RAS client that logs in by hand through the terminal of a dial paused
 * in RASCS_Interactive (RASEO_TerminalAfterDial with RDEOPT_PausedStates), then resumes it
 * with RasDial on the paused handle, as a Windows client does after its terminal window.
 *
 *   terminal_client MODE PHONEBOOK ENTRY USER PASSWORD
 *     async     a RasDialFunc1 notifier; the terminal once it reports RASCS_Interactive
 *     sync      no notifier: RasDial returns 0 paused, and again 0 once Connected
 *     refused   no RDEOPT_PausedStates: the dial must fail with ERROR_INTERACTIVE_MODE
 * The far end is tests/e2e/modem_terminal.sh's terminal server ("login:", "Password:",
 * "gateway> ", then PPP). Prints what it checked; exits 0 when every check passed. */
#define _POSIX_C_SOURCE 200809L
#include <ras.h>
#include <raserror.h>
#include <windows.h>

#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static RASCONNSTATE last_state = RASCS_OpenPort;
static DWORD last_error = 0;
static int interactive_seen = 0;

static void WINAPI on_state(HRASCONN conn, UINT msg, RASCONNSTATE state, DWORD error,
                            DWORD extended) {
  (void)conn, (void)msg, (void)extended;
  pthread_mutex_lock(&lock);
  last_state = state;
  last_error = error;
  if (state == RASCS_Interactive && error == 0) interactive_seen++;
  pthread_cond_broadcast(&changed);
  pthread_mutex_unlock(&lock);
}

/* RasDial takes its notifier as LPVOID; ISO C has no function-to-object pointer cast. */
static LPVOID notifier(int async) {
  union {
    RASDIALFUNC1 function;
    LPVOID pointer;
  } u;
  u.function = on_state;
  return async ? u.pointer : NULL;
}

static int fail(const char* what, DWORD code) {
  fprintf(stderr, "terminal_client: %s (%lu)\n", what, (unsigned long)code);
  return 1;
}

/* Waits (30 s at most) until the notifier has reported `state` or an error. */
static int wait_for(RASCONNSTATE state) {
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += 30;
  pthread_mutex_lock(&lock);
  while (last_state != state && last_error == 0) {
    if (pthread_cond_timedwait(&changed, &lock, &until) != 0) break;
  }
  int ok = last_state == state && last_error == 0;
  pthread_mutex_unlock(&lock);
  return ok;
}

/* Reads the terminal until `want` has arrived (10 s at most); what came is echoed. */
static int expect(int fd, const char* want) {
  char seen[4096] = "";
  size_t used = 0;
  time_t deadline = time(NULL) + 10;
  while (strstr(seen, want) == NULL) {
    struct pollfd p = {fd, POLLIN, 0};
    if (time(NULL) > deadline || poll(&p, 1, 500) < 0) break;
    if (!(p.revents & POLLIN)) continue;
    ssize_t n = read(fd, seen + used, sizeof seen - 1 - used);
    if (n <= 0) break;
    used += (size_t)n;
    seen[used] = '\0';
    if (used == sizeof seen - 1) break;
  }
  if (strstr(seen, want) == NULL) {
    fprintf(stderr, "terminal_client: \"%s\" did not come; the terminal said: \"%s\"\n", want,
            seen);
    return 0;
  }
  printf("terminal said \"%s\"\n", want);
  return 1;
}

static int say(int fd, const char* text) {
  size_t n = strlen(text);
  return write(fd, text, n) == (ssize_t)n;
}

static void widen(const char* in, WCHAR* out, size_t size) { mbstowcs(out, in, size); }

int main(int argc, char** argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: terminal_client async|sync|refused PHONEBOOK ENTRY USER PASSWORD\n");
    return 2;
  }
  const char* mode = argv[1];
  int async = strcmp(mode, "async") == 0;
  WCHAR phonebook[MAX_PATH];
  widen(argv[2], phonebook, MAX_PATH);
  RASDIALPARAMSW params;
  memset(&params, 0, sizeof params);
  params.dwSize = sizeof params;
  widen(argv[3], params.szEntryName, RAS_MaxEntryName + 1);
  widen(argv[4], params.szUserName, UNLEN + 1);
  widen(argv[5], params.szPassword, PWLEN + 1);
  RASDIALEXTENSIONS ext;
  memset(&ext, 0, sizeof ext);
  ext.dwSize = sizeof ext;
  if (strcmp(mode, "refused") != 0) ext.dwfOptions = RDEOPT_PausedStates;
  HRASCONN conn = NULL;
  DWORD rc = RasDialW(&ext, phonebook, &params, async ? 1 : 0, notifier(async), &conn);
  if (strcmp(mode, "refused") == 0) {
    if (conn) RasHangUpW(conn);
    if (rc != ERROR_INTERACTIVE_MODE) return fail("without paused states the dial must be 703", rc);
    printf("refused: error %lu\n", (unsigned long)rc);
    return 0;
  }
  if (rc != ERROR_SUCCESS) return fail("RasDial", rc);
  if (async && !wait_for(RASCS_Interactive)) return fail("no RASCS_Interactive", last_error);
  RASCONNSTATUSW status;
  memset(&status, 0, sizeof status);
  status.dwSize = sizeof status;
  rc = RasGetConnectStatusW(conn, &status);
  if (rc != ERROR_SUCCESS || status.rasconnstate != RASCS_Interactive) {
    RasHangUpW(conn);
    return fail("RasGetConnectStatus does not say RASCS_Interactive", status.rasconnstate);
  }
  printf("paused in RASCS_Interactive\n");
  int fd = -1;
  rc = OpenRasOpenTerminal(conn, &fd);
  if (rc != ERROR_SUCCESS) {
    RasHangUpW(conn);
    return fail("OpenRasOpenTerminal", rc);
  }
  int ok = expect(fd, "login: ") && say(fd, "testuser\r") && expect(fd, "Password: ") &&
           say(fd, "testpass\r") && expect(fd, "gateway> ") && say(fd, "ppp\r") &&
           expect(fd, "PPP mode.");
  if (!ok) {
    RasHangUpW(conn);
    return fail("the login through the terminal", 0);
  }
  /* Resume: RasDial again with the paused handle (and the same notifier). */
  rc = RasDialW(&ext, phonebook, &params, async ? 1 : 0, notifier(async), &conn);
  if (rc != ERROR_SUCCESS) {
    RasHangUpW(conn);
    return fail("RasDial with the paused handle", rc);
  }
  if (async && !wait_for(RASCS_Connected)) {
    RasHangUpW(conn);
    return fail("no RASCS_Connected after resuming", last_error);
  }
  /* The terminal ends with the pause. */
  char byte;
  struct pollfd p = {fd, POLLIN, 0};
  if (poll(&p, 1, 5000) != 1 || read(fd, &byte, 1) > 0) {
    RasHangUpW(conn);
    return fail("the terminal is still open after the dial resumed", 0);
  }
  close(fd);
  printf("connected after the terminal\n");
  /* Nothing is paused now: neither the terminal nor another resume. */
  if ((rc = OpenRasOpenTerminal(conn, &fd)) != ERROR_INVALID_PARAMETER) {
    RasHangUpW(conn);
    return fail("OpenRasOpenTerminal of a connected dial must be 87", rc);
  }
  if ((rc = RasDialW(&ext, phonebook, &params, 0, NULL, &conn)) != ERROR_INVALID_PARAMETER) {
    RasHangUpW(conn);
    return fail("RasDial with a handle that is not paused must be 87", rc);
  }
  if (async && interactive_seen != 1) return fail("RASCS_Interactive not reported once", 0);
  RASPPPIPW ip;
  memset(&ip, 0, sizeof ip);
  ip.dwSize = sizeof ip;
  DWORD size = sizeof ip;
  rc = RasGetProjectionInfoW(conn, RASP_PppIp, &ip, &size);
  if (rc != ERROR_SUCCESS || ip.dwError != 0) {
    RasHangUpW(conn);
    return fail("RasGetProjectionInfo", rc != ERROR_SUCCESS ? rc : ip.dwError);
  }
  printf("address %ls\n", ip.szIpAddress);
  rc = RasHangUpW(conn);
  if (rc != ERROR_SUCCESS) return fail("RasHangUp", rc);
  printf("hung up\n");
  return 0;
}
