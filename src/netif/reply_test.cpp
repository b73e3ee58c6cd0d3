// reply_test: the rtnetlink answer parser on what the kernel really sent (the fuzz corpus,
// recorded by fuzz/netif_record.py) and on lengths that lie.
#include <linux/netlink.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "netif/reply.h"

namespace openras::netif::detail {
namespace {

std::vector<uint8_t> recorded(const std::string& name) {
  std::ifstream in(std::string(OPENRAS_TEST_SOURCE_DIR) + "/fuzz/corpus/netif/" + name,
                   std::ios::binary);
  EXPECT_TRUE(in) << name;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(NetifReply, AnAckEndsTheRequestWithoutError) {
  Reply reply;
  ASSERT_TRUE(parse_reply(recorded("up-ack"), 1, reply));
  EXPECT_TRUE(reply.done);
  EXPECT_EQ(reply.error, 0);
}

TEST(NetifReply, AnErrorCarriesErrnoAndTheKernelsWords) {
  for (const char* name : {"ifname-too-long", "ifname-too-long-uncapped"}) {
    Reply reply;
    ASSERT_TRUE(parse_reply(recorded(name), 1, reply)) << name;
    EXPECT_TRUE(reply.done) << name;
    EXPECT_EQ(reply.error, ERANGE) << name;
    EXPECT_EQ(reply.kernel_message, "Attribute failed policy validation") << name;
  }
  Reply reply;
  ASSERT_TRUE(parse_reply(recorded("mtu-missing-ifindex"), 1, reply));
  EXPECT_EQ(reply.error, ENODEV);
  EXPECT_EQ(reply.kernel_message, "");
}

TEST(NetifReply, LinksThenAckAcrossDatagramsOrInOne) {
  Reply split;
  ASSERT_TRUE(parse_reply(recorded("getlink-lo-0"), 1, split));
  EXPECT_FALSE(split.done);
  ASSERT_TRUE(parse_reply(recorded("getlink-lo-1"), 1, split));
  Reply one;
  ASSERT_TRUE(parse_reply(recorded("getlink-lo-one-datagram"), 1, one));
  for (const Reply* r : {&split, &one}) {
    EXPECT_TRUE(r->done);
    ASSERT_EQ(r->links.size(), 1u);
    EXPECT_EQ(r->links[0].name, "lo");
    EXPECT_EQ(r->links[0].ifindex, 1u);
    EXPECT_EQ(r->links[0].mtu, 65536u);
  }
}

TEST(NetifReply, AnotherRequestsAnswerIsSkipped) {
  Reply reply;
  ASSERT_TRUE(parse_reply(recorded("ack-other-seq"), 1, reply));
  EXPECT_FALSE(reply.done);
  ASSERT_TRUE(parse_reply(recorded("ack-other-seq"), 7, reply));
  EXPECT_TRUE(reply.done);
}

TEST(NetifReply, LengthsThatLieAreRefusedNotFollowed) {
  auto ack = recorded("ifname-too-long");
  // A message length of 2^31 and more: libmnl's own check takes it as negative and passes
  // it (the fuzz target found this), so the parser must not lean on that check.
  for (uint32_t length : {0x80000010u, 0xffffffffu, uint32_t(ack.size() + 4), 15u}) {
    auto bad = ack;
    std::memcpy(bad.data(), &length, sizeof length);
    Reply reply;
    Status s = parse_reply(bad, 1, reply);
    ASSERT_FALSE(s) << length;
    EXPECT_EQ(s.error().code, Errc::kInvalidData);
    EXPECT_NE(s.error().message.find("at byte 0"), std::string::npos) << s.error().message;
  }
  // An echoed request longer than the error message holding it.
  auto bad = recorded("ifname-too-long-uncapped");
  const uint32_t echoed = 4096;
  std::memcpy(bad.data() + sizeof(nlmsghdr) + sizeof(int), &echoed, sizeof echoed);
  Reply reply;
  Status s = parse_reply(bad, 1, reply);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("echoes 4096 bytes"), std::string::npos) << s.error().message;
}

}  // namespace
}  // namespace openras::netif::detail
