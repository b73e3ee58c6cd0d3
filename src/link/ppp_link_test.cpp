// ppp_link_test.cpp: PppLink (ppp_link.h) on one end of a socket pair, a scripted peer on
// the other, and a host that records what the link reports: the projection as IPCP and
// IPV6CP open in either order (pppd in UML does both, depending on timing), and the LCP
// options of each side.
#include "link/ppp_link.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <memory>
#include <vector>

#include "base/clock.h"
#include "ppp/protocols.h"
#include "ppp/session_fixture.h"
#include "ras.h"
#include "raserror.h"

namespace openras::link {
namespace {

using ppp::test::from_peer;
using ppp::test::packet;
using ppp::test::SentPacket;

class RecordingHost final : public LinkHost {
 public:
  base::FakeClock clock_;
  std::vector<uint32_t> states;
  std::vector<Projection> projections;
  bool failed = false;
  int finished = 0;

  const base::Clock& clock() const override { return clock_; }
  bool report(uint32_t state) override {
    states.push_back(state);
    return true;
  }
  bool report_through(uint32_t state, uint32_t, const std::string&) override {
    return report(state);
  }
  bool report_projection(const Projection& p) override {
    projections.push_back(p);
    return true;
  }
  void fail(uint32_t, LinkFailure, const std::string& why) override {
    failed = true;
    ADD_FAILURE() << "the link failed: " << why;
  }
  void set_timer(std::chrono::steady_clock::time_point) override {}
  void cancel_timer() override {}
  void finish() override { ++finished; }
  void want_line_writable(bool) override {}
  void want_tun(bool) override {}
  [[nodiscard]] bool connected() const {
    return std::find(states.begin(), states.end(), RASCS_Connected) != states.end();
  }
};

constexpr std::array<uint8_t, 8> kPeerId{0x02, 0, 0, 0, 0, 0, 0, 0x01};

class PppLinkTest : public ::testing::Test {
 protected:
  RecordingHost host;
  int line[2] = {-1, -1};  // [0] the link's, [1] the peer's
  std::unique_ptr<PppLink> link;
  std::vector<SentPacket> seen;  // every frame the link sent, in order

  void SetUp() override {
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, line), 0);
  }
  void TearDown() override {
    link.reset();
    for (int fd : line) ::close(fd);
  }

  void start(uint32_t networks, KeepAlive keep_alive = {}) {
    PppSettings settings;
    settings.networks = networks;
    link = std::make_unique<PppLink>(host, line[0], -1, settings, StartMessage("u", "p", ""),
                                     "test-line", keep_alive);
    link->start();
  }
  // How many LCP Echo-Requests the link has sent (after reading the line).
  std::size_t echo_requests() {
    poll();
    return static_cast<std::size_t>(
        std::count_if(seen.begin(), seen.end(), [](const SentPacket& p) {
          return p.protocol == ppp::kProtoLcp && !p.packet.empty() && p.packet[0] == 9;
        }));
  }
  // What the link wrote since the last call, decoded, appended to `seen`.
  void poll() {
    std::vector<uint8_t> bytes;
    uint8_t buffer[4096];
    ssize_t n;
    while ((n = ::read(line[1], buffer, sizeof buffer)) > 0)
      bytes.insert(bytes.end(), buffer, buffer + n);
    for (SentPacket& p : ppp::test::frames_of(bytes)) seen.push_back(std::move(p));
  }
  void to_link(uint16_t protocol, const std::vector<uint8_t>& p) {
    std::vector<uint8_t> frame = from_peer(protocol, p);
    link->on_bytes(frame);
  }
  // The link's latest Configure-Request of `protocol` (after reading the line).
  SentPacket last_request(uint16_t protocol) {
    poll();
    for (auto it = seen.rbegin(); it != seen.rend(); ++it) {
      if (it->protocol == protocol && it->packet.size() >= 4 && it->packet[0] == 1) return *it;
    }
    ADD_FAILURE() << "the link sent no Configure-Request of protocol " << protocol;
    return {protocol, {1, 0, 0, 4}};
  }
  static std::vector<uint8_t> options_of(const SentPacket& p) {
    return {p.packet.begin() + 4, p.packet.end()};
  }

