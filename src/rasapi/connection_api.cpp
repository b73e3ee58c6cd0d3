// connection_api.cpp: RasHangUp, RasEnumConnections and RasGetConnectStatus.
//
// They see the connections custom dialers made in this process (dialer::Connections) and,
// when rasmand runs, every connection it holds that the caller may see — so a connection
// made in one process can be listed and hung up from another.
#include <algorithm>
#include <exception>
#include <string>

#include "base/c_abi.h"
#include "base/log.h"
#include "base/utf.h"
#include "dialer/builtin_dial.h"
#include "dialer/connections.h"
#include "dialer/notifications.h"
#include "dialer/service_link.h"
#include "ras.h"
#include "rasapi/fixed_fields.h"
#include "rasapi/versions.h"

using openras::abi_call;
using openras::dialer::Connection;
using openras::dialer::Connections;
using openras::dialer::RemoteConnection;
using openras::rasapi::put;

namespace {

// What RAS reports of a connection, whichever side knows it.
struct View {
  HRASCONN handle = nullptr;
  std::wstring entry, phonebook, device_type, device_name, phone_number;
  bool all_users = false;
  RASCONNSTATE state = RASCS_Connected;
  DWORD error = 0;
};

View view_of(const Connection& c) {
  return View{c.handle,      c.entry,         c.phonebook,
              c.device_type, c.device_name,   c.phone_number,
              c.all_users,   RASCS_Connected, 0};
}

View view_of(const RemoteConnection& r) {
  return View{reinterpret_cast<HRASCONN>(static_cast<uintptr_t>(r.handle)),
              r.entry,
              r.phonebook,
              r.device_type,
              r.device_name,
              r.phone_number,
              r.all_users,
              static_cast<RASCONNSTATE>(r.state),
              r.error};
}

// Every connection the caller may see: rasmand's list (which holds ours too, under their
// public handles) plus any of ours rasmand does not know (it is not running, or publishing
// failed). Ours are reported once, under the dialer's handle that RasDial returned here;
// another process's connection whose public handle equals one of those (live or ended) is
// not reported here, where that value means ours (docs/abi.md).
std::vector<View> visible_connections() {
  std::vector<View> out;
  auto remote = openras::dialer::remote_connections();
  if (remote) {
    for (const RemoteConnection& r : *remote) {
      auto here = openras::dialer::handle_here(r.handle);
      if (!here) continue;
      View v = view_of(r);
      v.handle = reinterpret_cast<HRASCONN>(static_cast<uintptr_t>(*here));
      out.push_back(std::move(v));
    }
  }
  for (const Connection& c : Connections::instance().list()) {
    bool listed = remote && c.public_handle != 0 &&
                  std::any_of(remote->begin(), remote->end(), [&](const RemoteConnection& r) {
                    return r.handle == c.public_handle;
                  });
    if (!listed) out.push_back(view_of(c));
  }
  return out;
}

template <class Conn>
void fill_connection(Conn* out, DWORD size, const View& c) {
  out->dwSize = size;
  out->hrasconn = c.handle;
  put(out->szEntryName, c.entry);
  put(out->szDeviceType, c.device_type);
  put(out->szDeviceName, c.device_name);
  if (OPENRAS_HAS_FIELD(size, Conn, dwSubEntry)) {
    put(out->szPhonebook, c.phonebook);
    out->dwSubEntry = 1;
  }
  if (OPENRAS_HAS_FIELD(size, Conn, guidEntry)) out->guidEntry = GUID{};
  if (OPENRAS_HAS_FIELD(size, Conn, luid)) {
    out->dwFlags = (c.all_users ? RASCF_AllUsers : 0) | RASCF_OwnerKnown | RASCF_OwnerMatch;
    out->luid = LUID{};
  }
  if (OPENRAS_HAS_FIELD(size, Conn, guidCorrelationId)) out->guidCorrelationId = GUID{};
}

template <class Conn>
DWORD enum_connections(Conn* lprasconn, LPDWORD lpcb, LPDWORD lpcConnections) {
  if (!lpcb || !lpcConnections) return ERROR_INVALID_PARAMETER;
  DWORD size = lprasconn ? lprasconn->dwSize : static_cast<DWORD>(sizeof(Conn));
  if (lprasconn && !openras::rasapi::valid_rasconn_size<Conn>(size)) return ERROR_INVALID_SIZE;
  std::vector<View> list = visible_connections();
  DWORD needed = static_cast<DWORD>(list.size()) * size;
  *lpcConnections = static_cast<DWORD>(list.size());
  if (list.empty()) {
    *lpcb = 0;
    return ERROR_SUCCESS;
  }
  if (!lprasconn || *lpcb < needed) {
    *lpcb = needed;
    return ERROR_BUFFER_TOO_SMALL;
  }
  auto* base = reinterpret_cast<BYTE*>(lprasconn);
  for (size_t i = 0; i < list.size(); ++i) {
    fill_connection(reinterpret_cast<Conn*>(base + i * size), size, list[i]);
  }
  *lpcb = needed;
  return ERROR_SUCCESS;
}

template <class Status>
DWORD get_connect_status(HRASCONN hrasconn, Status* status) {
  if (!hrasconn) return ERROR_INVALID_HANDLE;
  if (!status) return ERROR_INVALID_PARAMETER;
  if (!openras::rasapi::valid_rasconnstatus_size<Status>(status->dwSize)) {
    return ERROR_INVALID_SIZE;
  }
  std::optional<View> c;
  if (auto local = Connections::instance().find(hrasconn)) {
    c = view_of(*local);
  } else if (auto remote = openras::dialer::remote_connection(hrasconn)) {
    c = view_of(*remote);
  }
  if (!c) return ERROR_INVALID_HANDLE;
  // A custom dialer's connection in this process is reported connected from the moment
  // RasCustomDial succeeded until it is hung up (its progress went to the caller's
  // notifier); rasmand reports the state the owning process last gave it.
  status->rasconnstate = c->state;
  status->dwError = c->error;
  put(status->szDeviceType, c->device_type);
  put(status->szDeviceName, c->device_name);
  if (OPENRAS_HAS_FIELD(status->dwSize, Status, szPhoneNumber)) {
    put(status->szPhoneNumber, c->phone_number);
  }
  if (OPENRAS_HAS_FIELD(status->dwSize, Status, rasconnsubstate)) {
    status->localEndPoint = RASTUNNELENDPOINT{};
    status->remoteEndPoint = RASTUNNELENDPOINT{};
    status->rasconnsubstate = RASCSS_None;
  }
  return ERROR_SUCCESS;
}

}  // namespace

