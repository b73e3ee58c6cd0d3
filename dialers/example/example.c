/* example.c: a custom dialer that shows the whole contract, for dialer authors to copy.
 *
 * It does not reach a network (the built-in dial does that; see passthrough.c): it plays
 * the part of a dialer that owns its connections.
 *   - RasCustomDial keeps its own connection record, whose address is the HRASCONN it
 *     hands back, and reports each RASCS_* state through whatever notifier it was given:
 *     RASDIALFUNC, RASDIALFUNC1 or RASDIALFUNC2 from a thread of its own, or, with no
 *     notifier, synchronously before returning. A phone number of "busy" fails at
 *     RASCS_ConnectDevice with ERROR_LINE_BUSY, reported as Windows reports errors: the
 *     state again, with dwError set. "slow" takes a second per state, so a test can
 *     hang up mid-dial.
 *   - RasCustomHangUp ends the connection (stopping a dial in progress) and frees it.
 *   - RasCustomDeleteEntryNotify forgets what it kept for the entry.
 *   - RasCustomDialDlg shows its own dial dialog (example.rc) and dials from it through
 *     RasDial (which calls RasCustomDial back, and registers the connection) with a
 *     RASDIALFUNC2 notifier whose states it posts to the dialog; Cancel (IDCANCEL, which
 *     the host also sends on a time-out or hang-up) hangs up and ends it.
 *     While it dials, a timer looks at the connection: hung up elsewhere (another
 *     thread or process), it ends the dialog as cancelled.
 *   - RasCustomEntryDlg shows its own entry dialog: a new entry names this dialer, an
 *     existing one gets its number edited.
 * With OPENRAS_EXAMPLE_LOG set, each call is logged there, one line each.
 *
 * Build against an installed OpenRAS SDK (the dialogs are in example.rc):
 *   $(pkg-config --variable=rasrc openras) -o example_rc.c example.rc
 *   cc -shared -fPIC -pthread -o example.so example.c example_rc.c \
 *      $(pkg-config --cflags --libs openras) */
#define UNICODE
#define _GNU_SOURCE
#include <ras.h>
#include <rasdlg.h>
#include <raserror.h>
#include <windows.h>
#include <windowsx.h>

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <wchar.h>

#include "resource.h"

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
    int slices = lstrcmpi(c->phone, L"slow") == 0 ? 50 : 1; /* "slow": a second per state */
    if (c->stop) return ERROR_USER_DISCONNECTION;
    /* Logged before it is reported: a caller may end as soon as it hears "connected". */
    if (states[i] == RASCS_Connected) log_line("dial %ls: connected", c->entry);
    if (c->notifier && more) more = notify(c, states[i], 0);
    if (states[i] == RASCS_ConnectDevice && lstrcmpi(c->phone, L"busy") == 0) {
      if (c->notifier && more) notify(c, RASCS_ConnectDevice, ERROR_LINE_BUSY);
      log_line("dial %ls: busy", c->entry);
      return ERROR_LINE_BUSY;
    }
    while (states[i] != RASCS_Connected && slices-- > 0 && !c->stop) nanosleep(&pause, NULL);
  }
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

/* ---- Dialogs: example.rc's templates, Windows style (windowsx.h message crackers). ---- */

/* What a dial dialog needs; its address is the dialog's DWLP_USER. */
typedef struct DialDlg {
  HINSTANCE inst;
  DWORD flags;
  LPWSTR phonebook;
  LPWSTR entry;
  LPWSTR number;
  LPRASDIALDLG info;
  HRASCONN conn;
  BOOL dialing;
} DialDlg;

/* Posted by the dial thread: wParam a RASCONNSTATE, lParam its error. */
#define WM_EXAMPLE_STATE (WM_APP + 1)
/* While dialling, the dialog looks at its connection twice a second: a hang-up from
 * elsewhere (RasHangUp in another thread or process, which RAS hands to RasCustomHangUp)
 * ends the dial without a state to report, and the dialog must not wait for one. */
#define IDT_EXAMPLE_WATCH 1

static DWORD WINAPI DialDlgNotify(ULONG_PTR id, DWORD sub, HRASCONN h, UINT msg, RASCONNSTATE state,
                                  DWORD error, DWORD extended) {
  UNREFERENCED_PARAMETER(sub);
  UNREFERENCED_PARAMETER(h);
  UNREFERENCED_PARAMETER(msg);
  UNREFERENCED_PARAMETER(extended);
  /* Another thread: only post; the dialog's own thread does the rest. */
  PostMessage((HWND)id, WM_EXAMPLE_STATE, (WPARAM)state, (LPARAM)error);
  return 1;
}

