// resolved_test: telling systemd-resolved a link's DNS servers where it cannot be told.
// systemd-resolved is not installed on the build machines (and installing it takes over
// /etc/resolv.conf), so what is tested for real is the caller's fallback signal: no system
// bus at all, and a real system bus (a private dbus-daemon --system) without resolved.
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>

#include "netif/netif.h"
#include "netif/test_support.h"
#include "support.h"

namespace openras::netif {
namespace {

constexpr std::array<uint8_t, 4> kSlirpDns = {10, 0, 2, 3};  // ppp-peers.md 1.4

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class ResolvedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* old = std::getenv("DBUS_SYSTEM_BUS_ADDRESS");
    if (old) saved_ = old;
    had_ = old != nullptr;
  }
  void TearDown() override {
    if (bus_ > 0) {
      ::kill(bus_, SIGTERM);
      ::waitpid(bus_, nullptr, 0);
    }
    if (had_) {
      ::setenv("DBUS_SYSTEM_BUS_ADDRESS", saved_.c_str(), 1);
    } else {
      ::unsetenv("DBUS_SYSTEM_BUS_ADDRESS");
    }
  }

  // A real dbus-daemon with the system bus's type and a permissive policy, on a socket in
  // `dir`; returns once the socket accepts connections (at most 10 s).
  void start_system_bus(const std::string& dir) {
    const std::string socket_path = dir + "/system_bus_socket";
    std::ofstream(dir + "/system.conf")
        << "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
           " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
           "<busconfig><type>system</type><listen>unix:path="
        << socket_path
        << "</listen><auth>EXTERNAL</auth>"
           "<policy context=\"default\"><allow user=\"*\"/><allow own=\"*\"/>"
           "<allow send_type=\"method_call\"/><allow send_type=\"signal\"/>"
           "<allow send_requested_reply=\"true\" send_type=\"method_return\"/>"
           "<allow send_requested_reply=\"true\" send_type=\"error\"/>"
           "<allow receive_type=\"method_call\"/><allow receive_type=\"method_return\"/>"
           "<allow receive_type=\"error\"/><allow receive_type=\"signal\"/>"
           "</policy></busconfig>\n";
    bus_ = ::fork();
    ASSERT_GE(bus_, 0);
    if (bus_ == 0) {
      const std::string config = "--config-file=" + dir + "/system.conf";
      ::execlp("dbus-daemon", "dbus-daemon", config.c_str(), "--nofork", "--nopidfile",
               static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::setenv("DBUS_SYSTEM_BUS_ADDRESS", ("unix:path=" + socket_path).c_str(), 1);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (;;) {
      UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
      sockaddr_un addr{};
      addr.sun_family = AF_UNIX;
      socket_path.copy(addr.sun_path, sizeof addr.sun_path - 1);
      if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) return;
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "dbus-daemon did not listen";
      ASSERT_EQ(::waitpid(bus_, nullptr, WNOHANG), 0) << "dbus-daemon exited";
      ::poll(nullptr, 0, 10);  // a bounded retry interval, not a synchronisation
    }
  }

  pid_t bus_ = -1;
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
  EXPECT_TRUE(has(s.error().message, "no system bus at " + address)) << s.error().message;
  EXPECT_TRUE(has(s.error().message, "interface 7")) << s.error().message;
  s = revert_link_dns(7);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Errc::kServiceUnavailable) << s.error().message;
}

TEST_F(ResolvedTest, ASystemBusWithoutResolvedIsUnavailableAndSaysSo) {
  OPENRAS_SKIP_UNLESS(::access("/usr/bin/dbus-daemon", X_OK) == 0,
                      "dbus-daemon is not installed (Debian: dbus-daemon)");
  openras::testing::TempDir dir;
  ASSERT_NO_FATAL_FAILURE(start_system_bus(dir.path()));
  Status s = set_link_dns(7, std::span(&kSlirpDns, 1));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Errc::kServiceUnavailable) << s.error().message;
  EXPECT_TRUE(has(s.error().message, "systemd-resolved is not running")) << s.error().message;
  EXPECT_TRUE(has(s.error().message, "org.freedesktop.DBus.Error.ServiceUnknown"))
      << s.error().message;
  s = revert_link_dns(7);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Errc::kServiceUnavailable) << s.error().message;
}

}  // namespace
}  // namespace openras::netif
