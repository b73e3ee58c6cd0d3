// notification_api.cpp: RasConnectionNotificationW / A.
//
// The registration itself is the session's (session/session.h; session/notifications.h
// documents when each flag fires). Here: argument checks.
#include "base/c_abi.h"
#include "ras.h"
#include "raserror.h"
#include "session/session.h"
#include "win32/events.h"

using openras::abi_call;

namespace {

constexpr DWORD kKnownFlags = RASCN_Connection | RASCN_Disconnection | RASCN_BandwidthAdded |
                              RASCN_BandwidthRemoved | RASCN_Dormant | RASCN_ReConnection |
                              RASCN_EPDGPacketArrival;

DWORD connection_notification(HRASCONN hrasconn, HANDLE event_handle, DWORD flags) {
  if (!hrasconn) return ERROR_INVALID_HANDLE;
  if (flags & ~kKnownFlags) return ERROR_INVALID_PARAMETER;
  auto event = openras::win32::find_event(event_handle);
  if (!event) return ERROR_INVALID_HANDLE;
  return openras::to_dword(
      "RasConnectionNotification",
      openras::session::Session::instance().notify(hrasconn, std::move(*event), flags));
}

}  // namespace

extern "C" {

DWORD APIENTRY RasConnectionNotificationW(HRASCONN hrasconn, HANDLE hEvent, DWORD dwFlags) {
  return abi_call(__func__, [&] { return connection_notification(hrasconn, hEvent, dwFlags); });
}

DWORD APIENTRY RasConnectionNotificationA(HRASCONN hrasconn, HANDLE hEvent, DWORD dwFlags) {
  return abi_call(__func__, [&] { return connection_notification(hrasconn, hEvent, dwFlags); });
}

}  // extern "C"
