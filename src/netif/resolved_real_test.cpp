// resolved_real_test: set_link_dns() and revert_link_dns() against the real systemd-resolved
// on a real (private) system bus, and resolved's view read back with busctl.
//
// systemd-resolved is not installed on the build machines, and installing its package takes
// /etc/resolv.conf over, so CMake declares this test only where it finds the daemon
// (-DOPENRAS_SYSTEMD_RESOLVED=PATH; unpacked without installing, it is
// `apt-get download systemd-resolved && dpkg-deb -x systemd-resolved_*.deb DIR`, then
// DIR/lib/systemd/systemd-resolved). The path comes in $OPENRAS_SYSTEMD_RESOLVED.
//
// The process first makes itself a world of its own: new mount and network namespaces, a
// tmpfs on /run (the bus socket and resolved's files), and /etc/passwd and /etc/group seen
// with a "systemd-resolve" user added (resolved drops to it) — the machine's own files and
// network are untouched, and everything vanishes with the process.
#include <poll.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "netif/netif.h"
#include "netif/test_support.h"

namespace openras::netif {
namespace {

using testing::contains;
using testing::run;

// Copies `file` to `copy` with `line` appended and shows the copy in its place.
void bind_with_line(const std::string& file, const std::string& copy, const std::string& line) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf() << line << "\n";
  std::ofstream(copy) << text.str();
  ASSERT_EQ(::mount(copy.c_str(), file.c_str(), nullptr, MS_BIND, nullptr), 0)
      << "bind-mounting over " << file << ": " << std::strerror(errno);
}

void enter_private_world() {
  static bool entered = false;
  if (entered) return;
  OPENRAS_SKIP_UNLESS(::geteuid() == 0, "needs root for mount and network namespaces");
  ASSERT_EQ(::unshare(CLONE_NEWNS | CLONE_NEWNET), 0) << std::strerror(errno);
  // Nothing mounted from here on may reach the machine's namespace.
  ASSERT_EQ(::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr), 0)
      << std::strerror(errno);
  ASSERT_EQ(::mount("openras-netif", "/run", "tmpfs", 0, "mode=0755"), 0) << std::strerror(errno);
  ASSERT_EQ(::mkdir("/run/dbus", 0755), 0);
  ASSERT_EQ(::mkdir("/run/systemd", 0755), 0);
  // A uid and gid nobody has; resolved runs as them.
  ASSERT_TRUE(run("getent passwd 64990").text.empty() && run("getent group 64990").text.empty());
  ASSERT_NO_FATAL_FAILURE(bind_with_line("/etc/passwd", "/run/passwd",
                                         "systemd-resolve:x:64990:64990::/run:/usr/sbin/nologin"));
  ASSERT_NO_FATAL_FAILURE(bind_with_line("/etc/group", "/run/group", "systemd-resolve:x:64990:"));
  ASSERT_EQ(run("ip link set lo up").status, 0);  // resolved's stub listens on 127.0.0.53
  entered = true;
}

std::string link_dns(unsigned ifindex) {
  auto path =
      run("busctl --system call org.freedesktop.resolve1 /org/freedesktop/resolve1 "
          "org.freedesktop.resolve1.Manager GetLink i " +
          std::to_string(ifindex));
  const size_t open = path.text.find('"');
  const size_t close = path.text.rfind('"');
  if (path.status != 0 || open == close) return "GetLink failed: " + path.text;
  return run("busctl --system get-property org.freedesktop.resolve1 " +
             path.text.substr(open + 1, close - open - 1) + " org.freedesktop.resolve1.Link DNS")
      .text;
}

TEST(ResolvedReal, TakesAndForgetsALinksServersAndRefusesAMissingLink) {
  ASSERT_NO_FATAL_FAILURE(enter_private_world());
  const char* daemon = std::getenv("OPENRAS_SYSTEMD_RESOLVED");
  ASSERT_TRUE(daemon && ::access(daemon, X_OK) == 0)
      << "OPENRAS_SYSTEMD_RESOLVED names no executable: " << (daemon ? daemon : "(unset)");
  ::unsetenv("DBUS_SYSTEM_BUS_ADDRESS");  // resolved and we both use the standard socket
  testing::SystemBus bus("/run/dbus", "/run/dbus/system_bus_socket");
  ASSERT_TRUE(bus.ok()) << run("cat /run/dbus/bus.log").text;

  auto tun = create_tun();
  ASSERT_TRUE(tun) << tun.error().message;
  LinkConfig config;
  config.ipv4 = Ipv4Link{{10, 0, 2, 15}, {10, 0, 2, 2}};
  Status s = configure_link(tun->ifindex, config);
  ASSERT_TRUE(s) << s.error().message;

  testing::Child resolved;  // its log says what it was told, in its words
  resolved.start({"env", "SYSTEMD_LOG_LEVEL=debug", daemon}, "/run/resolved.log");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (run("busctl --system status org.freedesktop.resolve1").status != 0) {
    ASSERT_FALSE(resolved.exited()) << run("cat /run/resolved.log").text;
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << run("cat /run/resolved.log").text;
    ::poll(nullptr, 0, 20);  // a bounded retry interval, not a synchronisation
  }

  const std::array<std::array<uint8_t, 4>, 2> servers = {{{10, 0, 2, 3}, {10, 0, 2, 4}}};
  s = set_link_dns(tun->ifindex, servers);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(link_dns(tun->ifindex), "a(iay) 2 2 4 10 0 2 3 2 4 10 0 2 4\n");
  EXPECT_TRUE(contains(run("cat /run/resolved.log").text,
                       "ras0: Bus client set DNS server list to: 10.0.2.3, 10.0.2.4"))
      << run("cat /run/resolved.log").text;

  s = revert_link_dns(tun->ifindex);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(link_dns(tun->ifindex), "a(iay) 0\n");

  s = set_link_dns(4242, servers);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Errc::kNotFound) << s.error().message;
  EXPECT_TRUE(contains(s.error().message, "interface 4242")) << s.error().message;
  EXPECT_TRUE(contains(s.error().message, "org.freedesktop.resolve1.NoSuchLink"))
      << s.error().message;
}

}  // namespace
}  // namespace openras::netif
