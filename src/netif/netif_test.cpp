// netif_test: real TUN interfaces in a private network namespace (one per test process),
// configured over rtnetlink and checked with `ip`, which reads the kernel on its own; IP
// packets through the TUN descriptor both ways; the errors a caller can meet.
#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <string>
#include <vector>

#include "netif/netif.h"
#include "netif/test_support.h"
#include "support.h"

namespace openras::netif {
namespace {

using testing::enter_private_network;
using testing::run;

class NetifTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(enter_private_network()); }
};

// Waits, at most 5 s, until no interface is called `name`.
bool gone_within_deadline(const std::string& name) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (::if_nametoindex(name.c_str()) != 0) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    ::poll(nullptr, 0, 10);  // a bounded retry interval, not a synchronisation
  }
  return true;
}

LinkConfig ras0_config() {
  LinkConfig c;
  c.ipv4 = Ipv4Link{{10, 0, 2, 15}, {10, 0, 2, 2}};  // what slirp assigns (ppp-peers.md 1.4)
  c.mtu = 1400;
  c.default_route = true;
  c.route_metric = 50;
  return c;
}

TEST_F(NetifTest, PatternGivesRas0ThenRas1AndClosingRemovesThem) {
  auto first = create_tun();
  ASSERT_TRUE(first) << first.error().message;
  auto second = create_tun();
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(first->name, "ras0");
  EXPECT_EQ(second->name, "ras1");
  EXPECT_EQ(first->ifindex, ::if_nametoindex("ras0"));
  EXPECT_EQ(second->ifindex, ::if_nametoindex("ras1"));
  // Not persistent, a TUN (no link-layer address), and the descriptor is as promised.
  auto link = run("ip -d -o link show dev ras0");
  EXPECT_EQ(link.status, 0) << link.text;
  EXPECT_NE(link.text.find("link/none"), std::string::npos) << link.text;
  EXPECT_NE(link.text.find("tun type tun pi off"), std::string::npos) << link.text;
  EXPECT_EQ(link.text.find("persist on"), std::string::npos) << link.text;
  const int flags = ::fcntl(first->fd.get(), F_GETFL);
  EXPECT_TRUE(flags & O_NONBLOCK);
  EXPECT_TRUE(::fcntl(first->fd.get(), F_GETFD) & FD_CLOEXEC);

  first->fd.reset();
  EXPECT_TRUE(gone_within_deadline("ras0")) << "ras0 outlived its descriptor";
  EXPECT_NE(::if_nametoindex("ras1"), 0u);
  second->fd.reset();
  EXPECT_TRUE(gone_within_deadline("ras1")) << "ras1 outlived its descriptor";
  EXPECT_NE(run("ip link show dev ras1").status, 0);
}

