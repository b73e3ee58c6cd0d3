// entry_calls.cpp: the guarded calls into a dialer's five entry points (see loader.h).
#include "base/log.h"
#include "dialer/loader.h"
#include "raserror.h"

namespace openras::dialer {

namespace {

void threw(const Dialer& dialer, const char* entry_point) noexcept {
  LOG_DEBUG("%s of %s threw an exception", entry_point, dialer.path().c_str());
}

}  // namespace

DWORD rcd_flags(DialContext context) noexcept {
  switch (context) {
    case DialContext::kSingleUser:
      return RCD_SingleUser;
    case DialContext::kAllUsers:
      return RCD_AllUsers;
    case DialContext::kLogon:
      return RCD_Logon | RCD_AllUsers;
  }
  return RCD_SingleUser;
}

DWORD Dialer::dial(DialContext context, LPRASDIALEXTENSIONS extensions, LPCWSTR phonebook,
                   LPRASDIALPARAMSW params, DWORD notifier_type, LPVOID notifier,
                   LPHRASCONN handle) const noexcept {
  try {
    return entry_points_.dial(instance(), extensions, phonebook, params, notifier_type, notifier,
                              handle, rcd_flags(context));
  } catch (...) {
    threw(*this, "RasCustomDial");
    *handle = nullptr;
    return ERROR_CANNOT_DO_CUSTOMDIAL;
  }
}

BOOL Dialer::dial_dlg(DialContext context, LPWSTR phonebook, LPWSTR entry, LPWSTR phone_number,
                      LPRASDIALDLG info) const noexcept {
  try {
    return entry_points_.dial_dlg(instance(), rcd_flags(context), phonebook, entry, phone_number,
                                  info, nullptr);
  } catch (...) {
    threw(*this, "RasCustomDialDlg");
    info->dwError = ERROR_CANNOT_DO_CUSTOMDIAL;
    return FALSE;
  }
}

DWORD Dialer::hang_up(HRASCONN handle) const noexcept {
  try {
    return entry_points_.hang_up(handle);
  } catch (...) {
    threw(*this, "RasCustomHangUp");
    return ERROR_HANGUP_FAILED;
  }
}

BOOL Dialer::entry_dlg(LPWSTR phonebook, LPWSTR entry, LPRASENTRYDLGW info) const noexcept {
  try {
    return entry_points_.entry_dlg(instance(), phonebook, entry, info, 0);
  } catch (...) {
    threw(*this, "RasCustomEntryDlg");
    info->dwError = ERROR_CANNOT_DO_CUSTOMDIAL;
    return FALSE;
  }
}

std::optional<DWORD> Dialer::delete_notify(DialContext context, LPCWSTR phonebook,
                                           LPCWSTR entry) const noexcept {
  try {
    return entry_points_.delete_notify(phonebook, entry, rcd_flags(context));
  } catch (...) {
    threw(*this, "RasCustomDeleteEntryNotify");
    return std::nullopt;
  }
}

}  // namespace openras::dialer
