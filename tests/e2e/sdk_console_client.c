/* sdk_console_client.c: a Windows-style console RAS client, written as a Windows developer
 * writes one (generic-text names, strsafe, the process heap, the Microsoft RAS samples'
 * two-call enumeration). tests/e2e/sdk_win32.sh compiles it unchanged with
 * `pkg-config --cflags --libs openras` alone, with -DUNICODE -D_UNICODE and without, and
 * runs it against a scratch root. It prints its first argument back, the entries of the
 * default phone books, the connections with their status, a truncation strsafe reports,
 * the name of its own module and of libopenras, and the text of error 623. */
#include <ras.h>
#include <raserror.h>
#include <stdio.h>
#include <strsafe.h>
#include <tchar.h>
#include <windows.h>

static void PrintError(LPCTSTR lpszWhat, DWORD dwErr) {
  TCHAR szErr[256];
  if (RasGetErrorString(dwErr, szErr, ARRAYSIZE(szErr)) != ERROR_SUCCESS)
    StringCchCopy(szErr, ARRAYSIZE(szErr), TEXT("unknown error"));
  _ftprintf(stderr, _T("%s failed: %lu: %s\n"), lpszWhat, dwErr, szErr);
}

int _tmain(int argc, TCHAR* argv[]) {
  DWORD dwCb = 0, dwEntries = 0, dwConnections = 0, dwRet = ERROR_SUCCESS, i;
  LPRASENTRYNAME lpEntries = NULL;
  LPRASCONN lpConnections = NULL;
  RASCONNSTATUS status;
  TCHAR szLine[128];
  TCHAR szPath[MAX_PATH];
  TCHAR szMessage[512];
  HRESULT hr;

  if (argc > 1) _tprintf(_T("argument: %s (%d characters)\n"), argv[1], (int)_tcslen(argv[1]));

  dwRet = RasEnumEntries(NULL, NULL, NULL, &dwCb, &dwEntries);
  if (dwRet == ERROR_BUFFER_TOO_SMALL) {
    lpEntries = (LPRASENTRYNAME)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, dwCb);
    if (lpEntries == NULL) {
      _tprintf(_T("HeapAlloc failed\n"));
      return 1;
    }
    lpEntries[0].dwSize = sizeof(RASENTRYNAME);
    dwRet = RasEnumEntries(NULL, NULL, lpEntries, &dwCb, &dwEntries);
  }
  if (dwRet != ERROR_SUCCESS) {
    PrintError(TEXT("RasEnumEntries"), dwRet);
    return 1;
  }
  _tprintf(_T("%lu entries\n"), dwEntries);
  for (i = 0; i < dwEntries; i++) {
    hr = StringCchPrintf(szLine, ARRAYSIZE(szLine), TEXT("entry %lu: %s (%s)"), i + 1,
                         lpEntries[i].szEntryName,
                         (lpEntries[i].dwFlags & REN_AllUsers) ? TEXT("all users") : TEXT("user"));
    if (FAILED(hr)) {
      _tprintf(_T("StringCchPrintf failed: 0x%08lx\n"), (DWORD)hr);
      return 1;
    }
    _tprintf(_T("%s\n"), szLine);
  }
  if (lpEntries != NULL) HeapFree(GetProcessHeap(), 0, lpEntries);

  dwCb = 0;
  dwRet = RasEnumConnections(NULL, &dwCb, &dwConnections);
  if (dwRet == ERROR_BUFFER_TOO_SMALL) {
    lpConnections = (LPRASCONN)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, dwCb);
    if (lpConnections == NULL) return 1;
    lpConnections[0].dwSize = sizeof(RASCONN);
    dwRet = RasEnumConnections(lpConnections, &dwCb, &dwConnections);
  }
  if (dwRet != ERROR_SUCCESS) {
    PrintError(TEXT("RasEnumConnections"), dwRet);
    return 1;
  }
  _tprintf(_T("%lu connections\n"), dwConnections);
  for (i = 0; i < dwConnections; i++) {
    ZeroMemory(&status, sizeof(status));
    status.dwSize = sizeof(status);
    dwRet = RasGetConnectStatus(lpConnections[i].hrasconn, &status);
    if (dwRet != ERROR_SUCCESS) {
      PrintError(TEXT("RasGetConnectStatus"), dwRet);
      return 1;
    }
    _tprintf(_T("connection %lu: %s on %s, %s\n"), i + 1, lpConnections[i].szEntryName,
             lpConnections[i].szDeviceName,
             status.rasconnstate == RASCS_Connected ? _T("connected") : _T("not connected"));
  }
  if (lpConnections != NULL) HeapFree(GetProcessHeap(), 0, lpConnections);

  hr = StringCchCopy(szLine, 8, TEXT("truncated text"));
  _tprintf(_T("truncation %s: %s\n"),
           hr == STRSAFE_E_INSUFFICIENT_BUFFER ? _T("reported") : _T("MISSED"), szLine);

  if (GetModuleFileName(NULL, szPath, ARRAYSIZE(szPath)) == 0) return 1;
  _tprintf(_T("module: %s\n"), szPath);
  if (GetModuleFileName(GetModuleHandle(TEXT("libopenras.so.1")), szPath, ARRAYSIZE(szPath)) == 0)
    return 1;
  _tprintf(_T("library: %s\n"), szPath);

  dwRet = RasGetErrorString(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, szMessage, ARRAYSIZE(szMessage));
  if (dwRet != ERROR_SUCCESS) {
    PrintError(TEXT("RasGetErrorString"), dwRet);
    return 1;
  }
  _tprintf(_T("623: %s\n"), szMessage);
  return 0;
}