TEST_F(NetifTest, ConfiguresAddressesMtuStateAndDefaultRoute) {
  auto ras0 = create_tun();
  ASSERT_TRUE(ras0) << ras0.error().message;
  auto ras1 = create_tun();
  ASSERT_TRUE(ras1) << ras1.error().message;
  Status done = configure_link(ras0->ifindex, ras0_config());
  ASSERT_TRUE(done) << done.error().message;
  LinkConfig v6;
  v6.ipv4 = Ipv4Link{{10, 0, 3, 15}, {10, 0, 3, 2}};
  v6.ipv6 = Ipv6Link{{0, 0, 0, 1, 0, 2, 0, 3}, {0, 0, 0, 4, 0, 5, 0, 6}};
  done = configure_link(ras1->ifindex, v6);
  ASSERT_TRUE(done) << done.error().message;

  auto link = run("ip -o link show dev ras0");
  EXPECT_NE(link.text.find("mtu 1400"), std::string::npos) << link.text;
  EXPECT_NE(link.text.find(",UP"), std::string::npos) << link.text;
  auto addr = run("ip -o -4 addr show dev ras0");
  EXPECT_NE(addr.text.find("inet 10.0.2.15 peer 10.0.2.2/32"), std::string::npos) << addr.text;
  auto route = run("ip -4 route show default");
  EXPECT_EQ(route.text, "default dev ras0 proto static scope link metric 50 \n");

  EXPECT_NE(run("ip -o link show dev ras1").text.find("mtu 1500"), std::string::npos);
  auto addr6 = run("ip -o -6 addr show dev ras1");
  EXPECT_NE(addr6.text.find("inet6 fe80::1:2:3 peer fe80::4:5:6/64 scope link nodad"),
            std::string::npos)
      << addr6.text;
  // The one negotiated link-local address, none of the kernel's own making.
  EXPECT_EQ(addr6.text.find("inet6", addr6.text.find("inet6") + 1), std::string::npos)
      << addr6.text;
  EXPECT_EQ(run("ip -4 route show default dev ras1").text, "");

  // What get_link reads back agrees.
  auto info = get_link(ras0->ifindex);
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->name, "ras0");
  EXPECT_EQ(info->mtu, 1400u);
  EXPECT_TRUE(info->up);

  // Closing the descriptor takes the address and the route along.
  ras0->fd.reset();
  ASSERT_TRUE(gone_within_deadline("ras0"));
  EXPECT_EQ(run("ip -4 route show default").text, "");
  EXPECT_EQ(run("ip -o addr show to 10.0.2.15").text, "");
}

TEST_F(NetifTest, ARetryCompletesWithoutDuplicatesAndLeavesOtherDefaultRoutesAlone) {
  // Another interface's default route with the same metric, as a LAN would have (another
  // TUN: this kernel has no dummy interfaces).
  auto lan = create_tun("lan0");
  ASSERT_TRUE(lan) << lan.error().message;
  ASSERT_EQ(run("ip link set lan0 up && "
                "ip addr add 192.0.2.1/24 dev lan0 && "
                "ip route add default via 192.0.2.254 dev lan0 metric 50")
                .status,
            0);
  auto ras0 = create_tun();
  ASSERT_TRUE(ras0) << ras0.error().message;
  for (int attempt = 0; attempt < 2; ++attempt) {
    Status done = configure_link(ras0->ifindex, ras0_config());
    ASSERT_TRUE(done) << "attempt " << attempt << ": " << done.error().message;
  }
  EXPECT_EQ(run("ip -4 route show default").text,
            "default dev ras0 proto static scope link metric 50 \n"
            "default via 192.0.2.254 dev lan0 metric 50 \n");
  auto addr = run("ip -o -4 addr show dev ras0");
  EXPECT_EQ(addr.text.find("inet", addr.text.find("inet") + 1), std::string::npos) << addr.text;
  ras0->fd.reset();
  ASSERT_TRUE(gone_within_deadline("ras0"));
  EXPECT_EQ(run("ip -4 route show default").text, "default via 192.0.2.254 dev lan0 metric 50 \n");
}

