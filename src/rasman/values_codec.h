// values_codec.h: a connection's statistics and PPP projection on the bus (docs/protocol.md
// "Statistics and projection"), the one codec for both sides. Part of
// openras_rasman_client.
//   statistics: kStatisticsSignature "ttttuuuuuuuuut" — the counters in
//     ConnectionCounters' order, then the speed (bps) and the time connected (ms);
//   projection: "uayayuuuayaybbuuuuuuuuuuuuu" — RASPPP_PROJECTION_INFO's fields in order
//     (addresses and interface identifiers as byte arrays of 4 and 8); the DNS servers
//     and the MTU stay in rasmand.
#pragma once

#include <systemd/sd-bus.h>

#include <cstdint>

#include "base/connection_values.h"

namespace openras::rasman {

// A connection's statistics (GetStatistics; RAS_STATS): counters since the connection
// began or its last ClearStatistics. A custom dialer's connection has zero counters and
// bps; its duration counts from its registration.
struct ConnectionStatistics : ConnectionCounters {
  uint32_t bps = 0;                  // the line's speed (CONNECT's, else configured), 0: unknown
  uint64_t connect_duration_ms = 0;  // since RASCS_Connected (0 before); not reset by Clear
};

// Each appends at `m`'s current position, or reads from it; sd-bus's result (-EBADMSG for
// an address or identifier of the wrong length).
[[nodiscard]] int append_statistics(sd_bus_message* m, const ConnectionStatistics& s);
[[nodiscard]] int read_statistics(sd_bus_message* m, ConnectionStatistics& s);
[[nodiscard]] int append_projection(sd_bus_message* m, const PppProjection& p);
[[nodiscard]] int read_projection(sd_bus_message* m, PppProjection& p);

}  // namespace openras::rasman
