// errors_test: what a caller of src/netif meets when something is wrong, each error typed
// and naming the offending value (in a private network namespace, as root).
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "netif/netif.h"
#include "netif/test_support.h"

namespace openras::netif {
namespace {

using testing::enter_private_network;

class NetifErrorsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(enter_private_network()); }
};

bool has(const std::string& text, const std::string& part) { return testing::contains(text, part); }

TEST_F(NetifErrorsTest, AMissingInterfaceIsNamed) {
  LinkConfig config;
  config.ipv4 = Ipv4Link{{10, 0, 2, 15}, {10, 0, 2, 2}};
  Status s = configure_link(4242, config);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Errc::kNotFound) << s.error().message;
  EXPECT_TRUE(has(s.error().message, "interface 4242")) << s.error().message;
  EXPECT_TRUE(has(s.error().message, "No such device")) << s.error().message;

  auto info = get_link(4242);
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code, Errc::kNotFound);
  EXPECT_TRUE(has(info.error().message, "interface 4242")) << info.error().message;

  s = configure_link(0, config);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Errc::kInvalidArgument);
  EXPECT_TRUE(has(s.error().message, "interface index 0")) << s.error().message;
}

TEST_F(NetifErrorsTest, ConfigurationsThatCannotWorkAreRefusedWithTheirValues) {
  auto tun = create_tun();
  ASSERT_TRUE(tun) << tun.error().message;
  LinkConfig config;
  config.ipv6 = Ipv6Link{{0, 0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 0, 2}};
  config.mtu = 1000;
  Status s = configure_link(tun->ifindex, config);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Errc::kInvalidArgument);
  EXPECT_TRUE(has(s.error().message, "MTU 1000")) << s.error().message;

  config = LinkConfig{};
  config.default_route = true;
  s = configure_link(tun->ifindex, config);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Errc::kInvalidArgument);
  EXPECT_TRUE(has(s.error().message, "no IPv4 address")) << s.error().message;

  // The kernel's own refusal, with what was being done: an MTU below IPv4's minimum.
  config = LinkConfig{};
  config.mtu = 20;
  s = configure_link(tun->ifindex, config);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Errc::kInvalidArgument) << s.error().message;
  EXPECT_TRUE(has(s.error().message,
                  "setting the MTU of interface " + std::to_string(tun->ifindex) + " to 20"))
      << s.error().message;
}

TEST_F(NetifErrorsTest, BadPatternsAndTakenNames) {
  for (const char* bad : {"", "ras/%d", "ras %d", "a-name-far-too-long%d"}) {
    auto tun = create_tun(bad);
    ASSERT_FALSE(tun) << bad;
    EXPECT_EQ(tun.error().code, Errc::kInvalidName) << bad;
    EXPECT_TRUE(has(tun.error().message, "\"" + std::string(bad) + "\"")) << tun.error().message;
  }
  auto fixed = create_tun("rasfixed");
  ASSERT_TRUE(fixed) << fixed.error().message;
  EXPECT_EQ(fixed->name, "rasfixed");
  auto again = create_tun("rasfixed");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::kAlreadyExists) << again.error().message;
  EXPECT_TRUE(has(again.error().message, "rasfixed")) << again.error().message;
}

// Runs create_tun() in a forked child after `prepare` (which changes what the child may do or
// see, never this process) and returns what it said: "<Errc> <message>" or "created <name>".
template <class Prepare>
std::string create_tun_in_child(Prepare prepare) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return "pipe failed";
  const pid_t child = ::fork();
  if (child == 0) {
    std::string out = "preparing the child failed: " + std::string(std::strerror(errno));
    if (prepare()) {
      auto tun = create_tun();
      out = tun ? "created " + tun->name
                : std::string(errc_name(tun.error().code)) + " " + tun.error().message;
    }
    (void)!::write(pipe_fds[1], out.data(), out.size());
    ::_exit(0);
  }
  ::close(pipe_fds[1]);
  std::string said;
  char chunk[256];
  ssize_t n = 0;
  while ((n = ::read(pipe_fds[0], chunk, sizeof chunk)) > 0) said.append(chunk, size_t(n));
  ::close(pipe_fds[0]);
  if (child > 0) ::waitpid(child, nullptr, 0);
  return said;
}

TEST_F(NetifErrorsTest, WithoutPrivilegeTheFixIsNamed) {
  // Nobody's uid and gid, and so no capability.
  const std::string said = create_tun_in_child([] {
    return ::setgroups(0, nullptr) == 0 && ::setresgid(65534, 65534, 65534) == 0 &&
           ::setresuid(65534, 65534, 65534) == 0;
  });
  EXPECT_TRUE(has(said, "kAccessDenied")) << said;
  EXPECT_TRUE(has(said, "CAP_NET_ADMIN")) << said;
}

TEST_F(NetifErrorsTest, WithoutTheTunDeviceTheFixIsNamed) {
  // A mount namespace of the child's own where /dev/net is an empty directory.
  const std::string said = create_tun_in_child([] {
    return ::unshare(CLONE_NEWNS) == 0 &&
           ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0 &&
           ::mount("openras-netif", "/dev/net", "tmpfs", 0, "mode=0755") == 0;
  });
  EXPECT_TRUE(has(said, "kNotFound")) << said;
  EXPECT_TRUE(has(said, "/dev/net/tun")) << said;
  EXPECT_TRUE(has(said, "modprobe tun")) << said;
}

}  // namespace
}  // namespace openras::netif