  // LCP: the peer acks the link's request as it is, and asks for its own magic and, when
  // `compression`, PFC and ACFC (no authentication).
  void open_lcp(bool compression) {
    SentPacket ours = last_request(ppp::kProtoLcp);
    to_link(ppp::kProtoLcp, packet(2, ours.packet[1], options_of(ours)));
    std::vector<uint8_t> theirs{5, 6, 0x11, 0x22, 0x33, 0x44};
    if (compression) theirs.insert(theirs.end(), {7, 2, 8, 2});
    to_link(ppp::kProtoLcp, packet(1, 0x21, theirs));
  }
  // IPCP as pppd does it: Nak the link's 0.0.0.0 and DNS with 10.0.3.2 and 10.0.3.1, ask
  // for 10.0.3.1 itself, Ack what the link asks next.
  void open_ipcp() {
    SentPacket ours = last_request(ppp::kProtoIpcp);
    std::vector<uint8_t> nak;
    std::vector<uint8_t> options = options_of(ours);
    for (std::size_t i = 0; i + 6 <= options.size(); i += options[i + 1]) {
      const uint8_t type = options[i];
      const uint8_t host_byte = type == 3 ? 2 : 1;
      nak.insert(nak.end(), {type, 6, 10, 0, 3, host_byte});
      if (options[i + 1] < 2) break;
    }
    to_link(ppp::kProtoIpcp, packet(3, ours.packet[1], nak));
    to_link(ppp::kProtoIpcp, packet(1, 0x31, {3, 6, 10, 0, 3, 1}));
    SentPacket again = last_request(ppp::kProtoIpcp);
    to_link(ppp::kProtoIpcp, packet(2, again.packet[1], options_of(again)));
  }
  // IPV6CP: Ack the link's interface identifier, ask for kPeerId.
  std::vector<uint8_t> open_ipv6cp() {
    SentPacket ours = last_request(ppp::kProtoIpv6cp);
    to_link(ppp::kProtoIpv6cp, packet(2, ours.packet[1], options_of(ours)));
    std::vector<uint8_t> theirs{1, 10};
    theirs.insert(theirs.end(), kPeerId.begin(), kPeerId.end());
    to_link(ppp::kProtoIpv6cp, packet(1, 0x41, theirs));
    std::vector<uint8_t> options = options_of(ours);
    if (options.size() < 10) return {};
    return {options.begin() + 2, options.begin() + 10};
  }
};

void expect_ipv4(const Projection& p) {
  EXPECT_EQ(p.ipv4_error, 0U);
  EXPECT_EQ(std::vector<uint8_t>(p.ipv4_address, p.ipv4_address + 4),
            (std::vector<uint8_t>{10, 0, 3, 2}));
  EXPECT_EQ(std::vector<uint8_t>(p.ipv4_server_address, p.ipv4_server_address + 4),
            (std::vector<uint8_t>{10, 0, 3, 1}));
  EXPECT_EQ(std::vector<uint8_t>(p.dns1, p.dns1 + 4), (std::vector<uint8_t>{10, 0, 3, 1}));
}

void expect_ipv6(const Projection& p, const std::vector<uint8_t>& ours) {
  EXPECT_EQ(p.ipv6_error, 0U);
  EXPECT_EQ(std::vector<uint8_t>(p.interface_id, p.interface_id + 8), ours);
  EXPECT_EQ(std::vector<uint8_t>(p.server_interface_id, p.server_interface_id + 8),
            std::vector<uint8_t>(kPeerId.begin(), kPeerId.end()));
}

// IPCP first: Connected at once with IPv6 still negotiating (730), then a second
// projection, with the identifiers, when IPV6CP opens: rasmand adds IPv6 to the interface
// from that one.
TEST_F(PppLinkTest, Ipv6cpOpeningAfterConnectedSendsTheProjectionAgain) {
  start(kPppNetIpv4 | kPppNetIpv6);
  open_lcp(true);
  open_ipcp();
  ASSERT_TRUE(host.connected());
  ASSERT_EQ(host.projections.size(), 1U);
  expect_ipv4(host.projections[0]);
  EXPECT_EQ(host.projections[0].ipv6_error, static_cast<uint32_t>(ERROR_PROJECTION_NOT_COMPLETE));
  std::vector<uint8_t> ours = open_ipv6cp();
  ASSERT_EQ(ours.size(), 8U);
  ASSERT_EQ(host.projections.size(), 2U);
  expect_ipv4(host.projections[1]);
  expect_ipv6(host.projections[1], ours);
  EXPECT_FALSE(host.failed);
}

// IPV6CP first: nothing is reported until IPCP opens; then one projection carries both.
TEST_F(PppLinkTest, Ipv6cpOpeningBeforeIpcpIsInTheOneProjection) {
  start(kPppNetIpv4 | kPppNetIpv6);
  open_lcp(true);
  std::vector<uint8_t> ours = open_ipv6cp();
  ASSERT_EQ(ours.size(), 8U);
  EXPECT_TRUE(host.projections.empty());
  EXPECT_FALSE(host.connected());
  open_ipcp();
  ASSERT_TRUE(host.connected());
  ASSERT_EQ(host.projections.size(), 1U);
  expect_ipv4(host.projections[0]);
  expect_ipv6(host.projections[0], ours);
}

