/* example.c: a custom dialer that shows the whole contract, for dialer authors to copy.
 *
 * It does not reach a network (the built-in dial does that; see passthrough.c): it plays
 * the part of a dialer that owns its connections.
 *   - RasCustomDial keeps its own connection record, whose address is the HRASCONN it
 *     hands back, and reports each RASCS_* state through whatever notifier it was given:
 *     RASDIALFUNC, RASDIALFUNC1 or RASDIALFUNC2 from a thread of its own, or, with no
 *     notifier, synchronously before returning. A phone number of "busy" fails at
 *     RASCS_ConnectDevice with ERROR_LINE_BUSY, reported as Windows reports errors: the
 *     state again, with dwError set.
 *   - RasCustomHangUp ends the connection (stopping a dial in progress) and frees it.
 *   - RasCustomDeleteEntryNotify forgets what it kept for the entry.
 *   - RasCustomDialDlg dials synchronously; RasCustomEntryDlg creates a new entry that
 *     names this dialer (the dialog runtime will let both show UI).
 * With OPENRAS_EXAMPLE_LOG set, each call is logged there, one line each.
 *
 * Build against an installed OpenRAS SDK:
 *   cc -shared -fPIC -pthread -o example.so example.c $(pkg-config --cflags --libs openras) */
#define UNICODE
#define _GNU_SOURCE
#include <ras.h>
#include <rasdlg.h>
#include <raserror.h>
#include <windows.h>

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define DIALER_EXPORT __attribute__((visibility("default")))
#define EXAMPLE_MAGIC 0x45584D50u /* "EXMP": marks our own records */

typedef struct Connection {
  DWORD magic;
  WCHAR entry[RAS_MaxEntryName + 1];
  WCHAR phone[RAS_MaxPhoneNumber + 1];
  DWORD notifier_type;
  LPVOID notifier;
  ULONG_PTR callback_id;
  pthread_t thread;
  BOOL has_thread;
  volatile BOOL stop;
  struct Connection* next;
} Connection;

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static Connection* g_connections = NULL;

