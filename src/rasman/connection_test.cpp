// connection_test.cpp: a connection's object (connection.h) and the dials waiting for a
// port (port_waiters.h), on a real sd-event loop with real D-Bus calls: a client bus and a
// server bus on a socketpair. The server's handlers keep the calls in the object, as
// rasmand's HangUp and GetStatistics do; the client sees what the object answers.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/unique_fd.h"
#include "rasman/connection.h"
#include "rasman/port_waiters.h"
#include "rasman/protocol.h"

namespace openras::rasman {
namespace {

constexpr uint64_t kHandle = 0x4000000000000007;
constexpr const char* kPath = "/org/openras/test";
constexpr const char* kTestInterface = "org.openras.Test";

// What the client heard back for one call: "" while unanswered, "ok", or the error name.
struct Answer {
  std::string what;
};

int on_answer(sd_bus_message* m, void* userdata, sd_bus_error*) {
  auto* answer = static_cast<Answer*>(userdata);
  const sd_bus_error* error = sd_bus_message_get_error(m);
  answer->what = error != nullptr ? error->name : "ok";
  return 0;
}

class ConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sd_event_new(&event_), 0);
    int sv[2];
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv), 0);
    server_ = start_bus(sv[0], true);
    client_ = start_bus(sv[1], false);
    ASSERT_NE(server_, nullptr);
    ASSERT_NE(client_, nullptr);
    ASSERT_GE(
        sd_bus_add_object_vtable(server_, &vtable_slot_, kPath, kTestInterface, kVtable, this), 0);
  }
  void TearDown() override {
    connection_.reset();
    sd_bus_slot_unref(vtable_slot_);
    for (sd_bus_slot* slot : call_slots_) sd_bus_slot_unref(slot);
    sd_bus_close_unref(client_);
    sd_bus_close_unref(server_);
    sd_event_unref(event_);
  }

  sd_bus* start_bus(int fd, bool server) {
    sd_bus* bus = nullptr;
    if (sd_bus_new(&bus) < 0) return nullptr;
    sd_id128_t id{};
    id.qwords[0] = 1;
    bool ok = sd_bus_set_fd(bus, fd, fd) >= 0 && sd_bus_set_anonymous(bus, 1) >= 0 &&
              (!server || sd_bus_set_server(bus, 1, id) >= 0) && sd_bus_start(bus) >= 0 &&
              sd_bus_attach_event(bus, event_, SD_EVENT_PRIORITY_NORMAL) >= 0;
    if (!ok) return sd_bus_close_unref(bus);
    return bus;
  }

  // The server's handlers: each call stays with the connection, as rasmand's do.
  static int hang_up(sd_bus_message* m, void* userdata, sd_bus_error*) {
    auto* self = static_cast<ConnectionTest*>(userdata);
    self->connection_->answer_when_released(m);
    ++self->kept_;
    return 1;
  }
  static int get_statistics(sd_bus_message* m, void* userdata, sd_bus_error*) {
    auto* self = static_cast<ConnectionTest*>(userdata);
    EXPECT_TRUE(self->connection_->wait_for_statistics(m, false, self->statistics_timeout_));
    ++self->kept_;
    return 1;
  }
  static constexpr sd_bus_vtable kVtable[] = {
      SD_BUS_VTABLE_START(0),
      SD_BUS_METHOD("HangUp", "", "", hang_up, 0),
      SD_BUS_METHOD("GetStatistics", "", "", get_statistics, 0),
      SD_BUS_VTABLE_END,
  };

  // The client calls `method`; its answer lands in the returned Answer.
  Answer& call(const char* method) {
    answers_.push_back(std::make_unique<Answer>());
    sd_bus_slot* slot = nullptr;
    EXPECT_GE(sd_bus_call_method_async(client_, &slot, nullptr, kPath, kTestInterface, method,
                                       on_answer, answers_.back().get(), ""),
              0);
    call_slots_.push_back(slot);
    return *answers_.back();
  }

  // Runs the loop until `done` (at most 2,000 turns of 10 ms: a bound, not a measure).
  template <typename Done>
  bool run_until(Done done) {
    for (int i = 0; i < 2000 && !done(); ++i) {
      if (sd_event_run(event_, 10'000) < 0) return false;
    }
    return done();
  }

  void make_connection() {
    connection_ = std::make_unique<Connection>(
        event_, kHandle, nullptr,
        ConnectionCallbacks{[this](uint64_t h) { overdue_[h] += 1; },
                            [this](uint64_t h) { statistics_overdue_[h] += 1; }});
  }

  sd_event* event_ = nullptr;
  sd_bus* server_ = nullptr;
  sd_bus* client_ = nullptr;
  sd_bus_slot* vtable_slot_ = nullptr;
  std::vector<sd_bus_slot*> call_slots_;
  std::vector<std::unique_ptr<Answer>> answers_;
  std::unique_ptr<Connection> connection_;
  int kept_ = 0;
  uint64_t statistics_timeout_ = 60'000'000;
  std::map<uint64_t, int> overdue_;
  std::map<uint64_t, int> statistics_overdue_;
};

TEST_F(ConnectionTest, DestroyingItAnswersEveryWaitingCallAndLeavesNoTimer) {
  make_connection();
  Answer& hang_up = call("HangUp");
  Answer& hang_up_too = call("HangUp");
  Answer& statistics = call("GetStatistics");
  ASSERT_TRUE(run_until([&] { return kept_ == 3; }));
  ASSERT_TRUE(connection_->arm_hang_up_timer(60'000'000));
  EXPECT_EQ(connection_->hang_ups_waiting(), 2u);
  EXPECT_EQ(connection_->statistics_waiting(), 1u);
  // Its two timers, held a moment longer than the object so their state can be read.
  std::vector<sd_event_source*> timers = connection_->timers();
  ASSERT_EQ(timers.size(), 2u);
  for (sd_event_source* timer : timers) sd_event_source_ref(timer);

  connection_.reset();

  for (sd_event_source* timer : timers) {
    int enabled = -1;
    EXPECT_GE(sd_event_source_get_enabled(timer, &enabled), 0);
    EXPECT_EQ(enabled, SD_EVENT_OFF) << "a timer outlived its connection";
    sd_event_source_disable_unref(timer);  // no callback into the freed object, whatever
  }
  ASSERT_TRUE(run_until([&] { return !statistics.what.empty() && !hang_up_too.what.empty(); }));
  EXPECT_EQ(hang_up.what, "ok");
  EXPECT_EQ(hang_up_too.what, "ok");
  EXPECT_EQ(statistics.what, kErrorNotFound);
  EXPECT_TRUE(overdue_.empty());
  EXPECT_TRUE(statistics_overdue_.empty());
}

// end(): the record has left the table. Statistics calls are answered then; HangUp calls
// wait for the port, that is for the object to go.
TEST_F(ConnectionTest, EndingAnswersStatisticsAtOnceAndHangUpsWhenTheObjectGoes) {
  make_connection();
  Answer& statistics = call("GetStatistics");
  Answer& hang_up = call("HangUp");
  ASSERT_TRUE(run_until([&] { return kept_ == 2; }));
  ASSERT_TRUE(connection_->arm_hang_up_timer(60'000'000));

  connection_->end();

  EXPECT_EQ(connection_->phase(), Connection::Phase::kEnding);
  EXPECT_TRUE(connection_->timers().empty()) << "end() stops the timers";
  ASSERT_TRUE(run_until([&] { return !statistics.what.empty(); }));
  EXPECT_EQ(statistics.what, kErrorNotFound);
  // One more turn of the loop for anything else on its way: the HangUp stays unanswered.
  (void)sd_event_run(event_, 10'000);
  EXPECT_EQ(hang_up.what, "") << "HangUp answered before the port was free";
  EXPECT_EQ(connection_->hang_ups_waiting(), 1u);

  connection_.reset();
  ASSERT_TRUE(run_until([&] { return !hang_up.what.empty(); }));
  EXPECT_EQ(hang_up.what, "ok");
}

// A callback may destroy the object from inside its own timer (the hang-up timeout drops
// a custom connection); nothing of the object is touched after it (ASan would say).
TEST_F(ConnectionTest, TheHangUpTimerMayDestroyItsConnection) {
  connection_ = std::make_unique<Connection>(event_, kHandle, nullptr,
                                             ConnectionCallbacks{[this](uint64_t h) {
                                                                   overdue_[h] += 1;
                                                                   connection_.reset();
                                                                 },
                                                                 {}});
  ASSERT_TRUE(connection_->arm_hang_up_timer(1));
  EXPECT_TRUE(connection_->hang_up_requested());
  ASSERT_TRUE(connection_->arm_hang_up_timer(60'000'000)) << "a second arming keeps the first";
  ASSERT_TRUE(run_until([&] { return !overdue_.empty(); }));
  EXPECT_EQ(overdue_[kHandle], 1);
  EXPECT_EQ(connection_, nullptr);
}

TEST_F(ConnectionTest, TheStatisticsTimerCallsBackAndTakingTheCallsStopsIt) {
  statistics_timeout_ = 1;
  make_connection();
  Answer& statistics = call("GetStatistics");
  ASSERT_TRUE(run_until([&] { return !statistics_overdue_.empty(); }));
  EXPECT_EQ(statistics_overdue_[kHandle], 1);
  EXPECT_EQ(statistics.what, "") << "the owner answers from its counters, not the object";
  std::vector<StatisticsCall> calls = connection_->take_statistics_calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_TRUE(connection_->timers().empty());
  EXPECT_GE(sd_bus_reply_method_return(calls[0].call.get(), nullptr), 0);
  ASSERT_TRUE(run_until([&] { return !statistics.what.empty(); }));
  EXPECT_EQ(statistics.what, "ok");
}

class PortWaitersTest : public ConnectionTest {
 protected:
  // A method call message to keep (never sent).
  sd_bus_message* message() {
    sd_bus_message* m = nullptr;
    EXPECT_GE(sd_bus_message_new_method_call(client_, &m, nullptr, kPath, kTestInterface, "Dial"),
              0);
    messages_.push_back(m);
    return m;
  }
  void TearDown() override {
    for (sd_bus_message* m : messages_) sd_bus_message_unref(m);
    ConnectionTest::TearDown();
  }
  std::vector<sd_bus_message*> messages_;
};

TEST_F(PortWaitersTest, DialsWaitPerPortInOrderWithinTheLimits) {
  PortWaiters waiters;
  sd_bus_message* first = message();
  EXPECT_TRUE(waiters.add(1, first, DialMethod::kDial, "/dev/ttyS0"));
  EXPECT_TRUE(waiters.add(2, message(), DialMethod::kOrJoin, "/dev/ttyS1"));
  sd_bus_message* second = message();
  EXPECT_TRUE(waiters.add(3, second, DialMethod::kDial, "/dev/ttyS0"));
  // ttyS1 is still held: only ttyS0's dials run, in the order they came.
  auto free = waiters.take_free([](const std::string& port) { return port == "/dev/ttyS1"; });
  ASSERT_EQ(free.size(), 2u);
  EXPECT_EQ(free[0].call.get(), first);
  EXPECT_EQ(free[0].peer, 1u);
  EXPECT_EQ(free[1].call.get(), second);
  EXPECT_EQ(free[1].method, DialMethod::kDial);
  EXPECT_EQ(waiters.size(), 1u);
  waiters.drop_peer(2);
  EXPECT_TRUE(waiters.empty());

  for (std::size_t i = 0; i < PortWaiters::kMaxWaitingPerPeer; ++i) {
    EXPECT_TRUE(waiters.add(7, message(), DialMethod::kDial, "/dev/ttyS0"));
  }
  EXPECT_FALSE(waiters.add(7, message(), DialMethod::kDial, "/dev/ttyS0")) << "one client's limit";
  for (uint64_t peer = 100; waiters.size() < PortWaiters::kMaxWaiting; ++peer) {
    EXPECT_TRUE(waiters.add(peer, message(), DialMethod::kDial, "/dev/ttyS0"));
  }
  EXPECT_FALSE(waiters.add(999, message(), DialMethod::kDial, "/dev/ttyS0")) << "everyone's limit";
}

}  // namespace
}  // namespace openras::rasman