uint16_t checksum(const uint8_t* p, size_t n) {
  uint32_t sum = 0;
  for (size_t i = 0; i + 1 < n; i += 2) sum += static_cast<uint32_t>(p[i] << 8 | p[i + 1]);
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

// An IPv4/UDP datagram (UDP checksum 0: none, which IPv4 allows).
std::vector<uint8_t> udp_packet(const std::array<uint8_t, 4>& src, uint16_t sport,
                                const std::array<uint8_t, 4>& dst, uint16_t dport,
                                const std::string& payload) {
  const size_t total = 20 + 8 + payload.size();
  std::vector<uint8_t> p = {
      0x45, 0, static_cast<uint8_t>(total >> 8), static_cast<uint8_t>(total), 0, 0, 0x40, 0, 64, 17,
      0,    0};
  p.insert(p.end(), src.begin(), src.end());
  p.insert(p.end(), dst.begin(), dst.end());
  const uint16_t h = checksum(p.data(), 20);
  p[10] = static_cast<uint8_t>(h >> 8);
  p[11] = static_cast<uint8_t>(h);
  const size_t udp = 8 + payload.size();
  for (uint16_t v : {sport, dport, static_cast<uint16_t>(udp), uint16_t{0}}) {
    p.push_back(static_cast<uint8_t>(v >> 8));
    p.push_back(static_cast<uint8_t>(v));
  }
  p.insert(p.end(), payload.begin(), payload.end());
  return p;
}

TEST_F(NetifTest, CarriesIpBothWays) {
  auto ras0 = create_tun();
  ASSERT_TRUE(ras0) << ras0.error().message;
  Status done = configure_link(ras0->ifindex, ras0_config());
  ASSERT_TRUE(done) << done.error().message;
  UniqueFd sock(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  ASSERT_TRUE(sock);
  openras::testing::bound_receives(sock.get(), 5);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  local.sin_addr.s_addr = htonl(0x0a00020f);  // 10.0.2.15
  ASSERT_EQ(::bind(sock.get(), reinterpret_cast<sockaddr*>(&local), sizeof local), 0);
  socklen_t size = sizeof local;
  ASSERT_EQ(::getsockname(sock.get(), reinterpret_cast<sockaddr*>(&local), &size), 0);
  const uint16_t port = ntohs(local.sin_port);

  // Out: a datagram to the peer leaves through the TUN descriptor as one IP packet.
  sockaddr_in peer{};
  peer.sin_family = AF_INET;
  peer.sin_addr.s_addr = htonl(0x0a000202);  // 10.0.2.2
  peer.sin_port = htons(9);
  const std::string out = "to the peer";
  ASSERT_EQ(::sendto(sock.get(), out.data(), out.size(), 0, reinterpret_cast<sockaddr*>(&peer),
                     sizeof peer),
            static_cast<ssize_t>(out.size()));
  pollfd pfd{ras0->fd.get(), POLLIN, 0};
  ASSERT_EQ(::poll(&pfd, 1, 5000), 1) << "nothing came out of the TUN descriptor";
  std::vector<uint8_t> packet(2000);
  const ssize_t got = ::read(ras0->fd.get(), packet.data(), packet.size());
  ASSERT_EQ(got, 20 + 8 + static_cast<ssize_t>(out.size()));
  EXPECT_EQ(packet[0], 0x45);  // no packet-information header in front (IFF_NO_PI)
  EXPECT_EQ(packet[9], 17);
  EXPECT_EQ(std::vector<uint8_t>(packet.begin() + 12, packet.begin() + 20),
            (std::vector<uint8_t>{10, 0, 2, 15, 10, 0, 2, 2}));
  EXPECT_EQ(std::string(packet.begin() + 28, packet.begin() + got), out);

  // In: a packet written to the descriptor, addressed to us, reaches the socket.
  const std::string in = "from the peer";
  const auto reply = udp_packet({10, 0, 2, 2}, 4000, {10, 0, 2, 15}, port, in);
  ASSERT_EQ(::write(ras0->fd.get(), reply.data(), reply.size()),
            static_cast<ssize_t>(reply.size()));
  char buffer[100] = {};
  sockaddr_in from{};
  socklen_t from_size = sizeof from;
  const ssize_t n = ::recvfrom(sock.get(), buffer, sizeof buffer, 0,
                               reinterpret_cast<sockaddr*>(&from), &from_size);
  ASSERT_EQ(n, static_cast<ssize_t>(in.size())) << "the socket got nothing: " << strerror(errno);
  EXPECT_EQ(std::string(buffer, static_cast<size_t>(n)), in);
  EXPECT_EQ(ntohl(from.sin_addr.s_addr), 0x0a000202u);
  EXPECT_EQ(ntohs(from.sin_port), 4000);
}

}  // namespace
}  // namespace openras::netif
