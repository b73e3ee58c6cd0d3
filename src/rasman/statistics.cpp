// statistics.cpp: see statistics.h.
#include "rasman/statistics.h"

#include <string>

#include "ras.h"

namespace openras::rasman {

namespace {

template <class T>
Status grows(const char* name, T before, T after) {
  if (after >= before) return {};
  return fail(Errc::kInvalidData, std::string("the link's ") + name + " went back from " +
                                      std::to_string(before) + " to " + std::to_string(after));
}

template <class T>
T minus(T now, T baseline) noexcept {
  return now > baseline ? now - baseline : 0;
}

}  // namespace

Status check_counters(const link::LinkCounters& p, const link::LinkCounters& n) {
  for (auto [name, ratio] : {std::pair{"compression ratio in", n.compression_ratio_in},
                             std::pair{"compression ratio out", n.compression_ratio_out}}) {
    if (ratio > kMaxCompressionRatio) {
      return fail(Errc::kInvalidData, std::string("the link's ") + name + " is " +
                                          std::to_string(ratio) + " %; the limit is " +
                                          std::to_string(kMaxCompressionRatio));
    }
  }
  Status ok;
  (void)((ok = grows("bytes sent", p.bytes_sent, n.bytes_sent)) &&
         (ok = grows("bytes received", p.bytes_received, n.bytes_received)) &&
         (ok = grows("frames sent", p.frames_sent, n.frames_sent)) &&
         (ok = grows("frames received", p.frames_received, n.frames_received)) &&
         (ok = grows("CRC errors", p.crc_errors, n.crc_errors)) &&
         (ok = grows("timeout errors", p.timeout_errors, n.timeout_errors)) &&
         (ok = grows("alignment errors", p.alignment_errors, n.alignment_errors)) &&
         (ok = grows("hardware overruns", p.hardware_overruns, n.hardware_overruns)) &&
         (ok = grows("framing errors", p.framing_errors, n.framing_errors)) &&
         (ok = grows("buffer overruns", p.buffer_overruns, n.buffer_overruns)));
  return ok;
}

Status check_projection(const link::Projection& projection) {
  for (uint32_t protocol : {projection.auth_protocol, projection.server_auth_protocol}) {
    if (protocol != 0 && protocol != RASLCPAP_PAP && protocol != RASLCPAP_SPAP &&
        protocol != RASLCPAP_CHAP && protocol != RASLCPAP_EAP) {
      return fail(Errc::kInvalidData, "the link's projection names authentication protocol " +
                                          std::to_string(protocol) + ", no RASLCPAP_* value");
    }
  }
  if (projection.mtu != 0 && (projection.mtu < 68 || projection.mtu > 65535)) {
    return fail(Errc::kInvalidData, "the link's projection gives an MTU of " +
                                        std::to_string(projection.mtu) + ", outside 68-65535");
  }
  return {};
}

link::LinkCounters since_baseline(const link::LinkCounters& now,
                                  const link::LinkCounters& base) noexcept {
  link::LinkCounters out = now;
  out.bytes_sent = minus(now.bytes_sent, base.bytes_sent);
  out.bytes_received = minus(now.bytes_received, base.bytes_received);
  out.frames_sent = minus(now.frames_sent, base.frames_sent);
  out.frames_received = minus(now.frames_received, base.frames_received);
  out.crc_errors = minus(now.crc_errors, base.crc_errors);
  out.timeout_errors = minus(now.timeout_errors, base.timeout_errors);
  out.alignment_errors = minus(now.alignment_errors, base.alignment_errors);
  out.hardware_overruns = minus(now.hardware_overruns, base.hardware_overruns);
  out.framing_errors = minus(now.framing_errors, base.framing_errors);
  out.buffer_overruns = minus(now.buffer_overruns, base.buffer_overruns);
  return out;
}

}  // namespace openras::rasman
