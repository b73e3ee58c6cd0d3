// ppp_link.h: PPP on a connected line, for the line drivers (modem_driver.cpp). It runs
// src/ppp's Session over the line descriptor, moves IP packets between the session and
// the connection's TUN interface (made and configured by rasmand; the link only reads and
// writes it), turns the session's events into RAS states (Authenticate, Authenticated,
// Projected, Connected) and a Projection, and its end into one LinkFailure.
//
// Line output is buffered: when the line takes less than the session produced, the rest
// waits for the line to be writable, and the TUN interface is not read while more than
// kMaxPendingLine bytes wait, so a slow line pushes back on the kernel's queue instead of
// growing ours. Thread: the link's main thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "link/driver.h"
#include "ppp/session.h"

namespace openras::link {

// The Session's settings for `settings`, as docs/devices.md "PPP" describes them.
[[nodiscard]] ppp::SessionConfig session_config(const PppSettings& settings);

// The RAS failure for the way a session ended.
[[nodiscard]] LinkFailure link_failure(ppp::TerminateReason reason);

// The LCP keep-alive a PppLink runs: an Echo-Request every `interval` (zero: none), the
// peer declared dead after `failures` go unanswered (718 before Connected, 638 after).
struct KeepAlive {
  std::chrono::seconds interval{0};
  int failures = 3;
  bool operator==(const KeepAlive&) const = default;
};
// A line that cannot report its carrier (a pseudo-terminal: no DCD, and a modem simulator
// that stays open after NO CARRIER) gets LCP echoes as its carrier by default.
inline constexpr KeepAlive kDeadLineKeepAlive{std::chrono::seconds(5), 3};
// The keep-alive for a device (its LcpEchoInterval and LcpEchoFailure): its own settings,
// or else none where the line reports its carrier (Windows has no keep-alive by default:
// it has DCD) and kDeadLineKeepAlive where it cannot. A value out of range
// (kMaxEchoInterval, kMaxEchoFailures) is an error that names it.
[[nodiscard]] Result<KeepAlive> keep_alive_for(const DeviceSettings& device,
                                               bool line_reports_carrier);

class PppLink final : private ppp::SessionHost {
 public:
  static constexpr std::size_t kMaxPendingLine = 64 * 1024;

  // `line` and `tun` stay open for the PppLink's life (the driver owns neither); `tun` may
  // be -1 (no IP is carried: tests of the negotiation alone). `port` names the line in
  // messages.
  PppLink(LinkHost& host, int line, int tun, const PppSettings& settings,
          const StartMessage& credentials, std::string port, KeepAlive keep_alive = {});
  ~PppLink() override;
  PppLink(const PppLink&) = delete;
  PppLink& operator=(const PppLink&) = delete;

  void start();
  void on_bytes(std::span<const uint8_t> bytes);  // read from the line
  void on_line_writable();
  void on_tun();
  void on_timer();
  // The line is gone (carrier lost): fails the link unless it already ended.
  void line_lost(const std::string& why);
  // rasmand hung up: a Terminate-Request goes out at once. true while the peer's answer is
  // awaited — the link then ends with LinkHost::finish() when LCP finishes (the peer's
  // Terminate-Ack, Max-Terminate, or the line's loss), nothing more reported; false when
  // PPP has already ended.
  [[nodiscard]] bool close();

  [[nodiscard]] bool ended() const { return ended_; }
  // Adds the session's counts to `counters` (which already holds the dialogue's bytes).
  void add_counters(LinkCounters& counters) const;

 private:
  void send_line(ppp::Bytes bytes) override;
  void receive_ip(uint16_t protocol, ppp::Bytes packet) override;
  void event(const ppp::Event& e) override;

  void flush_line();
  void arm();
  void check_connected();
  [[nodiscard]] Projection projection() const;
  void end(LinkFailure failure, const std::string& why);
  [[nodiscard]] std::string at(const std::string& what) const;

  LinkHost& host_;
  int line_;
  int tun_;
  PppSettings settings_;
  std::string port_;
  std::unique_ptr<ppp::SystemRandom> random_;
  std::unique_ptr<ppp::Session> session_;
  std::vector<uint8_t> pending_;  // line bytes not yet written
  std::size_t pending_from_ = 0;
  std::vector<uint8_t> packet_;  // one TUN packet
  ppp::AuthProtocol auth_ = ppp::AuthProtocol::kNone;
  bool ipv4_up_ = false;
  bool ipv6_up_ = false;
  ppp::Ipv6cpResult ipv6_;
  bool authenticated_ = false;
  bool closing_ = false;        // close(): the hang-up, waiting for LCP to finish
  bool ipv6_reported_ = false;  // a projection with IPv6 up went to rasmand
  bool ipv4_reported_ = false;  // a projection with IPv4 up went to rasmand
  bool connected_ = false;
  bool ended_ = false;
  uint64_t dropped_from_tun_ = 0;
  uint64_t dropped_to_tun_ = 0;
  uint64_t line_bytes_out_ = 0;
};

}  // namespace openras::link
