// zoo_throw.cpp: a C++ dialer whose entry points throw — RAS must turn that into error
// codes, never let the exception unwind through its own frames.
#define UNICODE
#include <ras.h>
#include <rasdlg.h>
#include <windows.h>

#include <stdexcept>

#define EXPORT extern "C" __attribute__((visibility("default")))

#ifdef ZOO_THROW_ONLY_IN_HANGUP
// (throwing_hangup) Dials: the connection exists, so RasHangUp reaches RasCustomHangUp.
EXPORT DWORD WINAPI RasCustomDial(HINSTANCE, LPRASDIALEXTENSIONS, LPCWSTR, LPRASDIALPARAMS, DWORD,
                                  LPVOID, LPHRASCONN conn, DWORD) {
  static int connection;
  *conn = reinterpret_cast<HRASCONN>(&connection);
  return 0;
}
#else
EXPORT DWORD WINAPI RasCustomDial(HINSTANCE, LPRASDIALEXTENSIONS, LPCWSTR, LPRASDIALPARAMS, DWORD,
                                  LPVOID, LPHRASCONN, DWORD) {
  throw std::runtime_error("RasCustomDial of the throwing zoo dialer");
}
#endif
EXPORT BOOL WINAPI RasCustomDialDlg(HINSTANCE, DWORD, LPWSTR, LPWSTR, LPWSTR, LPRASDIALDLG, PVOID) {
  throw std::runtime_error("RasCustomDialDlg");
}
EXPORT DWORD WINAPI RasCustomHangUp(HRASCONN) { throw std::runtime_error("RasCustomHangUp"); }
EXPORT BOOL WINAPI RasCustomEntryDlg(HINSTANCE, LPWSTR, LPWSTR, LPRASENTRYDLG, DWORD) {
  throw std::runtime_error("RasCustomEntryDlg");
}
EXPORT DWORD WINAPI RasCustomDeleteEntryNotify(LPCWSTR, LPCWSTR, DWORD) {
  throw std::runtime_error("RasCustomDeleteEntryNotify");
}