static void log_line(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
#include <stdarg.h>
static void log_line(const char* fmt, ...) {
  const char* path = getenv("OPENRAS_EXAMPLE_LOG");
  FILE* f;
  va_list args;
  if (!path) return;
  f = fopen(path, "a");
  if (!f) return;
  va_start(args, fmt);
  vfprintf(f, fmt, args);
  va_end(args);
  fputc('\n', f);
  fclose(f);
}

/* Reports one state; FALSE when a RASDIALFUNC2 asked for no more notifications. */
static BOOL notify(Connection* c, RASCONNSTATE state, DWORD error) {
  switch (c->notifier_type) {
    case 0:
      ((RASDIALFUNC)c->notifier)(WM_RASDIALEVENT, state, error);
      return TRUE;
    case 1:
      ((RASDIALFUNC1)c->notifier)((HRASCONN)c, WM_RASDIALEVENT, state, error, 0);
      return TRUE;
    case 2:
      return ((RASDIALFUNC2)c->notifier)(c->callback_id, 1, (HRASCONN)c, WM_RASDIALEVENT, state,
                                         error, 0) != 0;
    default:
      return TRUE;
  }
}

/* Walks the states of a dial; returns 0 when connected, else the error. */
static DWORD run_dial(Connection* c) {
  static const RASCONNSTATE states[] = {RASCS_OpenPort,
                                        RASCS_PortOpened,
                                        RASCS_ConnectDevice,
                                        RASCS_DeviceConnected,
                                        RASCS_AllDevicesConnected,
                                        RASCS_Authenticate,
                                        RASCS_Authenticated,
                                        RASCS_Connected};
  size_t i;
  BOOL more = TRUE;
  for (i = 0; i < sizeof states / sizeof states[0]; ++i) {
    struct timespec pause = {0, 20 * 1000 * 1000};
    if (c->stop) return ERROR_USER_DISCONNECTION;
    if (c->notifier && more) more = notify(c, states[i], 0);
    if (states[i] == RASCS_ConnectDevice && lstrcmpi(c->phone, L"busy") == 0) {
      if (c->notifier && more) notify(c, RASCS_ConnectDevice, ERROR_LINE_BUSY);
      log_line("dial %ls: busy", c->entry);
      return ERROR_LINE_BUSY;
    }
    if (states[i] != RASCS_Connected) nanosleep(&pause, NULL);
  }
  log_line("dial %ls: connected", c->entry);
  return ERROR_SUCCESS;
}

static void* dial_thread(void* arg) {
  run_dial((Connection*)arg);
  return NULL;
}

/* Finds and unlinks our record for a handle; NULL if the handle is not ours. */
static Connection* take_connection(HRASCONN h) {
  Connection** link;
  pthread_mutex_lock(&g_lock);
  for (link = &g_connections; *link; link = &(*link)->next) {
    if ((HRASCONN)*link == h) {
      Connection* c = *link;
      *link = c->next;
      pthread_mutex_unlock(&g_lock);
      return c;
    }
  }
  pthread_mutex_unlock(&g_lock);
  return NULL;
}

DIALER_EXPORT DWORD WINAPI RasCustomDial(HINSTANCE hInstDll,
                                         LPRASDIALEXTENSIONS lpRasDialExtensions,
                                         LPCWSTR lpszPhonebook, LPRASDIALPARAMS lpRasDialParams,
                                         DWORD dwNotifierType, LPVOID lpvNotifier,
                                         LPHRASCONN lphRasConn, DWORD dwFlags) {
  Connection* c;
  DWORD rc;
  UNREFERENCED_PARAMETER(hInstDll);
  UNREFERENCED_PARAMETER(lpRasDialExtensions);
  if (!lpRasDialParams || !lphRasConn) return ERROR_INVALID_PARAMETER;
  if (lpvNotifier && dwNotifierType > 2) return ERROR_INVALID_PARAMETER;
  c = (Connection*)calloc(1, sizeof *c);
  if (!c) return ERROR_NOT_ENOUGH_MEMORY;
  c->magic = EXAMPLE_MAGIC;
  lstrcpyn(c->entry, lpRasDialParams->szEntryName, RAS_MaxEntryName + 1);
  lstrcpyn(c->phone, lpRasDialParams->szPhoneNumber, RAS_MaxPhoneNumber + 1);
  c->notifier_type = dwNotifierType;
  c->notifier = lpvNotifier;
  c->callback_id = lpRasDialParams->dwCallbackId;
  log_line("RasCustomDial entry=%ls phonebook=%ls user=%ls notifier=%u flags=%u", c->entry,
           lpszPhonebook ? lpszPhonebook : L"(default)", lpRasDialParams->szUserName,
           lpvNotifier ? (unsigned)dwNotifierType : 99u, (unsigned)dwFlags);
  pthread_mutex_lock(&g_lock);
  c->next = g_connections;
  g_connections = c;
  pthread_mutex_unlock(&g_lock);
  *lphRasConn = (HRASCONN)c;
  if (!lpvNotifier) {
    /* Synchronous: the caller still owns the handle, and must hang it up on failure. */
    rc = run_dial(c);
    return rc;
  }
  if (pthread_create(&c->thread, NULL, dial_thread, c) != 0) return ERROR_NOT_ENOUGH_MEMORY;
  c->has_thread = TRUE;
  return ERROR_SUCCESS;
}

DIALER_EXPORT DWORD WINAPI RasCustomHangUp(HRASCONN hRasConn) {
  Connection* c = take_connection(hRasConn);
  if (!c || c->magic != EXAMPLE_MAGIC) return ERROR_INVALID_HANDLE;
  c->stop = TRUE;
  /* A hang-up from inside our own notifier runs on the dial thread: never join it. */
  if (c->has_thread) {
    if (pthread_equal(c->thread, pthread_self())) {
      pthread_detach(c->thread);
    } else {
      pthread_join(c->thread, NULL);
    }
  }
  log_line("RasCustomHangUp entry=%ls", c->entry);
  c->magic = 0;
  if (!c->has_thread || !pthread_equal(c->thread, pthread_self())) free(c);
  return ERROR_SUCCESS;
}

DIALER_EXPORT DWORD WINAPI RasCustomDeleteEntryNotify(LPCWSTR lpszPhonebook, LPCWSTR lpszEntry,
                                                      DWORD dwFlags) {
  log_line("RasCustomDeleteEntryNotify entry=%ls phonebook=%ls flags=%u", lpszEntry,
           lpszPhonebook ? lpszPhonebook : L"(default)", (unsigned)dwFlags);
  return ERROR_SUCCESS;
}

DIALER_EXPORT BOOL WINAPI RasCustomDialDlg(HINSTANCE hInstDll, DWORD dwFlags, LPWSTR lpszPhonebook,
                                           LPWSTR lpszEntry, LPWSTR lpszPhoneNumber,
                                           LPRASDIALDLG lpInfo, PVOID pvInfo) {
  RASDIALPARAMS params;
  HRASCONN conn = NULL;
  DWORD rc;
  UNREFERENCED_PARAMETER(pvInfo);
  log_line("RasCustomDialDlg entry=%ls flags=%u", lpszEntry, (unsigned)dwFlags);
  ZeroMemory(&params, sizeof params);
  params.dwSize = sizeof params;
  lstrcpyn(params.szEntryName, lpszEntry, RAS_MaxEntryName + 1);
  if (lpszPhoneNumber) lstrcpyn(params.szPhoneNumber, lpszPhoneNumber, RAS_MaxPhoneNumber + 1);
  rc = RasCustomDial(hInstDll, NULL, lpszPhonebook, &params, 0, NULL, &conn, dwFlags);
  if (rc != ERROR_SUCCESS) {
    if (conn) RasCustomHangUp(conn);
    if (lpInfo) lpInfo->dwError = rc;
    return FALSE;
  }
  if (lpInfo) lpInfo->dwError = 0;
  return TRUE;
}

/* Creates a new entry that uses this dialer (RASEDFLAG_NewEntry); editing an existing
 * entry has nothing of ours to change, so it reports "not edited". */
DIALER_EXPORT BOOL WINAPI RasCustomEntryDlg(HINSTANCE hInstDll, LPWSTR lpszPhonebook,
                                            LPWSTR lpszEntry, LPRASENTRYDLG lpInfo, DWORD dwFlags) {
  RASENTRY entry;
  DWORD size = sizeof entry;
  DWORD rc;
  Dl_info self;
  UNREFERENCED_PARAMETER(hInstDll);
  UNREFERENCED_PARAMETER(dwFlags);
  if (!lpInfo) return FALSE;
  log_line("RasCustomEntryDlg entry=%ls flags=0x%x", lpszEntry ? lpszEntry : L"(none)",
           (unsigned)lpInfo->dwFlags);
  lpInfo->dwError = 0;
  if (!(lpInfo->dwFlags & RASEDFLAG_NewEntry)) return FALSE;
  ZeroMemory(&entry, sizeof entry);
  entry.dwSize = sizeof entry;
  rc = RasGetEntryProperties(lpszPhonebook, L"", &entry, &size, NULL, NULL);
  if (rc == ERROR_SUCCESS && dladdr((void*)&RasCustomEntryDlg, &self) && self.dli_fname) {
    mbstowcs(entry.szCustomDialDll, self.dli_fname, MAX_PATH - 1);
    lstrcpy(entry.szDeviceType, RASDT_Modem);
    lstrcpy(entry.szLocalPhoneNumber, L"5550100");
    lstrcpyn(lpInfo->szEntry, lpszEntry && *lpszEntry ? lpszEntry : L"Example connection",
             RAS_MaxEntryName + 1);
    rc = RasSetEntryProperties(lpszPhonebook, lpInfo->szEntry, &entry, sizeof entry, NULL, 0);
  }
  lpInfo->dwError = rc;
  return rc == ERROR_SUCCESS;
}
