// values_codec.cpp: see values_codec.h.
#include "rasman/values_codec.h"

#include <cerrno>
#include <cstddef>
#include <cstring>

#include "rasman/protocol.h"

namespace openras::rasman {

namespace {

// Reads an `ay` of exactly sizeof(out) bytes.
template <std::size_t N>
int read_bytes(sd_bus_message* m, uint8_t (&out)[N]) {
  const void* data = nullptr;
  std::size_t size = 0;
  int r = sd_bus_message_read_array(m, 'y', &data, &size);
  if (r < 0) return r;
  if (size != N) return -EBADMSG;
  std::memcpy(out, data, N);
  return 1;
}

}  // namespace

int append_statistics(sd_bus_message* m, const ConnectionStatistics& s) {
  return sd_bus_message_append(m, kStatisticsSignature, s.bytes_sent, s.bytes_received,
                               s.frames_sent, s.frames_received, s.crc_errors, s.timeout_errors,
                               s.alignment_errors, s.hardware_overruns, s.framing_errors,
                               s.buffer_overruns, s.compression_ratio_in, s.compression_ratio_out,
                               s.bps, s.connect_duration_ms);
}

int read_statistics(sd_bus_message* m, ConnectionStatistics& s) {
  return sd_bus_message_read(m, kStatisticsSignature, &s.bytes_sent, &s.bytes_received,
                             &s.frames_sent, &s.frames_received, &s.crc_errors, &s.timeout_errors,
                             &s.alignment_errors, &s.hardware_overruns, &s.framing_errors,
                             &s.buffer_overruns, &s.compression_ratio_in, &s.compression_ratio_out,
                             &s.bps, &s.connect_duration_ms);
}

int append_projection(sd_bus_message* m, const PppProjection& p) {
  int r = sd_bus_message_append(m, "u", p.ipv4_error);
  if (r >= 0) r = sd_bus_message_append_array(m, 'y', p.ipv4_address, 4);
  if (r >= 0) r = sd_bus_message_append_array(m, 'y', p.ipv4_server_address, 4);
  if (r >= 0) {
    r = sd_bus_message_append(m, "uuu", p.ipv4_options, p.ipv4_server_options, p.ipv6_error);
  }
  if (r >= 0) r = sd_bus_message_append_array(m, 'y', p.interface_id, 8);
  if (r >= 0) r = sd_bus_message_append_array(m, 'y', p.server_interface_id, 8);
  if (r >= 0) {
    r = sd_bus_message_append(
        m, "bbuuuuuuuuuuuuu", static_cast<int>(p.bundled), static_cast<int>(p.multilink),
        p.auth_protocol, p.auth_data, p.server_auth_protocol, p.server_auth_data, p.eap_type,
        p.server_eap_type, p.lcp_options, p.lcp_server_options, p.ccp_error, p.ccp_algorithm,
        p.ccp_server_algorithm, p.ccp_options, p.ccp_server_options);
  }
  return r;
}

int read_projection(sd_bus_message* m, PppProjection& p) {
  int bundled = 0;
  int multilink = 0;
  int r = sd_bus_message_read(m, "u", &p.ipv4_error);
  if (r >= 0) r = read_bytes(m, p.ipv4_address);
  if (r >= 0) r = read_bytes(m, p.ipv4_server_address);
  if (r >= 0)
    r = sd_bus_message_read(m, "uuu", &p.ipv4_options, &p.ipv4_server_options, &p.ipv6_error);
  if (r >= 0) r = read_bytes(m, p.interface_id);
  if (r >= 0) r = read_bytes(m, p.server_interface_id);
  if (r >= 0) {
    r = sd_bus_message_read(m, "bbuuuuuuuuuuuuu", &bundled, &multilink, &p.auth_protocol,
                            &p.auth_data, &p.server_auth_protocol, &p.server_auth_data, &p.eap_type,
                            &p.server_eap_type, &p.lcp_options, &p.lcp_server_options, &p.ccp_error,
                            &p.ccp_algorithm, &p.ccp_server_algorithm, &p.ccp_options,
                            &p.ccp_server_options);
  }
  p.bundled = bundled != 0;
  p.multilink = multilink != 0;
  return r;
}

}  // namespace openras::rasman
