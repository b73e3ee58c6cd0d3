// slirp_interop_test: the session against a real, independently written PPP peer: Debian's
// slirp (as slirp-fullbolt, see shared/reference/ppp-peers.md 1.1) on a pty this test
// creates. LCP, CCP rejected, PAP, IPCP to 10.0.2.15, an ICMP echo answered by slirp's
// 10.0.2.2, LCP Terminate. CTest runs it under `unshare -n`; it refuses to run in the
// host's network namespace, because slirp turns unknown destinations into real sockets.
#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
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

#include "ppp/session.h"

namespace openras::ppp {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

// True when the only network interface is loopback: a namespace of our own (unshare -n),
// from which slirp's outgoing sockets cannot leave the machine.
bool isolated_network() {
  struct if_nameindex* list = if_nameindex();
  if (list == nullptr) return false;
  bool only_lo = true;
  for (struct if_nameindex* i = list; i->if_index != 0; ++i)
    only_lo = only_lo && std::string(i->if_name) == "lo";
  if_freenameindex(list);
  return only_lo;
}

uint16_t ip_checksum(const std::vector<uint8_t>& b, size_t from, size_t to) {
  uint32_t sum = 0;
  for (size_t i = from; i + 1 < to; i += 2) sum += static_cast<uint32_t>(b[i] << 8 | b[i + 1]);
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

// An ICMP echo request from `src` to `dst` with a short payload.
std::vector<uint8_t> icmp_echo(uint32_t src, uint32_t dst) {
  std::vector<uint8_t> p = {0x45, 0, 0, 0, 0x12, 0x34, 0, 0, 64, 1, 0, 0};
  for (uint32_t a : {src, dst}) {
    for (int s = 24; s >= 0; s -= 8) p.push_back(static_cast<uint8_t>(a >> s));
  }
  std::vector<uint8_t> icmp = {8,   0,   0,   0,   0x42, 0x42, 0,   1,
                               'o', 'p', 'e', 'n', 'r',  'a',  's', '!'};
  p.insert(p.end(), icmp.begin(), icmp.end());
  p[3] = static_cast<uint8_t>(p.size());
  uint16_t h = ip_checksum(p, 0, 20);
  p[10] = static_cast<uint8_t>(h >> 8);
  p[11] = static_cast<uint8_t>(h);
  uint16_t c = ip_checksum(p, 20, p.size());  // an even length: no padding needed
  p[22] = static_cast<uint8_t>(c >> 8);
  p[23] = static_cast<uint8_t>(c);
  return p;
}

class Link final : public SessionHost {
 public:
  int fd = -1;
  std::vector<Event> events;
  std::vector<std::vector<uint8_t>> ip;
  void send_line(Bytes b) override {
    size_t done = 0;
    while (done < b.size()) {
      ssize_t n = ::write(fd, b.data() + done, b.size() - done);
      if (n < 0 && errno == EINTR) continue;
      ASSERT_GT(n, 0) << "write to slirp's pty: " << std::strerror(errno);
      done += static_cast<size_t>(n);
    }
  }
  void receive_ip(uint16_t, Bytes b) override { ip.emplace_back(b.begin(), b.end()); }
  void event(const Event& e) override { events.push_back(e); }
  template <class T>
  const T* find() const {
    for (const Event& e : events) {
      if (auto* t = std::get_if<T>(&e)) return t;
    }
    return nullptr;
  }
};

class SlirpTest : public ::testing::Test {
 protected:
  fs::path home;
  pid_t slirp = -1;
  Link link;

  void SetUp() override {
    // CI has root and slirp, so a skip there is a failure (as tests/lib.sh does).
    const bool ci = getenv("CI") != nullptr && std::string(getenv("CI")) == "true";
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
    if (slirp > 0) {
      kill(slirp, SIGTERM);
      int status = 0;
      waitpid(slirp, &status, 0);
    }
    if (link.fd >= 0) close(link.fd);
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
    slirp = forkpty(&link.fd, nullptr, nullptr, nullptr);
    ASSERT_GE(slirp, 0) << std::strerror(errno);
    if (slirp == 0) {
      setenv("HOME", home.c_str(), 1);
      execl("/usr/bin/slirp-fullbolt", "slirp-fullbolt", static_cast<char*>(nullptr));
      _exit(127);
    }
    termios t{};
    ASSERT_EQ(tcgetattr(link.fd, &t), 0);
    cfmakeraw(&t);
    ASSERT_EQ(tcsetattr(link.fd, TCSANOW, &t), 0);
  }

  // Runs the session on the pty until `done` or the deadline.
  template <class Done>
  bool run(Session& session, base::SystemClock& clock, Done done, std::chrono::seconds limit) {
    const auto give_up = clock.now() + limit;
    uint8_t buf[4096];
    while (!done()) {
      auto now = clock.now();
      if (now >= give_up) return false;
      auto wake = std::min(give_up, session.next_deadline().value_or(give_up));
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(wake - now).count();
      pollfd p{link.fd, POLLIN, 0};
      int r = poll(&p, 1, static_cast<int>(std::max<long>(ms, 0) + 1));
      if (r < 0 && errno != EINTR) return false;
      if (r > 0 && (p.revents & POLLIN)) {
        ssize_t n = read(link.fd, buf, sizeof buf);
        if (n <= 0) return done();
        session.feed(Bytes(buf, static_cast<size_t>(n)));
      } else if (r > 0) {
        return done();  // hang-up: slirp exited
      }
      session.on_timer(clock.now());
    }
    return true;
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
