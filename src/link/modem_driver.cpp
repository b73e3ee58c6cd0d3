// modem_driver.cpp: the Hayes modem driver (docs/devices.md "Modems") and the direct
// serial driver: the line rasmand opened, set up by src/modem/serial.h, and for a modem
// the AT dialogue of src/modem/at_dialogue.h run on the link's loop and clock.
//
// States as Windows reports them: OpenPort, PortOpened (the line is set up), ConnectDevice
// (the dialogue runs), DeviceConnected (CONNECT); with a post-connect script, which Windows
// counts as a second device on the line (a "switch"), ConnectDevice and DeviceConnected
// again around it (src/modem/chat_script.h); then AllDevicesConnected, and PPP on the line
// (ppp_link.h) takes it to Authenticate, Authenticated, Projected and Connected. The
// line's bytes go to the dialogue a line at a time and the script takes only up to its
// last match, so the first PPP bytes, which may arrive in the same read, go to PPP.
//
// An entry with RASEO_TerminalAfterDial pauses after the script (or CONNECT) in
// RASCS_Interactive: the line is relayed to the pseudo-terminal rasmand made for the caller
// (DriverArgs::terminal_fd), who logs in by hand, until rasmand says Resume; then PPP, as
// after a script. Without a caller that allows paused states the dial fails there with
// ERROR_INTERACTIVE_MODE, as on Windows.
#include <sys/epoll.h>
#include <unistd.h>

#include <cstdio>
#include <optional>

#include "link/driver.h"
#include "link/ppp_link.h"
#include "modem/at_dialogue.h"
#include "modem/chat_script.h"
#include "modem/serial.h"
#include "ras.h"

namespace openras::link {

namespace {

LinkFailure link_failure(modem::DialFailure failure) {
  switch (failure) {
    case modem::DialFailure::kBusy:
      return LinkFailure::kBusy;
    case modem::DialFailure::kNoCarrier:
      return LinkFailure::kNoCarrier;
    case modem::DialFailure::kNoDialtone:
      return LinkFailure::kNoDialtone;
    case modem::DialFailure::kNoAnswer:
      return LinkFailure::kNoAnswer;
    case modem::DialFailure::kDeviceError:
      return LinkFailure::kDeviceError;
    case modem::DialFailure::kUnrecognizedResponse:
      return LinkFailure::kUnrecognizedResponse;
    case modem::DialFailure::kNoResponse:
      return LinkFailure::kNoResponse;
  }
  return LinkFailure::kDeviceError;
}

constexpr std::chrono::seconds kDefaultDialTimeout{60};

// What the line says while nobody reads the terminal is kept up to this much (the newest);
// a person reading a login prompt needs far less, and the line is never stopped for it.
constexpr std::size_t kTerminalBacklog = 64 * 1024;
constexpr std::size_t kTerminalRead = 4096;

class LineDriver : public LinkDriver, public modem::AtDialogue::Sink, public modem::ChatRun::Sink {
 public:
  LineDriver(DriverArgs args, bool dial) : args_(std::move(args)), dial_(dial) {
    port_ = args_.device.port.empty() ? "(unnamed)" : args_.device.port;
  }

  void start(LinkHost& host) override {
    host_ = &host;
    if (!host.report(RASCS_OpenPort)) return;
    auto flow = modem::parse_flow_control(args_.device.flow_control);
    if (!flow)
      return host.fail(RASCS_OpenPort, LinkFailure::kPortUnusable, at(flow.error().message));
    auto keep_alive = keep_alive_for(args_.device, modem::carrier(args_.line_fd).has_value());
    if (!keep_alive) {
      return host.fail(RASCS_OpenPort, LinkFailure::kPortUnusable, at(keep_alive.error().message));
    }
    keep_alive_ = *keep_alive;
    auto set = modem::configure_line(args_.line_fd, {args_.device.speed, *flow});
    if (!set) {
      return host.fail(RASCS_OpenPort, LinkFailure::kPortUnusable,
                       at("setting up the line: " + set.error().message));
    }
    (void)modem::raise_dtr(args_.line_fd);  // unsupported on a pty: nothing to raise
    if (!host.report(RASCS_PortOpened) || !host.report(RASCS_ConnectDevice)) return;
    if (!dial_) return connected(0, "direct serial line");
    modem::DialPlan plan;
    plan.port = port_;
    plan.init = args_.device.init;
    plan.number = args_.phone_number;
    plan.alternates = args_.device.alternates;
    plan.pulse = args_.device.pulse;
    plan.redial_count = args_.device.redial_count;
    plan.redial_pause = std::chrono::seconds(args_.device.redial_pause_s);
    plan.dial_timeout = args_.device.dial_timeout_s != 0
                            ? std::chrono::seconds(args_.device.dial_timeout_s)
                            : kDefaultDialTimeout;
    dialogue_.emplace(host.clock(), std::move(plan), *this);
    dialogue_->start();
    arm();
  }

