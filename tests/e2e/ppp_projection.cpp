// ppp_projection.cpp: what RasGetProjectionInfoEx says of a connection, for the PPP
// end-to-end tests (tests/e2e/ppp_pppd_dial.sh), linked to the shared libopenras and using
// only the SDK, as any program would.
//   ppp_projection ENTRY
//     finds ENTRY's connection with RasEnumConnectionsW, calls RasGetProjectionInfoEx and
//     prints one JSON object: the PPP projection's fields, addresses as text (IPv4 dotted,
//     interface identifiers as the fe80:: addresses they make, in inet_ntop's form), codes
//     as numbers. Exit 0, or 1 with the failing call and its code on stderr.
#include <arpa/inet.h>

#include <cstdio>
#include <cstring>
#include <cwchar>
#include <string>
#include <vector>

#include "ras.h"
#include "raserror.h"
#include "windows.h"

namespace {

std::string ipv4(const RASIPV4ADDR& a) {
  char text[INET_ADDRSTRLEN] = "";
  ::inet_ntop(AF_INET, &a, text, sizeof text);
  return text;
}

std::string link_local(const BYTE (&id)[8]) {
  unsigned char address[16] = {0xfe, 0x80};
  std::memcpy(address + 8, id, 8);
  char text[INET6_ADDRSTRLEN] = "";
  ::inet_ntop(AF_INET6, address, text, sizeof text);
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: ppp_projection ENTRY\n");
    return 2;
  }
  std::wstring entry(argv[1], argv[1] + std::strlen(argv[1]));  // ASCII entry names
  std::vector<RASCONNW> conns(8);
  conns[0].dwSize = sizeof(RASCONNW);
  DWORD cb = static_cast<DWORD>(conns.size() * sizeof(RASCONNW));
  DWORD count = 0;
  if (DWORD rc = RasEnumConnectionsW(conns.data(), &cb, &count); rc != ERROR_SUCCESS) {
    std::fprintf(stderr, "ppp_projection: RasEnumConnections failed: %u\n", rc);
    return 1;
  }
  for (DWORD i = 0; i < count; ++i) {
    if (std::wcscmp(conns[i].szEntryName, entry.c_str()) != 0) continue;
    RAS_PROJECTION_INFO info{};
    info.version = RASAPIVERSION_CURRENT;
    DWORD size = sizeof info;
    if (DWORD rc = RasGetProjectionInfoEx(conns[i].hrasconn, &info, &size); rc != ERROR_SUCCESS) {
      std::fprintf(stderr, "ppp_projection: RasGetProjectionInfoEx failed: %u\n", rc);
      return 1;
    }
    if (info.type != PROJECTION_INFO_TYPE_PPP) {
      std::fprintf(stderr, "ppp_projection: projection type %d, not PPP\n", info.type);
      return 1;
    }
    const RASPPP_PROJECTION_INFO& p = info.ppp;
    std::printf(
        "{\"ipv4_error\":%u,\"ipv4\":\"%s\",\"ipv4_server\":\"%s\",\"ipv6_error\":%u,"
        "\"ipv6\":\"%s\",\"ipv6_server\":\"%s\",\"auth_protocol\":%u,\"auth_data\":%u,"
        "\"server_auth_protocol\":%u,\"server_auth_data\":%u,\"lcp_options\":%u,"
        "\"lcp_server_options\":%u,\"ccp_error\":%u}\n",
        p.dwIPv4NegotiationError, ipv4(p.ipv4Address).c_str(), ipv4(p.ipv4ServerAddress).c_str(),
        p.dwIPv6NegotiationError, link_local(p.bInterfaceIdentifier).c_str(),
        link_local(p.bServerInterfaceIdentifier).c_str(), p.dwAuthenticationProtocol,
        p.dwAuthenticationData, p.dwServerAuthenticationProtocol, p.dwServerAuthenticationData,
        p.dwLcpOptions, p.dwLcpServerOptions, p.dwCcpError);
    return 0;
  }
  std::fprintf(stderr, "ppp_projection: no connection of entry %s (%u connections)\n", argv[1],
               count);
  return 1;
}
