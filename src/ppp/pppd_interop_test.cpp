// pppd_interop_test: the session against Debian's pppd 2.4.9 running in User-Mode Linux
// (tests/peers/uml-pppd; shared/reference/ppp-peers.md 3.2): a peer unlike slirp in every
// way that matters here. It is active, asks ACCM 0 (or what `asyncmap` says), offers
// IPV6CP, runs PAP, CHAP-MD5 and MS-CHAPv2 through the kernel's ppp_async framing, and its
// own debug log is an independent decode of what we sent. Each case boots its own UML
// (~5 s), so the cases are few and each checks several things. CTest runs it as root under
// `unshare -n`; it refuses the host's network namespace.
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ppp/interop_test_util.h"
#include "ppp/session.h"

namespace openras::ppp {
namespace {

using namespace std::chrono_literals;
using namespace interop;
namespace fs = std::filesystem;

constexpr uint32_t kServer = 0x0A000301;  // 10.0.3.1, pppd's end
constexpr uint32_t kClient = 0x0A000302;  // 10.0.3.2, what pppd assigns us
constexpr uint64_t kOurInterfaceId = 0x1122334455667788;

class PppdTest : public ::testing::Test {
 protected:
  fs::path dir;
  fs::path log;
  pid_t peer = -1;
  LineHost link;
  base::SystemClock clock;
  SystemRandom random;

  void SetUp() override {
    // CI has root and the packages, so a skip there is a failure (as tests/lib.sh does).
    std::string why;
    if (!isolated_network()) why = "not in a private network namespace (CTest runs unshare -n)";
    if (geteuid() != 0) why = "needs root (UML with the host's / as root, a PID namespace)";
    if (access("/usr/bin/linux.uml", X_OK) != 0) why = "user-mode-linux is not installed";
    if (access("/usr/sbin/pppd", X_OK) != 0) why = "ppp is not installed";
    if (!why.empty()) {
      if (in_ci()) FAIL() << why;
      GTEST_SKIP() << why;
    }
    char tmpl[] = "/tmp/ppp-pppd-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir = tmpl;
    log = dir / "pppd.log";
  }

  void TearDown() override {
    Peer p{peer, link.fd};
    // uml-pppd kills its UML and waits for every process of it.
    EXPECT_TRUE(stop_peer(p, 20s)) << "uml-pppd did not end on SIGTERM";
    link.fd = -1;
    if (HasFailure() && !log.empty()) std::printf("--- pppd's log ---\n%s\n", log_text().c_str());
    if (!dir.empty()) fs::remove_all(dir);
  }

  // Boots pppd in UML on a fresh pty with the extra pppd `options`.
  void start_pppd(const std::vector<std::string>& options) {
    Peer p = spawn_uml_pppd(OPENRAS_UML_PPPD, log.string(), options);
    ASSERT_GE(p.pid, 0) << "cannot start uml-pppd: " << std::strerror(errno);
    peer = p.pid;
    link.fd = p.fd;
  }

