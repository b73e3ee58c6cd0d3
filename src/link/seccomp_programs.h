// seccomp_programs.h: the classic-BPF programs behind the link's and the zygote's system-call
// filters (seccomp.cpp), for the installers and for tests that evaluate them for every call.
// A link forked by the zygote runs under two filters, the zygote's and the narrowing one,
// which together allow exactly what link_filter allows (link_test checks it call by call).
#pragma once

#include <linux/filter.h>

#include <span>
#include <vector>

#include "base/result.h"

namespace openras::link {

using Program = std::vector<sock_filter>;

// A link started on its own: its list plus `extra` (a driver's), ioctl limited to termios.
[[nodiscard]] Result<Program> link_filter(std::span<const long> extra);
// The zygote's: the link's list plus what forking a link takes.
[[nodiscard]] Result<Program> zygote_filter();
// Stacked on the zygote's in its child: takes away the zygote's own calls but `extra`.
// kInvalidArgument when `extra` holds a call the zygote's filter refuses.
[[nodiscard]] Result<Program> narrowing_filter(std::span<const long> extra);

}  // namespace openras::link
