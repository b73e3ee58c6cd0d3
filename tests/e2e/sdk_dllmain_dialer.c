/* sdk_dllmain_dialer.c: a forwarding custom dialer with a DllMain, in Windows style, built
 * against the installed SDK by tests/e2e/sdk_win32.sh. It appends to the file named by
 * SDK_DIALER_LOG what it sees: "attach PATH" (GetModuleFileName of the HINSTANCE DllMain
 * got), "dial PATH" (of RasCustomDial's hInstDll), "hangup", and "detach exiting|unloading".
 * RasCustomDial forwards to RasDial with RDEOPT_CustomDial; RasCustomHangUp to RasHangUp. */
#define UNICODE
#define _UNICODE
#include <ras.h>
#include <rasdlg.h>
#include <raserror.h>
#include <stdio.h>
#include <stdlib.h>
#include <strsafe.h>
#include <tchar.h>
#include <windows.h>

static void Log(LPCWSTR lpszFormat, ...) {
  WCHAR szLine[MAX_PATH + 64];
  const char* path = getenv("SDK_DIALER_LOG");
  FILE* f;
  va_list args;
  va_start(args, lpszFormat);
  StringCchVPrintfW(szLine, ARRAYSIZE(szLine), lpszFormat, args);
  va_end(args);
  OutputDebugStringW(szLine);
  f = path ? fopen(path, "a") : NULL;
  if (f != NULL) {
    _ftprintf(f, _T("%s\n"), szLine);
    fclose(f);
  }
}

BOOL APIENTRY DllMain(HMODULE hModule, DWORD ul_reason_for_call, LPVOID lpReserved) {
  WCHAR szPath[MAX_PATH];
  switch (ul_reason_for_call) {
    case DLL_PROCESS_ATTACH:
      DisableThreadLibraryCalls(hModule);
      if (GetModuleFileNameW(hModule, szPath, ARRAYSIZE(szPath)) == 0) return FALSE;
      Log(L"attach %s", szPath);
      break;
    case DLL_PROCESS_DETACH:
      Log(L"detach %s", lpReserved != NULL ? L"exiting" : L"unloading");
      break;
  }
  return TRUE;
}

__declspec(dllexport) DWORD WINAPI
    RasCustomDial(HINSTANCE hInstDll, LPRASDIALEXTENSIONS lpRasDialExtensions,
                  LPCWSTR lpszPhonebook, LPRASDIALPARAMS lpRasDialParams, DWORD dwNotifierType,
                  LPVOID lpvNotifier, LPHRASCONN lphRasConn, DWORD dwFlags) {
  RASDIALEXTENSIONS ext;
  WCHAR szPath[MAX_PATH];
  UNREFERENCED_PARAMETER(dwFlags);
  if (GetModuleFileNameW(hInstDll, szPath, ARRAYSIZE(szPath)) == 0) return ERROR_INVALID_HANDLE;
  Log(L"dial %s", szPath);
  ZeroMemory(&ext, sizeof(ext));
  if (lpRasDialExtensions != NULL)
    CopyMemory(&ext, lpRasDialExtensions, min(sizeof(ext), (size_t)lpRasDialExtensions->dwSize));
  ext.dwSize = sizeof(ext);
  ext.dwfOptions |= RDEOPT_CustomDial;
  return RasDial(&ext, lpszPhonebook, lpRasDialParams, dwNotifierType, lpvNotifier, lphRasConn);
}

__declspec(dllexport) DWORD WINAPI RasCustomHangUp(HRASCONN hRasConn) {
  Log(L"hangup");
  return RasHangUp(hRasConn);
}

__declspec(dllexport) BOOL WINAPI
    RasCustomDialDlg(HINSTANCE hInstDll, DWORD dwFlags, LPWSTR lpszPhonebook, LPWSTR lpszEntry,
                     LPWSTR lpszPhoneNumber, LPRASDIALDLG lpInfo, PVOID pvInfo) {
  UNREFERENCED_PARAMETER(hInstDll);
  UNREFERENCED_PARAMETER(dwFlags);
  UNREFERENCED_PARAMETER(lpszPhonebook);
  UNREFERENCED_PARAMETER(lpszEntry);
  UNREFERENCED_PARAMETER(lpszPhoneNumber);
  UNREFERENCED_PARAMETER(pvInfo);
  if (lpInfo != NULL) lpInfo->dwError = ERROR_CANCELLED;
  return FALSE;
}

__declspec(dllexport) BOOL WINAPI
    RasCustomEntryDlg(HINSTANCE hInstDll, LPWSTR lpszPhonebook, LPWSTR lpszEntry,
                      LPRASENTRYDLG lpInfo, DWORD dwFlags) {
  UNREFERENCED_PARAMETER(hInstDll);
  UNREFERENCED_PARAMETER(lpszPhonebook);
  UNREFERENCED_PARAMETER(lpszEntry);
  UNREFERENCED_PARAMETER(dwFlags);
  if (lpInfo != NULL) lpInfo->dwError = ERROR_CANCELLED;
  return FALSE;
}

__declspec(dllexport) DWORD WINAPI
    RasCustomDeleteEntryNotify(LPCWSTR lpszPhonebook, LPCWSTR lpszEntry, DWORD dwFlags) {
  UNREFERENCED_PARAMETER(lpszPhonebook);
  UNREFERENCED_PARAMETER(lpszEntry);
  UNREFERENCED_PARAMETER(dwFlags);
  return ERROR_SUCCESS;
}
