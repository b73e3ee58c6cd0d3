// host_test.cpp: the link as a driver host — its event loop, the driver table and the
// per-driver seccomp filter, the failure table, and the zygote's line descriptor slot.
#include <fcntl.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/unique_fd.h"
#include "link/driver.h"
#include "link/event_loop.h"
#include "link/failure.h"
#include "link/link.h"
#include "link/message.h"
#include "link/zygote_message.h"
#include "ras.h"
#include "raserror.h"

namespace openras::link {
namespace {

using namespace std::chrono_literals;

TEST(EventLoop, FiresTimersInOrderAndServesDescriptors) {
  base::SystemClock clock;
  auto loop = EventLoop::create(clock);
  ASSERT_TRUE(loop) << loop.error().message;
  std::vector<int> order;
  auto now = clock.now();
  loop->set_timer(2, now + 20ms, [&] { order.push_back(2); });
  loop->set_timer(1, now + 5ms, [&] { order.push_back(1); });
  loop->set_timer(3, now + 1h, [&] { order.push_back(3); });
  loop->cancel_timer(3);
  int sv[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
  UniqueFd a(sv[0]), b(sv[1]);
  ASSERT_TRUE(loop->watch(a.get(), EPOLLIN, [&](uint32_t) {
    char c;
    ASSERT_EQ(::recv(a.get(), &c, 1, 0), 1);
    order.push_back(10);
    // Moving a timer from inside a callback, to the past: it fires next.
    loop->set_timer(4, clock.now() - 1s, [&] {
      order.push_back(4);
      loop->quit(7);
    });
  }));
  // The descriptor becomes readable only after both timers.
  loop->set_timer(5, now + 30ms, [&] { ASSERT_EQ(::send(b.get(), "x", 1, 0), 1); });
  EXPECT_EQ(loop->run(), 7);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 10, 4}));
}