static void SetStatus(HWND hwnd, UINT id, ...) {
  WCHAR format[128], text[256];
  va_list args;
  if (!LoadString(GetWindowInstance(hwnd), id, format, ARRAYSIZE(format))) return;
  va_start(args, id);
  vswprintf(text, ARRAYSIZE(text), format, args);
  va_end(args);
  SetDlgItemText(hwnd, IDC_EX_STATUS, text);
}

static BOOL DialDlg_OnInitDialog(HWND hwnd, HWND hwndFocus, LPARAM lParam) {
  DialDlg* d = (DialDlg*)lParam;
  RASENTRY entry;
  DWORD size = sizeof entry;
  UNREFERENCED_PARAMETER(hwndFocus);
  SetWindowLongPtr(hwnd, DWLP_USER, lParam);
  ZeroMemory(&entry, sizeof entry);
  entry.dwSize = sizeof entry;
  if (d->number && *d->number) {
    SetDlgItemText(hwnd, IDC_EX_NUMBER, d->number);
  } else if (RasGetEntryProperties(d->phonebook, d->entry, &entry, &size, NULL, NULL) == 0) {
    SetDlgItemText(hwnd, IDC_EX_NUMBER, entry.szLocalPhoneNumber);
  }
  Edit_LimitText(GetDlgItem(hwnd, IDC_EX_USER), UNLEN);
  Edit_LimitText(GetDlgItem(hwnd, IDC_EX_PASSWORD), PWLEN);
  Edit_LimitText(GetDlgItem(hwnd, IDC_EX_NUMBER), RAS_MaxPhoneNumber);
  return TRUE;
}

static void DialDlg_OnCommand(HWND hwnd, int id, HWND hwndCtl, UINT codeNotify) {
  DialDlg* d = (DialDlg*)GetWindowLongPtr(hwnd, DWLP_USER);
  RASDIALPARAMS params;
  DWORD rc;
  UNREFERENCED_PARAMETER(hwndCtl);
  UNREFERENCED_PARAMETER(codeNotify);
  switch (id) {
    case IDOK:
      if (d->dialing) break;
      ZeroMemory(&params, sizeof params);
      params.dwSize = sizeof params;
      lstrcpyn(params.szEntryName, d->entry, RAS_MaxEntryName + 1);
      GetDlgItemText(hwnd, IDC_EX_USER, params.szUserName, UNLEN + 1);
      GetDlgItemText(hwnd, IDC_EX_PASSWORD, params.szPassword, PWLEN + 1);
      GetDlgItemText(hwnd, IDC_EX_NUMBER, params.szPhoneNumber, RAS_MaxPhoneNumber + 1);
      params.dwCallbackId = (ULONG_PTR)hwnd;
      SetStatus(hwnd, IDS_EX_DIALING, params.szPhoneNumber);
      d->conn = NULL;
      /* Through RasDial, which comes back to RasCustomDial: RAS then knows the
       * connection (RasHangUp and RasEnumConnections reach it from any process). */
      rc = RasDial(NULL, d->phonebook, &params, 2, (LPVOID)DialDlgNotify, &d->conn);
      SecureZeroMemory(params.szPassword, sizeof params.szPassword);
      if (rc != ERROR_SUCCESS) {
        if (d->conn) RasHangUp(d->conn);
        d->conn = NULL;
        SetStatus(hwnd, IDS_EX_FAILED, (unsigned long)rc);
        break;
      }
      d->dialing = TRUE;
      Button_Enable(GetDlgItem(hwnd, IDOK), FALSE);
      SetTimer(hwnd, IDT_EXAMPLE_WATCH, 500, NULL);
      break;
    case IDCANCEL:
      /* The one rule of dialer UI: IDCANCEL ends the dialog (and the dial), always. */
      if (d->conn) RasHangUp(d->conn);
      d->conn = NULL;
      d->dialing = FALSE;
      d->info->dwError = 0;
      EndDialog(hwnd, FALSE);
      break;
    default:
      break;
  }
}

/* The watch: a connection that no longer answers was hung up elsewhere; the dialog ends
 * as cancelled (FALSE, dwError 0), as the host would end it. */
static void DialDlg_OnTimer(HWND hwnd, UINT id) {
  DialDlg* d = (DialDlg*)GetWindowLongPtr(hwnd, DWLP_USER);
  RASCONNSTATUS status;
  if (id != IDT_EXAMPLE_WATCH) return;
  if (!d->dialing || !d->conn) {
    KillTimer(hwnd, IDT_EXAMPLE_WATCH);
    return;
  }
  ZeroMemory(&status, sizeof status);
  status.dwSize = sizeof status;
  if (RasGetConnectStatus(d->conn, &status) != ERROR_INVALID_HANDLE) return;
  KillTimer(hwnd, IDT_EXAMPLE_WATCH);
  log_line("dial %ls: hung up elsewhere", d->entry);
  d->conn = NULL; /* already hung up: never again */
  d->dialing = FALSE;
  SetStatus(hwnd, IDS_EX_HUNG_UP);
  d->info->dwError = 0;
  EndDialog(hwnd, FALSE);
}

