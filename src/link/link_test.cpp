// link_test.cpp: the link message parser and the test device's walk of states.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <functional>

#include <thread>
#include <vector>

#include "base/unique_fd.h"
#include "link/driver.h"
#include "link/link.h"
#include "link/message.h"
#include "link/seccomp_programs.h"
#include "link/zygote.h"
#include "ras.h"
#include "raserror.h"
#include "support.h"

namespace openras::link {
namespace {

std::span<const uint8_t> bytes_of(const std::vector<uint8_t>& v) { return {v.data(), v.size()}; }

TEST(LinkMessage, EveryLinkMessageRoundTrips) {
  LinkCounters counters;
  counters.bytes_sent = uint64_t{1} << 40;
  counters.frames_received = 7;
  counters.crc_errors = 3;
  counters.buffer_overruns = 9;
  counters.compression_ratio_in = 45;
  Projection projection;
  projection.ipv4_address[0] = 192;
  projection.server_interface_id[7] = 0xfe;
  projection.multilink = true;
  projection.auth_protocol = RASLCPAP_CHAP;
  projection.ccp_server_options = 0xdeadbeef;
  for (const LinkMessage& m : {LinkMessage{StateMessage{RASCS_ConnectDevice, ERROR_LINE_BUSY}},
                               LinkMessage{counters}, LinkMessage{projection}}) {
    auto bytes = encode_link_message(m);
    EXPECT_EQ(bytes[0], kLinkProtocolVersion);
    auto back = parse_link_message(bytes_of(bytes));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->index(), m.index());
    EXPECT_EQ(encode_link_message(*back), bytes);
  }
  auto state = parse_link_message(bytes_of(encode_link_message(StateMessage{RASCS_Connected, 0})));
  EXPECT_EQ(std::get<StateMessage>(*state).state, static_cast<uint32_t>(RASCS_Connected));
  EXPECT_EQ(encode_link_message(counters).size(), kHeaderSize + kStatisticsPayloadSize);
  EXPECT_EQ(std::get<LinkCounters>(*parse_link_message(bytes_of(encode_link_message(counters)))),
            counters);
  EXPECT_EQ(std::get<Projection>(*parse_link_message(bytes_of(encode_link_message(projection)))),
            projection);
}

TEST(LinkMessage, AStatesReasonTravelsAndIsCutToItsLimit) {
  StateMessage failed{RASCS_ConnectDevice, 676};
  failed.reason = "port /dev/ttyS0, command \"ATDT5550111\": the modem answered \"BUSY\"";
  auto back = parse_link_message(bytes_of(encode_link_message(failed)));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(std::get<StateMessage>(*back), failed);
  // Longer than the limit: cut on a UTF-8 boundary (é is two bytes), never refused.
  StateMessage wordy{RASCS_ConnectDevice, 651};
  wordy.reason = std::string(kMaxReasonBytes - 1, 'x') + "\xc3\xa9tc";
  auto cut = parse_link_message(bytes_of(encode_link_message(wordy)));
  ASSERT_TRUE(cut) << cut.error().message;
  EXPECT_EQ(std::get<StateMessage>(*cut).reason, std::string(kMaxReasonBytes - 1, 'x'));
}

TEST(LinkMessage, EveryControlMessageRoundTrips) {
  auto start = encode_control_message(StartMessage{"alice", "s3cr:et", "CORP"});
  ASSERT_TRUE(start);
  auto parsed = parse_control_message(bytes_of(*start));
  ASSERT_TRUE(parsed) << parsed.error().message;
  const auto& s = std::get<StartMessage>(*parsed);
  EXPECT_EQ(s.user, "alice");
  EXPECT_EQ(s.password, "s3cr:et");
  EXPECT_EQ(s.domain, "CORP");
  auto empty = encode_control_message(StartMessage{});
  ASSERT_TRUE(empty);
  EXPECT_TRUE(std::get<StartMessage>(*parse_control_message(bytes_of(*empty))).empty());
  std::string longest(kMaxCredentialBytes, 'x');
  auto full = encode_control_message(StartMessage{longest, longest, longest});
  ASSERT_TRUE(full);
  EXPECT_EQ(full->size(), kMaxMessageSize);
  EXPECT_TRUE(parse_control_message(bytes_of(*full)));
  auto request = encode_control_message(StatisticsRequest{});
  ASSERT_TRUE(request);
  EXPECT_EQ(request->size(), kHeaderSize);
  EXPECT_TRUE(
      std::holds_alternative<StatisticsRequest>(*parse_control_message(bytes_of(*request))));
  auto resume = encode_control_message(ResumeMessage{});
  ASSERT_TRUE(resume);
  EXPECT_EQ(resume->size(), kHeaderSize);
  EXPECT_TRUE(std::holds_alternative<ResumeMessage>(*parse_control_message(bytes_of(*resume))));
  // Resume is rasmand's to send: a link that sends it breaks the protocol.
  EXPECT_FALSE(parse_link_message(bytes_of(*resume)));
}

TEST(LinkMessage, EncodingRefusesCredentialsItCannotCarry) {
  std::string too_long(kMaxCredentialBytes + 1, 'x');
  EXPECT_EQ(encode_control_message(StartMessage{too_long, "", ""}).error().code,
            Errc::kInvalidArgument);
  EXPECT_EQ(encode_control_message(StartMessage{"a", std::string("p\0w", 3), ""}).error().code,
            Errc::kInvalidArgument);
}

void expect_refused(std::vector<uint8_t> bytes, bool control, const char* why) {
  auto link = parse_link_message(bytes_of(bytes));
  auto ctl = parse_control_message(bytes_of(bytes));
  if (control) {
    ASSERT_FALSE(ctl) << why;
    EXPECT_EQ(ctl.error().code, Errc::kInvalidData) << why;
  } else {
    ASSERT_FALSE(link) << why;
    EXPECT_EQ(link.error().code, Errc::kInvalidData) << why;
  }
}

// Appends one field (tag, length, value) and fixes the header's payload length.
void add_field(std::vector<uint8_t>& bytes, uint16_t tag, std::vector<uint8_t> value) {
  auto length = static_cast<uint16_t>(value.size());
  bytes.insert(bytes.end(), {static_cast<uint8_t>(tag), static_cast<uint8_t>(tag >> 8),
                             static_cast<uint8_t>(length), static_cast<uint8_t>(length >> 8)});
  bytes.insert(bytes.end(), value.begin(), value.end());
  auto payload = static_cast<uint16_t>(bytes.size() - kHeaderSize);
  std::memcpy(bytes.data() + 2, &payload, 2);
}

TEST(LinkMessage, ParsersRefuseWhatIsMalformed) {
  auto state = encode_link_message(StateMessage{RASCS_Connected, 0});
  for (std::size_t n : {0u, 1u, 3u, 4u, 11u}) {
    expect_refused(
        std::vector<uint8_t>(
            state.begin(), state.begin() + static_cast<std::ptrdiff_t>(std::min(n, state.size()))),
        false, "short");
  }
  auto longer = state;
  longer.push_back(0);
  expect_refused(longer, false, "one byte more than its length says");
  auto v2 = state;
  v2[0] = 2;
  expect_refused(v2, false, "version 2");
  auto unknown = state;
  unknown[1] = 99;
  expect_refused(unknown, false, "unknown type");
  expect_refused(unknown, true, "unknown type");
  auto twice = state;
  add_field(twice, 1, {1, 0, 0, 0});
  expect_refused(twice, false, "the state twice");
  std::vector<uint8_t> no_error = {kLinkProtocolVersion, static_cast<uint8_t>(MessageType::kState),
                                   0, 0};
  add_field(no_error, 1, {8, 0, 0, 0});
  expect_refused(no_error, false, "State without its error field");
  auto wide = no_error;
  add_field(wide, 2, {0, 0, 0, 0, 0, 0, 0, 0});
  expect_refused(wide, false, "an error field of 8 bytes");
  auto projection = encode_link_message(Projection{});
  // Field 9 (bundled) starts after eight fields: 1, 4-6 (u32), 2-3 (4 bytes), 7-8 (8 bytes).
  projection[kHeaderSize + 8 * kFieldHeaderSize + 4 * 4 + 2 * 4 + 2 * 8 + kFieldHeaderSize] = 2;
  expect_refused(projection, false, "bundled = 2");
  // Each side refuses the other side's messages.
  expect_refused(state, true, "State sent to a link");
  expect_refused(*encode_control_message(StatisticsRequest{}), false, "a request sent to rasmand");
  auto start = *encode_control_message(StartMessage{"ab", "cd", "ef"});
  auto nul = start;
  nul[kHeaderSize + kFieldHeaderSize + 1] = 0;
  expect_refused(nul, true, "a NUL in the user");
  auto overrun = start;
  overrun[kHeaderSize + 2] = 3;  // the user's length runs into the next field's header
  overrun[kHeaderSize + 3] = 1;
  expect_refused(overrun, true, "a field that overruns the payload");
  std::vector<uint8_t> huge = {kLinkProtocolVersion, static_cast<uint8_t>(MessageType::kStart), 0,
                               0};
  add_field(huge, 2, std::vector<uint8_t>(kMaxCredentialBytes + 1, 'p'));
  expect_refused(huge, true, "a password over the limit");
  std::vector<uint8_t> oversized(kMaxMessageSize + 1, 0);
  oversized[0] = kLinkProtocolVersion;
  oversized[1] = static_cast<uint8_t>(MessageType::kStart);
  expect_refused(oversized, true, "over kMaxMessageSize");
  auto request = *encode_control_message(StatisticsRequest{});
  add_field(request, 1, {});
  expect_refused(request, true, "a request with a payload");
}

// What makes the format extensible: a receiver skips the fields a later version adds.
TEST(LinkMessage, UnknownFieldsAreSkipped) {
  auto state = encode_link_message(StateMessage{RASCS_ConnectDevice, ERROR_LINE_BUSY});
  add_field(state, 40, {'l', 'a', 't', 'e', 'r'});
  auto parsed = parse_link_message(bytes_of(state));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(std::get<StateMessage>(*parsed), (StateMessage{RASCS_ConnectDevice, ERROR_LINE_BUSY}));
  auto start = *encode_control_message(StartMessage{"u", "p", ""});
  add_field(start, 33, {1, 2, 3});
  auto control = parse_control_message(bytes_of(start));
  ASSERT_TRUE(control) << control.error().message;
  EXPECT_EQ(std::get<StartMessage>(*control).password, "p");
}

// A link's packet carries one message or several back to back, each with its header; one
// bad message, or a packet past the size limit, refuses the whole packet.
TEST(LinkMessage, APacketOfSeveralMessagesParsesToThemInOrder) {
  StateMessage failed{RASCS_ConnectDevice, ERROR_LINE_BUSY};
  failed.reason = "busy";
  std::vector<LinkMessage> sent = {StateMessage{RASCS_OpenPort, 0}, Projection{}, failed};
  std::vector<uint8_t> packet;
  for (const LinkMessage& m : sent) {
    auto bytes = encode_link_message(m);
    packet.insert(packet.end(), bytes.begin(), bytes.end());
  }
  auto got = parse_link_packet(bytes_of(packet));
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(*got, sent);
  auto one = parse_link_packet(bytes_of(encode_link_message(sent[0])));
  ASSERT_TRUE(one);
  EXPECT_EQ(one->size(), 1U);

  std::vector<uint8_t> cut(packet.begin(), packet.end() - 1);
  auto refused = parse_link_packet(bytes_of(cut));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("message 3 of the packet"), std::string::npos)
      << refused.error().message;
  std::vector<uint8_t> trailing = packet;
  trailing.push_back(kLinkProtocolVersion);  // a header cut short after the last message
  EXPECT_FALSE(parse_link_packet(bytes_of(trailing)));
  EXPECT_FALSE(parse_link_packet({}));
  std::vector<uint8_t> huge;
  while (huge.size() <= kMaxMessageSize) {
    auto bytes = encode_link_message(sent[0]);
    huge.insert(huge.end(), bytes.begin(), bytes.end());
  }
  EXPECT_FALSE(parse_link_packet(bytes_of(huge))) << "past kMaxMessageSize";
}

