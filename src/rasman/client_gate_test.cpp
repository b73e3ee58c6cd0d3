// client_gate_test.cpp: the checks the gate makes on a client's bytes (client_gate.h).
// The relay itself is exercised by every server test (each client goes through a gate),
// and played against by a real user in tests/e2e/rasman_exhaustion.sh.
#include "rasman/client_gate.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <systemd/sd-event.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "base/log.h"
#include "base/unique_fd.h"
#include "rasman/protocol.h"

namespace openras::rasman {
namespace {

const std::string kAuth = std::string(1, '\0') + "AUTH EXTERNAL 30\r\nBEGIN\r\n";

// A little-endian fixed header declaring `fields` bytes of header fields and `body`.
std::string header(uint32_t body, uint32_t fields, char endian = 'l') {
  std::string h = {endian, '\1', '\0', '\1'};
  for (uint32_t v : {body, uint32_t{7}, fields}) {
    for (int i = 0; i < 4; ++i) h += static_cast<char>((v >> (8 * i)) & 0xff);
  }
  return h;
}

TEST(InboundFramer, CountsWholeMessagesFedByteByByte) {
  InboundFramer framer(kMaxMessageBytes, kMaxAuthBytes);
  // 16 + 30 fields → 48 with padding, + 100 body = 148 bytes.
  std::string stream = kAuth + header(100, 30) + std::string(132, 'x');
  stream += header(0, 8) + std::string(8, 'y');  // a second message of 24 bytes
  for (std::size_t i = 0; i < stream.size(); ++i) {
    ASSERT_TRUE(framer.feed(stream.data() + i, 1)) << "byte " << i;
    if (i + 1 == kAuth.size()) {
      EXPECT_FALSE(framer.incomplete());
    }
  }
  EXPECT_EQ(framer.messages(), 2u);
  EXPECT_FALSE(framer.incomplete());
}

TEST(InboundFramer, RefusesAHeaderDeclaringMoreThanTheLimitAtItsSixteenthByte) {
  InboundFramer framer(kMaxMessageBytes, kMaxAuthBytes);
  ASSERT_TRUE(framer.feed(kAuth.data(), kAuth.size()));
  std::string huge = header(127u << 20, 64);
  ASSERT_TRUE(framer.feed(huge.data(), 15));
  auto refused = framer.feed(huge.data() + 15, 1);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "a message of 133169232 bytes (the limit is 16384)");
  // The largest legitimate message fits: 12,288 bytes of strings and their framing.
  InboundFramer ok(kMaxMessageBytes, kMaxAuthBytes);
  std::string fits = kAuth + header(12600, 200);
  EXPECT_TRUE(ok.feed(fits.data(), fits.size()));
  EXPECT_TRUE(ok.incomplete());
}

TEST(InboundFramer, RefusesABadAuthDialogueAndAWrongEndianness) {
  InboundFramer no_nul(kMaxMessageBytes, kMaxAuthBytes);
  EXPECT_FALSE(no_nul.feed("AUTH", 4));
  InboundFramer endless(kMaxMessageBytes, 64);
  std::string lines = std::string(1, '\0') + std::string(100, 'A');
  EXPECT_FALSE(endless.feed(lines.data(), lines.size()));
  InboundFramer wrong(kMaxMessageBytes, kMaxAuthBytes);
  std::string stream = kAuth + header(0, 8, 'X');
  auto refused = wrong.feed(stream.data(), stream.size());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "not a D-Bus message (endianness byte 0x58)");
}

TEST(OutgoingBudget, BoundsAClientAndAllOfItsUidsClients) {
  OutgoingBudget budget;
  EXPECT_TRUE(budget.admit(1000, false, 0, kMaxOutgoingPerClient));
  EXPECT_FALSE(budget.admit(1000, false, 1, kMaxOutgoingPerClient));
  budget.add(1000, kMaxOutgoingPerUser - 10);
  EXPECT_FALSE(budget.admit(1000, false, 0, 11));  // another client of the same uid
  EXPECT_TRUE(budget.admit(1001, false, 0, 11));   // another user is not starved
  EXPECT_TRUE(budget.admit(0, true, kMaxOutgoingPerClient, 1));
  budget.remove(1000, kMaxOutgoingPerUser);
  EXPECT_EQ(budget.of(1000), 0u);
}

