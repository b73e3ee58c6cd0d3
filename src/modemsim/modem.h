// modem.h: the Hayes modem rasmodem-sim plays, as a pure state machine.
//
// The modem knows nothing of ptys, processes or real time: bytes come in through
// on_line_data() (from the dialling side) and on_far_end_*() (from the program an exec:
// action started), time comes from the injected Clock, and everything it does goes out
// through a ModemHost. The tool (tools/rasmodem-sim) wires these to a pty master, a child
// pty and poll(); the tests wire them to strings and a FakeClock. Single-threaded.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "modemsim/action.h"

namespace openras::modemsim {

// Hayes numeric result codes (ATV0).
enum class ResultCode : uint8_t {
  kOk = 0,
  kConnect = 1,
  kRing = 2,
  kNoCarrier = 3,
  kError = 4,
  kNoDialtone = 6,
  kBusy = 7,
  kNoAnswer = 8,
};

// The verbose text of a result code ("NO CARRIER").
[[nodiscard]] std::string_view result_text(ResultCode code);

// What the modem drives. Implementations must not call back into the Modem.
class ModemHost {
 public:
  virtual ~ModemHost();
  // Bytes toward the dialling side (echo, result codes, data in online mode).
  virtual void to_line(std::string_view bytes) = 0;
  // An exec: call was answered: start `/bin/sh -c command`. An error becomes NO CARRIER.
  virtual Status start_far_end(const std::string& command) = 0;
  // Data mode bytes toward the far-end program.
  virtual void to_far_end(std::string_view bytes) = 0;
  // The call ended (hang-up, carrier drop): stop the far-end program, if any.
  virtual void stop_far_end() = 0;
  // One log record: '<' a command line received, '>' a result sent, '*' an event.
  virtual void log(char kind, std::string_view text) = 0;
};

enum class ModemState {
  kCommand,        // no call; AT commands
  kOnline,         // a call is up; line bytes are data
  kOnlineCommand,  // a call is up, escaped with +++; AT commands (ATO resumes, ATH ends)
};

class Modem {
 public:
  // S registers ATS0..ATS12.
  static constexpr int kRegisterCount = 13;
  // A command line longer than this (after AT) is answered ERROR.
  static constexpr size_t kMaxCommandLine = 255;

  // `answers`, `clock` and `host` must outlive the modem. `speed` is the bps CONNECT reports.
  Modem(const AnswerTable& answers, const base::Clock& clock, ModemHost& host,
        uint32_t speed = 115200);

  // Bytes received from the dialling side.
  void on_line_data(std::string_view bytes);
  // Bytes the far-end program wrote (passed on only in online mode).
  void on_far_end_data(std::string_view bytes);
  // The far-end program closed its side or exited: the carrier is lost.
  void on_far_end_closed();
  // The dialling side dropped DTR (on a pty: the last client closed the line). As AT&D
  // says: &D0 nothing, &D1 online command mode, &D2 (default) hang up, &D3 hang up and
  // reset. No result code is sent: nobody is listening.
  void on_dtr_drop();
  // Runs what is due; call when the clock reaches next_deadline().
  void on_timer();
  // When on_timer() next has something to do (escape guard time, carrier drop).
  [[nodiscard]] std::optional<std::chrono::steady_clock::time_point> next_deadline() const;

  [[nodiscard]] ModemState state() const { return state_; }
  [[nodiscard]] int reg(int index) const { return registers_.at(static_cast<size_t>(index)); }

 private:
  struct Settings {
    bool echo = true;
    bool verbose = true;
    bool quiet = false;
    int extended = 4;  // ATX: X0 reports a bare CONNECT, X1..X4 CONNECT <speed>
    int dtr = 2;       // AT&D: what losing DTR does (see on_dtr_drop)
  };

  void command_byte(char c);
  void run_command_line(const std::string& line);
  // Runs one command at `pos` of `line`, advancing pos; false means ERROR. Sets *done when
  // the command already sent its own result (D, O, A).
  bool run_one(const std::string& line, size_t& pos, bool& done);
  bool run_register(const std::string& line, size_t& pos);
  void dial(std::string_view dialled);
  void go_online();
  // Ends the call, if one is up: stops the far end, logs why, and sends `code` if given.
  void end_call(std::optional<ResultCode> code, std::string_view why);
  void reset_settings();
  void send_result(ResultCode code);
  void send_info(std::string_view text);

  void online_byte(char c, std::chrono::steady_clock::time_point now);
  void pass_data(std::string_view bytes);
  void flush_escape();
  [[nodiscard]] std::chrono::steady_clock::duration guard_time() const;

  const AnswerTable& answers_;
  const base::Clock& clock_;
  ModemHost& host_;
  uint32_t speed_;

  ModemState state_ = ModemState::kCommand;
  Settings settings_;
  std::array<int, kRegisterCount> registers_{};
  int selected_register_ = 0;

  // Command mode: the characters since "AT", and whether "A" (or "AT") was seen.
  std::string line_;
  bool line_overflow_ = false;
  enum class Prefix { kNone, kA, kAt } prefix_ = Prefix::kNone;
  std::string typed_prefix_;  // "AT", "at", "A" as typed, for the log
  std::string last_line_;     // for A/

  // The call, when one is up.
  Action call_;
  std::optional<std::chrono::steady_clock::time_point> drop_at_;

  // Escape detection in online mode: +++ after and before a guard time of silence.
  std::chrono::steady_clock::time_point last_rx_{};
  std::chrono::steady_clock::time_point last_escape_char_{};
  int escape_count_ = 0;
};

}  // namespace openras::modemsim