// A Start (credentials) is built in one buffer of the largest size, so no reallocation
// leaves a copy of a secret behind; a report reserves about its own size, as a link queues
// a dial's reports before it sends them (link.cpp) and should not grow its heap for them.
TEST(LinkMessage, OnlyAStartReservesTheLargestMessage) {
  auto start = *encode_control_message(StartMessage{"user", "password", "domain"});
  EXPECT_EQ(start.capacity(), kMaxMessageSize);
  StateMessage failed{RASCS_ConnectDevice, ERROR_LINE_BUSY};
  failed.reason = std::string(200, 'r');
  failed.number = "5550100";
  for (const LinkMessage& report :
       {LinkMessage{StateMessage{RASCS_OpenPort, 0}}, LinkMessage{failed},
        LinkMessage{Projection{}}, LinkMessage{LinkCounters{}}}) {
    auto bytes = encode_link_message(report);
    EXPECT_LE(bytes.capacity(), 512U) << bytes.size() << " bytes";
    EXPECT_TRUE(parse_link_message(bytes_of(bytes)));
  }
}

TEST(LinkMessage, WipeClearsEveryByte) {
  std::string secret = "a password long enough to live on the heap, not in the string";
  const char* data = secret.data();
  std::size_t capacity = secret.capacity();
  wipe(secret);
  EXPECT_TRUE(secret.empty());
  EXPECT_EQ(secret.data(), data);
  for (std::size_t i = 0; i < capacity; ++i) EXPECT_EQ(data[i], '\0') << i;
}

