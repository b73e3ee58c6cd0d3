// link_test.cpp: the link message parser and the test device's walk of states.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include <thread>
#include <vector>

#include "base/unique_fd.h"
#include "link/link.h"
#include "link/message.h"
#include "ras.h"
#include "raserror.h"

namespace openras::link {
namespace {

TEST(LinkMessage, RoundTrips) {
  uint8_t bytes[kLinkMessageSize];
  encode_link_message(LinkMessage{RASCS_ConnectDevice, ERROR_LINE_BUSY}, bytes);
  auto m = parse_link_message(bytes);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->state, static_cast<uint32_t>(RASCS_ConnectDevice));
  EXPECT_EQ(m->error, static_cast<uint32_t>(ERROR_LINE_BUSY));
}

TEST(LinkMessage, RefusesOtherSizes) {
  std::vector<uint8_t> bytes(kLinkMessageSize + 1);
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{9}}) {
    auto m = parse_link_message(std::span<const uint8_t>(bytes.data(), n));
    ASSERT_FALSE(m) << n;
    EXPECT_EQ(m.error().code, Errc::kInvalidData);
  }
}

// Runs the test device on one end of a socketpair and collects what it reports.
struct Walk {
  std::vector<LinkMessage> messages;
  int status = -1;
};

Walk walk(const std::string& number, bool hang_up_after_connected) {
  int sv[2];
  EXPECT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
  UniqueFd ours(sv[0]);
  Walk w;
  std::thread device([&, fd = sv[1]] {
    w.status = run_test_device(fd, number);
    ::close(fd);
  });
  uint8_t packet[64];
  for (;;) {
    ssize_t n = ::recv(ours.get(), packet, sizeof packet, 0);
    if (n <= 0) break;
    auto m = parse_link_message(std::span<const uint8_t>(packet, static_cast<std::size_t>(n)));
    EXPECT_TRUE(m);
    if (!m) break;
    w.messages.push_back(*m);
    if (m->state == RASCS_Connected && hang_up_after_connected) ours.reset();
  }
  device.join();
  return w;
}

TEST(TestDevice, WalksToConnectedAndHoldsUntilHangUp) {
  Walk w = walk("5550100", true);
  EXPECT_EQ(w.status, 0);
  ASSERT_EQ(w.messages.size(), 8u);
  EXPECT_EQ(w.messages.front().state, static_cast<uint32_t>(RASCS_OpenPort));
  EXPECT_EQ(w.messages.back().state, static_cast<uint32_t>(RASCS_Connected));
  for (const auto& m : w.messages) EXPECT_EQ(m.error, 0u);
}

TEST(TestDevice, BusyFailsAtConnectDevice) {
  Walk w = walk("busy", false);
  ASSERT_EQ(w.messages.size(), 3u);
  EXPECT_EQ(w.messages.back().state, static_cast<uint32_t>(RASCS_ConnectDevice));
  EXPECT_EQ(w.messages.back().error, static_cast<uint32_t>(ERROR_LINE_BUSY));
}

TEST(TestDevice, NoCarrierFailsAtConnectDevice) {
  Walk w = walk("nocarrier", false);
  ASSERT_FALSE(w.messages.empty());
  EXPECT_EQ(w.messages.back().error, static_cast<uint32_t>(ERROR_NO_CARRIER));
}

// In a child process: after the filter, opening files, making sockets and exec fail with
// EPERM, while I/O on a descriptor already held still works.
TEST(Seccomp, DeniesWhatTheLinkNeverNeeds) {
  int sv[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || !install_seccomp()) ::_exit(10);
    if (::open("/etc/hostname", O_RDONLY | O_CLOEXEC) >= 0 || errno != EPERM) ::_exit(11);
    if (::socket(AF_INET, SOCK_STREAM, 0) >= 0 || errno != EPERM) ::_exit(12);
    char* argv[] = {nullptr};
    if (::execv("/bin/true", argv) == 0 || errno != EPERM) ::_exit(13);
    if (::send(sv[1], "ok", 2, 0) != 2) ::_exit(14);
    ::_exit(0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  char buf[4] = {};
  EXPECT_EQ(::recv(sv[0], buf, sizeof buf, MSG_DONTWAIT), 2);
  ::close(sv[0]);
  ::close(sv[1]);
}

}  // namespace
}  // namespace openras::link