  void on_line(bool hang_up) override {
    for (;;) {
      auto got = modem::read_some(args_.line_fd, 4096);
      if (!got || !*got) return line_gone(got ? "the line hung up" : got.error().message);
      if ((*got)->empty()) break;
      counters_.bytes_received += ppp_ ? 0 : (*got)->size();
      feed(**got);
      if (done()) return;
    }
    if (hang_up) return line_gone("the line hung up");
    arm();
  }

  void on_timer() override {
    if (ppp_) return ppp_->on_timer();  // the dialogue and the script are over
    if (paused_) return;                // the terminal waits for the caller, however long
    if (script_ && !finished_) {
      script_->on_timer();
    } else if (dialogue_ && !finished_) {
      dialogue_->on_timer();
    }
    if (!finished_) arm();
  }

  void on_line_writable() override {
    if (ppp_) return ppp_->on_line_writable();
    if (paused_) flush_to_line();
  }

  void on_terminal(uint32_t revents) override {
    if (!paused_ || finished_) return;
    if ((revents & EPOLLOUT) != 0) flush_to_terminal();
    if ((revents & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0 && to_line_.empty()) {
      auto got = modem::read_some(args_.terminal_fd, kTerminalRead);
      if (!got || !*got) {
        // Nobody holds the terminal's other side (rasmand keeps one until Resume, so
        // this is rasmand's hang-up on its way): stop listening; the line is kept.
        std::fprintf(stderr, "openras-link: port %s: the terminal was closed\n", port_.c_str());
        terminal_closed_ = true;
      } else if (!(*got)->empty()) {
        to_line_ = std::move(**got);
        flush_to_line();
      }
    }
    watch_terminal();
  }

  void resume() override {
    if (!paused_ || finished_) {
      std::fprintf(stderr, "openras-link: port %s: Resume while not paused; ignored\n",
                   port_.c_str());
      return;
    }
    paused_ = false;
    host_->watch_terminal(false, false);
    host_->want_line_writable(false);
    ::close(args_.terminal_fd);  // the caller's side sees the terminal end
    args_.terminal_fd = -1;
    to_line_.clear();  // keys typed after the caller resumed are not the far end's
    // What the terminal never read may be the far end's first PPP frame.
    std::string rest = std::move(to_terminal_);
    std::fprintf(stderr, "openras-link: port %s: resumed by the caller\n", port_.c_str());
    start_ppp();
    if (ppp_ && !finished_ && !rest.empty()) {
      ppp_->on_bytes({reinterpret_cast<const uint8_t*>(rest.data()), rest.size()});
    }
  }

  void on_tun() override {
    if (ppp_) ppp_->on_tun();
  }

  bool hang_up() override {
    // PPP first, as pppd does: a Terminate-Request, and the peer's Terminate-Ack awaited,
    // so the far end knows the call ended; the modem hangs up when rasmand closes the line
    // after us (HUPCL drops DTR, and rasmand keeps the port for a moment with DTR down).
    if (ppp_ && ppp_->close()) return true;
    finished_ = true;
    if (dialogue_ && !dialogue_->done()) dialogue_->cancel();
    (void)modem::drop_dtr(args_.line_fd);  // closing the line (HUPCL) does it too
    return false;
  }

  [[nodiscard]] LinkCounters counters() const override {
    LinkCounters c = counters_;
    if (ppp_) ppp_->add_counters(c);
    return c;
  }

 protected:
  void write(std::string_view bytes) override {
    auto n = modem::write_some(args_.line_fd, bytes);
    if (n) counters_.bytes_sent += *n;
    // A short write (flow control holding the line) shows as the modem not answering.
  }

  void dialing(unsigned attempt) override {
    if (attempt > 1) {
      const auto numbers = static_cast<unsigned>(args_.device.alternates.size() + 1);
      std::fprintf(stderr, "openras-link: port %s: dial %u of %u\n", port_.c_str(), attempt,
                   numbers * (args_.device.redial_count + 1));
    }
  }

  void connected(uint32_t speed, const std::string& reply) override {
    // Which number answered goes with the state (message.h field 5): rasmand records it,
    // and the dialling library promotes an alternate that answered (RASEO_PromoteAlternates).
    const std::string number = dialogue_ ? dialogue_->dialled_number() : std::string();
    if (!host_->report_through(RASCS_DeviceConnected, speed, number)) return;
    const bool alternate = dialogue_ && number != args_.phone_number;
    std::fprintf(stderr, "openras-link: port %s: connected (%s, %u bps)%s%s\n", port_.c_str(),
                 reply.c_str(), speed, alternate ? " through the alternate number " : "",
                 alternate ? number.c_str() : "");
    if (args_.device.script.empty()) return after_connect({});
    auto script = modem::parse_chat_script(args_.device.script);
    if (!script) {  // rasmand checked it; a link must not trust that blindly either
      return finish(RASCS_ConnectDevice, LinkFailure::kScriptFailed,
                    at("the script: " + script.error().message));
    }
    if (!host_->report(RASCS_ConnectDevice)) return;
    std::fprintf(stderr, "openras-link: port %s: running the script\n", port_.c_str());
    script_text_ = std::move(*script);
    script_ = std::make_unique<modem::ChatRun>(
        host_->clock(), script_text_,
        modem::ScriptValues{args_.phone_number, args_.credentials.user, args_.credentials.password},
        *this);
    script_->start();
    arm();
  }

  // ChatRun::Sink (write() is shared with the dialogue).
  void note(const std::string& text) override {
    std::fprintf(stderr, "openras-link: port %s: script %s\n", port_.c_str(), text.c_str());
  }

  void finished() override {
    std::fprintf(stderr, "openras-link: port %s: the script ran to its end\n", port_.c_str());
    if (!host_->report(RASCS_DeviceConnected)) return;
    after_connect(script_->take_leftover());  // what came after the script's last match
  }

  void failed(modem::ScriptFailure failure, const std::string& message) override {
    finish(RASCS_ConnectDevice, LinkFailure::kScriptFailed,
           at("the script " + std::string(modem::script_failure_name(failure)) + ": " + message));
  }

  // The line is through (CONNECT, and the script if any): PPP, or first the terminal.
  // `rest`: what arrived after, which is PPP's or the terminal's.
  void after_connect(const std::string& rest) {
    if (args_.device.terminal == kTerminalRefuse) {
      return finish(RASCS_Interactive, LinkFailure::kInteractiveRefused,
                    at("the entry asks for a terminal after dialing (RASEO_TerminalAfterDial), "
                       "and the caller does not allow paused states (RDEOPT_PausedStates): dial "
                       "it with rasdial on a terminal, or from a program that passes "
                       "RDEOPT_PausedStates and calls OpenRasOpenTerminal"));
    }
    if (args_.device.terminal == kTerminalPause) return pause(rest);
    start_ppp();
    if (ppp_ && !finished_ && !rest.empty()) {
      ppp_->on_bytes({reinterpret_cast<const uint8_t*>(rest.data()), rest.size()});
    }
  }

  void pause(const std::string& rest) {
    if (args_.terminal_fd < 0) {
      return finish(RASCS_Interactive, LinkFailure::kSetupFailed,
                    at("the entry asks for a terminal after dialing, and none came with the link"));
    }
    paused_ = true;
    host_->cancel_timer();
    if (!host_->report(RASCS_Interactive)) return;
    std::fprintf(stderr, "openras-link: port %s: paused for the caller's terminal\n",
                 port_.c_str());
    to_terminal(rest);
  }

  // Bytes from the line for the terminal: written as the terminal takes them, the newest
  // kTerminalBacklog kept meanwhile.
  void to_terminal(std::string_view bytes) {
    to_terminal_.append(bytes);
    if (to_terminal_.size() > kTerminalBacklog) {
      if (!backlog_dropped_) {
        std::fprintf(stderr,
                     "openras-link: port %s: nobody reads the terminal; keeping the last %zu "
                     "bytes of what the line says\n",
                     port_.c_str(), kTerminalBacklog);
      }
      backlog_dropped_ = true;
      to_terminal_.erase(0, to_terminal_.size() - kTerminalBacklog);
    }
    flush_to_terminal();
  }

  void flush_to_terminal() {
    if (!to_terminal_.empty() && !terminal_closed_) {
      auto n = modem::write_some(args_.terminal_fd, to_terminal_);
      if (n) {
        to_terminal_.erase(0, *n);
      } else {
        terminal_closed_ = true;
      }
    }
    watch_terminal();
  }

  // Keys from the terminal for the line; the terminal is not read while some wait.
  void flush_to_line() {
    auto n = modem::write_some(args_.line_fd, to_line_);
    if (n) {
      counters_.bytes_sent += *n;
      to_line_.erase(0, *n);
    } else {
      to_line_.clear();  // the line is gone: on_line() says so
    }
    host_->want_line_writable(!to_line_.empty());
    watch_terminal();
  }

  void watch_terminal() {
    if (!paused_ || terminal_closed_) return host_->watch_terminal(false, false);
    host_->watch_terminal(to_line_.empty(), !to_terminal_.empty());
  }

  void start_ppp() {
    if (!host_->report(RASCS_AllDevicesConnected)) return;
    host_->cancel_timer();  // PPP keeps its own
    ppp_ = std::make_unique<PppLink>(*host_, args_.line_fd, args_.tun_fd, args_.ppp,
                                     args_.credentials, port_, keep_alive_);
    args_.credentials = StartMessage();  // the session holds its own copy; ours is wiped
    ppp_->start();
  }

  void hung_up() override {
    finish(RASCS_ConnectDevice, LinkFailure::kCarrierLost, at("the modem hung up"));
  }

  void failed(modem::DialFailure failure, const std::string& message) override {
    finish(RASCS_ConnectDevice, link_failure(failure), message);
  }

 private:
  std::string at(const std::string& what) const { return "port " + port_ + ": " + what; }

  void finish(uint32_t state, LinkFailure failure, const std::string& why) {
    if (finished_) return;
    finished_ = true;
    host_->cancel_timer();
    host_->fail(state, failure, why);
  }

  // Bytes from the line: to PPP once it runs, to the terminal while paused, else to the
  // dialogue a line at a time.
  void feed(std::string_view bytes) {
    while (!bytes.empty() && !finished_) {
      if (ppp_) {
        ppp_->on_bytes({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()});
        return;
      }
      if (paused_) return to_terminal(bytes);
      if (script_ && !script_->done()) {
        bytes.remove_prefix(script_->on_bytes(bytes));
        continue;
      }
      if (!dialogue_ || dialogue_->done()) return;  // nothing listens before PPP
      std::size_t end = bytes.find('\n');
      std::size_t take = end == std::string_view::npos ? bytes.size() : end + 1;
      dialogue_->on_bytes(bytes.substr(0, take));
      bytes.remove_prefix(take);
    }
  }

  void line_gone(const std::string& why) {
    if (finished_) return;
    if (ppp_) return ppp_->line_lost(why);
    if (paused_) {
      return finish(RASCS_Interactive, LinkFailure::kCarrierLost,
                    at(why + " while paused for the terminal"));
    }
    finish(RASCS_ConnectDevice, LinkFailure::kCarrierLost, at(why + " while dialing"));
  }

  // Over, by the dialogue's end, a hang-up or PPP's end.
  [[nodiscard]] bool done() const { return finished_ || (ppp_ && ppp_->ended()); }

  // The dialogue's or the script's deadline; PPP keeps its own (ppp_link.h).
  void arm() {
    if (finished_ || ppp_) return;
    if (paused_) return host_->cancel_timer();
    if (script_ && !script_->done()) {
      if (script_->deadline()) {
        host_->set_timer(*script_->deadline());
      } else {
        host_->cancel_timer();
      }
    } else if (dialogue_ && dialogue_->deadline()) {
      host_->set_timer(*dialogue_->deadline());
    } else {
      host_->cancel_timer();
    }
  }

  DriverArgs args_;
  const bool dial_;
  std::string port_;
  KeepAlive keep_alive_;  // PPP's, from the device's settings and the line (start())
  LinkHost* host_ = nullptr;
  std::optional<modem::AtDialogue> dialogue_;
  modem::ChatScript script_text_;
  std::unique_ptr<modem::ChatRun> script_;  // kept once done: it may be mid-callback
  std::unique_ptr<PppLink> ppp_;
  LinkCounters counters_;
  bool finished_ = false;
  // The terminal (RASEO_TerminalAfterDial): paused in RASCS_Interactive until resume().
  bool paused_ = false;
  bool terminal_closed_ = false;  // its other side is gone: nothing is written to it
  bool backlog_dropped_ = false;
  std::string to_terminal_;  // from the line, not yet taken by the terminal
  std::string to_line_;      // from the terminal, not yet taken by the line
};

}  // namespace

std::unique_ptr<LinkDriver> make_modem_driver(DriverArgs args) {
  return std::make_unique<LineDriver>(std::move(args), true);
}

std::unique_ptr<LinkDriver> make_serial_driver(DriverArgs args) {
  return std::make_unique<LineDriver>(std::move(args), false);
}

}  // namespace openras::link
