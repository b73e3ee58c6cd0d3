// zygote_test.cpp: the zygote's control messages (edge values, refusals) and a real
// zygote, forked from the test, answering spawn requests over a socketpair: the pid and
// pidfd, the child's walk of states on its own socket, its exit report; a malformed
// request refused without stopping it; its links outliving it.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <variant>
#include <vector>

#include "base/unique_fd.h"
#include "link/message.h"
#include "link/zygote.h"
#include "link/zygote_message.h"
#include "ras.h"
#include "raserror.h"
#include "support.h"

namespace openras::link {
namespace {

std::vector<uint8_t> request_bytes(uint64_t id, const std::string& type,
                                   const std::string& number) {
  auto bytes = encode_spawn_request(SpawnRequest{id, type, number});
  EXPECT_TRUE(bytes);
  return bytes ? *bytes : std::vector<uint8_t>{};
}

template <class T>
void append(std::vector<uint8_t>& out, T value) {
  uint8_t b[sizeof value];
  std::memcpy(b, &value, sizeof value);
  out.insert(out.end(), b, b + sizeof value);
}

TEST(ZygoteMessage, SpawnRequestRoundTrips) {
  auto bytes = request_bytes(42, "test", "5550100");
  auto parsed = parse_spawn_request(bytes, 1);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->id, 42u);
  EXPECT_EQ(parsed->device_type, "test");
  EXPECT_EQ(parsed->phone_number, "5550100");
  EXPECT_EQ(peek_request_id(bytes), 42u);
  // Edge lengths: an empty number, the longest type and number.
  auto longest =
      request_bytes(1, std::string(kMaxDeviceType, 't'), std::string(kMaxPhoneNumber, '9'));
  auto back = parse_spawn_request(longest, 1);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->phone_number.size(), kMaxPhoneNumber);
  EXPECT_TRUE(parse_spawn_request(request_bytes(1, "test", ""), 1));
}

TEST(ZygoteMessage, ATerminalTravelsAsTheFourthDescriptorOfALineWithAnInterface) {
  SpawnRequest request{9, "modem", "5551234"};
  request.line = true;
  request.tun = true;
  request.device.terminal = kTerminalPause;
  EXPECT_EQ(request.descriptors(), 4u);
  auto bytes = encode_spawn_request(request);
  ASSERT_TRUE(bytes) << bytes.error().message;
  auto parsed = parse_spawn_request(*bytes, 4);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->device.terminal, kTerminalPause);
  EXPECT_EQ(parsed->descriptors(), 4u);
  EXPECT_FALSE(parse_spawn_request(*bytes, 3)) << "the terminal's descriptor missing";
  // Refusing needs no descriptor; nor does none.
  for (uint32_t mode : {kTerminalRefuse, kTerminalNone}) {
    request.device.terminal = mode;
    auto other = encode_spawn_request(request);
    ASSERT_TRUE(other);
    auto back = parse_spawn_request(*other, 3);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->device.terminal, mode);
  }
  // A terminal needs the interface (PPP follows it), and the mode must be known.
  request.device.terminal = kTerminalPause;
  request.tun = false;
  EXPECT_FALSE(encode_spawn_request(request));
  request.tun = true;
  request.device.terminal = kTerminalRefuse + 1;
  EXPECT_FALSE(encode_spawn_request(request));
}

TEST(ZygoteMessage, EncodeRefusesWhatTheZygoteWouldRefuse) {
  EXPECT_FALSE(encode_spawn_request(SpawnRequest{0, "test", "1"}));
  EXPECT_FALSE(encode_spawn_request(SpawnRequest{1, "", "1"}));
  EXPECT_FALSE(encode_spawn_request(SpawnRequest{1, std::string(kMaxDeviceType + 1, 't'), "1"}));
  EXPECT_FALSE(
      encode_spawn_request(SpawnRequest{1, "test", std::string(kMaxPhoneNumber + 1, '1')}));
  EXPECT_FALSE(encode_spawn_request(SpawnRequest{1, "test",
                                                 std::string("55\0"
                                                             "5",
                                                             4)}));
}