// Both open on the same bytes, IPV6CP's last packet first: the session reports Ipv6Up
// before NetworkUp, with IPCP already open. Connected waits for IPv4, and the one
// projection carries both (pppd in UML did this now and then: ras0 came up without IPv4).
TEST_F(PppLinkTest, IpcpAndIpv6cpOpeningOnTheSameBytesConnectWithBoth) {
  start(kPppNetIpv4 | kPppNetIpv6);
  open_lcp(true);
  // IPCP up to its last packet: Nak the link's request, send ours (the link acks it).
  SentPacket ours4 = last_request(ppp::kProtoIpcp);
  std::vector<uint8_t> nak;
  std::vector<uint8_t> options = options_of(ours4);
  for (std::size_t i = 0; i + 6 <= options.size(); i += options[i + 1]) {
    nak.insert(nak.end(), {options[i], 6, 10, 0, 3, static_cast<uint8_t>(options[i] == 3 ? 2 : 1)});
    if (options[i + 1] < 2) break;
  }
  to_link(ppp::kProtoIpcp, packet(3, ours4.packet[1], nak));
  to_link(ppp::kProtoIpcp, packet(1, 0x31, {3, 6, 10, 0, 3, 1}));
  SentPacket again = last_request(ppp::kProtoIpcp);
  // IPV6CP up to its last packet: the peer's request (the link acks it).
  SentPacket ours6 = last_request(ppp::kProtoIpv6cp);
  std::vector<uint8_t> theirs{1, 10};
  theirs.insert(theirs.end(), kPeerId.begin(), kPeerId.end());
  to_link(ppp::kProtoIpv6cp, packet(1, 0x41, theirs));
  EXPECT_FALSE(host.connected());
  // The two last packets, one read: the Configure-Acks of the link's requests.
  std::vector<uint8_t> bytes =
      from_peer(ppp::kProtoIpv6cp, packet(2, ours6.packet[1], options_of(ours6)));
  std::vector<uint8_t> ipcp_ack =
      from_peer(ppp::kProtoIpcp, packet(2, again.packet[1], options_of(again)));
  bytes.insert(bytes.end(), ipcp_ack.begin(), ipcp_ack.end());
  link->on_bytes(bytes);
  ASSERT_TRUE(host.connected());
  ASSERT_EQ(host.projections.size(), 1U);
  expect_ipv4(host.projections[0]);
  std::vector<uint8_t> options6 = options_of(ours6);
  ASSERT_GE(options6.size(), 10U);
  expect_ipv6(host.projections[0], {options6.begin() + 2, options6.begin() + 10});
}

// The client's LCP options are how we send (what the peer asked of us), the server's how
// it sends (what we asked and it acked): a peer that asks for no compression but takes
// ours has PFC and ACFC on its side only.
TEST_F(PppLinkTest, LcpOptionsAreEachSidesOwn) {
  start(kPppNetIpv4);
  open_lcp(false);
  open_ipcp();
  ASSERT_EQ(host.projections.size(), 1U);
  EXPECT_EQ(host.projections[0].lcp_options, 0U);
  EXPECT_EQ(host.projections[0].lcp_server_options,
            static_cast<uint32_t>(RASLCPO_PFC | RASLCPO_ACFC));
  EXPECT_EQ(host.projections[0].ipv6_error, static_cast<uint32_t>(ERROR_PROTOCOL_NOT_CONFIGURED));
  EXPECT_EQ(host.projections[0].auth_protocol, 0U);
}

TEST_F(PppLinkTest, LcpOptionsWhenBothSidesCompress) {
  start(kPppNetIpv4);
  open_lcp(true);
  open_ipcp();
  ASSERT_EQ(host.projections.size(), 1U);
  EXPECT_EQ(host.projections[0].lcp_options, static_cast<uint32_t>(RASLCPO_PFC | RASLCPO_ACFC));
  EXPECT_EQ(host.projections[0].lcp_server_options,
            static_cast<uint32_t>(RASLCPO_PFC | RASLCPO_ACFC));
}

