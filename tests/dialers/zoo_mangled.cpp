// zoo_mangled.cpp: a C++ dialer whose five entry points were written without extern "C".
// __declspec(dllexport) exports them, but as mangled C++ names (_Z13RasCustomDial...),
// which RAS never looks up: the loader refuses it and rasdialer-check says to declare
// them extern "C". Its DllMain is declared by winbase.h, so it keeps C linkage.
#define UNICODE
#include <ras.h>
#include <rasdlg.h>
#include <raserror.h>
#include <windows.h>

__declspec(dllexport) DWORD WINAPI
    RasCustomDial(HINSTANCE, LPRASDIALEXTENSIONS, LPCWSTR, LPRASDIALPARAMS, DWORD, LPVOID,
                  LPHRASCONN, DWORD) {
  return ERROR_CANNOT_DO_CUSTOMDIAL;
}
__declspec(dllexport) BOOL WINAPI
    RasCustomDialDlg(HINSTANCE, DWORD, LPWSTR, LPWSTR, LPWSTR, LPRASDIALDLG, PVOID) {
  return FALSE;
}
__declspec(dllexport) DWORD WINAPI RasCustomHangUp(HRASCONN) { return ERROR_SUCCESS; }
__declspec(dllexport) BOOL WINAPI
    RasCustomEntryDlg(HINSTANCE, LPWSTR, LPWSTR, LPRASENTRYDLG, DWORD) {
  return FALSE;
}
__declspec(dllexport) DWORD WINAPI RasCustomDeleteEntryNotify(LPCWSTR, LPCWSTR, DWORD) {
  return ERROR_SUCCESS;
}
BOOL APIENTRY DllMain(HINSTANCE, DWORD, LPVOID) { return TRUE; }