TEST(ZygoteMessage, ParseRefusesMalformedRequests) {
  auto good = request_bytes(7, "test", "555");
  auto refuse = [](const std::vector<uint8_t>& bytes, std::size_t fds, const char* why) {
    auto r = parse_spawn_request(bytes, fds);
    EXPECT_FALSE(r) << why;
    if (!r) {
      EXPECT_EQ(r.error().code, Errc::kInvalidData) << why;
    }
  };
  refuse(good, 0, "no descriptor attached");
  refuse(good, 2, "one descriptor too many");
  for (std::size_t n = 0; n < good.size(); ++n) {
    std::vector<uint8_t> cut(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(n));
    // Cutting exactly after the device type leaves a valid request without a number.
    if (n == 16 + 4 + 4) continue;
    refuse(cut, 1, "truncated");
  }
  auto header = [](uint32_t kind, uint32_t count, uint64_t id) {
    std::vector<uint8_t> b;
    append(b, kind);
    append(b, count);
    append(b, id);
    return b;
  };
  auto field = [](std::vector<uint8_t>& b, uint16_t tag, const std::string& v) {
    append(b, tag);
    append(b, static_cast<uint16_t>(v.size()));
    b.insert(b.end(), v.begin(), v.end());
  };
  auto wrong_kind = header(2, 1, 1);
  field(wrong_kind, 1, "test");
  refuse(wrong_kind, 1, "kind 2");
  auto id0 = header(1, 1, 0);
  field(id0, 1, "test");
  refuse(id0, 1, "id 0");
  auto count2 = header(1, 2, 1);
  field(count2, 1, "test");
  refuse(count2, 2, "two descriptors announced");
  auto no_type = header(1, 1, 1);
  field(no_type, 2, "555");
  refuse(no_type, 1, "no device type");
  auto twice = header(1, 1, 1);
  field(twice, 1, "test");
  field(twice, 1, "test");
  refuse(twice, 1, "device type twice");
  auto unknown = header(1, 1, 1);
  field(unknown, 1, "test");
  field(unknown, 9, "x");
  refuse(unknown, 1, "unknown tag");
  auto tag0 = header(1, 1, 1);
  field(tag0, 0, "");
  field(tag0, 1, "test");
  refuse(tag0, 1, "tag 0");
  auto nul = header(1, 1, 1);
  field(nul, 1, std::string("te\0st", 5));
  refuse(nul, 1, "NUL in a field");
  auto overrun = header(1, 1, 1);
  append(overrun, uint16_t{1});
  append(overrun, uint16_t{0xffff});
  overrun.insert(overrun.end(), {'t', 'e', 's', 't'});
  refuse(overrun, 1, "length past the end");
  auto long_type = header(1, 1, 1);
  field(long_type, 1, std::string(kMaxDeviceType + 1, 't'));
  refuse(long_type, 1, "device type too long");
  std::vector<uint8_t> huge = header(1, 1, 1);
  field(huge, 1, "test");
  huge.resize(kZygoteMaxPacket + 1, 0);
  refuse(huge, 1, "bigger than a packet may be");
  EXPECT_EQ(peek_request_id(std::vector<uint8_t>(3, 1)), 0u);
}

TEST(ZygoteMessage, EventsRoundTripAndRefuseMismatches) {
  ZygoteEvent spawned{ZygoteEvent::Kind::kSpawned, 9, 0, 1234, 0};
  auto bytes = encode_zygote_event(spawned);
  auto back = parse_zygote_event(bytes, 1);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->request, 9u);
  EXPECT_EQ(back->pid, 1234);
  EXPECT_FALSE(parse_zygote_event(bytes, 0)) << "a successful spawn carries its pidfd";
  auto failed = encode_zygote_event(ZygoteEvent{ZygoteEvent::Kind::kSpawned, 9, EAGAIN, 0, 0});
  EXPECT_TRUE(parse_zygote_event(failed, 0));
  EXPECT_FALSE(parse_zygote_event(failed, 1)) << "a failed spawn carries no descriptor";
  EXPECT_FALSE(parse_zygote_event(
      encode_zygote_event(ZygoteEvent{ZygoteEvent::Kind::kSpawned, 9, 0, 0, 0}), 1))
      << "success without a pid";
  EXPECT_FALSE(parse_zygote_event(
      encode_zygote_event(ZygoteEvent{ZygoteEvent::Kind::kSpawned, 9, -1, 0, 0}), 0))
      << "negative errno";
  auto exited = encode_zygote_event(ZygoteEvent{ZygoteEvent::Kind::kExited, 0, 0, 77, SIGKILL});
  auto e = parse_zygote_event(exited, 0);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->pid, 77);
  EXPECT_EQ(e->status, SIGKILL);
  EXPECT_FALSE(parse_zygote_event(exited, 1));
  EXPECT_FALSE(parse_zygote_event(
      encode_zygote_event(ZygoteEvent{ZygoteEvent::Kind::kExited, 0, 0, 0, 0}), 0));
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(parse_zygote_event(std::span<const uint8_t>(bytes.data(), n), 1)) << n;
  }
  std::vector<uint8_t> kind3(24, 0);
  kind3[0] = 3;
  EXPECT_FALSE(parse_zygote_event(kind3, 0));
}

