// statistics.h: how rasmand takes a link's counters and projection (docs/protocol.md,
// "Statistics and projection"): what it accepts from a link, which never is trusted beyond
// the message format, and the baseline arithmetic of ClearStatistics. No D-Bus here.
// Thread: any (pure functions).
#pragma once

#include <cstdint>

#include "base/result.h"
#include "link/message.h"

namespace openras::rasman {

// The largest compression ratio a link may report, in percent.
inline constexpr uint32_t kMaxCompressionRatio = 100;

// A link's new counters against the ones it reported before (zero at first): counters
// only grow over a link's life; compression ratios are 0..kMaxCompressionRatio.
// kInvalidData naming the offending field otherwise.
[[nodiscard]] Status check_counters(const link::LinkCounters& previous,
                                    const link::LinkCounters& next);
// A projection rasmand passes on: authentication protocols are 0 or a RASLCPAP_* value.
[[nodiscard]] Status check_projection(const link::Projection& projection);
// What the owner sees: `now` minus the baseline ClearStatistics stored, each counter
// floored at 0; compression ratios are current values, not counters, and pass as they are.
[[nodiscard]] link::LinkCounters since_baseline(const link::LinkCounters& now,
                                                const link::LinkCounters& baseline) noexcept;

}  // namespace openras::rasman