// A gate for a new socketpair: `client` gets the client's end, `bus` the end sd-bus would
// serve; nullptr (and a test failure) if it cannot start.
std::unique_ptr<ClientGate> gate_for(sd_event* event, ClientSockets& sockets,
                                     OutgoingBudget& budget, UniqueFd& client, UniqueFd& bus) {
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, pair) < 0) {
    ADD_FAILURE() << "socketpair: " << std::strerror(errno);
    return nullptr;
  }
  client.reset(pair[0]);
  int bus_end = -1;
  auto gate =
      ClientGate::start(event, sockets, UniqueFd(pair[1]), 1000, false, budget,
                        GateLimits{kMaxMessageBytes, kMaxAuthBytes, 5'000'000}, nullptr, &bus_end);
  if (!gate) {
    ADD_FAILURE() << gate.error().message;
    return nullptr;
  }
  bus.reset(bus_end);
  return std::move(*gate);
}

// A loop with the clients' socket set; gates made on it must be gone before it.
struct GateLoop {
  GateLoop() {
    EXPECT_GE(sd_event_new(&event), 0);
    auto watching = ClientSockets::start(event);
    EXPECT_TRUE(watching) << watching.error().message;
    if (watching) sockets = std::move(*watching);
  }
  ~GateLoop() {
    sockets.reset();
    sd_event_unref(event);
  }
  GateLoop(const GateLoop&) = delete;
  GateLoop& operator=(const GateLoop&) = delete;

  sd_event* event = nullptr;
  OutgoingBudget budget;  // gates give their bytes back to it
  std::unique_ptr<ClientSockets> sockets;
};

// One gate on a loop of its own: `client` is the client's end of its socket, `bus` the end
// sd-bus would serve.
struct GateRig : GateLoop {
  GateRig() {
    if (sockets) gate = gate_for(event, *sockets, budget, client, bus);
  }
  ~GateRig() { gate.reset(); }
  GateRig(const GateRig&) = delete;
  GateRig& operator=(const GateRig&) = delete;
  // What reached the client, as one read would return it.
  std::string answer() const {
    char buffer[64] = {};
    ssize_t n = ::recv(client.get(), buffer, sizeof buffer, MSG_DONTWAIT);
    return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
  }

  UniqueFd client;
  UniqueFd bus;
  std::unique_ptr<ClientGate> gate;
};

// A client's bytes are served, and the answer is back on the client's socket, in the one
// turn of the loop that read them (set_serve, drain): each hop through the socketpair
// used to wait for a turn of its own, which doubled a round trip's time.
TEST(ClientGate, ServesAndAnswersInTheTurnThatReadTheClient) {
  GateRig rig;
  ASSERT_TRUE(rig.gate);
  std::string served;
  rig.gate->set_serve([&] {  // what sd-bus would do: read the bytes, write an answer
    char buffer[256];
    ssize_t n = 0;
    while ((n = ::recv(rig.bus.get(), buffer, sizeof buffer, MSG_DONTWAIT)) > 0) {
      served.append(buffer, static_cast<std::size_t>(n));
    }
    ASSERT_EQ(::send(rig.bus.get(), "OK 1234\r\n", 9, MSG_DONTWAIT), 9);
    rig.gate->drain();
  });
  ASSERT_EQ(::send(rig.client.get(), kAuth.data(), kAuth.size(), 0),
            static_cast<ssize_t>(kAuth.size()));
  ASSERT_GE(sd_event_run(rig.event, 0), 0);  // one turn
  EXPECT_EQ(served, kAuth);
  EXPECT_EQ(rig.answer(), "OK 1234\r\n");
}

