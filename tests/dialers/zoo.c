/* zoo.c: the broken-dialer zoo, one source compiled into several dialers (see
 * tests/dialers/CMakeLists.txt). Each variant drops one thing a dialer must have:
 *   ZOO_NO_<ENTRY>   that entry point is not exported
 *   ZOO_ABI=n        the OpenRasSdkAbi mark says n
 *   ZOO_ANSI         compiled without UNICODE (its entry points take the A structures)
 *   ZOO_NO_MARK      no OpenRasSdkAbi mark at all
 *   ZOO_NULL_HANDLE  RasCustomDial succeeds without setting *lphRasConn
 *   ZOO_HANG_HANGUP  RasCustomHangUp never returns
 *   ZOO_CRASH_LOAD   its constructor aborts the process (SIGABRT)
 *   ZOO_CRASH_DIAL   RasCustomDial aborts the process (SIGABRT)
 *   ZOO_EXIT_DIAL    RasCustomDial calls exit(3)
 *   ZOO_HANG_DIAL    RasCustomDial never returns
 *   ZOO_WHOAMI       RasCustomDial records "uid N" (the uid it runs as) and prints to stdout
 *   ZOO_IGNORE_CANCEL  RasCustomDialDlg shows a dialog whose procedure ignores IDCANCEL
 *                    (the one rule of dialer UI broken); RasCustomEntryDlg obeys it
 * Every variant's constructor appends its name to $OPENRAS_ZOO_MARKER, so a test can
 * prove a refused dialer was never loaded. */
#if defined(ZOO_ABI) || defined(ZOO_NO_MARK)
#define OPENRAS_NO_ABI_MARK
#endif
#ifndef ZOO_ANSI
#define UNICODE
#endif
#include <ras.h>
#include <rasdlg.h>
#include <raserror.h>
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#ifdef ZOO_ABI
__attribute__((visibility("default"))) const unsigned int OpenRasSdkAbi = ZOO_ABI;
#endif

#define EXPORT __attribute__((visibility("default")))

/* Appends "<variant> <event>" to $OPENRAS_ZOO_MARKER, so tests see what was called. */
static void zoo_record(const char* event) {
  const char* marker = getenv("OPENRAS_ZOO_MARKER");
  if (marker) {
    FILE* f = fopen(marker, "a");
    if (f) {
      fprintf(f, "%s %s\n", ZOO_NAME, event);
      fclose(f);
    }
  }
}

__attribute__((constructor)) static void zoo_loaded(void) {
  zoo_record("loaded");
#ifdef ZOO_CRASH_LOAD
  abort();
#endif
}

#ifndef ZOO_NO_DIAL
EXPORT DWORD WINAPI RasCustomDial(HINSTANCE hInstDll, LPRASDIALEXTENSIONS lpRasDialExtensions,
                                  LPCWSTR lpszPhonebook, LPRASDIALPARAMS lpRasDialParams,
                                  DWORD dwNotifierType, LPVOID lpvNotifier, LPHRASCONN lphRasConn,
                                  DWORD dwFlags) {
  (void)hInstDll, (void)lpRasDialExtensions, (void)lpszPhonebook, (void)lpRasDialParams;
  (void)dwNotifierType, (void)lpvNotifier, (void)dwFlags, (void)lphRasConn;
#ifndef ZOO_NULL_HANDLE
  if (lphRasConn) *lphRasConn = (HRASCONN)(ULONG_PTR)0x5A00;
#endif
  zoo_record("RasCustomDial");
#ifdef ZOO_WHOAMI
  {
    char line[32];
    snprintf(line, sizeof line, "uid %u", (unsigned)getuid());
    zoo_record(line);
    /* Chatter on stdout, which must not spoil its host's output. */
    printf("whoami was here\n");
    fflush(stdout);
  }
#endif
#ifdef ZOO_CRASH_DIAL
  abort();
#endif
#ifdef ZOO_EXIT_DIAL
  exit(3);
#endif
#ifdef ZOO_HANG_DIAL
  for (;;) pause();
#endif
  return ERROR_SUCCESS;
}
#endif

#ifdef ZOO_IGNORE_CANCEL
/* A dialog without controls, built in memory (DLGTEMPLATE, then the menu, class and
 * UTF-16 title words): no .rc file needed. */
static const WORD zoo_template[] __attribute__((aligned(4))) = {LOWORD(WS_POPUP | WS_CAPTION),
                                                                HIWORD(WS_POPUP | WS_CAPTION),
                                                                0,
                                                                0, /* style, ex-style */
                                                                0,
                                                                0,
                                                                0,
                                                                120,
                                                                40, /* cdit, x, y, cx, cy */
                                                                0,
                                                                0,
                                                                'D',
                                                                'e',
                                                                'a',
                                                                'f',
                                                                0}; /* menu, class, title */

/* Swallows every WM_COMMAND, IDCANCEL included: never ends. */
static INT_PTR CALLBACK zoo_deaf_proc(HWND hwnd, UINT msg, WPARAM wparam, LPARAM lparam) {
  (void)hwnd, (void)wparam, (void)lparam;
  if (msg == WM_COMMAND) zoo_record("ignored WM_COMMAND");
  return msg == WM_INITDIALOG || msg == WM_COMMAND;
}
#endif

#ifndef ZOO_NO_DIALDLG
EXPORT BOOL WINAPI RasCustomDialDlg(HINSTANCE hInstDll, DWORD dwFlags, LPWSTR lpszPhonebook,
                                    LPWSTR lpszEntry, LPWSTR lpszPhoneNumber, LPRASDIALDLG lpInfo,
                                    PVOID pvInfo) {
  (void)hInstDll, (void)dwFlags, (void)lpszPhonebook, (void)lpszEntry, (void)lpszPhoneNumber;
  (void)pvInfo;
#ifdef ZOO_IGNORE_CANCEL
  zoo_record("RasCustomDialDlg");
  DialogBoxIndirectParamW(hInstDll, (const DLGTEMPLATE*)(const void*)zoo_template,
                          lpInfo ? lpInfo->hwndOwner : NULL, zoo_deaf_proc, 0);
#endif
  if (lpInfo) lpInfo->dwError = 0;
  return FALSE;
}
#endif

#ifndef ZOO_NO_HANGUP
EXPORT DWORD WINAPI RasCustomHangUp(HRASCONN hRasConn) {
  (void)hRasConn;
  zoo_record("RasCustomHangUp");
#ifdef ZOO_HANG_HANGUP
  for (;;) pause();
#endif
  return ERROR_SUCCESS;
}
#endif

#ifndef ZOO_NO_ENTRYDLG
EXPORT BOOL WINAPI RasCustomEntryDlg(HINSTANCE hInstDll, LPWSTR lpszPhonebook, LPWSTR lpszEntry,
                                     LPRASENTRYDLG lpInfo, DWORD dwFlags) {
  (void)hInstDll, (void)lpszPhonebook, (void)lpszEntry, (void)dwFlags;
  if (lpInfo) lpInfo->dwError = 0;
  return FALSE;
}
#endif

#ifndef ZOO_NO_DELETENOTIFY
EXPORT DWORD WINAPI RasCustomDeleteEntryNotify(LPCWSTR lpszPhonebook, LPCWSTR lpszEntry,
                                               DWORD dwFlags) {
  (void)lpszPhonebook, (void)lpszEntry, (void)dwFlags;
  return ERROR_SUCCESS;
}
#endif

#ifdef ZOO_ANSI_NAMES
/* A dialer that followed the documentation's W/A names instead of the real ones. */
EXPORT DWORD WINAPI RasCustomDialW(void) { return ERROR_SUCCESS; }
#endif
