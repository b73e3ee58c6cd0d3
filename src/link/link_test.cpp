// link_test.cpp: the link message parser and the test device's walk of states.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

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

}  // namespace
}  // namespace openras::link
