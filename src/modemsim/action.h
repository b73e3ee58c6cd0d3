// action.h: what rasmodem-sim does when a number is dialled (the --answer and --default
// options), and how a dialled string is compared with the numbers it knows.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace openras::modemsim {

enum class ActionKind {
  kConnect,     // CONNECT, then echo what the line sends
  kExec,        // CONNECT, then a far-end program (/bin/sh -c command) on a raw pty
  kBusy,        // BUSY
  kNoAnswer,    // NO ANSWER
  kNoCarrier,   // NO CARRIER
  kNoDialtone,  // NO DIALTONE
  kError,       // ERROR
  kSilent,      // no reply at all to ATD
};

struct Action {
  ActionKind kind = ActionKind::kNoCarrier;
  std::string command;  // kExec: the shell command
  // drop:SECONDS:ACTION — the carrier is lost this long after CONNECT.
  std::optional<std::chrono::milliseconds> drop_after;

  [[nodiscard]] bool connects() const {
    return kind == ActionKind::kConnect || kind == ActionKind::kExec;
  }
};

// Parses an ACTION: connect, exec:COMMAND, busy, noanswer, nocarrier, nodialtone, error,
// silent or drop:SECONDS:ACTION (SECONDS a decimal number; ACTION connect or exec:...).
[[nodiscard]] Result<Action> parse_action(std::string_view text);

// The words of ACTION as the log and the man page write them ("exec:cat", "drop:1:connect").
[[nodiscard]] std::string describe(const Action& action);

// The dialled string without the dial modifiers and separators `T P W , ! @ ; space -`, so
// "T 555-1234" and "5551234" are the same number.
[[nodiscard]] std::string normalize_number(std::string_view dialled);

// The numbers the simulated modem answers, and what it does for any other.
class AnswerTable {
 public:
  // Adds one --answer NUMBER=ACTION; an empty NUMBER (after normalising) or a bad ACTION
  // is an error naming the option.
  [[nodiscard]] Status add(std::string_view number_equals_action);
  void set_default(Action action) { default_ = std::move(action); }

  // What to do for a dialled string (normalised here).
  [[nodiscard]] const Action& lookup(std::string_view dialled) const;

 private:
  std::map<std::string, Action, std::less<>> answers_;
  Action default_;  // nocarrier unless --default says otherwise
};

}  // namespace openras::modemsim
