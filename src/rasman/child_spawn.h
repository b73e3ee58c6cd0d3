// child_spawn.h: starting a child of rasmand with a control socket on fd 3 and nothing
// else but stdio: what the link zygote (links.cpp) and each logon host (logon_host.cpp)
// need. Thread: any (no shared state).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "base/result.h"
#include "base/unique_fd.h"

namespace openras::rasman {

// A SOCK_SEQPACKET pair: `ours` non-blocking, `theirs` kept off fds 0..3 so that it can
// be moved to 3 in the child.
struct ControlPair {
  UniqueFd ours;
  UniqueFd theirs;
};
[[nodiscard]] Result<ControlPair> make_control_pair(const std::string& what);

struct ChildSpec {
  std::vector<std::string> args;  // args[0] is the program
  char** envp = nullptr;          // nullptr: an empty environment
  int control_fd = -1;            // becomes the child's fd 3
  bool null_stdout = false;       // stdout to /dev/null too (stderr stays rasmand's log)
  bool new_session = false;       // setsid: no controlling terminal
};

// posix_spawn with stdin from /dev/null, the control socket as fd 3, every other
// descriptor closed, the signal mask empty and every signal's action the default. Makes
// rasmand a child subreaper first (best effort), so the child's own children stay ours.
[[nodiscard]] Result<pid_t> spawn_child(const ChildSpec& spec);

// Where rasmand's helper program `name` is: beside rasmand's own executable, then the
// build tree's tools/<name>/, then the installed libexecdir/openras/.
[[nodiscard]] std::string find_helper(const std::string& name);

}  // namespace openras::rasman
