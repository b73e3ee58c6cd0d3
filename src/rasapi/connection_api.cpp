// connection_api.cpp: RasHangUp, RasEnumConnections and RasGetConnectStatus.
//
// They see, through the session (session/session.h), the connections custom dialers made
// in this process and, when rasmand runs, every connection it holds that the caller may
// see — so a connection made in one process can be listed and hung up from another.
#include <algorithm>
#include <string>

#include "base/c_abi.h"
#include "base/log.h"
#include "base/utf.h"
#include "ras.h"
#include "rasapi/fixed_fields.h"
#include "rasapi/versions.h"
#include "session/session.h"

using openras::abi_call;
using openras::rasapi::put;
using openras::session::ConnectionRefView;
using openras::session::ConnectionView;
using openras::session::Session;

namespace {

template <class Conn>
void fill_connection(Conn* out, DWORD size, const ConnectionRefView& c) {
  out->dwSize = size;
  out->hrasconn = c.handle;
  put(out->szEntryName, c.identity.entry);
  put(out->szDeviceType, c.identity.device_type);
  put(out->szDeviceName, c.identity.device_name);
  if (OPENRAS_HAS_FIELD(size, Conn, dwSubEntry)) {
    put(out->szPhonebook, c.identity.phonebook);
    out->dwSubEntry = 1;
  }
  if (OPENRAS_HAS_FIELD(size, Conn, guidEntry)) out->guidEntry = GUID{};
  if (OPENRAS_HAS_FIELD(size, Conn, luid)) {
    out->dwFlags =
        (c.identity.all_users ? RASCF_AllUsers : 0) | RASCF_OwnerKnown | RASCF_OwnerMatch;
    out->luid = LUID{};
  }
  if (OPENRAS_HAS_FIELD(size, Conn, guidCorrelationId)) out->guidCorrelationId = GUID{};
}

// Each connection is written into the caller's array as rasmand's reply is read (one
// conversion, UTF-8 to the field's text), while it fits; the rest are counted, so a buffer
// too small is still told the size it needs.
template <class Conn>
DWORD enum_connections(Conn* lprasconn, LPDWORD lpcb, LPDWORD lpcConnections) {
  if (!lpcb || !lpcConnections) return ERROR_INVALID_PARAMETER;
  DWORD size = lprasconn ? lprasconn->dwSize : static_cast<DWORD>(sizeof(Conn));
  if (lprasconn && !openras::rasapi::valid_rasconn_size<Conn>(size)) return ERROR_INVALID_SIZE;
  const DWORD room = lprasconn ? *lpcb / size : 0;
  auto* base = reinterpret_cast<BYTE*>(lprasconn);
  DWORD count = 0;
  Session::instance().visit_connections([&](const ConnectionRefView& c) {
    if (count < room) fill_connection(reinterpret_cast<Conn*>(base + count * size), size, c);
    ++count;
  });
  DWORD needed = count * size;
  *lpcConnections = count;
  if (count == 0) {
    *lpcb = 0;
    return ERROR_SUCCESS;
  }
  if (count > room) {
    *lpcb = needed;
    return ERROR_BUFFER_TOO_SMALL;
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
  std::optional<ConnectionView> c = Session::instance().connection(hrasconn);
  if (!c) return ERROR_INVALID_HANDLE;
  status->rasconnstate = c->state;
  status->dwError = c->error;
  put(status->szDeviceType, c->identity.device_type);
  put(status->szDeviceName, c->identity.device_name);
  if (OPENRAS_HAS_FIELD(status->dwSize, Status, szPhoneNumber)) {
    put(status->szPhoneNumber, c->identity.phone_number);
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
    return Session::instance().hang_up(hrasconn);
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