  std::string log_text() const {
    std::ifstream in(log);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  template <class Done>
  bool run_until(Session& session, Done done, std::chrono::milliseconds limit) {
    return run(session, link, clock, done, limit);
  }

  // Dials until IPCP (and IPV6CP when `ipv6`) is up; ~5 s of that is UML booting.
  void connect(Session& session, bool ipv6) {
    session.start();
    ASSERT_TRUE(run_until(
        session,
        [&] {
          return link.find<LinkTerminated>() ||
                 (link.find<NetworkUp>() && (!ipv6 || link.find<Ipv6Up>()));
        },
        40s))
        << "no network-up from pppd in 40 s";
    ASSERT_EQ(link.find<LinkTerminated>(), nullptr)
        << "pppd ended the link: " << link.find<LinkTerminated>()->message;
    const NetworkUp* up = link.find<NetworkUp>();
    EXPECT_EQ(up->ipv4.local, kClient);
    EXPECT_EQ(up->ipv4.remote, kServer);
    EXPECT_EQ(up->ipv4.dns1, kServer);  // ms-dns 10.0.3.1
  }

  // An ICMP echo to pppd's end carrying `data`, answered by the guest's kernel. pppd may
  // drop the first packet after IPCP opens (ppp-peers.md 3.2), so it is retried.
  void ping(Session& session, std::string_view data) {
    for (int attempt = 0; attempt < 5 && !find_echo_reply(link.ip, data); ++attempt) {
      ASSERT_TRUE(session.send_ip(icmp_echo(kClient, kServer, data)));
      run_until(
          session, [&] { return find_echo_reply(link.ip, data) != nullptr; }, 1s);
    }
    ASSERT_NE(find_echo_reply(link.ip, data), nullptr) << "no echo reply from 10.0.3.1";
  }

  // One line to the guest's service on 10.0.3.1:7777 and its answer, over a TCP connection
  // played by hand: SYN, ACK with data, then RST once the answer is in.
  void tcp_exchange(Session& session) {
    const TcpFlow flow{kClient, kServer, 40001, 7777};
    auto segment = [&](uint8_t want) -> std::optional<TcpSeen> {
      for (const auto& p : link.ip) {
        TcpSeen s;
        if (parse_tcp(p, flow, s) && (s.flags & want) == want) return s;
      }
      return std::nullopt;
    };
    std::optional<TcpSeen> synack;
    for (int attempt = 0; attempt < 3 && !synack; ++attempt) {
      ASSERT_TRUE(session.send_ip(tcp_segment(flow, 1000, 0, kTcpSyn)));
      run_until(
          session, [&] { return (synack = segment(kTcpSyn | kTcpAck)).has_value(); }, 2s);
    }
    ASSERT_TRUE(synack) << "no SYN-ACK from 10.0.3.1:7777";
    ASSERT_EQ(synack->ack, 1001U);
    const std::string hello = "hello over PPP\n";
    ASSERT_TRUE(
        session.send_ip(tcp_segment(flow, 1001, synack->seq + 1, kTcpAck | kTcpPsh, hello)));
    std::string answer;
    run_until(
        session,
        [&] {
          answer.clear();
          for (const auto& p : link.ip) {
            TcpSeen s;
            if (parse_tcp(p, flow, s)) answer += s.data;
          }
          return answer.find('\n') != std::string::npos;
        },
        5s);
    EXPECT_EQ(answer, "uml server got: hello over PPP\n");
    ASSERT_TRUE(
        session.send_ip(tcp_segment(flow, 1001 + static_cast<uint32_t>(hello.size()), 0, kTcpRst)));
  }

  // Hangs up, then waits for pppd to end and UML to power off, so the log is complete.
  void hang_up(Session& session) {
    session.close();
    ASSERT_TRUE(run_until(
        session, [&] { return link.find<LinkTerminated>() != nullptr; }, 10s));
    EXPECT_EQ(link.find<LinkTerminated>()->reason, TerminateReason::kLocalClose);
    EXPECT_EQ(session.stats().in.crc_errors, 0U);
    const int status = wait_exit(peer, 20s);
    ASSERT_NE(status, -1) << "UML did not power off after pppd's link ended";
    peer = -1;
  }
};

// Line bytes between the flags of frames, with escapes undone: which raw control
// characters appear, and which were escaped (7D then c ^ 0x20), in `line`.
struct ControlUse {
  bool raw[32] = {};
  bool escaped[32] = {};
};
ControlUse control_use(const std::vector<uint8_t>& line) {
  ControlUse u;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == 0x7D && i + 1 < line.size()) {
      uint8_t c = line[i + 1] ^ 0x20;
      if (c < 32) u.escaped[c] = true;
      ++i;
    } else if (line[i] < 32) {
      u.raw[line[i]] = true;
    }
  }
  return u;
}

// PAP, IPV6CP negotiated both ways, pppd's `asyncmap 0xa0000` (escape XON/XOFF only)
// honoured on the IP frames we send, ICMP and a TCP exchange with the guest's service.
TEST_F(PppdTest, PapIpv6AsyncmapIcmpAndTcp) {
  start_pppd({"require-pap", "asyncmap", "0xa0000"});
  SessionConfig config;
  config.ipv6 = true;
  config.ipv6cp.interface_id = kOurInterfaceId;
  Session session(config, Credentials("testuser", "testpass"), link, clock, random);
  connect(session, true);
  ASSERT_NE(link.find<AuthSucceeded>(), nullptr);
  EXPECT_EQ(link.find<AuthSucceeded>()->protocol, AuthProtocol::kPap);
  EXPECT_EQ(link.find<AuthSucceeded>()->message, "Login ok");
  EXPECT_EQ(session.lcp().send_accm, 0x000A0000U);  // pppd's asyncmap, as we now send
  const Ipv6Up* v6 = link.find<Ipv6Up>();
  ASSERT_NE(v6, nullptr);
  EXPECT_EQ(v6->ipv6.local_id, kOurInterfaceId);
  EXPECT_NE(v6->ipv6.peer_id, 0U);
  EXPECT_NE(v6->ipv6.peer_id, kOurInterfaceId);

  // The echo's data holds XON, XOFF and other control characters: only 0x11 and 0x13 may be
  // escaped, and pppd must hand the data back intact.
  link.record_line = true;
  const std::string data = std::string("\x01\x11\x13\x1f", 4) + "accm";
  ping(session, data);
  link.record_line = false;
  ControlUse use = control_use(link.line_sent);
  EXPECT_TRUE(use.escaped[0x11] && use.escaped[0x13]);
  EXPECT_FALSE(use.raw[0x11] || use.raw[0x13]);
  EXPECT_TRUE(use.raw[0x01] && use.raw[0x1F] && use.raw[0x00]);
  EXPECT_FALSE(use.escaped[0x01] || use.escaped[0x1F]);

  tcp_exchange(session);
  hang_up(session);

  const std::string text = log_text();
  EXPECT_NE(text.find("PAP peer authentication succeeded for testuser"), std::string::npos);
  // pppd's own decode of our interface identifier, and its link-local addresses.
  EXPECT_NE(text.find("remote LL address fe80::1122:3344:5566:7788"), std::string::npos);
  EXPECT_NE(text.find("remote IP address 10.0.3.2"), std::string::npos);
}

// CHAP-MD5; IPv6 off, so pppd's IPV6CP is Protocol-Rejected (and pppd says it saw that);
// ACCM 0 as pppd asks by default: control characters go raw and come back intact.
TEST_F(PppdTest, ChapMd5Ipv6RejectedAccmZero) {
  start_pppd({"require-chap"});
  Session session(SessionConfig{}, Credentials("testuser", "testpass"), link, clock, random);
  connect(session, false);
  ASSERT_NE(link.find<AuthSucceeded>(), nullptr);
  EXPECT_EQ(link.find<AuthSucceeded>()->protocol, AuthProtocol::kChapMd5);
  EXPECT_EQ(session.lcp().send_accm, 0U);
  EXPECT_EQ(link.find<Ipv6Up>(), nullptr);
  EXPECT_GE(session.stats().rejected_frames, 1U);  // pppd's IPV6CP Configure-Request

  link.record_line = true;
  const std::string data = std::string("\x01\x11\x13\x1f", 4) + "raw";
  ping(session, data);
  link.record_line = false;
  ControlUse use = control_use(link.line_sent);
  for (int c : {0x00, 0x01, 0x11, 0x13, 0x1F}) {
    EXPECT_TRUE(use.raw[c]) << "control character " << c << " not sent raw under ACCM 0";
    EXPECT_FALSE(use.escaped[c]) << "control character " << c << " escaped under ACCM 0";
  }
  hang_up(session);

  const std::string text = log_text();
  // pppd logs no "succeeded" notice for CHAP; its verdict is the Success it sent us.
  EXPECT_NE(text.find("rcvd [CHAP Response id=0x"), std::string::npos);
  EXPECT_NE(text.find("name = \"testuser\""), std::string::npos);
  EXPECT_NE(text.find("sent [CHAP Success id=0x"), std::string::npos);
  EXPECT_NE(text.find("\"" + link.find<AuthSucceeded>()->message + "\"]"), std::string::npos);
  EXPECT_NE(text.find("Protocol-Reject for 'IPv6 Control Protocol' (0x8057) received"),
            std::string::npos);
}

// MS-CHAPv2 with require-mschap-v2: the session checks pppd's authenticator response
// (S=...) before it calls the authentication a success. noipv6: no IPV6CP at all.
TEST_F(PppdTest, MsChapV2VerifiedAuthenticator) {
  start_pppd({"require-mschap-v2", "noipv6"});
  Session session(SessionConfig{}, Credentials("testuser", "testpass"), link, clock, random);
  connect(session, false);
  ASSERT_NE(link.find<AuthSucceeded>(), nullptr);
  EXPECT_EQ(link.find<AuthSucceeded>()->protocol, AuthProtocol::kMsChapV2);
  EXPECT_EQ(link.find<AuthSucceeded>()->message.substr(0, 2), "S=");
  EXPECT_EQ(session.stats().rejected_frames, 0U);
  ping(session, "mschapv2");
  hang_up(session);
  // pppd's Success, as its log has it, is the message whose S= we verified.
  const std::string text = log_text();
  EXPECT_NE(text.find("sent [CHAP Success id=0x"), std::string::npos);
  EXPECT_NE(text.find("\"" + link.find<AuthSucceeded>()->message + "\"]"), std::string::npos);
  EXPECT_NE(text.find("M=Access granted"), std::string::npos);
}

// A wrong password: pppd refuses it, and the session ends with kAuthFailed carrying
// pppd's own failure message.
TEST_F(PppdTest, MsChapV2WrongPasswordFails) {
  start_pppd({"require-mschap-v2", "noipv6"});
  Session session(SessionConfig{}, Credentials("testuser", "wrongpass"), link, clock, random);
  session.start();
  ASSERT_TRUE(run_until(
      session, [&] { return link.find<LinkTerminated>() != nullptr; }, 40s));
  const AuthFailed* failed = link.find<AuthFailed>();
  ASSERT_NE(failed, nullptr);
  EXPECT_EQ(failed->protocol, AuthProtocol::kMsChapV2);
  EXPECT_EQ(failed->why, AuthFailure::kRejected);
  EXPECT_EQ(failed->message.substr(0, 6), "E=691 ");
  EXPECT_EQ(link.find<LinkTerminated>()->reason, TerminateReason::kAuthFailed);
  EXPECT_EQ(link.find<LinkTerminated>()->message, failed->message);
  EXPECT_EQ(link.find<NetworkUp>(), nullptr);
  const int status = wait_exit(peer, 20s);
  ASSERT_NE(status, -1) << "UML did not power off after pppd refused us";
  peer = -1;
  const std::string text = log_text();
  EXPECT_NE(text.find("Peer testuser failed CHAP authentication"), std::string::npos);
  EXPECT_NE(text.find("sent [CHAP Failure id=0x"), std::string::npos);
  EXPECT_NE(text.find("\"" + failed->message + "\"]"), std::string::npos);
}

}  // namespace
}  // namespace openras::ppp