// The device's LcpEchoInterval and LcpEchoFailure, or the line's default: none where the
// line reports its carrier, kDeadLineKeepAlive where it cannot; out of range is an error
// that names the value.
TEST(KeepAlive, TheDevicesSettingsOrTheLinesDefault) {
  using std::chrono::seconds;
  DeviceSettings d;
  EXPECT_EQ(*keep_alive_for(d, true), KeepAlive{});
  EXPECT_EQ(keep_alive_for(d, true)->interval, seconds(0)) << "off by default, as on Windows";
  EXPECT_EQ(*keep_alive_for(d, false), kDeadLineKeepAlive);
  d.echo_interval_s = 0;
  EXPECT_EQ(keep_alive_for(d, false)->interval, seconds(0)) << "0 turns even a pty's off";
  d.echo_interval_s = 30;
  d.echo_failures = 4;
  EXPECT_EQ(*keep_alive_for(d, true), (KeepAlive{seconds(30), 4}));
  d.echo_failures = 0;
  EXPECT_EQ(keep_alive_for(d, true)->failures, 3) << "LcpEchoFailure 0 is the default";
  d.echo_interval_s = kMaxEchoInterval + 1;
  auto bad = keep_alive_for(d, true);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("LcpEchoInterval 3601"), std::string::npos)
      << bad.error().message;
  d.echo_interval_s = 10;
  d.echo_failures = kMaxEchoFailures + 1;
  bad = keep_alive_for(d, true);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("LcpEchoFailure 101"), std::string::npos)
      << bad.error().message;
}

// With a keep-alive an Echo-Request goes out each interval once LCP is open; without one,
// none in a long quiet minute.
TEST_F(PppLinkTest, EchoRequestsFollowTheKeepAlive) {
  start(kPppNetIpv4, KeepAlive{std::chrono::seconds(7), 3});
  open_lcp(false);
  open_ipcp();
  ASSERT_TRUE(host.connected());
  EXPECT_EQ(echo_requests(), 0U);
  host.clock_.advance(std::chrono::seconds(6));
  link->on_timer();
  EXPECT_EQ(echo_requests(), 0U) << "an echo before the interval";
  host.clock_.advance(std::chrono::seconds(1));
  link->on_timer();
  EXPECT_EQ(echo_requests(), 1U);
  host.clock_.advance(std::chrono::seconds(7));
  link->on_timer();
  EXPECT_EQ(echo_requests(), 2U);
}

TEST_F(PppLinkTest, NoKeepAliveSendsNoEchoes) {
  start(kPppNetIpv4);
  open_lcp(false);
  open_ipcp();
  for (int i = 0; i < 60; ++i) {
    host.clock_.advance(std::chrono::seconds(1));
    link->on_timer();
  }
  EXPECT_EQ(echo_requests(), 0U);
  EXPECT_FALSE(host.failed);
}

// The hang-up: a Terminate-Request goes out at once, nothing more is reported, and the
// link ends (finish(), not fail()) only when the peer's Terminate-Ack arrives — what the
// link waits for before rasmand closes the line, so the far end hears the call end.
TEST_F(PppLinkTest, AHangUpWaitsForThePeersTerminateAck) {
  start(kPppNetIpv4);
  open_lcp(true);
  open_ipcp();
  ASSERT_TRUE(host.connected());
  const std::size_t states = host.states.size();
  ASSERT_TRUE(link->close());
  poll();
  ASSERT_FALSE(seen.empty());
  const SentPacket& request = seen.back();
  ASSERT_EQ(request.protocol, ppp::kProtoLcp);
  ASSERT_GE(request.packet.size(), 4U);
  EXPECT_EQ(request.packet[0], 5) << "not a Terminate-Request";
  EXPECT_EQ(host.finished, 0) << "ended before the peer answered";
  EXPECT_FALSE(link->ended());
  EXPECT_FALSE(link->close()) << "a second hang-up is not a second Terminate-Request";
  to_link(ppp::kProtoLcp, packet(6, request.packet[1], {}));
  EXPECT_EQ(host.finished, 1);
  EXPECT_TRUE(link->ended());
  EXPECT_EQ(host.states.size(), states) << "a state reported after the hang-up";
  EXPECT_FALSE(host.failed);
}

// A line that goes while the link waits for the Terminate-Ack ends the wait.
TEST_F(PppLinkTest, TheLinesLossEndsAHangUpWait) {
  start(kPppNetIpv4);
  open_lcp(true);
  open_ipcp();
  ASSERT_TRUE(link->close());
  EXPECT_EQ(host.finished, 0);
  link->line_lost("the line hung up");
  EXPECT_EQ(host.finished, 1);
  EXPECT_FALSE(host.failed);
}

}  // namespace
}  // namespace openras::link