static void DialDlg_OnState(HWND hwnd, RASCONNSTATE state, DWORD error) {
  DialDlg* d = (DialDlg*)GetWindowLongPtr(hwnd, DWLP_USER);
  if (!d->dialing) return;
  if (error != 0) {
    KillTimer(hwnd, IDT_EXAMPLE_WATCH);
    RasHangUp(d->conn);
    d->conn = NULL;
    d->dialing = FALSE;
    SetStatus(hwnd, IDS_EX_FAILED, (unsigned long)error);
    Button_Enable(GetDlgItem(hwnd, IDOK), TRUE);
  } else if (state == RASCS_Connected) {
    KillTimer(hwnd, IDT_EXAMPLE_WATCH);
    SetStatus(hwnd, IDS_EX_CONNECTED);
    d->dialing = FALSE;
    d->info->dwError = 0;
    EndDialog(hwnd, TRUE);
  }
}

static INT_PTR CALLBACK DialDlgProc(HWND hwnd, UINT uMsg, WPARAM wParam, LPARAM lParam) {
  switch (uMsg) {
    HANDLE_MSG(hwnd, WM_INITDIALOG, DialDlg_OnInitDialog);
    HANDLE_MSG(hwnd, WM_COMMAND, DialDlg_OnCommand);
    HANDLE_MSG(hwnd, WM_TIMER, DialDlg_OnTimer);
    case WM_EXAMPLE_STATE:
      DialDlg_OnState(hwnd, (RASCONNSTATE)wParam, (DWORD)lParam);
      return TRUE;
    default:
      return FALSE;
  }
}

DIALER_EXPORT BOOL WINAPI RasCustomDialDlg(HINSTANCE hInstDll, DWORD dwFlags, LPWSTR lpszPhonebook,
                                           LPWSTR lpszEntry, LPWSTR lpszPhoneNumber,
                                           LPRASDIALDLG lpInfo, PVOID pvInfo) {
  DialDlg d;
  INT_PTR result;
  UNREFERENCED_PARAMETER(pvInfo);
  log_line("RasCustomDialDlg entry=%ls flags=%u", lpszEntry, (unsigned)dwFlags);
  if (!lpInfo || !lpszEntry) return FALSE;
  ZeroMemory(&d, sizeof d);
  d.inst = hInstDll;
  d.flags = dwFlags;
  d.phonebook = lpszPhonebook;
  d.entry = lpszEntry;
  d.number = lpszPhoneNumber;
  d.info = lpInfo;
  lpInfo->dwError = 0;
  result = DialogBoxParam(hInstDll, MAKEINTRESOURCE(IDD_EXAMPLE_DIAL), lpInfo->hwndOwner,
                          DialDlgProc, (LPARAM)&d);
  if (result == -1) {
    lpInfo->dwError = GetLastError();
    return FALSE;
  }
  log_line("RasCustomDialDlg entry=%ls result=%d", lpszEntry, (int)result);
  return result == TRUE;
}

DIALER_EXPORT BOOL WINAPI RasCustomEntryDlg(HINSTANCE hInstDll, LPWSTR lpszPhonebook,
                                            LPWSTR lpszEntry, LPRASENTRYDLG lpInfo, DWORD dwFlags);

/* What an entry dialog needs; its address is the dialog's DWLP_USER. */
typedef struct EntryDlg {
  LPWSTR phonebook;
  LPWSTR entry;
  LPRASENTRYDLG info;
} EntryDlg;

static BOOL EntryDlg_OnInitDialog(HWND hwnd, HWND hwndFocus, LPARAM lParam) {
  EntryDlg* e = (EntryDlg*)lParam;
  RASENTRY entry;
  DWORD size = sizeof entry;
  UNREFERENCED_PARAMETER(hwndFocus);
  SetWindowLongPtr(hwnd, DWLP_USER, lParam);
  ZeroMemory(&entry, sizeof entry);
  entry.dwSize = sizeof entry;
  if (e->info->dwFlags & RASEDFLAG_NewEntry) {
    SetDlgItemText(hwnd, IDC_EX_NAME, e->entry && *e->entry ? e->entry : L"Example connection");
    SetDlgItemText(hwnd, IDC_EX_NUMBER, L"5550100");
  } else {
    SetDlgItemText(hwnd, IDC_EX_NAME, e->entry);
    Edit_SetReadOnly(GetDlgItem(hwnd, IDC_EX_NAME), TRUE);
    if (RasGetEntryProperties(e->phonebook, e->entry, &entry, &size, NULL, NULL) == 0) {
      SetDlgItemText(hwnd, IDC_EX_NUMBER, entry.szLocalPhoneNumber);
    }
  }
  Edit_LimitText(GetDlgItem(hwnd, IDC_EX_NAME), RAS_MaxEntryName);
  Edit_LimitText(GetDlgItem(hwnd, IDC_EX_NUMBER), RAS_MaxPhoneNumber);
  return TRUE;
}

