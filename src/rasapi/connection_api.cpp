// connection_api.cpp: RasHangUp, RasEnumConnections and RasGetConnectStatus.
//
// For now these know the connections custom dialers made in this process
// (dialer::Connections); the rasmand issue adds the service's built-in connections and
// makes both visible across processes.
#include <algorithm>
#include <exception>
#include <string>

#include "base/log.h"
#include "base/utf.h"
#include "dialer/connections.h"
#include "ras.h"
#include "rasapi/c_abi.h"
#include "rasapi/versions.h"

using openras::dialer::Connection;
using openras::dialer::Connections;
using openras::rasapi::abi_call;

namespace {

// Copies as much of `text` as fits (always terminated): RAS fills fixed fields with names
// that were validated to fit when stored.
template <size_t N>
void put(WCHAR (&field)[N], const std::wstring& text) {
  size_t n = std::min(text.size(), N - 1);
  text.copy(field, n);
  field[n] = L'\0';
}

template <size_t N>
void put(CHAR (&field)[N], const std::wstring& text) {
  auto utf8 = openras::wide_to_utf8(text);
  std::string s = utf8 ? *utf8 : std::string();
  size_t n = std::min(s.size(), N - 1);
  s.copy(field, n);
  field[n] = '\0';
}

// Calls a dialer's RasCustomHangUp; an exception escaping the dialer is an error code,
// never an unwind through our frames.
DWORD call_custom_hang_up(const Connection& c) {
  try {
    return c.dialer->entry_points().hang_up(c.handle);
  } catch (...) {
    LOG_DEBUG("RasCustomHangUp of %s threw", c.dialer->path().c_str());
    return ERROR_HANGUP_FAILED;
  }
}

template <class Conn>
void fill_connection(Conn* out, DWORD size, const Connection& c) {
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
  std::vector<Connection> list = Connections::instance().list();
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
  std::optional<Connection> c = Connections::instance().find(hrasconn);
  if (!c) return ERROR_INVALID_HANDLE;
  // A custom dialer's connection is reported connected from the moment RasCustomDial
  // succeeded until it is hung up; its progress went to the caller's notifier.
  status->rasconnstate = RASCS_Connected;
  status->dwError = 0;
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
    if (!c) return ERROR_INVALID_HANDLE;
    return call_custom_hang_up(*c);
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
