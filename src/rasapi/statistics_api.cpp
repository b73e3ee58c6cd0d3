// statistics_api.cpp: RasGetConnectionStatistics, RasClearConnectionStatistics,
// RasGetProjectionInfoEx and RasGetProjectionInfoW/A.
//
// rasmand holds what a link process counted and negotiated (docs/protocol.md,
// GetStatistics / ClearStatistics / GetProjection). A custom dialer's connection that only
// this process knows (no rasmand) has no link under it: zero counters, its time connected,
// and no projection (ERROR_PROJECTION_NOT_COMPLETE), as rasmand reports for one it holds.
#include <netinet/in.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "base/c_abi.h"
#include "base/utf.h"
#include "ras.h"
#include "rasapi/fixed_fields.h"
#include "raserror.h"
#include "session/session.h"

using openras::abi_call;
using openras::rasapi::put;
using openras::session::Session;
using PppProjection = openras::session::Projection;

namespace {

// RAS_STATS counters are DWORDs: they wrap as Windows' do, and monitoring tools take
// differences modulo 2^32. The duration saturates (49.7 days) rather than restart.
DWORD wrap(uint64_t value) { return static_cast<DWORD>(value); }

DWORD get_statistics(HRASCONN handle, RAS_STATS* out) {
  if (!handle || !out || out->dwSize != sizeof(RAS_STATS)) return ERROR_INVALID_PARAMETER;
  auto s = Session::instance().statistics(handle);
  if (!s) return openras::win32_code(s.error());
  out->dwBytesXmited = wrap(s->bytes_sent);
  out->dwBytesRcved = wrap(s->bytes_received);
  out->dwFramesXmited = wrap(s->frames_sent);
  out->dwFramesRcved = wrap(s->frames_received);
  out->dwCrcErr = s->crc_errors;
  out->dwTimeoutErr = s->timeout_errors;
  out->dwAlignmentErr = s->alignment_errors;
  out->dwHardwareOverrunErr = s->hardware_overruns;
  out->dwFramingErr = s->framing_errors;
  out->dwBufferOverrunErr = s->buffer_overruns;
  out->dwCompressionRatioIn = s->compression_ratio_in;
  out->dwCompressionRatioOut = s->compression_ratio_out;
  out->dwBps = s->bps;
  out->dwConnectDuration =
      static_cast<DWORD>(std::min<uint64_t>(s->connect_duration_ms, UINT32_MAX));
  return ERROR_SUCCESS;
}

DWORD clear_statistics(HRASCONN handle) {
  if (!handle) return ERROR_INVALID_HANDLE;
  auto cleared = Session::instance().clear_statistics(handle);
  return cleared ? ERROR_SUCCESS : openras::win32_code(cleared.error());
}

void fill_ppp(RASPPP_PROJECTION_INFO& out, const PppProjection& p) {
  std::memset(&out, 0, sizeof out);
  out.dwIPv4NegotiationError = p.ipv4_error;
  std::memcpy(&out.ipv4Address, p.ipv4_address, 4);
  std::memcpy(&out.ipv4ServerAddress, p.ipv4_server_address, 4);
  out.dwIPv4Options = p.ipv4_options;
  out.dwIPv4ServerOptions = p.ipv4_server_options;
  out.dwIPv6NegotiationError = p.ipv6_error;
  std::memcpy(out.bInterfaceIdentifier, p.interface_id, 8);
  std::memcpy(out.bServerInterfaceIdentifier, p.server_interface_id, 8);
  out.fBundled = p.bundled ? TRUE : FALSE;
  out.fMultilink = p.multilink ? TRUE : FALSE;
  out.dwAuthenticationProtocol = p.auth_protocol;
  out.dwAuthenticationData = p.auth_data;
  out.dwServerAuthenticationProtocol = p.server_auth_protocol;
  out.dwServerAuthenticationData = p.server_auth_data;
  out.dwEapTypeId = p.eap_type;
  out.dwServerEapTypeId = p.server_eap_type;
  out.dwLcpOptions = p.lcp_options;
  out.dwLcpServerOptions = p.lcp_server_options;
  out.dwCcpError = p.ccp_error;
  out.dwCcpCompressionAlgorithm = p.ccp_algorithm;
  out.dwCcpServerCompressionAlgorithm = p.ccp_server_algorithm;
  out.dwCcpOptions = p.ccp_options;
  out.dwCcpServerOptions = p.ccp_server_options;
}

DWORD get_projection_ex(HRASCONN handle, PRAS_PROJECTION_INFO out, LPDWORD size) {
  if (!handle) return ERROR_INVALID_HANDLE;
  if (!size) return ERROR_INVALID_PARAMETER;
  if (!out || *size < sizeof(RAS_PROJECTION_INFO)) {
    *size = sizeof(RAS_PROJECTION_INFO);
    return ERROR_BUFFER_TOO_SMALL;
  }
  // The caller names the RASAPIVERSION it was built for; every version has this layout.
  if (out->version < RASAPIVERSION_500 || out->version > RASAPIVERSION_601) {
    return ERROR_INVALID_PARAMETER;
  }
  auto p = Session::instance().projection(handle);
  if (!p) return openras::win32_code(p.error());
  out->type = PROJECTION_INFO_TYPE_PPP;
  fill_ppp(out->ppp, *p);
  *size = sizeof(RAS_PROJECTION_INFO);
  return ERROR_SUCCESS;
}

// --- RasGetProjectionInfo (the per-protocol structures of Windows 95/NT)

std::wstring dotted(const uint8_t (&a)[4]) {
  return std::to_wstring(a[0]) + L"." + std::to_wstring(a[1]) + L"." + std::to_wstring(a[2]) +
         L"." + std::to_wstring(a[3]);
}

// Checks the caller's buffer for a structure whose dwSize is one of `sizes` (oldest
// first); ERROR_SUCCESS when it may be filled.
DWORD check_buffer(LPVOID buffer, LPDWORD cb, std::initializer_list<DWORD> sizes) {
  DWORD newest = *std::max_element(sizes.begin(), sizes.end());
  if (!buffer || *cb < sizeof(DWORD)) {
    *cb = newest;
    return ERROR_BUFFER_TOO_SMALL;
  }
  DWORD declared = *static_cast<DWORD*>(buffer);
  if (std::find(sizes.begin(), sizes.end(), declared) == sizes.end()) return ERROR_INVALID_SIZE;
  if (*cb < declared) {
    *cb = declared;
    return ERROR_BUFFER_TOO_SMALL;
  }
  return ERROR_SUCCESS;
}

template <class Ip, class Lcp>
DWORD get_projection(HRASCONN handle, RASPROJECTION which, LPVOID buffer, LPDWORD cb) {
  if (!handle) return ERROR_INVALID_HANDLE;
  if (!cb) return ERROR_INVALID_PARAMETER;
  switch (which) {
    case RASP_PppIp:
    case RASP_PppLcp:
    case RASP_PppCcp:
    case RASP_PppIpv6:
      break;
    case RASP_Amb:
    case RASP_PppNbf:
    case RASP_PppIpx:
    case RASP_Slip:
      return ERROR_PROTOCOL_NOT_CONFIGURED;  // OpenRAS negotiates none of these
    default:
      return ERROR_INVALID_PARAMETER;
  }
  auto p = Session::instance().projection(handle);
  if (!p) return openras::win32_code(p.error());
  if (which == RASP_PppIp) {
    if (DWORD rc = check_buffer(buffer, cb, {offsetof(Ip, dwOptions), sizeof(Ip)})) return rc;
    auto* ip = static_cast<Ip*>(buffer);
    ip->dwError = p->ipv4_error;
    put(ip->szIpAddress, p->ipv4_error ? std::wstring() : dotted(p->ipv4_address));
    put(ip->szServerIpAddress, p->ipv4_error ? std::wstring() : dotted(p->ipv4_server_address));
    if (ip->dwSize == sizeof(Ip)) {
      ip->dwOptions = p->ipv4_options;
      ip->dwServerOptions = p->ipv4_server_options;
    }
    return ERROR_SUCCESS;
  }
  if (which == RASP_PppLcp) {
    if (DWORD rc = check_buffer(buffer, cb, {offsetof(Lcp, dwError), sizeof(Lcp)})) return rc;
    auto* lcp = static_cast<Lcp*>(buffer);
    if (lcp->dwSize == sizeof(Lcp)) {
      // Members with no OpenRAS value (terminate reasons, reply message) read as zero.
      std::memset(reinterpret_cast<BYTE*>(lcp) + sizeof lcp->dwSize, 0,
                  sizeof(Lcp) - sizeof lcp->dwSize);
      lcp->dwAuthenticationProtocol = p->auth_protocol;
      lcp->dwAuthenticationData = p->auth_data;
      lcp->dwEapTypeId = p->eap_type;
      lcp->dwServerAuthenticationProtocol = p->server_auth_protocol;
      lcp->dwServerAuthenticationData = p->server_auth_data;
      lcp->dwServerEapTypeId = p->server_eap_type;
      lcp->fMultilink = p->multilink ? TRUE : FALSE;
      lcp->dwOptions = p->lcp_options;
      lcp->dwServerOptions = p->lcp_server_options;
    }
    lcp->fBundled = p->bundled ? TRUE : FALSE;
    return ERROR_SUCCESS;
  }
  if (which == RASP_PppCcp) {
    if (p->ccp_error == ERROR_PROTOCOL_NOT_CONFIGURED) return ERROR_PROTOCOL_NOT_CONFIGURED;
    if (DWORD rc = check_buffer(buffer, cb, {sizeof(RASPPPCCP)})) return rc;
    auto* ccp = static_cast<RASPPPCCP*>(buffer);
    ccp->dwError = p->ccp_error;
    ccp->dwCompressionAlgorithm = p->ccp_algorithm;
    ccp->dwOptions = p->ccp_options;
    ccp->dwServerCompressionAlgorithm = p->ccp_server_algorithm;
    ccp->dwServerOptions = p->ccp_server_options;
    return ERROR_SUCCESS;
  }
  if (p->ipv6_error == ERROR_PROTOCOL_NOT_CONFIGURED) return ERROR_PROTOCOL_NOT_CONFIGURED;
  if (DWORD rc = check_buffer(buffer, cb, {sizeof(RASPPPIPV6)})) return rc;
  auto* v6 = static_cast<RASPPPIPV6*>(buffer);
  v6->dwError = p->ipv6_error;
  std::memcpy(v6->bLocalInterfaceIdentifier, p->interface_id, 8);
  std::memcpy(v6->bPeerInterfaceIdentifier, p->server_interface_id, 8);
  std::memset(v6->bLocalCompressionProtocol, 0, 2);
  std::memset(v6->bPeerCompressionProtocol, 0, 2);
  return ERROR_SUCCESS;
}

}  // namespace

