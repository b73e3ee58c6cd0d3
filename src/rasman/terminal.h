// terminal.h: the pseudo-terminal of a dial that pauses for a terminal after dialing
// (RASEO_TerminalAfterDial with RDEOPT_PausedStates; docs/devices.md "Terminal").
//
// rasmand makes it as root when the dial starts. The master goes to the link, which relays
// the line to it while the dial is paused in RASCS_Interactive. The slave is the caller's:
// owned by the dialing user, mode 0600, raw (no echo, no line editing: the far end echoes),
// its path given to the owner by GetTerminal, so any terminal program (rasdial, screen,
// minicom, or the caller's own code through OpenRasOpenTerminal) can be the terminal.
// rasmand holds one slave descriptor itself until the dial resumes or ends, so the master
// never reads as hung up before the caller has opened the slave, and what the far end says
// meanwhile waits in the pty (and the link's backlog). The connection's object
// (connection.h) owns it; dropping it closes that descriptor; the link closing the master then ends
// every caller's view of the terminal. Thread: the event loop's.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "base/result.h"
#include "base/unique_fd.h"

namespace openras::rasman {

class ConnectionTerminal {
 public:
  // A new pseudo-terminal whose slave belongs to `owner`.
  [[nodiscard]] static Result<std::unique_ptr<ConnectionTerminal>> create(uid_t owner);
  [[nodiscard]] const std::string& path() const { return path_; }
  // The master, for the link (once; invalid after).
  [[nodiscard]] UniqueFd take_master() { return std::move(master_); }

 private:
  ConnectionTerminal(UniqueFd master, UniqueFd slave, std::string path)
      : master_(std::move(master)), slave_(std::move(slave)), path_(std::move(path)) {}
  UniqueFd master_;
  UniqueFd slave_;
  std::string path_;
};

}  // namespace openras::rasman
