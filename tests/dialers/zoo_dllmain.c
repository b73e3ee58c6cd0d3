/* zoo_dllmain.c: a dialer with a DllMain (winbase.h), as Visual Studio's DLL template
 * writes one. Each call is appended to $OPENRAS_ZOO_MARKER with the HINSTANCE it got:
 *   "<name> attach <hinst> <lpvReserved is NULL: 0 or 1>", "<name> detach <hinst> <0|1>",
 *   "<name> dial <hinst>" (RasCustomDial, which answers ERROR_CANNOT_DO_CUSTOMDIAL).
 * ZOO_DLLMAIN_REFUSE: DllMain returns FALSE for DLL_PROCESS_ATTACH.
 * It is built with hidden visibility and does not mark DllMain: winbase.h's declaration
 * must be what exports it. */
#define UNICODE
#include <ras.h>
#include <rasdlg.h>
#include <raserror.h>
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>

#define EXPORT __declspec(dllexport)

static void zoo_record(const char* event, HINSTANCE hinst, int has_reserved) {
  const char* marker = getenv("OPENRAS_ZOO_MARKER");
  FILE* f = marker ? fopen(marker, "a") : NULL;
  if (f) {
    if (has_reserved < 0) {
      fprintf(f, "%s %s %p\n", ZOO_NAME, event, (void*)hinst);
    } else {
      fprintf(f, "%s %s %p %d\n", ZOO_NAME, event, (void*)hinst, has_reserved);
    }
    fclose(f);
  }
}

BOOL APIENTRY DllMain(HMODULE hModule, DWORD ul_reason_for_call, LPVOID lpReserved) {
  switch (ul_reason_for_call) {
    case DLL_PROCESS_ATTACH:
      zoo_record("attach", hModule, lpReserved != NULL);
#ifdef ZOO_DLLMAIN_REFUSE
      return FALSE;
#else
      break;
#endif
    case DLL_PROCESS_DETACH:
      zoo_record("detach", hModule, lpReserved != NULL);
      break;
    case DLL_THREAD_ATTACH:
    case DLL_THREAD_DETACH:
      zoo_record("thread", hModule, lpReserved != NULL);
      break;
  }
  return TRUE;
}

EXPORT DWORD WINAPI RasCustomDial(HINSTANCE hInstDll, LPRASDIALEXTENSIONS lpRasDialExtensions,
                                  LPCWSTR lpszPhonebook, LPRASDIALPARAMS lpRasDialParams,
                                  DWORD dwNotifierType, LPVOID lpvNotifier, LPHRASCONN lphRasConn,
                                  DWORD dwFlags) {
  (void)lpRasDialExtensions, (void)lpszPhonebook, (void)lpRasDialParams, (void)dwNotifierType;
  (void)lpvNotifier, (void)lphRasConn, (void)dwFlags;
  zoo_record("dial", hInstDll, -1);
  return ERROR_CANNOT_DO_CUSTOMDIAL;
}
EXPORT BOOL WINAPI RasCustomDialDlg(HINSTANCE hInstDll, DWORD dwFlags, LPWSTR lpszPhonebook,
                                    LPWSTR lpszEntry, LPWSTR lpszPhoneNumber, LPRASDIALDLG lpInfo,
                                    PVOID pvInfo) {
  (void)hInstDll, (void)dwFlags, (void)lpszPhonebook, (void)lpszEntry, (void)lpszPhoneNumber;
  (void)pvInfo;
  if (lpInfo) lpInfo->dwError = ERROR_CANCELLED;
  return FALSE;
}
EXPORT DWORD WINAPI RasCustomHangUp(HRASCONN hRasConn) {
  (void)hRasConn;
  return ERROR_SUCCESS;
}
EXPORT BOOL WINAPI RasCustomEntryDlg(HINSTANCE hInstDll, LPWSTR lpszPhonebook, LPWSTR lpszEntry,
                                     LPRASENTRYDLG lpInfo, DWORD dwFlags) {
  (void)hInstDll, (void)lpszPhonebook, (void)lpszEntry, (void)dwFlags;
  if (lpInfo) lpInfo->dwError = ERROR_CANCELLED;
  return FALSE;
}
EXPORT DWORD WINAPI RasCustomDeleteEntryNotify(LPCWSTR lpszPhonebook, LPCWSTR lpszEntry,
                                               DWORD dwFlags) {
  (void)lpszPhonebook, (void)lpszEntry, (void)dwFlags;
  return ERROR_SUCCESS;
}