// Runs the test device on one end of a socketpair and collects what it reports. With
// `statistics_at` set, asks for the counters when that state arrives.
struct Walk {
  std::vector<LinkMessage> messages;
  int packets = 0;  // the packets they came in
  int status = -1;
};

Walk walk(const std::string& number, bool hang_up_after_connected, StartMessage credentials = {},
          uint32_t statistics_at = 0xffffffff) {
  int sv[2];
  EXPECT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
  UniqueFd ours(sv[0]);
  openras::testing::bound_receives(ours.get());
  Walk w;
  std::thread device([&, fd = sv[1]] {
    w.status = run_test_device(fd, number, std::move(credentials));
    ::close(fd);
  });
  uint8_t packet[kMaxMessageSize];
  bool hang_up_on_statistics = false;
  // What the test does on each report: ask for the counters, or hang up.
  auto on_report = [&](const LinkMessage& m) {
    w.messages.push_back(m);
    const auto* state = std::get_if<StateMessage>(&m);
    if (state != nullptr && state->state == statistics_at) {
      auto request = encode_control_message(StatisticsRequest{});
      EXPECT_EQ(::send(ours.get(), request->data(), request->size(), 0),
                static_cast<ssize_t>(request->size()));
      hang_up_on_statistics = state->state == RASCS_Connected && hang_up_after_connected;
      return;
    }
    if (std::holds_alternative<LinkCounters>(m) && hang_up_on_statistics) ours.reset();
    if (state != nullptr && state->state == RASCS_Connected && hang_up_after_connected) {
      ours.reset();
    }
  };
  while (ours) {
    ssize_t n = ::recv(ours.get(), packet, sizeof packet, 0);
    if (n <= 0) break;
    ++w.packets;
    auto reports = parse_link_packet(std::span<const uint8_t>(packet, static_cast<std::size_t>(n)));
    EXPECT_TRUE(reports);
    if (!reports) break;
    for (const LinkMessage& m : *reports) {
      if (ours) on_report(m);
    }
  }
  ours.reset();
  device.join();
  return w;
}

