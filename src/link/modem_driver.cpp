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
    if (script_ && !finished_) {
      script_->on_timer();
    } else if (dialogue_ && !finished_) {
      dialogue_->on_timer();
    }
    if (!finished_) arm();
  }

  void on_line_writable() override {
    if (ppp_) ppp_->on_line_writable();
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
    if (!host_->report_speed(RASCS_DeviceConnected, speed)) return;
    std::fprintf(stderr, "openras-link: port %s: connected (%s, %u bps)\n", port_.c_str(),
                 reply.c_str(), speed);
    if (args_.device.script.empty()) return start_ppp();
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
    start_ppp();
    if (ppp_ && !finished_) {  // what came after the script's last match is PPP's
      std::string rest = script_->take_leftover();
      if (!rest.empty()) {
        ppp_->on_bytes({reinterpret_cast<const uint8_t*>(rest.data()), rest.size()});
      }
    }
  }

  void failed(modem::ScriptFailure failure, const std::string& message) override {
    finish(RASCS_ConnectDevice, LinkFailure::kScriptFailed,
           at("the script " + std::string(modem::script_failure_name(failure)) + ": " + message));
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

  // Bytes from the line: to PPP once it runs, else to the dialogue a line at a time.
  void feed(std::string_view bytes) {
    while (!bytes.empty() && !finished_) {
      if (ppp_) {
        ppp_->on_bytes({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()});
        return;
      }
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
    finish(RASCS_ConnectDevice, LinkFailure::kCarrierLost, at(why + " while dialing"));
  }

  // Over, by the dialogue's end, a hang-up or PPP's end.
  [[nodiscard]] bool done() const { return finished_ || (ppp_ && ppp_->ended()); }

  // The dialogue's or the script's deadline; PPP keeps its own (ppp_link.h).
  void arm() {
    if (finished_ || ppp_) return;
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
};

}  // namespace

std::unique_ptr<LinkDriver> make_modem_driver(DriverArgs args) {
  return std::make_unique<LineDriver>(std::move(args), true);
}

std::unique_ptr<LinkDriver> make_serial_driver(DriverArgs args) {
  return std::make_unique<LineDriver>(std::move(args), false);
}

}  // namespace openras::link
