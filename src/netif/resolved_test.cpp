// resolved_test: telling systemd-resolved a link's DNS servers where it cannot be told.
// systemd-resolved is not installed on the build machines (and installing it takes over
// /etc/resolv.conf), so what is tested for real is the caller's fallback signal: no system
// bus at all, and a real system bus (a private dbus-daemon --system) without resolved.
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "netif/netif.h"
#include "netif/test_support.h"
#include "support.h"

namespace openras::netif {
namespace {

constexpr std::array<uint8_t, 4> kSlirpDns = {10, 0, 2, 3};  // ppp-peers.md 1.4

using testing::contains;

class ResolvedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* old = std::getenv("DBUS_SYSTEM_BUS_ADDRESS");
    if (old) saved_ = old;
    had_ = old != nullptr;
  }
  void TearDown() override {
    if (had_) {
      ::setenv("DBUS_SYSTEM_BUS_ADDRESS", saved_.c_str(), 1);
    } else {
      ::unsetenv("DBUS_SYSTEM_BUS_ADDRESS");
    }
  }

  std::string saved_;
  bool had_ = false;
};

TEST_F(ResolvedTest, NoSystemBusIsUnavailableAndSaysSo) {
  openras::testing::TempDir dir;
  const std::string address = "unix:path=" + dir.file("no-bus-here");
  ::setenv("DBUS_SYSTEM_BUS_ADDRESS", address.c_str(), 1);
  Status s = set_link_dns(7, std::span(&kSlirpDns, 1));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Errc::kServiceUnavailable) << s.error().message;
  EXPECT_TRUE(contains(s.error().message, "no system bus at " + address)) << s.error().message;
  EXPECT_TRUE(contains(s.error().message, "interface 7")) << s.error().message;
  s = revert_link_dns(7);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Errc::kServiceUnavailable) << s.error().message;
}

TEST_F(ResolvedTest, ASystemBusWithoutResolvedIsUnavailableAndSaysSo) {
  OPENRAS_SKIP_UNLESS(::access("/usr/bin/dbus-daemon", X_OK) == 0,
                      "dbus-daemon is not installed (Debian: dbus-daemon)");
  openras::testing::TempDir dir;
  testing::SystemBus bus(dir.path(), dir.file("system_bus_socket"));
  ASSERT_TRUE(bus.ok()) << "dbus-daemon did not listen; see " << dir.file("bus.log");
  ::setenv("DBUS_SYSTEM_BUS_ADDRESS", bus.address().c_str(), 1);
  Status s = set_link_dns(7, std::span(&kSlirpDns, 1));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Errc::kServiceUnavailable) << s.error().message;
  EXPECT_TRUE(contains(s.error().message, "systemd-resolved is not running")) << s.error().message;
  EXPECT_TRUE(contains(s.error().message, "org.freedesktop.DBus.Error.ServiceUnknown"))
      << s.error().message;
  s = revert_link_dns(7);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Errc::kServiceUnavailable) << s.error().message;
}

}  // namespace
}  // namespace openras::netif
