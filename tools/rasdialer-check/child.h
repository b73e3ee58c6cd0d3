// child.h: runs a part of the exercise in a child process, so the dialer it calls cannot
// take rasdialer-check down with it.
#pragma once

#include <functional>
#include <string>

#include "report.h"

namespace openras::check {

// Forks; the child runs `body` with a Report that streams every check (and every call it
// is about to make into the dialer) back on a pipe, then exits. The parent copies the
// checks into `report` as they arrive. When the child crashes, calls exit() or _exit(),
// or is silent for longer than `timeout_seconds` plus two seconds' grace (then it is
// killed) or when rasdialer-check is interrupted, the call it had announced fails with that signal,
// status or time, after the checks it made before. The child runs in a process group of its own,
// killed at the end, so nothing the dialer started outlives its exercise. True if `body` returned.
bool run_in_child(Report& report, int timeout_seconds, const std::string& part,
                  const std::function<void(Report&)>& body);

// From now on SIGINT, SIGTERM and SIGHUP interrupt the exercise instead of ending
// rasdialer-check: the child in progress is killed and its check fails, so the scratch
// root and its rasmand are still cleaned up and the report printed.
void interrupt_on_signals();
// The signal that interrupted the exercise, or 0.
int interrupted();

// "died of signal 6 (Aborted)", "exited with status 3": a wait(2) status in words.
std::string describe_status(int status);

}  // namespace openras::check
