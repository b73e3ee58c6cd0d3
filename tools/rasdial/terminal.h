// terminal.h: rasdial as the terminal of a dial paused in RASCS_Interactive (an entry with
// RASEO_TerminalAfterDial; docs/devices.md "Terminal"). Windows draws a terminal window;
// rasdial relays its own tty instead: what the far end says appears on it, what the user
// types goes to the line, raw, until Ctrl-] opens a one-key prompt: c continues the dial,
// h hangs up, anything else goes back to the terminal.
#pragma once

#include <atomic>
#include <functional>

#include "ras.h"
#include "windows.h"

namespace rasdial {

enum class TerminalEnd {
  kContinue,  // the user is done: resume the dial
  kHangUp,    // the user hung up (h, or SIGINT/SIGTERM)
  kEnded,     // the connection ended meanwhile (`ended` said so), or the terminal closed
};

// Whether rasdial can be the terminal: stdin and stdout are terminals.
[[nodiscard]] bool can_be_terminal();

// Relays the terminal of `conn` and this process's tty until the user decides, `ended()`
// is true (looked at every 100 ms) or `interrupted` is set. `error` gets the RAS code when
// the terminal cannot be opened (the result is then kEnded).
[[nodiscard]] TerminalEnd run_terminal(HRASCONN conn, const std::function<bool()>& ended,
                                       const std::atomic<bool>& interrupted, DWORD& error);

}  // namespace rasdial
