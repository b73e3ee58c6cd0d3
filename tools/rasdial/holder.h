// holder.h: a custom entry's connection lives in the process that dialled it (DESIGN.md
// §4), so that it outlives the command, as on Windows, rasdial dials a custom entry from a
// child that stays behind as the connection's holder.
//
// run_in_holder() forks the child before anything else of libopenras runs in this process
// (its client thread must not be forked half-way). The child dials with our terminal as its
// stdin (a password prompt reads it) and its stdout and stderr relayed through pipes to
// ours, so the caller sees the same progress lines, in order, and the same exit status.
// Connected, the child calls detach_holder(): it reports its status, puts its stdio on
// /dev/null, leaves our session and holds the connection until it is hung up — RasHangUp
// from any process reaches it through rasmand — or until SIGTERM, when it hangs up itself.
// Here SIGINT and SIGTERM go on to the child while it dials. Thread: the main thread.
#pragma once

#include <functional>

namespace rasdial {

// Runs `dial` in the holder child; our exit status is its status: what it reported when it
// detached, or what it exited with (a failed dial never leaves a holder behind).
[[nodiscard]] int run_in_holder(const std::function<int()>& dial);

// Whether this process is the holder child (before it detached).
[[nodiscard]] bool in_holder();

// In the holder child, connected with `status`: tells the parent and detaches. False (and
// nothing done) when this process is not a holder child.
[[nodiscard]] bool detach_holder(int status);

}  // namespace rasdial