std::vector<StateMessage> states_of(const Walk& w) {
  std::vector<StateMessage> out;
  for (const auto& m : w.messages) {
    if (const auto* s = std::get_if<StateMessage>(&m)) out.push_back(*s);
  }
  return out;
}

const Projection* projection_of(const Walk& w) {
  for (const auto& m : w.messages) {
    if (const auto* p = std::get_if<Projection>(&m)) return p;
  }
  return nullptr;
}

TEST(TestDevice, WalksToConnectedAndHoldsUntilHangUp) {
  Walk w = walk("5550100", true);
  EXPECT_EQ(w.status, 0);
  // Reported in one turn of the link's loop, so in one packet, back to back.
  EXPECT_EQ(w.packets, 1);
  EXPECT_EQ(w.messages.size(), 9u) << "eight states and the projection";
  auto states = states_of(w);
  ASSERT_EQ(states.size(), 8u);
  EXPECT_EQ(states.front().state, static_cast<uint32_t>(RASCS_OpenPort));
  EXPECT_EQ(states.back().state, static_cast<uint32_t>(RASCS_Connected));
  for (const auto& m : states) EXPECT_EQ(m.error, 0u);
}

TEST(TestDevice, ReportsItsProjectionBeforeConnected) {
  Walk w = walk("5550100", true);
  ASSERT_GE(w.messages.size(), 2u);
  const auto* p = std::get_if<Projection>(&w.messages[w.messages.size() - 2]);
  ASSERT_NE(p, nullptr) << "the projection comes just before RASCS_Connected";
  const uint8_t local[4] = {192, 0, 2, 2};
  const uint8_t server[4] = {192, 0, 2, 1};
  EXPECT_EQ(std::memcmp(p->ipv4_address, local, 4), 0);
  EXPECT_EQ(std::memcmp(p->ipv4_server_address, server, 4), 0);
  EXPECT_EQ(p->ipv4_error, 0u);
  EXPECT_EQ(p->ipv6_error, static_cast<uint32_t>(ERROR_PROTOCOL_NOT_CONFIGURED));
  EXPECT_EQ(p->auth_protocol, 0u) << "no credentials, no authentication protocol";
  Walk with = walk("5550100", true, StartMessage{"alice", "pw", ""});
  ASSERT_NE(projection_of(with), nullptr);
  EXPECT_EQ(projection_of(with)->auth_protocol, static_cast<uint32_t>(RASLCPAP_PAP));
}

