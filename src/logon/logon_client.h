// logon_client.h: the PAM module's rasmand client: LogonDial and HangUp over rasmand's
// socket (docs/protocol.md), nothing more. The module is loaded into login, sshd and
// display managers, so it links this and sd-bus, never libopenras. Each call opens its
// own connection and closes it. Blocking; thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"

namespace openras::logon {

struct LogonDialResult {
  uint32_t result = 0;  // the RAS code: 0 connected
  uint64_t handle = 0;  // the connection's handle in rasmand
};

// Asks rasmand (at `socket_path`) to dial the all-users entry at logon, and waits for its
// answer: at most `timeout_seconds` plus a few seconds for rasmand itself.
[[nodiscard]] Result<LogonDialResult> logon_dial(const std::string& socket_path,
                                                 const std::string& entry,
                                                 unsigned timeout_seconds);

[[nodiscard]] Status logon_hang_up(const std::string& socket_path, uint64_t handle);

}  // namespace openras::logon