// The zygote's receive: bytes in the caller's buffer, descriptors kept in place, and a
// packet too big refused with its descriptors closed.
TEST(ZygoteMessage, APacketReceivedInPlaceKeepsItsBytesAndDescriptors) {
  int sv[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
  UniqueFd ours(sv[0]), theirs(sv[1]);
  std::vector<uint8_t> buffer(kZygoteMaxPacket + 1);
  int pipe_fds[2];
  ASSERT_EQ(::pipe2(pipe_fds, O_CLOEXEC), 0);
  UniqueFd read_end(pipe_fds[0]), write_end(pipe_fds[1]);
  const std::vector<uint8_t> bytes = {1, 2, 3, 4, 5};
  const int fds[2] = {read_end.get(), write_end.get()};
  ASSERT_TRUE(send_packet(theirs.get(), bytes, fds, 0));
  auto packet = recv_packet_in_place(ours.get(), 0, buffer);
  ASSERT_TRUE(packet) << packet.error().message;
  EXPECT_EQ(std::vector<uint8_t>(packet->bytes.begin(), packet->bytes.end()), bytes);
  EXPECT_EQ(packet->bytes.data(), buffer.data()) << "in the caller's buffer";
  ASSERT_EQ(packet->fd_count, 2u);
  EXPECT_EQ(::write(packet->fds[1].get(), "x", 1), 1) << "the pipe's write end arrived second";
  char c = 0;
  EXPECT_EQ(::read(packet->fds[0].get(), &c, 1), 1);
  EXPECT_EQ(::fcntl(packet->fds[0].get(), F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);

  // Too big: refused, and what arrived with it is closed (the pipe then has no writer).
  std::vector<uint8_t> huge(kZygoteMaxPacket + 1, 7);
  const int one[1] = {write_end.get()};
  ASSERT_TRUE(send_packet(theirs.get(), huge, one, 0));
  write_end.reset();
  packet->fds[1].reset();
  auto refused = recv_packet_in_place(ours.get(), 0, buffer);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::kInvalidData);
  EXPECT_EQ(::read(read_end.get(), &c, 1), 0) << "the refused packet's descriptor is closed";
  std::vector<uint8_t> small(kZygoteMaxPacket);
  EXPECT_FALSE(recv_packet_in_place(ours.get(), MSG_DONTWAIT, small)) << "a buffer too small";
}

// In a child process: the zygote's filter still denies open, socket, exec and kill, and
// allows what forking a link takes: fork, pidfd_open, reaping.
TEST(ZygoteSeccomp, AllowsForkingButNotOpeningExecutingOrKilling) {
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || !install_zygote_seccomp()) ::_exit(10);
    if (::open("/etc/hostname", O_RDONLY | O_CLOEXEC) >= 0 || errno != EPERM) ::_exit(11);
    if (::socket(AF_UNIX, SOCK_STREAM, 0) >= 0 || errno != EPERM) ::_exit(12);
    char* argv[] = {nullptr};
    if (::execv("/bin/true", argv) == 0 || errno != EPERM) ::_exit(13);
    if (::kill(::getppid(), 0) == 0 || errno != EPERM) ::_exit(14);
    pid_t child = ::fork();
    if (child < 0) ::_exit(15);
    if (child == 0) ::_exit(7);
    int fd = static_cast<int>(::syscall(SYS_pidfd_open, child, 0));
    if (fd < 0) ::_exit(16);
    int status = 0;
    if (::waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 7) {
      ::_exit(17);
    }
    ::_exit(0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

// Started as root, a zygote (and so a link) needs whom to become, and never becomes root:
// it refuses to run rather than serve requests privileged.
TEST(ZygoteStart, AsRootItRefusesToStayRootOrBecomeIt) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root: the refusal is root's case";
  for (std::optional<Identity> become :
       {std::optional<Identity>(), std::optional(Identity{0, 0})}) {
    int sv[2];
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
    UniqueFd ours(sv[0]);
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) ::_exit(run_zygote(ZygoteOptions{sv[1], become}));
    ::close(sv[1]);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 1) << (become ? "uid 0" : "no identity");
  }
}