TEST(TestDevice, BusyFailsAtConnectDevice) {
  Walk w = walk("busy", false);
  auto states = states_of(w);
  ASSERT_EQ(states.size(), 3u);
  EXPECT_EQ(states.back().state, static_cast<uint32_t>(RASCS_ConnectDevice));
  EXPECT_EQ(states.back().error, static_cast<uint32_t>(ERROR_LINE_BUSY));
  EXPECT_EQ(projection_of(w), nullptr);
}

TEST(TestDevice, NoCarrierFailsAtConnectDevice) {
  Walk w = walk("nocarrier", false);
  auto states = states_of(w);
  ASSERT_FALSE(states.empty());
  EXPECT_EQ(states.back().error, static_cast<uint32_t>(ERROR_NO_CARRIER));
}

TEST(TestDevice, AuthNumberAcceptsOnlyItsCredentials) {
  Walk good = walk("auth:alice:pa:ss", true, StartMessage{"alice", "pa:ss", "CORP"});
  auto states = states_of(good);
  ASSERT_EQ(states.size(), 8u);
  EXPECT_EQ(states.back().state, static_cast<uint32_t>(RASCS_Connected));
  for (const StartMessage& wrong :
       {StartMessage{"alice", "nope", ""}, StartMessage{"bob", "pa:ss", ""}, StartMessage{}}) {
    Walk bad = walk("auth:alice:pa:ss", false, wrong);
    auto failed = states_of(bad);
    ASSERT_FALSE(failed.empty());
    EXPECT_EQ(failed.back().state, static_cast<uint32_t>(RASCS_Authenticate)) << wrong.user;
    EXPECT_EQ(failed.back().error, static_cast<uint32_t>(ERROR_AUTHENTICATION_FAILURE));
    EXPECT_EQ(projection_of(bad), nullptr);
  }
}

TEST(TestDevice, AnswersStatisticsWhileDialingAndWhenConnected) {
  // delay:20 keeps the device waiting between states; it answers meanwhile.
  Walk w = walk("delay:20", true, {}, RASCS_ConnectDevice);
  std::size_t counters = 0;
  for (const auto& m : w.messages) {
    if (const auto* c = std::get_if<LinkCounters>(&m)) {
      ++counters;
      EXPECT_EQ(*c, LinkCounters{}) << "the test device moves no bytes";
    }
  }
  EXPECT_EQ(counters, 1u);
  EXPECT_EQ(states_of(w).size(), 8u);
  Walk held = walk("5550100", true, {}, RASCS_Connected);
  ASSERT_FALSE(held.messages.empty());
  EXPECT_TRUE(std::holds_alternative<LinkCounters>(held.messages.back()));
}