extern "C" {

DWORD APIENTRY RasGetConnectStatusW(HRASCONN hrasconn, LPRASCONNSTATUSW lprasconnstatus) {
  return abi_call(__func__, [&] { return get_connect_status(hrasconn, lprasconnstatus); });
}

DWORD APIENTRY RasGetConnectStatusA(HRASCONN hrasconn, LPRASCONNSTATUSA lprasconnstatus) {
  return abi_call(__func__, [&] { return get_connect_status(hrasconn, lprasconnstatus); });
}

DWORD APIENTRY RasHangUpW(HRASCONN hrasconn) {
  return abi_call(__func__, [&]() -> DWORD {
    if (!hrasconn) return ERROR_INVALID_HANDLE;
    std::optional<Connection> c = Connections::instance().take(hrasconn);
    if (!c) {
      // A built-in dial of ours (its notifications stop here) or another process's.
      bool ours = openras::dialer::builtin_forget(hrasconn);
      DWORD rc = openras::dialer::remote_hang_up(hrasconn);
      // A built-in dial that already failed or dropped is gone from rasmand; releasing
      // its handle still succeeds, as on Windows.
      return ours && rc == ERROR_INVALID_HANDLE ? ERROR_SUCCESS : rc;
    }
    DWORD rc = c->dialer->hang_up(c->handle);
    openras::dialer::withdraw(*c);
    openras::dialer::note_disconnected(reinterpret_cast<uintptr_t>(hrasconn));
    return rc;
  });
}

DWORD APIENTRY RasHangUpA(HRASCONN hrasconn) { return RasHangUpW(hrasconn); }

DWORD APIENTRY RasEnumConnectionsW(LPRASCONNW lprasconn, LPDWORD lpcb, LPDWORD lpcConnections) {
  return abi_call(__func__, [&] { return enum_connections(lprasconn, lpcb, lpcConnections); });
}

DWORD APIENTRY RasEnumConnectionsA(LPRASCONNA lprasconn, LPDWORD lpcb, LPDWORD lpcConnections) {
  return abi_call(__func__, [&] { return enum_connections(lprasconn, lpcb, lpcConnections); });
}

}  // extern "C"
