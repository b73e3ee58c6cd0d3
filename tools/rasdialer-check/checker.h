// checker.h: the two halves of rasdialer-check.
#pragma once

#include <string>

#include "base/paths.h"
#include "report.h"

namespace openras::check {

// Static checks of the library at `path` against the rules of `paths` (the system or
// OPENRAS_ROOT): path, trust, allow-list, loading, exports, names, ABI mark. Returns
// whether the library is fit to be exercised.
bool inspect(const std::string& path, const Paths& paths, Report& report);

// Exercises the dialer through the RAS API in a scratch private root that allows it:
// create an entry naming it, dial (synchronously and with a RASDIALFUNC1 notifier),
// status, hang up, delete (the delete notification must arrive). Each call to the dialer
// must return within `timeout_seconds`.
void exercise(const std::string& path, Report& report, int timeout_seconds, bool keep_root);

}  // namespace openras::check