extern "C" {

DWORD APIENTRY RasGetConnectionStatistics(HRASCONN hRasConn, RAS_STATS* lpStatistics) {
  return abi_call(__func__, [&] { return get_statistics(hRasConn, lpStatistics); });
}

DWORD APIENTRY RasClearConnectionStatistics(HRASCONN hRasConn) {
  return abi_call(__func__, [&] { return clear_statistics(hRasConn); });
}

DWORD APIENTRY RasGetProjectionInfoEx(HRASCONN hrasconn, PRAS_PROJECTION_INFO pRasProjection,
                                      LPDWORD lpdwSize) {
  return abi_call(__func__, [&] { return get_projection_ex(hrasconn, pRasProjection, lpdwSize); });
}

DWORD APIENTRY RasGetProjectionInfoW(HRASCONN hrasconn, RASPROJECTION rasprojection,
                                     LPVOID lpprojection, LPDWORD lpcb) {
  return abi_call(__func__, [&] {
    return get_projection<RASPPPIPW, RASPPPLCPW>(hrasconn, rasprojection, lpprojection, lpcb);
  });
}

DWORD APIENTRY RasGetProjectionInfoA(HRASCONN hrasconn, RASPROJECTION rasprojection,
                                     LPVOID lpprojection, LPDWORD lpcb) {
  return abi_call(__func__, [&] {
    return get_projection<RASPPPIPA, RASPPPLCPA>(hrasconn, rasprojection, lpprojection, lpcb);
  });
}

}  // extern "C"
