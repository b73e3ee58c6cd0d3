// link.cpp: the link process as a driver host (see link.h, driver.h).
#include "link/link.h"

#include <sys/epoll.h>
#include <sys/socket.h>

#include <string.h>

#include <cerrno>
#include <cstdio>
#include <memory>
#include <vector>

#include "link/driver.h"
#include "link/event_loop.h"
#include "link/message.h"
#include "ras.h"
#include "raserror.h"

namespace openras::link {

namespace {

constexpr int kDriverTimer = 0;
// What a packet of reports reserves: a dial's burst (eight states and a projection) is
// about 550 bytes.
constexpr std::size_t kPacketReserve = 1024;
constexpr int kHangUpTimer = 1;

bool send_packet(int fd, const std::vector<uint8_t>& bytes) {
  ssize_t n;
  do {
    n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  return n == static_cast<ssize_t>(bytes.size());
}

void say(const std::string& message) {
  std::fprintf(stderr, "openras-link: %s\n", message.c_str());
}

// Reports a failure before any driver runs (no Start needed for it).
void report_failure(int fd, LinkFailure failure) {
  (void)send_packet(fd, encode_link_message(StateMessage{RASCS_OpenPort, ras_code(failure)}));
}

// The host side of one link: the control socket, the line, the driver's timer.
class Host final : public LinkHost {
 public:
  Host(EventLoop& loop, int control) : loop_(loop), control_(control) {}
  ~Host() override { loop_.set_idle(nullptr); }  // the loop may outlive this host
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;

  // Makes the driver and starts it; then run the loop.
  Status begin(const DriverInfo& info, DriverArgs args) {
    line_ = args.line_fd;
    tun_ = args.tun_fd;
    terminal_ = args.terminal_fd;
    driver_ = info.make(std::move(args));
    loop_.set_idle([this] { flush(); });
    if (auto ok = loop_.watch(control_, EPOLLIN, [this](uint32_t) { on_control(); }); !ok) {
      return ok;
    }
    if (auto ok = watch_line(); !ok) return ok;
    driver_->start(*this);
    return {};
  }

  void want_line_writable(bool on) override {
    if (line_writable_ == on) return;
    line_writable_ = on;
    if (auto ok = watch_line(); !ok) say(ok.error().message);
  }

  void want_tun(bool on) override {
    if (tun_ < 0 || tun_watched_ == on) return;
    tun_watched_ = on;
    if (!on) return loop_.unwatch(tun_);
    auto ok = loop_.watch(tun_, EPOLLIN, [this](uint32_t) { driver_->on_tun(); });
    if (!ok) say(ok.error().message);
  }

  void watch_terminal(bool readable, bool writable) override {
    if (terminal_ < 0) return;
    uint32_t events = (readable ? EPOLLIN : 0U) | (writable ? EPOLLOUT : 0U);
    if (events == terminal_events_) return;
    terminal_events_ = events;
    if (events == 0) return loop_.unwatch(terminal_);
    auto ok =
        loop_.watch(terminal_, events, [this](uint32_t revents) { driver_->on_terminal(revents); });
    if (!ok) say(ok.error().message);
  }

  const base::Clock& clock() const override { return loop_.clock(); }

  bool report(uint32_t state) override { return send(StateMessage{state, 0}); }

  bool report_through(uint32_t state, uint32_t bps, const std::string& number) override {
    StateMessage through{state, 0, bps};
    through.number = number;
    return send(through);
  }

  bool report_projection(const Projection& projection) override { return send(projection); }

  void fail(uint32_t state, LinkFailure failure, const std::string& why) override {
    say(why + " (" + std::string(failure_name(failure)) + ", error " +
        std::to_string(ras_code(failure)) + ")");
    StateMessage failed{state, ras_code(failure)};
    failed.reason = why;
    bool sent = send(failed);
    loop_.quit(sent || gone_ ? 0 : 1);
  }

  void set_timer(std::chrono::steady_clock::time_point when) override {
    loop_.set_timer(kDriverTimer, when, [this] { driver_->on_timer(); });
  }

  void cancel_timer() override { loop_.cancel_timer(kDriverTimer); }

  void finish() override { loop_.quit(0); }

 private:
  // Queued, in order, and sent when the loop's round is over (flush), packed back to back
  // into as few packets as hold them (message.h): a driver that reports several states at
  // once (a dial's burst) costs one packet and one system call, not one each.
  bool send(const LinkMessage& message) {
    if (gone_) return false;
    std::vector<uint8_t> bytes = encode_link_message(message);
    if (queued_.empty() || queued_.back().size() + bytes.size() > kMaxMessageSize) {
      queued_.emplace_back().reserve(kPacketReserve);
    }
    queued_.back().insert(queued_.back().end(), bytes.begin(), bytes.end());
    return true;
  }

  void flush() {
    constexpr std::size_t kBatch = 16;
    std::size_t sent = 0;
    while (sent < queued_.size() && !gone_) {
      iovec iov[kBatch];
      mmsghdr batch[kBatch] = {};
      const std::size_t count = std::min(kBatch, queued_.size() - sent);
      for (std::size_t i = 0; i < count; ++i) {
        std::vector<uint8_t>& bytes = queued_[sent + i];
        iov[i] = iovec{bytes.data(), bytes.size()};
        batch[i].msg_hdr.msg_iov = &iov[i];
        batch[i].msg_hdr.msg_iovlen = 1;
      }
      int n = ::sendmmsg(control_, batch, static_cast<unsigned>(count), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        // rasmand's end is gone mid-report: a failure of the link, not a hang-up.
        gone_ = true;
        loop_.quit(1);
        break;
      }
      sent += static_cast<std::size_t>(n);
    }
    queued_.clear();
  }

  void on_control() {
    uint8_t packet[kMaxMessageSize + 1];
    ssize_t n = ::recv(control_, packet, sizeof packet, MSG_DONTWAIT | MSG_TRUNC);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
    if (n <= 0) {  // rasmand closed its end: the hang-up
      gone_ = true;
      loop_.unwatch(control_);
      if (!driver_->hang_up()) return loop_.quit(0);
      loop_.set_timer(kHangUpTimer, loop_.clock().now() + kHangUpGrace, [this] {
        say("the hang-up took longer than " + std::to_string(kHangUpGrace.count()) +
            " ms; ending the link");
        loop_.quit(0);
      });
      return;
    }
    if (static_cast<std::size_t>(n) > sizeof packet) n = sizeof packet;
    auto message = parse_control_message({packet, static_cast<std::size_t>(n)});
    ::explicit_bzero(packet, sizeof packet);
    if (!message) {
      say(message.error().message + "; ignored");
      return;
    }
    if (std::holds_alternative<StatisticsRequest>(*message)) (void)send(driver_->counters());
    if (std::holds_alternative<ResumeMessage>(*message)) driver_->resume();
  }

  Status watch_line() {
    if (line_ < 0) return {};
    uint32_t events = EPOLLIN | EPOLLRDHUP;
    if (line_writable_) events |= EPOLLOUT;
    return loop_.watch(line_, events, [this](uint32_t revents) {
      if ((revents & EPOLLOUT) != 0) driver_->on_line_writable();
      if ((revents & ~EPOLLOUT) != 0) {
        driver_->on_line((revents & (EPOLLHUP | EPOLLRDHUP | EPOLLERR)) != 0);
      }
    });
  }

  EventLoop& loop_;
  int control_;
  int line_ = -1;
  int tun_ = -1;
  int terminal_ = -1;
  uint32_t terminal_events_ = 0;
  bool line_writable_ = false;
  bool tun_watched_ = false;
  bool gone_ = false;
  std::vector<std::vector<uint8_t>> queued_;  // packets of reports not yet sent (flush)
  std::unique_ptr<LinkDriver> driver_;
};

// Runs `info`'s driver to its end on `loop`; the link's exit status.
int host(EventLoop& loop, int fd, const DriverInfo& info, DriverArgs args) {
  Host h(loop, fd);
  if (auto ok = h.begin(info, std::move(args)); !ok) {
    say(ok.error().message);
    report_failure(fd, LinkFailure::kSetupFailed);
    return 1;
  }
  int status = loop.run();
  return status < 0 ? 1 : status;
}

}  // namespace

Result<StartMessage> receive_start(int fd) {
  uint8_t packet[kMaxMessageSize + 1];
  ssize_t n;
  do {
    n = ::recv(fd, packet, sizeof packet, MSG_TRUNC);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return fail_errno(errno, "reading rasmand's Start message");
  if (n == 0) return fail(Errc::kCancelled, "rasmand hung up before Start");
  if (static_cast<std::size_t>(n) > sizeof packet) n = sizeof packet;
  auto message = parse_control_message({packet, static_cast<std::size_t>(n)});
  ::explicit_bzero(packet, sizeof packet);
  if (!message) return fail(message.error());
  auto* start = std::get_if<StartMessage>(&*message);
  if (start == nullptr) return fail(Errc::kInvalidData, "rasmand's first message is not Start");
  return std::move(*start);
}

int run_test_device(int fd, const std::string& phone_number, StartMessage credentials) {
  base::SystemClock clock;
  auto loop = EventLoop::create(clock);
  if (!loop) {
    say(loop.error().message);
    return 1;
  }
  DriverArgs args;
  args.phone_number = phone_number;
  args.credentials = std::move(credentials);
  return host(*loop, fd, *find_driver("test"), std::move(args));
}

int run_link(const LinkOptions& options) {
  // A forked link has the zygote's credentials and no_new_privs already (run_zygote dropped
  // them before it served a request, and refuses to serve as root).
  if (auto ok = options.forked_by_zygote ? Status{} : drop_privileges(options.become); !ok) {
    say(ok.error().message);
    report_failure(options.fd, LinkFailure::kSetupFailed);
    return 1;
  }
  base::SystemClock clock;
  auto loop = EventLoop::create(clock);
  if (!loop) {
    say(loop.error().message);
    report_failure(options.fd, LinkFailure::kSetupFailed);
    return 1;
  }
  const DriverInfo* info = find_driver(options.device_type);
  const std::span<const long> extra =
      info != nullptr ? info->extra_syscalls : std::span<const long>();
  if (auto ok =
          options.forked_by_zygote ? install_seccomp_under_zygote(extra) : install_seccomp(extra);
      !ok) {
    say(ok.error().message);
    report_failure(options.fd, LinkFailure::kSetupFailed);
    return 1;
  }
  if (info == nullptr) {
    say("device type \"" + options.device_type + "\" has no driver");
    report_failure(options.fd, LinkFailure::kNoDriver);
    return 1;
  }
  if (info->needs_line && options.line_fd < 0) {
    say("a " + options.device_type + " device needs its serial line, and none came with the link");
    report_failure(options.fd, LinkFailure::kSetupFailed);
    return 1;
  }
  auto start = receive_start(options.fd);
  if (!start) {
    if (start.error().code == Errc::kCancelled) return 0;  // hung up before it began
    say(start.error().message);
    return 1;
  }
  DriverArgs args;
  args.phone_number = options.phone_number;
  args.credentials = std::move(*start);
  args.line_fd = info->needs_line ? options.line_fd : -1;
  args.tun_fd = info->needs_line ? options.tun_fd : -1;
  args.terminal_fd = info->needs_line ? options.terminal_fd : -1;
  args.device = options.device;
  args.ppp = options.ppp;
  return host(*loop, options.fd, *info, std::move(args));
}

}  // namespace openras::link