// A zygote forked from the test, serving one end of a socketpair.
class ZygoteProcess : public ::testing::Test {
 protected:
  void SetUp() override {
    int sv[2];
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
    control_.reset(sv[0]);
    openras::testing::bound_receives(control_.get());
    // As root it becomes nobody, by number, as rasmand tells it (links.h).
    std::optional<Identity> nobody;
    if (const passwd* pw = ::getpwnam("nobody")) nobody = Identity{pw->pw_uid, pw->pw_gid};
    pid_ = ::fork();
    ASSERT_GE(pid_, 0);
    if (pid_ == 0) {
      ::close(sv[0]);
      ::_exit(run_zygote(ZygoteOptions{sv[1], nobody}));
    }
    ::close(sv[1]);
  }
  void TearDown() override {
    control_.reset();
    if (pid_ > 0) {
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }

  struct Spawned {
    ZygoteEvent event;
    UniqueFd pidfd;
    UniqueFd socket;  // the test's end of the link's socketpair
  };

  Spawned spawn(uint64_t id, const std::string& number) {
    int sv[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
    Spawned s;
    s.socket.reset(sv[0]);
    openras::testing::bound_receives(s.socket.get());
    UniqueFd theirs(sv[1]);
    // rasmand's first message, which the link waits for before it dials: no credentials.
    auto start = encode_control_message(StartMessage{});
    EXPECT_TRUE(start);
    if (start) {
      EXPECT_EQ(::send(s.socket.get(), start->data(), start->size(), 0),
                static_cast<ssize_t>(start->size()));
    }
    auto bytes = request_bytes(id, "test", number);
    int fds[1] = {theirs.get()};
    EXPECT_TRUE(send_packet(control_.get(), bytes, fds, 0));
    theirs.reset();
    auto packet = recv_packet(control_.get(), 0);
    EXPECT_TRUE(packet);
    if (!packet) return s;
    auto event = parse_zygote_event(packet->bytes, packet->fds.size());
    EXPECT_TRUE(event) << (event ? "" : event.error().message);
    if (!event) return s;
    s.event = *event;
    if (!packet->fds.empty()) s.pidfd = std::move(packet->fds.front());
    return s;
  }

  ZygoteEvent next_event() {
    auto packet = recv_packet(control_.get(), 0);
    EXPECT_TRUE(packet);
    if (!packet) return {};
    auto event = parse_zygote_event(packet->bytes, packet->fds.size());
    EXPECT_TRUE(event);
    return event ? *event : ZygoteEvent{};
  }

  // The link's State messages (its Projection, before Connected, is skipped).
  static std::vector<StateMessage> read_states(int fd, std::size_t count) {
    std::vector<StateMessage> out;
    while (out.size() < count) {
      uint8_t packet[kMaxMessageSize];
      ssize_t n = ::recv(fd, packet, sizeof packet, 0);
      if (n <= 0) break;
      auto reports =
          parse_link_packet(std::span<const uint8_t>(packet, static_cast<std::size_t>(n)));
      EXPECT_TRUE(reports);
      if (!reports) break;
      for (const LinkMessage& m : *reports) {
        if (auto* state = std::get_if<StateMessage>(&m)) out.push_back(*state);
      }
    }
    return out;
  }

  UniqueFd control_;
  pid_t pid_ = -1;
};

std::string status_field(pid_t pid, const std::string& key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0) return line.substr(key.size());
  }
  return {};
}