TEST(TestDevice, HangUpDuringADelayEndsTheDial) {
  int sv[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
  UniqueFd ours(sv[0]);
  openras::testing::bound_receives(ours.get());
  int status = -1;
  auto started = std::chrono::steady_clock::now();
  std::thread device([&, fd = sv[1]] {
    status = run_test_device(fd, "delay:10000", StartMessage{});
    ::close(fd);
  });
  uint8_t packet[kMaxMessageSize];
  ASSERT_GT(::recv(ours.get(), packet, sizeof packet, 0), 0);  // OpenPort
  ours.reset();
  device.join();
  EXPECT_EQ(status, 0);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(ReceiveStart, TakesOnlyAStartMessage) {
  int sv[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
  UniqueFd a(sv[0]);
  UniqueFd b(sv[1]);
  auto start = *encode_control_message(StartMessage{"u", "p", "d"});
  ASSERT_EQ(::send(a.get(), start.data(), start.size(), 0), static_cast<ssize_t>(start.size()));
  auto got = receive_start(b.get());
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->password, "p");
  auto request = *encode_control_message(StatisticsRequest{});
  ASSERT_EQ(::send(a.get(), request.data(), request.size(), 0),
            static_cast<ssize_t>(request.size()));
  EXPECT_EQ(receive_start(b.get()).error().code, Errc::kInvalidData);
  a.reset();
  EXPECT_EQ(receive_start(b.get()).error().code, Errc::kCancelled);
}

// A filter test: `child` runs in a forked process with one end of a socketpair and returns
// its exit status; the test passes when that is 0 and it sent "ok" on its end.
void expect_ok_from_child(const std::function<int(int fd)>& child) {
  int sv[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) ::_exit(child(sv[1]));
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  char buf[4] = {};
  EXPECT_EQ(::recv(sv[0], buf, sizeof buf, MSG_DONTWAIT), 2);
  ::close(sv[0]);
  ::close(sv[1]);
}

// In a child process: after the filter, opening files, making sockets and exec fail with
// EPERM, while I/O on a descriptor already held still works.
TEST(Seccomp, DeniesWhatTheLinkNeverNeeds) {
  expect_ok_from_child([](int fd) {
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || !install_seccomp()) return 10;
    if (::open("/etc/hostname", O_RDONLY | O_CLOEXEC) >= 0 || errno != EPERM) return 11;
    if (::socket(AF_INET, SOCK_STREAM, 0) >= 0 || errno != EPERM) return 12;
    char* argv[] = {nullptr};
    if (::execv("/bin/true", argv) == 0 || errno != EPERM) return 13;
#ifdef SYS_poll
    if (::syscall(SYS_poll, nullptr, 0, 0) != 0) return 15;  // the last of the filter's list
#endif
    if (::send(fd, "ok", 2, 0) != 2) return 14;
    return 0;
  });
}

// A classic-BPF evaluator for what our filters use: loads of a seccomp_data word, jumps
// on equality, returns.
uint32_t evaluate(const Program& program, const seccomp_data& data) {
  uint32_t a = 0;
  for (std::size_t pc = 0; pc < program.size(); ++pc) {
    const sock_filter& i = program[pc];
    switch (i.code) {
      case BPF_LD | BPF_W | BPF_ABS:
        std::memcpy(&a, reinterpret_cast<const char*>(&data) + i.k, sizeof a);
        break;
      case BPF_JMP | BPF_JEQ | BPF_K:
        pc += a == i.k ? i.jt : i.jf;
        break;
      case BPF_RET | BPF_K:
        return i.k;
      default:
        ADD_FAILURE() << "instruction " << i.code << " at " << pc;
        return 0;
    }
  }
  ADD_FAILURE() << "the program ran off its end";
  return 0;
}

// As the kernel stacks filters: the action of lowest value (as a signed number) wins, so
// a kill beats an errno, which beats an allow.
uint32_t stacked(const Program& first, const Program& second, const seccomp_data& data) {
  uint32_t a = evaluate(first, data);
  uint32_t b = evaluate(second, data);
  auto action = [](uint32_t r) { return static_cast<int32_t>(r & SECCOMP_RET_ACTION_FULL); };
  return action(b) < action(a) ? b : a;
}

// A link the zygote forked runs under the zygote's filter and the narrowing one: for every
// system call number (and x32's, and another architecture's), and for ioctl every request
// the filters look at and some they do not, the two together answer exactly what a link's
// own filter answers, for each driver.
TEST(Seccomp, TheZygoteAndNarrowingFiltersTogetherAreTheLinksFilter) {
  auto zygote = zygote_filter();
  ASSERT_TRUE(zygote) << zygote.error().message;
#if defined(__x86_64__)
  const uint32_t native = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
  const uint32_t native = AUDIT_ARCH_AARCH64;
#else
  GTEST_SKIP() << "no seccomp filter for this architecture";
#endif
  std::vector<uint64_t> requests = {TCGETS, TCSETS, TIOCMGET, TCXONC, TIOCSTI, TIOCSCTTY, 0};
  for (const char* type : {"test", "modem", "serial"}) {
    const DriverInfo* info = find_driver(type);
    ASSERT_NE(info, nullptr) << type;
    auto own = link_filter(info->extra_syscalls);
    auto narrowing = narrowing_filter(info->extra_syscalls);
    ASSERT_TRUE(own && narrowing) << type;
    EXPECT_LT(narrowing->size() * 2, own->size()) << "the point is a short filter";
    int allowed = 0;
    for (uint32_t arch : {native, static_cast<uint32_t>(AUDIT_ARCH_I386)}) {
      for (uint32_t nr = 0; nr < 1024; ++nr) {
        for (uint32_t x32 : {0U, 0x40000000U}) {
          seccomp_data data{};
          data.arch = arch;
          data.nr = static_cast<int>(nr | x32);
          for (uint64_t request : nr == SYS_ioctl ? requests : std::vector<uint64_t>{0}) {
            data.args[1] = request;
            uint32_t alone = evaluate(*own, data);
            ASSERT_EQ(stacked(*zygote, *narrowing, data), alone)
                << type << ": call " << data.nr << " arch " << arch << " request " << request;
            allowed += alone == SECCOMP_RET_ALLOW ? 1 : 0;
          }
        }
      }
    }
    EXPECT_GT(allowed, 30) << type << ": a filter that allows nothing proves nothing";
  }
  // A driver cannot be promised a call the zygote's filter refuses.
  const long socket_call[] = {SYS_socket};
  EXPECT_FALSE(narrowing_filter(socket_call));
}

// For real, in a link forked under the zygote's filter: what only the zygote needed (fork,
// dup2, prctl, ioctl for the test driver) is EPERM, while the link's own calls still work.
TEST(Seccomp, AZygoteChildsNarrowedFilterRefusesTheZygotesOwnCalls) {
  expect_ok_from_child([](int fd) {
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || !install_zygote_seccomp()) return 10;
    pid_t link = ::fork();
    if (link < 0) return 11;
    if (link == 0) {
      if (!install_seccomp_under_zygote()) ::_exit(20);
      pid_t again = ::fork();
      if (again == 0) ::_exit(0);  // must not happen: the parent sees no EPERM below
      if (again >= 0 || errno != EPERM) ::_exit(21);
      if (::dup2(fd, 100) >= 0 || errno != EPERM) ::_exit(22);
      char name[16];
      if (::prctl(PR_GET_NAME, name) >= 0 || errno != EPERM) ::_exit(23);
      char termios_bytes[64] = {};
      if (::ioctl(fd, TCGETS, termios_bytes) >= 0 || errno != EPERM) ::_exit(24);
      if (::open("/etc/hostname", O_RDONLY | O_CLOEXEC) >= 0 || errno != EPERM) ::_exit(25);
      if (::send(fd, "ok", 2, 0) != 2) ::_exit(26);
      ::_exit(0);
    }
    int status = 0;
    if (::waitpid(link, &status, 0) != link || !WIFEXITED(status)) return 12;
    return WEXITSTATUS(status);
  });
}

}  // namespace
}  // namespace openras::link