/* Writes the entry (new: naming this dialer); 0 or the RAS error. */
static DWORD EntryDlg_Save(HWND hwnd, EntryDlg* e, LPWSTR name) {
  RASENTRY entry;
  DWORD size = sizeof entry;
  DWORD rc;
  Dl_info self;
  BOOL is_new = (e->info->dwFlags & RASEDFLAG_NewEntry) != 0;
  ZeroMemory(&entry, sizeof entry);
  entry.dwSize = sizeof entry;
  rc = RasGetEntryProperties(e->phonebook, is_new ? L"" : name, &entry, &size, NULL, NULL);
  if (rc != ERROR_SUCCESS) return rc;
  if (is_new) {
    if (!dladdr((void*)&RasCustomEntryDlg, &self) || !self.dli_fname) return ERROR_DLL_INIT_FAILED;
    mbstowcs(entry.szCustomDialDll, self.dli_fname, MAX_PATH - 1);
    lstrcpy(entry.szDeviceType, RASDT_Modem);
  }
  GetDlgItemText(hwnd, IDC_EX_NUMBER, entry.szLocalPhoneNumber, RAS_MaxPhoneNumber + 1);
  entry.dwAlternateOffset = 0;
  return RasSetEntryProperties(e->phonebook, name, &entry, sizeof entry, NULL, 0);
}

static void EntryDlg_OnCommand(HWND hwnd, int id, HWND hwndCtl, UINT codeNotify) {
  EntryDlg* e = (EntryDlg*)GetWindowLongPtr(hwnd, DWLP_USER);
  WCHAR name[RAS_MaxEntryName + 1];
  DWORD rc;
  UNREFERENCED_PARAMETER(hwndCtl);
  UNREFERENCED_PARAMETER(codeNotify);
  if (id == IDOK) {
    GetDlgItemText(hwnd, IDC_EX_NAME, name, ARRAYSIZE(name));
    rc = EntryDlg_Save(hwnd, e, name);
    if (rc != ERROR_SUCCESS) {
      SetStatus(hwnd, IDS_EX_FAILED, (unsigned long)rc);
      return;
    }
    lstrcpyn(e->info->szEntry, name, RAS_MaxEntryName + 1);
    e->info->dwError = 0;
    EndDialog(hwnd, TRUE);
  } else if (id == IDCANCEL) {
    e->info->dwError = 0;
    EndDialog(hwnd, FALSE);
  }
}

static INT_PTR CALLBACK EntryDlgProc(HWND hwnd, UINT uMsg, WPARAM wParam, LPARAM lParam) {
  switch (uMsg) {
    HANDLE_MSG(hwnd, WM_INITDIALOG, EntryDlg_OnInitDialog);
    HANDLE_MSG(hwnd, WM_COMMAND, EntryDlg_OnCommand);
    default:
      return FALSE;
  }
}

/* New entries name this dialer; editing changes the number. */
DIALER_EXPORT BOOL WINAPI RasCustomEntryDlg(HINSTANCE hInstDll, LPWSTR lpszPhonebook,
                                            LPWSTR lpszEntry, LPRASENTRYDLG lpInfo, DWORD dwFlags) {
  EntryDlg e;
  INT_PTR result;
  UNREFERENCED_PARAMETER(dwFlags);
  if (!lpInfo) return FALSE;
  log_line("RasCustomEntryDlg entry=%ls flags=0x%x", lpszEntry ? lpszEntry : L"(none)",
           (unsigned)lpInfo->dwFlags);
  lpInfo->dwError = 0;
  if (!(lpInfo->dwFlags & RASEDFLAG_NewEntry) && (!lpszEntry || !*lpszEntry)) {
    lpInfo->dwError = ERROR_INVALID_PARAMETER;
    return FALSE;
  }
  e.phonebook = lpszPhonebook;
  e.entry = lpszEntry;
  e.info = lpInfo;
  result = DialogBoxParam(hInstDll, MAKEINTRESOURCE(IDD_EXAMPLE_ENTRY), lpInfo->hwndOwner,
                          EntryDlgProc, (LPARAM)&e);
  if (result == -1) {
    lpInfo->dwError = GetLastError();
    return FALSE;
  }
  return result == TRUE;
}