TEST_F(ZygoteProcess, ForksALinkThatWalksHoldsAndIsReportedWhenItEnds) {
  Spawned link = spawn(1, "5550100");
  ASSERT_EQ(link.event.kind, ZygoteEvent::Kind::kSpawned);
  EXPECT_EQ(link.event.request, 1u);
  EXPECT_EQ(link.event.error, 0);
  ASSERT_GT(link.event.pid, 0);
  ASSERT_TRUE(link.pidfd);
  auto states = read_states(link.socket.get(), 8);
  ASSERT_EQ(states.size(), 8u);
  EXPECT_EQ(states.back().state, static_cast<uint32_t>(RASCS_Connected));
  // Holding the line: what it holds and what it runs under.
  std::vector<int> fds;
  for (const auto& entry :
       std::filesystem::directory_iterator("/proc/" + std::to_string(link.event.pid) + "/fd")) {
    fds.push_back(std::stoi(entry.path().filename().string()));
  }
  std::sort(fds.begin(), fds.end());
  ASSERT_FALSE(fds.empty());
  // Above 3 only what the link made itself: its event loop's epoll and timerfd.
  for (int fd : fds) {
    if (fd <= 3) continue;
    std::string target = std::filesystem::read_symlink("/proc/" + std::to_string(link.event.pid) +
                                                       "/fd/" + std::to_string(fd));
    EXPECT_TRUE(target == "anon_inode:[eventpoll]" || target == "anon_inode:[timerfd]")
        << "the link holds descriptor " << fd << ": " << target;
  }
  EXPECT_LE(fds.size(), 6u) << "the link holds more than stdio, its socket and its loop";
  EXPECT_NE(status_field(link.event.pid, "NoNewPrivs:").find('1'), std::string::npos);
  EXPECT_NE(status_field(link.event.pid, "Seccomp:").find('2'), std::string::npos);
  if (::geteuid() == 0) {
    EXPECT_EQ(status_field(link.event.pid, "Uid:").find("\t0\t"), std::string::npos)
        << "the link runs as root";
  }
  link.socket.reset();  // hang-up
  ZygoteEvent exited = next_event();
  EXPECT_EQ(exited.kind, ZygoteEvent::Kind::kExited);
  EXPECT_EQ(exited.pid, link.event.pid);
  EXPECT_TRUE(WIFEXITED(exited.status));
  EXPECT_EQ(WEXITSTATUS(exited.status), 0);
}

TEST_F(ZygoteProcess, ReportsAKilledLinkWithItsSignal) {
  Spawned link = spawn(5, "5550100");
  ASSERT_TRUE(link.pidfd);
  ASSERT_EQ(read_states(link.socket.get(), 8).size(), 8u);
  ASSERT_EQ(::syscall(SYS_pidfd_send_signal, link.pidfd.get(), SIGKILL, nullptr, 0), 0);
  ZygoteEvent exited = next_event();
  EXPECT_EQ(exited.kind, ZygoteEvent::Kind::kExited);
  EXPECT_EQ(exited.pid, link.event.pid);
  ASSERT_TRUE(WIFSIGNALED(exited.status));
  EXPECT_EQ(WTERMSIG(exited.status), SIGKILL);
}

TEST_F(ZygoteProcess, RefusesAMalformedRequestAndServesTheNext) {
  auto bytes = request_bytes(3, "test", "555");
  bytes.push_back(0xee);  // a trailing half field header
  int sv[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
  UniqueFd a(sv[0]), b(sv[1]);
  int fds[1] = {b.get()};
  ASSERT_TRUE(send_packet(control_.get(), bytes, fds, 0));
  b.reset();
  ZygoteEvent refused = next_event();
  EXPECT_EQ(refused.kind, ZygoteEvent::Kind::kSpawned);
  EXPECT_EQ(refused.request, 3u);
  EXPECT_EQ(refused.error, EINVAL);
  // The descriptor it refused is closed: our end sees the hang-up.
  pollfd p{a.get(), POLLIN, 0};
  ASSERT_EQ(::poll(&p, 1, 10000), 1);
  EXPECT_NE(p.revents & POLLHUP, 0);
  // No descriptor at all.
  ASSERT_TRUE(send_packet(control_.get(), request_bytes(4, "test", "1"), {}, 0));
  EXPECT_EQ(next_event().error, EINVAL);
  Spawned busy = spawn(6, "busy");
  EXPECT_EQ(busy.event.error, 0);
  auto states = read_states(busy.socket.get(), 3);
  ASSERT_EQ(states.size(), 3u);
  EXPECT_EQ(states.back().error, static_cast<uint32_t>(ERROR_LINE_BUSY));
  ZygoteEvent exited = next_event();
  EXPECT_EQ(exited.pid, busy.event.pid);
}

TEST_F(ZygoteProcess, ExitsWhenTheControlSocketClosesAndItsLinksLiveOn) {
  Spawned link = spawn(8, "5550100");
  ASSERT_TRUE(link.pidfd);
  ASSERT_EQ(read_states(link.socket.get(), 8).size(), 8u);
  control_.reset();
  int status = 0;
  ASSERT_EQ(::waitpid(pid_, &status, 0), pid_);
  pid_ = -1;
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  // The link outlived its zygote and still holds the line; the hang-up still ends it.
  EXPECT_EQ(::syscall(SYS_pidfd_send_signal, link.pidfd.get(), 0, nullptr, 0), 0);
  link.socket.reset();
  pollfd p{link.pidfd.get(), POLLIN, 0};
  EXPECT_EQ(::poll(&p, 1, 10000), 1) << "the link did not end after the hang-up";
}

}  // namespace
}  // namespace openras::link
