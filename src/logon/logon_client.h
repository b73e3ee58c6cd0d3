// logon_client.h: the PAM module's rasmand client: LogonDial and HangUp over rasmand's
// socket (docs/protocol.md), nothing more. The module is loaded into login, sshd and
// display managers, so it links this and sd-bus, never libopenras. Each call opens its
// own connection and closes it. Blocking; thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
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

// A question of the logon host for the person at the login: PAM's msg_style (1 secret,
// 2 echoed, 3 error, 4 info) and the text. For styles 1 and 2 the answer (nullopt: the
// conversation failed, which cancels the dialog); for 3 and 4 the return value is unused.
using Conversation = std::function<std::optional<std::string>(uint32_t style, const std::string&)>;

// LogonDial with the entry's dialog (LogonDialInteractive): the host's questions are put
// to `converse` as they come, on this thread, while the call waits.
[[nodiscard]] Result<LogonDialResult> logon_dial_interactive(const std::string& socket_path,
                                                             const std::string& entry,
                                                             unsigned timeout_seconds,
                                                             const Conversation& converse);

[[nodiscard]] Status logon_hang_up(const std::string& socket_path, uint64_t handle);

}  // namespace openras::logon
