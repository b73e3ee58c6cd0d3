/* passthrough.c: the smallest useful custom dialer.
 *
 * It takes over nothing: each entry point hands the work back to RAS. RasCustomDial adds
 * RDEOPT_CustomDial to the caller's extensions (so RAS does not call us again) and
 * forwards to RasDial with the caller's notifier; RasCustomHangUp forwards to RasHangUp.
 * Copy it to start a dialer that only needs to act before or after the built-in dial.
 *
 * Build against an installed OpenRAS SDK:
 *   cc -shared -fPIC -o passthrough.so passthrough.c $(pkg-config --cflags --libs openras)
 * Allow it (as root; appends to CustomDLL, keeping the other dialers listed there), then
 * name it in an entry's szCustomDialDll:
 *   rasreg allowlist add /usr/lib/openras/dialers/passthrough.so */
#define UNICODE
#include <ras.h>
#include <rasdlg.h>
#include <raserror.h>
#include <windows.h>

#define DIALER_EXPORT __attribute__((visibility("default")))

DIALER_EXPORT DWORD WINAPI RasCustomDial(HINSTANCE hInstDll,
                                         LPRASDIALEXTENSIONS lpRasDialExtensions,
                                         LPCWSTR lpszPhonebook, LPRASDIALPARAMS lpRasDialParams,
                                         DWORD dwNotifierType, LPVOID lpvNotifier,
                                         LPHRASCONN lphRasConn, DWORD dwFlags) {
  RASDIALEXTENSIONS ext;
  UNREFERENCED_PARAMETER(hInstDll);
  UNREFERENCED_PARAMETER(dwFlags);
  /* Keep every option the caller chose; a NULL extensions pointer means all defaults. */
  ZeroMemory(&ext, sizeof ext);
  if (lpRasDialExtensions) {
    CopyMemory(&ext, lpRasDialExtensions, min(sizeof ext, (size_t)lpRasDialExtensions->dwSize));
  }
  ext.dwSize = sizeof ext;
  ext.dwfOptions |= RDEOPT_CustomDial;
  return RasDial(&ext, lpszPhonebook, lpRasDialParams, dwNotifierType, lpvNotifier, lphRasConn);
}

DIALER_EXPORT DWORD WINAPI RasCustomHangUp(HRASCONN hRasConn) { return RasHangUp(hRasConn); }

/* The dial dialog: dial synchronously with the stored credentials, as the built-in dialog
 * would after the user pressed Dial. TRUE means connected. */
DIALER_EXPORT BOOL WINAPI RasCustomDialDlg(HINSTANCE hInstDll, DWORD dwFlags, LPWSTR lpszPhonebook,
                                           LPWSTR lpszEntry, LPWSTR lpszPhoneNumber,
                                           LPRASDIALDLG lpInfo, PVOID pvInfo) {
  RASDIALPARAMS params;
  RASDIALEXTENSIONS ext;
  BOOL has_password = FALSE;
  HRASCONN conn = NULL;
  DWORD rc;
  UNREFERENCED_PARAMETER(hInstDll);
  UNREFERENCED_PARAMETER(pvInfo);
  ZeroMemory(&params, sizeof params);
  params.dwSize = sizeof params;
  lstrcpyn(params.szEntryName, lpszEntry, RAS_MaxEntryName + 1);
  RasGetEntryDialParams(lpszPhonebook, &params, &has_password);
  if (lpszPhoneNumber && *lpszPhoneNumber) {
    lstrcpyn(params.szPhoneNumber, lpszPhoneNumber, RAS_MaxPhoneNumber + 1);
  }
  ZeroMemory(&ext, sizeof ext);
  ext.dwSize = sizeof ext;
  ext.dwfOptions = RDEOPT_CustomDial;
  /* At logon there is no user: the nested dial must say so. */
  if (dwFlags & RCD_Logon) ext.dwfOptions |= RDEOPT_NoUser;
  rc = RasDial(&ext, lpszPhonebook, &params, 0, NULL, &conn);
  SecureZeroMemory(params.szPassword, sizeof params.szPassword);
  if (rc != ERROR_SUCCESS) {
    if (conn) RasHangUp(conn);
    if (lpInfo) lpInfo->dwError = rc;
    return FALSE;
  }
  if (lpInfo) lpInfo->dwError = 0;
  return TRUE;
}

/* No editor of its own: the entry is edited like any other (FALSE = nothing changed). */
DIALER_EXPORT BOOL WINAPI RasCustomEntryDlg(HINSTANCE hInstDll, LPWSTR lpszPhonebook,
                                            LPWSTR lpszEntry, LPRASENTRYDLG lpInfo, DWORD dwFlags) {
  UNREFERENCED_PARAMETER(hInstDll);
  UNREFERENCED_PARAMETER(lpszPhonebook);
  UNREFERENCED_PARAMETER(lpszEntry);
  UNREFERENCED_PARAMETER(dwFlags);
  if (lpInfo) lpInfo->dwError = 0;
  return FALSE;
}

DIALER_EXPORT DWORD WINAPI RasCustomDeleteEntryNotify(LPCWSTR lpszPhonebook, LPCWSTR lpszEntry,
                                                      DWORD dwFlags) {
  UNREFERENCED_PARAMETER(lpszPhonebook);
  UNREFERENCED_PARAMETER(lpszEntry);
  UNREFERENCED_PARAMETER(dwFlags);
  return ERROR_SUCCESS;
}
