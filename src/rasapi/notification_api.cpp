// notification_api.cpp: RasConnectionNotificationW / A.
//
// The registration itself lives in dialer/notifications (which documents when each flag
// fires). Here: argument checks, and making sure the signals that fire it can arrive —
// rasmand's (through this process's event thread, when a rasmand answers) and this
// process's own custom connections (always).
#include "base/c_abi.h"
#include "dialer/connections.h"
#include "dialer/notifications.h"
#include "dialer/service_link.h"
#include "ras.h"
#include "raserror.h"
#include "rasman/client.h"
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
  bool all = reinterpret_cast<HANDLE>(hrasconn) == INVALID_HANDLE_VALUE;
  uint64_t key = all ? openras::dialer::kAllConnections : reinterpret_cast<uintptr_t>(hrasconn);

  // With a rasmand, its signals reach us from here on; what is up now can only end.
  bool known = false;
  if (auto client = openras::dialer::service_client(); client) {
    auto list = (*client)->list_connections();
    if (!list) {
      openras::dialer::service_call_failed(list.error());
    } else {
      for (const auto& info : *list) {
        // Ours under the dialer's handle; another's under its public handle.
        auto here = openras::dialer::handle_here(info.handle);
        if (!here) continue;
        if (info.state == RASCS_Connected) openras::dialer::note_live(*here);
        known = known || *here == key;
      }
    }
  }
  for (const auto& c : openras::dialer::Connections::instance().list()) {
    uint64_t h = reinterpret_cast<uintptr_t>(c.handle);
    openras::dialer::note_live(h);
    known = known || h == key;
  }
  if (!all && !known) return ERROR_INVALID_HANDLE;
  return openras::to_dword("RasConnectionNotification",
                           openras::dialer::add_notification(key, std::move(*event), flags));
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
