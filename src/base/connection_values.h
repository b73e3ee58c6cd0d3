// connection_values.h: what a connection reports, defined once for the link process,
// rasmand and libopenras (docs/protocol.md "Statistics and projection"): the counters its
// link keeps and its PPP projection. Each has one codec per boundary — the link's messages
// (src/link/message.cpp) and the bus (src/rasman/values_codec.h) — and one mapping to the
// Win32 structures (src/rasapi/statistics_api.cpp).
#pragma once

#include <cstdint>

namespace openras {

// What a link's device drivers count: RAS_STATS without the speed and the duration, which
// rasmand knows. Counters only grow over a link's life; compression ratios are percentages.
struct ConnectionCounters {
  uint64_t bytes_sent = 0;
  uint64_t bytes_received = 0;
  uint64_t frames_sent = 0;
  uint64_t frames_received = 0;
  uint32_t crc_errors = 0;
  uint32_t timeout_errors = 0;
  uint32_t alignment_errors = 0;
  uint32_t hardware_overruns = 0;
  uint32_t framing_errors = 0;
  uint32_t buffer_overruns = 0;
  uint32_t compression_ratio_in = 0;   // percent, 0: none
  uint32_t compression_ratio_out = 0;  // percent, 0: none
  bool operator==(const ConnectionCounters&) const = default;
};

// The PPP projection as RASPPP_PROJECTION_INFO describes it (include/ras.h), and what
// rasmand needs beyond it to set up the connection's interface.
struct PppProjection {
  uint32_t ipv4_error = 0;
  uint8_t ipv4_address[4] = {};
  uint8_t ipv4_server_address[4] = {};
  uint32_t ipv4_options = 0;
  uint32_t ipv4_server_options = 0;
  uint32_t ipv6_error = 0;
  uint8_t interface_id[8] = {};
  uint8_t server_interface_id[8] = {};
  bool bundled = false;
  bool multilink = false;
  uint32_t auth_protocol = 0;  // RASLCPAP_*, 0: none
  uint32_t auth_data = 0;
  uint32_t server_auth_protocol = 0;
  uint32_t server_auth_data = 0;
  uint32_t eap_type = 0;
  uint32_t server_eap_type = 0;
  uint32_t lcp_options = 0;
  uint32_t lcp_server_options = 0;
  uint32_t ccp_error = 0;
  uint32_t ccp_algorithm = 0;
  uint32_t ccp_server_algorithm = 0;
  uint32_t ccp_options = 0;
  uint32_t ccp_server_options = 0;
  // Beyond RASPPP_PROJECTION_INFO, for the interface (the link sends them; the bus does
  // not carry them): the DNS servers IPCP gave (0.0.0.0: none) and the largest packet the
  // peer takes (its MRU; 0: no PPP, no interface).
  uint8_t dns1[4] = {};
  uint8_t dns2[4] = {};
  uint32_t mtu = 0;
  bool operator==(const PppProjection&) const = default;
};

}  // namespace openras