// The idle hook runs before each wait, after the round of callbacks that came out of it,
// and once more as run() ends (what the link's queued reports are sent from).
TEST(EventLoop, TheIdleHookRunsBetweenRoundsAndAtTheEnd) {
  base::SystemClock clock;
  auto loop = EventLoop::create(clock);
  ASSERT_TRUE(loop) << loop.error().message;
  int sv[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
  UniqueFd a(sv[0]), b(sv[1]);
  std::vector<std::string> order;
  loop->set_idle([&] { order.push_back("idle"); });
  // The timer makes the descriptor readable: that comes in the next round, not this one.
  loop->set_timer(1, clock.now(), [&] {
    order.push_back("timer");
    ASSERT_EQ(::send(b.get(), "x", 1, 0), 1);
  });
  ASSERT_TRUE(loop->watch(a.get(), EPOLLIN, [&](uint32_t) {
    order.push_back("read");
    loop->quit(3);
  }));
  EXPECT_EQ(loop->run(), 3);
  EXPECT_EQ(order, (std::vector<std::string>{"idle", "timer", "idle", "read", "idle"}));
}

TEST(LinkFailure, EachFailureHasItsRasCode) {
  EXPECT_EQ(ras_code(LinkFailure::kBusy), static_cast<uint32_t>(ERROR_LINE_BUSY));
  EXPECT_EQ(ras_code(LinkFailure::kNoCarrier), static_cast<uint32_t>(ERROR_NO_CARRIER));
  EXPECT_EQ(ras_code(LinkFailure::kNoDialtone), static_cast<uint32_t>(ERROR_NO_DIALTONE));
  EXPECT_EQ(ras_code(LinkFailure::kNoAnswer), static_cast<uint32_t>(ERROR_NO_ANSWER));
  EXPECT_EQ(ras_code(LinkFailure::kDeviceError), static_cast<uint32_t>(ERROR_FROM_DEVICE));
  EXPECT_EQ(ras_code(LinkFailure::kUnrecognizedResponse),
            static_cast<uint32_t>(ERROR_UNRECOGNIZED_RESPONSE));
  EXPECT_EQ(ras_code(LinkFailure::kNoResponse), static_cast<uint32_t>(ERROR_NO_RESPONSES));
  EXPECT_EQ(ras_code(LinkFailure::kPortNotFound), static_cast<uint32_t>(ERROR_PORT_NOT_FOUND));
  EXPECT_EQ(ras_code(LinkFailure::kPortBusy), static_cast<uint32_t>(ERROR_PORT_ALREADY_OPEN));
  EXPECT_EQ(ras_code(LinkFailure::kAuthenticationFailed),
            static_cast<uint32_t>(ERROR_AUTHENTICATION_FAILURE));
  EXPECT_EQ(ras_code(LinkFailure::kPppTimeout), static_cast<uint32_t>(ERROR_PPP_TIMEOUT));
  EXPECT_EQ(ras_code(LinkFailure::kPppPeerTerminated),
            static_cast<uint32_t>(ERROR_PPP_REMOTE_TERMINATED));
  EXPECT_EQ(ras_code(LinkFailure::kPppLcpRejected),
            static_cast<uint32_t>(ERROR_PPP_LCP_TERMINATED));
  EXPECT_EQ(ras_code(LinkFailure::kPppDeadPeer), static_cast<uint32_t>(ERROR_REQUEST_TIMEOUT));
  EXPECT_EQ(ras_code(LinkFailure::kPppLoopback),
            static_cast<uint32_t>(ERROR_PPP_LOOPBACK_DETECTED));
  EXPECT_EQ(ras_code(LinkFailure::kPppNoNetworkProtocol),
            static_cast<uint32_t>(ERROR_PPP_NO_PROTOCOLS_CONFIGURED));
  EXPECT_EQ(ras_code(LinkFailure::kPppCpRejected), static_cast<uint32_t>(ERROR_PPP_CP_REJECTED));
  EXPECT_EQ(ras_code(LinkFailure::kPppAddressRejected),
            static_cast<uint32_t>(ERROR_PPP_REQUIRED_ADDRESS_REJECTED));
  EXPECT_EQ(ras_code(LinkFailure::kPppNoAddressAssigned),
            static_cast<uint32_t>(ERROR_PPP_NO_ADDRESS_ASSIGNED));
  EXPECT_EQ(ras_code(LinkFailure::kInterfaceSetupFailed),
            static_cast<uint32_t>(ERROR_IP_CONFIGURATION));
  EXPECT_EQ(failure_name(LinkFailure::kBusy), "kBusy");
}

TEST(DriverTable, OnlyLineDriversNeedALineAndIoctl) {
  const DriverInfo* test = find_driver("test");
  const DriverInfo* modem = find_driver("modem");
  const DriverInfo* serial = find_driver("serial");
  ASSERT_TRUE(test && modem && serial);
  EXPECT_FALSE(test->needs_line);
  EXPECT_TRUE(test->extra_syscalls.empty());
  EXPECT_TRUE(modem->needs_line);
  EXPECT_FALSE(modem->extra_syscalls.empty());
  EXPECT_TRUE(serial->needs_line);
  EXPECT_EQ(find_driver("isdn"), nullptr);
}

// In a child: the filter a driver's row builds, tried on a real pty.
int filtered_ioctls(std::span<const long> extra) {
  UniqueFd master(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
  if (!master || ::grantpt(master.get()) != 0 || ::unlockpt(master.get()) != 0) return -1;
  UniqueFd slave(::open(::ptsname(master.get()), O_RDWR | O_NOCTTY | O_CLOEXEC));
  pid_t pid = ::fork();
  if (pid == 0) {
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || !install_seccomp(extra)) ::_exit(10);
    termios t{};
    // The first and the last request of the filter's list.
    bool termios_ok = ::tcgetattr(slave.get(), &t) == 0 && ::tcflow(slave.get(), TCOON) == 0;
    char c = 'x';
    errno = 0;
    bool sti_refused = ::ioctl(slave.get(), TIOCSTI, &c) < 0 && errno == EPERM;
    if (!sti_refused) ::_exit(11);  // never, with or without the driver's extras
    ::_exit(termios_ok ? 0 : 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(DriverTable, TheSeccompFilterGivesTermiosToLineDriversOnly) {
  EXPECT_EQ(filtered_ioctls(find_driver("modem")->extra_syscalls), 0) << "termios allowed";
  EXPECT_EQ(filtered_ioctls(find_driver("test")->extra_syscalls), 1) << "no ioctl at all";
}

TEST(ZygoteMessage, ALineAndItsSettingsRoundTrip) {
  SpawnRequest r(9, "modem", "T5550100");
  r.line = true;
  r.device.port = "/dev/ttyS0";
  r.device.speed = 57600;
  r.device.flow_control = "xonxoff";
  r.device.init = {"AT&F", "ATE0V1"};
  r.device.dial_timeout_s = 45;
  r.device.redial_count = 2;
  r.device.redial_pause_s = 3;
  r.device.pulse = true;
  r.device.alternates = {"5550101", "W5550102"};
  r.device.script = "ABORT 'NO CARRIER'\nogin: \\L\nassword: \\P\n";
  r.device.echo_interval_s = 0;
  r.device.echo_failures = 7;
  EXPECT_EQ(r.descriptors(), 2u);
  auto bytes = encode_spawn_request(r);
  ASSERT_TRUE(bytes) << bytes.error().message;
  auto back = parse_spawn_request(*bytes, 2);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_TRUE(back->line);
  EXPECT_EQ(back->device, r.device);
  EXPECT_FALSE(parse_spawn_request(*bytes, 1)) << "the line must come with it";
  r.device.init = {"AT\rZ"};
  EXPECT_FALSE(encode_spawn_request(r)) << "an init string with a line break";
  r.device.init.clear();
  r.device.alternates = {"555\n0101"};
  EXPECT_FALSE(encode_spawn_request(r)) << "an alternate number with a line break";
  r.device.alternates.clear();
  r.device.script = std::string(kMaxScriptBytes + 1, 'x');
  EXPECT_FALSE(encode_spawn_request(r)) << "a script over the limit";
  // Every field at its largest still fits one request.
  r.phone_number = std::string(kMaxPhoneNumber, '5');
  r.device.port = std::string(kMaxPortName, 'p');
  r.device.init = {std::string(kMaxInitBytes - 1, 'i')};
  r.device.alternates = {std::string(kMaxAlternateBytes - 1, '5')};
  r.device.script = std::string(kMaxScriptBytes, 'x');
  auto largest = encode_spawn_request(r);
  ASSERT_TRUE(largest) << largest.error().message;
  EXPECT_LE(largest->size(), kZygoteMaxPacket);
  auto parsed = parse_spawn_request(*largest, 2);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->device, r.device);
}

}  // namespace
}  // namespace openras::link

namespace openras::link {
namespace {

TEST(LinkMessage, TheSpeedIsAnOptionalStateField) {
  auto with = encode_link_message(StateMessage{3, 0, 33600});
  auto parsed = parse_link_message(with);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(std::get<StateMessage>(*parsed).speed, 33600u);
  auto without = encode_link_message(StateMessage{3, 0});
  EXPECT_EQ(without.size() + kFieldHeaderSize + 4, with.size()) << "speed 0 is not sent";
  EXPECT_EQ(std::get<StateMessage>(*parse_link_message(without)).speed, 0u);
}

TEST(LinkMessage, TheNumberThatAnsweredIsAnOptionalStateFieldOldReadersSkip) {
  StateMessage through{RASCS_DeviceConnected, 0, 33600};
  const auto before = encode_link_message(through);  // what a link sent before field 5
  through.number = "+442079460018";
  auto with = encode_link_message(through);
  auto parsed = parse_link_message(with);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(std::get<StateMessage>(*parsed), through);
  // The same bytes plus one field at the end, so a reader that predates it (which skips
  // a field it does not read) gets the same state and speed; no new protocol version.
  ASSERT_EQ(with.size(), before.size() + kFieldHeaderSize + through.number.size());
  EXPECT_EQ(with[0], before[0]);
  EXPECT_TRUE(std::equal(before.begin() + kHeaderSize, before.end(), with.begin() + kHeaderSize));
  EXPECT_EQ(std::get<StateMessage>(*parse_link_message(before)).number, "");
  // A number a parser refuses: control characters (a line break would forge rasmand's log
  // lines), text that is not UTF-8, more than the limit. The encoder never sends one.
  for (std::string bad : {std::string("555\n0100"), std::string("555\x7f"), std::string("\xc3"),
                          std::string(kMaxNumberBytes + 1, '5')}) {
    StateMessage forged = through;
    forged.number = bad;
    EXPECT_EQ(encode_link_message(forged), before) << "not sent: " << bad.size();
    auto raw = before;
    uint16_t tag = 5;
    auto length = static_cast<uint16_t>(bad.size());
    raw.insert(raw.end(), reinterpret_cast<uint8_t*>(&tag), reinterpret_cast<uint8_t*>(&tag) + 2);
    raw.insert(raw.end(), reinterpret_cast<uint8_t*>(&length),
               reinterpret_cast<uint8_t*>(&length) + 2);
    raw.insert(raw.end(), bad.begin(), bad.end());
    auto payload = static_cast<uint16_t>(raw.size() - kHeaderSize);
    std::memcpy(raw.data() + 2, &payload, 2);
    auto refused = parse_link_message(raw);
    ASSERT_FALSE(refused) << bad.size();
    EXPECT_EQ(refused.error().code, Errc::kInvalidData);
  }
}

}  // namespace
}  // namespace openras::link
