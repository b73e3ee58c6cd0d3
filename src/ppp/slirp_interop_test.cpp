// slirp_interop_test: the session against a real, independently written PPP peer: Debian's
// slirp (as slirp-fullbolt, see shared/reference/ppp-peers.md 1.1) on a pty this test
// creates. LCP, CCP rejected, PAP, IPCP to 10.0.2.15, an ICMP echo answered by slirp's
// 10.0.2.2, LCP Terminate. CTest runs it under `unshare -n`; it refuses to run in the
// host's network namespace, because slirp turns unknown destinations into real sockets.
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ppp/interop_test_util.h"
#include "ppp/session.h"

namespace openras::ppp {
namespace {

using namespace std::chrono_literals;
using namespace interop;
namespace fs = std::filesystem;

class SlirpTest : public ::testing::Test {
 protected:
  fs::path home;
  pid_t slirp = -1;
  LineHost link;

  void SetUp() override {
    // CI has root and slirp, so a skip there is a failure (as tests/lib.sh does).
    const bool ci = in_ci();
    if (ci && !isolated_network()) FAIL() << "not in a private network namespace";
    if (ci && access("/usr/bin/slirp-fullbolt", X_OK) != 0) FAIL() << "slirp is not installed";
    if (!isolated_network()) {
      GTEST_SKIP() << "refusing to run slirp where other interfaces than lo exist; run under "
                      "unshare -n (as CTest does)";
    }
    if (access("/usr/bin/slirp-fullbolt", X_OK) != 0) GTEST_SKIP() << "slirp is not installed";
    char tmpl[] = "/tmp/ppp-slirp-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    home = tmpl;
  }

  void TearDown() override {
    Peer p{slirp, link.fd};
    stop_peer(p, 10s);
    link.fd = -1;
    if (!home.empty()) fs::remove_all(home);
  }

  // Starts slirp with `rc` as its .slirprc; `secrets` go to .pap-secrets and .chap-secrets.
  void start_slirp(const std::string& rc, const std::string& secrets = "") {
    std::ofstream(home / ".slirprc") << rc;
    if (!secrets.empty()) {
      for (const char* name : {".pap-secrets", ".chap-secrets"}) {
        std::ofstream(home / name) << secrets;
        fs::permissions(home / name, fs::perms::owner_read | fs::perms::owner_write);
      }
    }
    Peer p = spawn_slirp(home.string());
    ASSERT_GE(p.pid, 0) << std::strerror(errno);
    slirp = p.pid;
    link.fd = p.fd;
  }

  // Runs the session on the pty until `done` or the deadline.
  template <class Done>
  bool run(Session& session, base::SystemClock& clock, Done done, std::chrono::seconds limit) {
    return interop::run(session, link, clock, done, limit);
  }

  // Dials to network-up, pings 10.0.2.2, hangs up; the statistics go to *stats.
  void dial(SessionConfig config, Credentials credentials, SessionStats* stats) {
    base::SystemClock clock;
    SystemRandom random;
    Session session(config, std::move(credentials), link, clock, random);
    const auto started = clock.now();
    session.start();
    ASSERT_TRUE(run(
        session, clock, [&] { return link.find<NetworkUp>() || link.find<LinkTerminated>(); },
        15s));
    // A figure for the report, not a check: start to network-up against slirp.
    std::printf("network up after %.1f ms, %llu frames out, %llu in\n",
                std::chrono::duration<double, std::milli>(clock.now() - started).count(),
                static_cast<unsigned long long>(session.stats().out.frames),
                static_cast<unsigned long long>(session.stats().in.frames));
    const NetworkUp* up = link.find<NetworkUp>();
    ASSERT_NE(up, nullptr);
    EXPECT_EQ(up->ipv4.local, 0x0A00020FU);  // 10.0.2.15, slirp's address for its client
    // slirp may open its IP path a moment after IPCP: retry the echo a few times.
    for (int attempt = 0; attempt < 5 && link.ip.empty(); ++attempt) {
      ASSERT_TRUE(session.send_ip(icmp_echo(up->ipv4.local, 0x0A000202)));
      run(
          session, clock, [&] { return !link.ip.empty(); }, 1s);
    }
    ASSERT_FALSE(link.ip.empty()) << "no ICMP echo reply from 10.0.2.2";
    EXPECT_EQ(link.ip[0][9], 1);   // ICMP
    EXPECT_EQ(link.ip[0][20], 0);  // echo reply
    session.close();
    ASSERT_TRUE(run(
        session, clock, [&] { return link.find<LinkTerminated>() != nullptr; }, 10s));
    EXPECT_EQ(link.find<LinkTerminated>()->reason, TerminateReason::kLocalClose);
    EXPECT_EQ(session.stats().in.crc_errors, 0U);
    *stats = session.stats();
  }
};

TEST_F(SlirpTest, NoAuthenticationCcpRejectedPlaceholderPeerAddress) {
  // CCP on (no -bsdcomp): slirp offers BSD-Compress, which we must Protocol-Reject.
  start_slirp("ppp\ndns 127.0.0.1\nppp_exit\nnozeros\n");
  SessionStats stats;
  dial(SessionConfig{}, Credentials(), &stats);
  EXPECT_EQ(link.find<AuthStarted>(), nullptr);
  EXPECT_GE(stats.rejected_frames, 1U);  // CCP
}

TEST_F(SlirpTest, PapAndDns) {
  start_slirp("ppp\n-bsdcomp\n+pap\ndns 127.0.0.1\nppp_exit\nnozeros\n",
              "testuser * testpass 10.0.2.15\n");
  SessionConfig config;
  config.ipcp.peer_address_hint = 0x0A000202;
  SessionStats stats;
  dial(config, Credentials("testuser", "testpass"), &stats);
  EXPECT_EQ(stats.rejected_frames, 0U);  // -bsdcomp: no CCP
  ASSERT_NE(link.find<AuthSucceeded>(), nullptr);
  EXPECT_EQ(link.find<AuthSucceeded>()->protocol, AuthProtocol::kPap);
  EXPECT_EQ(link.find<NetworkUp>()->ipv4.dns1, 0x7F000001U);  // slirp's "dns 127.0.0.1"
}

TEST_F(SlirpTest, ChapMd5) {
  start_slirp("ppp\n-bsdcomp\n+chap\nppp_exit\nnozeros\n", "testuser * testpass 10.0.2.15\n");
  SessionStats stats;
  dial(SessionConfig{}, Credentials("testuser", "testpass"), &stats);
  ASSERT_NE(link.find<AuthSucceeded>(), nullptr);
  EXPECT_EQ(link.find<AuthSucceeded>()->protocol, AuthProtocol::kChapMd5);
}

TEST_F(SlirpTest, PapWrongPasswordFailsWithSlirpsMessage) {
  start_slirp("ppp\n-bsdcomp\n+pap\nppp_exit\nnozeros\n", "testuser * testpass 10.0.2.15\n");
  base::SystemClock clock;
  SystemRandom random;
  Session session(SessionConfig{}, Credentials("testuser", "wrong"), link, clock, random);
  session.start();
  ASSERT_TRUE(run(
      session, clock, [&] { return link.find<LinkTerminated>() != nullptr; }, 15s));
  EXPECT_EQ(link.find<LinkTerminated>()->reason, TerminateReason::kAuthFailed);
  EXPECT_EQ(link.find<LinkTerminated>()->message, "Login incorrect");
}

}  // namespace
}  // namespace openras::ppp
