// server.h: rasmodem-sim's I/O layer. It owns the pty the dialling side opens, the log
// and the far end, and drives the modem state machine (src/modemsim) from one poll() loop.
// Single-threaded; signals arrive through a signalfd.
#pragma once

#include <cstdint>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "base/unique_fd.h"
#include "far_end.h"
#include "modemsim/modem.h"

namespace openras::modemsim_tool {

struct Options {
  std::string link;  // --link: a symlink to the pty's slave
  uint32_t speed = 115200;
  modemsim::AnswerTable answers;
  std::string log;  // --log: the record of commands, results and events
};

class Server final : public modemsim::ModemHost {
 public:
  explicit Server(Options options);
  ~Server() override;

  // Opens the pty (and --link, --log) and blocks the signals the loop will read.
  [[nodiscard]] Status open();
  [[nodiscard]] const std::string& slave_path() const { return slave_path_; }
  // Serves until SIGTERM, SIGINT or SIGHUP; then hangs up and removes --link.
  [[nodiscard]] Status run();

  // ModemHost
  void to_line(std::string_view bytes) override;
  Status start_far_end(const std::string& command) override;
  void to_far_end(std::string_view bytes) override;
  void stop_far_end() override;
  void log(char kind, std::string_view text) override;

 private:
  bool handle_signals();  // false once asked to stop
  void read_line();
  void read_far_end();
  void reap();  // logs each far end's exit; the current one's is a carrier loss
  void far_end_gone();
  void line_closed();
  [[nodiscard]] bool line_open_elsewhere() const;
  void shut_down();

  Options options_;
  base::SystemClock clock_;
  modemsim::Modem modem_;
  UniqueFd master_;
  UniqueFd slave_;  // held open so the master never sees a hang-up between clients
  UniqueFd signals_;
  UniqueFd closes_;  // inotify: a client closed the slave (a pty's only hint of DTR)
  UniqueFd log_;
  std::string slave_path_;
  bool linked_ = false;
  FarEnd far_end_;
  std::string to_line_;  // bytes waiting for the line to take them
  std::string to_far_;
};

}  // namespace openras::modemsim_tool
