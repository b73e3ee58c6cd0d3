/* minimal_dialer.c: the smallest dialer the loader accepts, for end-to-end tests of the
 * tools around it. RasCustomDial returns DIAL_RESULT (-DDIAL_RESULT=..., by default
 * ERROR_CANNOT_DO_CUSTOMDIAL); -DWITH_REGISTER adds DllRegisterServer and
 * DllUnregisterServer, which write and delete HKLM\Software\Vendor Dialer as an installer
 * step would (rasreg regsvr). */
#define UNICODE
#include <ras.h>
#include <rasdlg.h>
#include <raserror.h>
#include <windows.h>
#ifndef DIAL_RESULT
#define DIAL_RESULT ERROR_CANNOT_DO_CUSTOMDIAL
#endif
#define EXPORT __attribute__((visibility("default")))
EXPORT DWORD WINAPI RasCustomDial(HINSTANCE i, LPRASDIALEXTENSIONS x, LPCWSTR pb, LPRASDIALPARAMS p,
                                  DWORD t, LPVOID n, LPHRASCONN c, DWORD f) {
  (void)i, (void)x, (void)pb, (void)p, (void)t, (void)n, (void)c, (void)f;
  return DIAL_RESULT;
}
EXPORT BOOL WINAPI RasCustomDialDlg(HINSTANCE i, DWORD f, LPWSTR pb, LPWSTR e, LPWSTR n,
                                    LPRASDIALDLG d, PVOID v) {
  (void)i, (void)f, (void)pb, (void)e, (void)n, (void)d, (void)v;
  return FALSE;
}
EXPORT DWORD WINAPI RasCustomHangUp(HRASCONN c) {
  (void)c;
  return ERROR_SUCCESS;
}
EXPORT BOOL WINAPI RasCustomEntryDlg(HINSTANCE i, LPWSTR pb, LPWSTR e, LPRASENTRYDLG d, DWORD f) {
  (void)i, (void)pb, (void)e, (void)d, (void)f;
  return FALSE;
}
EXPORT DWORD WINAPI RasCustomDeleteEntryNotify(LPCWSTR pb, LPCWSTR e, DWORD f) {
  (void)pb, (void)e, (void)f;
  return ERROR_SUCCESS;
}
#ifdef WITH_REGISTER
/* What a vendor's installer step does: its own key under HKLM\Software. */
EXPORT HRESULT DllRegisterServer(void) {
  HKEY key;
  static const WCHAR version[] = L"4.2";
  if (RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"Software\\Vendor Dialer", 0, NULL, 0, KEY_WRITE, NULL,
                      &key, NULL) != ERROR_SUCCESS)
    return (HRESULT)0x80004005;
  LSTATUS rc = RegSetValueExW(key, L"Version", 0, REG_SZ, (const BYTE*)version, sizeof version);
  RegCloseKey(key);
  return rc == ERROR_SUCCESS ? 0 : (HRESULT)0x80004005;
}
EXPORT HRESULT DllUnregisterServer(void) {
  return RegDeleteKeyW(HKEY_LOCAL_MACHINE, L"Software\\Vendor Dialer") == ERROR_SUCCESS
             ? 0
             : (HRESULT)0x80004005;
}
#endif