// What sd-bus writes outside a dispatch (a deferred reply) is passed on when the gate's
// socketpair wakes the loop, and the gate then says there is room: a bus that had to queue
// output because the socketpair was full is watched for writing again (Server::add_peer).
TEST(ClientGate, PassesOnWhatTheBusWroteInItsOwnTurnAndThenSaysThereIsRoom) {
  GateRig rig;
  ASSERT_TRUE(rig.gate);
  int rooms = 0;
  rig.gate->set_room([&] { ++rooms; });
  ASSERT_GE(sd_event_run(rig.event, 0), 0);  // nothing written: no room to announce
  EXPECT_EQ(rooms, 0);
  ASSERT_EQ(::send(rig.bus.get(), "OK 1234\r\n", 9, MSG_DONTWAIT), 9);
  ASSERT_GE(sd_event_run(rig.event, 0), 0);
  EXPECT_EQ(rig.answer(), "OK 1234\r\n");
  EXPECT_EQ(rooms, 1);
}

// Clients that send at once are served in one turn (up to the batch), not one a turn with
// every other ready socket polled again before each (what made a storm of clients O(K²)).
TEST(ClientSockets, OneTurnServesEveryClientThatIsReadyUpToTheBatch) {
  GateLoop loop;
  ASSERT_TRUE(loop.sockets);
  constexpr int kClients = ClientSockets::kBatch + 6;
  std::vector<UniqueFd> clients;
  std::vector<UniqueFd> buses;
  std::vector<std::unique_ptr<ClientGate>> gates;
  int served = 0;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back();
    buses.emplace_back();
    gates.push_back(gate_for(loop.event, *loop.sockets, loop.budget, clients.back(), buses.back()));
    ASSERT_TRUE(gates.back());
    gates.back()->set_serve([&] { ++served; });
  }
  for (const UniqueFd& client : clients) {
    ASSERT_EQ(::send(client.get(), kAuth.data(), kAuth.size(), 0),
              static_cast<ssize_t>(kAuth.size()));
  }
  ASSERT_GE(sd_event_run(loop.event, 0), 0);  // one turn: one dispatch
  EXPECT_EQ(served, ClientSockets::kBatch);
  ASSERT_GE(sd_event_run(loop.event, 0), 0);
  EXPECT_EQ(served, kClients);
}

// A gate closed while a turn's batch is being served (by what an earlier client of the batch
// did) is not called for its own event in that batch.
TEST(ClientSockets, AGateClosedDuringABatchIsNotCalledInIt) {
  GateLoop loop;
  ASSERT_TRUE(loop.sockets);
  UniqueFd clients[2];
  UniqueFd buses[2];
  std::unique_ptr<ClientGate> gates[2];
  int served = 0;
  for (int i = 0; i < 2; ++i) {
    gates[i] = gate_for(loop.event, *loop.sockets, loop.budget, clients[i], buses[i]);
    ASSERT_TRUE(gates[i]);
  }
  // Whichever is served first closes the other (ASan would see a call on the freed one).
  gates[0]->set_serve([&] {
    ++served;
    gates[1].reset();
  });
  gates[1]->set_serve([&] {
    ++served;
    gates[0].reset();
  });
  for (const UniqueFd& client : clients) {
    ASSERT_EQ(::send(client.get(), kAuth.data(), kAuth.size(), 0),
              static_cast<ssize_t>(kAuth.size()));
  }
  for (int i = 0; i < 3; ++i) ASSERT_GE(sd_event_run(loop.event, 0), 0);
  EXPECT_EQ(served, 1);
}

TEST(LogEscape, ControlCharactersCannotStartALine) {
  EXPECT_EQ(log::escape("Office\n<0>forged\r\t\x01\x7f"), "Office\\n<0>forged\\r\\t\\x01\\x7f");
  EXPECT_EQ(log::escape("Büro \xc2\x85 C:\\x"), "Büro \\x85 C:\\x");
}

}  // namespace
}  // namespace openras::rasman
