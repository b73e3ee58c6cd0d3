// links_test.cpp: rasmand's Links with the real openras-link of this build, on an
// sd-event loop in the test's thread: links start through one zygote, report their
// states, end by stop() or by dying; a killed zygote leaves its links running and
// watched, and the next start brings a new one. Waits are bounded only to turn a hang
// into a failure; nothing here measures time.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "link/message.h"
#include "ras.h"
#include "raserror.h"
#include "rasman/links.h"
#include "rasman/serial_port.h"
#include "support.h"

namespace openras::rasman {
namespace {

class LinksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sd_event_new(&event_), 0);
    links_ = std::make_unique<Links>(
        event_, LinkCallbacks{[this](uint64_t h, const link::LinkMessage& message) {
                                // States, and that the Projection after them came.
                                if (std::holds_alternative<link::Projection>(message)) {
                                  ++projections_[h];
                                }
                                const auto* m = std::get_if<link::StateMessage>(&message);
                                if (m == nullptr) return;
                                states_[h].push_back(m->state);
                                if (m->error != 0) errors_[h] = m->error;
                              },
                              [this](uint64_t h, int status) {
                                exits_[h] = status;
                                held_at_exit_[h] = links_->holds(h);
                              },
                              [this](uint64_t h) {
                                released_[h] = links_->running();
                                released_at_[h] = std::chrono::steady_clock::now();
                              }});
    links_->set_helper(OPENRAS_TEST_BUILD_DIR "/tools/openras-link/openras-link");
  }
  void TearDown() override {
    links_.reset();
    sd_event_unref(event_);
  }

  // Starts a link as rasmand does: the spawn, then the Start message (no credentials)
  // that the link waits for before it dials.
  Status start(uint64_t h, const std::string& number) {
    if (auto ok = links_->start(h, LinkSpec{"test", number}); !ok) return ok;
    auto message = link::encode_control_message(link::StartMessage{});
    if (!message) return fail(message.error());
    return links_->send(h, *message);
  }

  // Runs the loop until `done`; false if it never came (a hang, not a slow machine).
  bool run_until(const std::function<bool()>& done) {
    for (int i = 0; i < 600 && !done(); ++i) sd_event_run(event_, 50'000);
    return done();
  }
  bool connected(uint64_t h) {
    return !states_[h].empty() && states_[h].back() == static_cast<uint32_t>(RASCS_Connected);
  }
  // The pid of the link holding `h`'s line: the zygote's child whose socket it is. The
  // test knows only handles, so it finds the pid through /proc (the zygote's children).
  std::vector<pid_t> zygote_children() {
    std::vector<pid_t> out;
    pid_t zygote = links_->zygote_pid();
    if (zygote == 0) return out;
    FILE* f = std::fopen(
        ("/proc/" + std::to_string(zygote) + "/task/" + std::to_string(zygote) + "/children")
            .c_str(),
        "r");
    if (f == nullptr) return out;
    int pid = 0;
    while (std::fscanf(f, "%d", &pid) == 1) out.push_back(pid);
    std::fclose(f);
    return out;
  }

  sd_event* event_ = nullptr;
  std::unique_ptr<Links> links_;
  std::map<uint64_t, std::vector<uint32_t>> states_;
  std::map<uint64_t, uint32_t> errors_;
  std::map<uint64_t, int> projections_;
  std::map<uint64_t, int> exits_;
  std::map<uint64_t, bool> held_at_exit_;     // handle → holds(handle) inside on_exit
  std::map<uint64_t, std::size_t> released_;  // handle → links still running at on_released
  std::map<uint64_t, std::chrono::steady_clock::time_point> released_at_;
};

TEST_F(LinksTest, OneZygoteStartsEveryLinkAndStopEndsThemQuietly) {
  EXPECT_EQ(links_->zygote_pid(), 0) << "the zygote starts at the first link, not before";
  constexpr uint64_t kLinks = 40;  // more than one batch on the control socket
  for (uint64_t h = 1; h <= kLinks; ++h) {
    ASSERT_TRUE(start(h, "555" + std::to_string(h)));
  }
  pid_t zygote = links_->zygote_pid();
  EXPECT_GT(zygote, 0);
  ASSERT_TRUE(run_until([&] {
    for (uint64_t h = 1; h <= kLinks; ++h) {
      if (!connected(h)) return false;
    }
    return true;
  }));
  // Every message of every link is heard, the Projection after the states, with 40 links
  // reporting at once on sockets watched edge-triggered (a burst longer than one read's
  // batch: RasmanLinkReports.ALongBurstArrivesWholeAndInOrder).
  ASSERT_TRUE(run_until([&] {
    for (uint64_t h = 1; h <= kLinks; ++h) {
      if (projections_[h] == 0) return false;
    }
    return true;
  }));
  for (uint64_t h = 1; h <= kLinks; ++h) {
    ASSERT_EQ(states_[h].size(), 8u) << h;
    EXPECT_EQ(states_[h].front(), static_cast<uint32_t>(RASCS_OpenPort));
    EXPECT_EQ(projections_[h], 1) << h;
  }
  EXPECT_EQ(links_->zygote_pid(), zygote) << "one zygote for all";
  EXPECT_EQ(links_->running(), kLinks);
  for (uint64_t h = 1; h <= kLinks; ++h) links_->stop(h);
  ASSERT_TRUE(run_until([&] { return released_.size() == kLinks; }))
      << "on_released, once each link has gone";
  EXPECT_EQ(links_->running(), 0U);
  EXPECT_TRUE(exits_.empty()) << "stop() is followed by no on_exit";
  for (uint64_t h = 1; h <= kLinks; ++h) EXPECT_FALSE(links_->holds(h)) << h;
}

// post(): each message reaches on_message from the loop, never inside the call, in the order
// posted, all on the next turn.
TEST_F(LinksTest, PostedMessagesComeFromTheLoopInOrder) {
  for (uint32_t state : {RASCS_OpenPort, RASCS_PortOpened, RASCS_ConnectDevice}) {
    ASSERT_TRUE(links_->post(7, link::StateMessage{state, 0}));
  }
  EXPECT_TRUE(states_[7].empty()) << "delivered inside post()";
  ASSERT_GT(sd_event_run(event_, 0), 0);  // one turn
  EXPECT_EQ(states_[7],
            (std::vector<uint32_t>{RASCS_OpenPort, RASCS_PortOpened, RASCS_ConnectDevice}));
  ASSERT_TRUE(links_->post(7, link::StateMessage{RASCS_DeviceConnected, 0}));
  ASSERT_TRUE(links_->post(8, link::StateMessage{RASCS_OpenPort, ERROR_PORT_NOT_AVAILABLE}));
  ASSERT_GT(sd_event_run(event_, 0), 0);
  EXPECT_EQ(states_[7].size(), 4u);
  EXPECT_EQ(errors_[8], static_cast<uint32_t>(ERROR_PORT_NOT_AVAILABLE));
  EXPECT_EQ(sd_event_run(event_, 0), 0) << "nothing left for a turn to do";
}

// A link that does not end after its hang-up (here: stopped by SIGSTOP) is killed once
// kStopGraceUsec has passed; nothing waits for it for ever.
TEST_F(LinksTest, ALinkThatDoesNotEndAfterItsHangUpIsKilled) {
  ASSERT_TRUE(start(1, "5550100"));
  ASSERT_TRUE(run_until([&] { return connected(1) && links_->link_pid(1) != 0; }));
  pid_t pid = links_->link_pid(1);
  ASSERT_EQ(::kill(pid, SIGSTOP), 0);
  links_->stop(1);
  EXPECT_TRUE(links_->holds(1));
  ASSERT_TRUE(run_until([&] { return released_.count(1) != 0; }));
  EXPECT_EQ(released_[1], 0u);
  EXPECT_NE(::kill(pid, 0), 0) << "the link process is still there";
  EXPECT_TRUE(exits_.empty());
}

TEST_F(LinksTest, AFailingLinkReportsItsErrorThenExits) {
  ASSERT_TRUE(start(7, "busy"));
  ASSERT_TRUE(run_until([&] { return exits_.count(7) != 0; }));
  EXPECT_EQ(errors_[7], static_cast<uint32_t>(ERROR_LINE_BUSY));
  EXPECT_EQ(states_[7].back(), static_cast<uint32_t>(RASCS_ConnectDevice));
  ASSERT_TRUE(WIFEXITED(exits_[7]));
  EXPECT_EQ(WEXITSTATUS(exits_[7]), 0);
}

TEST_F(LinksTest, AKilledLinkIsReportedWithItsSignal) {
  ASSERT_TRUE(start(1, "5550100"));
  ASSERT_TRUE(run_until([&] { return connected(1); }));
  auto children = zygote_children();
  ASSERT_EQ(children.size(), 1u);
  ASSERT_EQ(::kill(children[0], SIGKILL), 0);
  ASSERT_TRUE(run_until([&] { return exits_.count(1) != 0; }));
  ASSERT_TRUE(WIFSIGNALED(exits_[1]));
  EXPECT_EQ(WTERMSIG(exits_[1]), SIGKILL);
  EXPECT_EQ(links_->running(), 0u);
  // Its connection's object (connection.h) lives until on_released, crash or not.
  EXPECT_TRUE(held_at_exit_[1]) << "on_exit came after the link stopped counting as held";
  ASSERT_TRUE(run_until([&] { return released_.count(1) != 0; }));
  EXPECT_FALSE(links_->holds(1));
}

TEST_F(LinksTest, AKilledZygoteLeavesItsLinksWatchedAndTheNextStartBringsANewOne) {
  ASSERT_TRUE(start(1, "5550101"));
  ASSERT_TRUE(start(2, "5550102"));
  // Both answered for by the zygote (a link can connect before its answer is read; a
  // zygote killed before answering takes that request with it, as
  // LinksNotYetStartedFailWithTheirZygote shows).
  ASSERT_TRUE(run_until([&] {
    return connected(1) && connected(2) && links_->link_pid(1) != 0 && links_->link_pid(2) != 0;
  }));
  auto children = zygote_children();
  ASSERT_EQ(children.size(), 2u);
  pid_t zygote = links_->zygote_pid();
  ASSERT_EQ(::kill(zygote, SIGKILL), 0);
  ASSERT_TRUE(run_until([&] { return links_->zygote_pid() == 0; }));
  EXPECT_TRUE(exits_.empty()) << "the links outlive their zygote";
  EXPECT_EQ(links_->running(), 2u);
  // Still watched: one dies (its status read by rasmand, now its parent), one is hung up.
  ASSERT_EQ(::kill(children[0], SIGKILL), 0);
  ASSERT_TRUE(run_until([&] { return !exits_.empty(); }));
  ASSERT_EQ(exits_.size(), 1u);
  int status = exits_.begin()->second;
  ASSERT_TRUE(WIFSIGNALED(status)) << status;
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  uint64_t survivor = exits_.begin()->first == 1 ? 2 : 1;
  links_->stop(survivor);
  ASSERT_TRUE(run_until([&] { return links_->running() == 0; }));
  // A new zygote for the next link.
  ASSERT_TRUE(start(3, "5550103"));
  EXPECT_NE(links_->zygote_pid(), 0);
  EXPECT_NE(links_->zygote_pid(), zygote);
  ASSERT_TRUE(run_until([&] { return connected(3); }));
  EXPECT_EQ(exits_.size(), 1u);
}

TEST_F(LinksTest, LinksNotYetStartedFailWithTheirZygote) {
  // Requests queued with a zygote that dies before answering: each ends with status -1,
  // none is left waiting.
  ASSERT_TRUE(start(1, "5550101"));
  ASSERT_EQ(::kill(links_->zygote_pid(), SIGKILL), 0);
  ASSERT_TRUE(start(2, "5550102"));
  auto settled = [&](uint64_t h) { return exits_.count(h) != 0 || connected(h); };
  ASSERT_TRUE(run_until([&] { return settled(1) && settled(2); }));
  // Either the zygote answered before the signal landed (the links run) or it did not
  // (they failed with -1): never stuck in between.
  for (uint64_t h : {uint64_t{1}, uint64_t{2}}) {
    if (exits_.count(h) != 0) {
      EXPECT_EQ(exits_[h], -1);
    } else {
      EXPECT_TRUE(connected(h)) << h;
    }
  }
}

TEST_F(LinksTest, StopBeforeTheZygoteAnswersStillEndsTheLink) {
  ASSERT_TRUE(start(1, "5550100"));
  links_->stop(1);
  ASSERT_TRUE(run_until([&] { return links_->running() == 0; }));
  EXPECT_TRUE(exits_.empty());
}

TEST_F(LinksTest, AMissingHelperFailsTheStart) {
  links_->set_helper("/nonexistent/openras-link");
  auto started = links_->start(1, LinkSpec{"test", "5550100"});
  ASSERT_FALSE(started);
  EXPECT_NE(started.error().message.find("/nonexistent/openras-link"), std::string::npos);
  EXPECT_EQ(links_->running(), 0u);
}

}  // namespace
}  // namespace openras::rasman

namespace openras::rasman {
namespace {

// A line device's port is held while its link runs, and after it has ended — by stop() or
// by itself — closed and still locked for kDtrHoldUsec (a redial in that time is refused,
// and says why); then the lock goes and on_released follows.
TEST_F(LinksTest, APortIsHeldUntilItsLinkHasEndedAndTheHoldIsOver) {
  testing::TempDir dir;
  auto paths = *Paths::with_root(dir.path());
  UniqueFd master(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
  ASSERT_TRUE(master);
  ASSERT_EQ(::grantpt(master.get()), 0);
  ASSERT_EQ(::unlockpt(master.get()), 0);
  std::string slave = ::ptsname(master.get());
  std::string lock = dir.path() + "/var/lock/" + lock_name(slave);
  for (bool stop : {true, false}) {
    auto port = SerialPort::open(paths, slave);
    ASSERT_TRUE(port) << port.error().message;
    LinkSpec spec("modem", "5550100");
    spec.port = std::move(*port);
    spec.device.port = slave;
    spec.device.flow_control = "none";
    spec.device.dial_timeout_s = 1;
    uint64_t h = stop ? 1 : 2;
    ASSERT_TRUE(links_->start(h, std::move(spec)));
    auto message = link::encode_control_message(link::StartMessage{});
    ASSERT_TRUE(links_->send(h, *message));
    // The link reaches ConnectDevice: it sent ATZ to the silent "modem".
    ASSERT_TRUE(run_until([&] {
      return !states_[h].empty() && states_[h].back() == static_cast<uint32_t>(RASCS_ConnectDevice);
    }));
    EXPECT_EQ(::access(lock.c_str(), F_OK), 0) << "the port is not held while dialing";
    if (stop) {
      links_->stop(h);
      EXPECT_EQ(::access(lock.c_str(), F_OK), 0)
          << "stop() released the port before the link ended";
    } else {
      // No reply to ATZ within 3 s: 660, the link exits.
      ASSERT_TRUE(run_until([&] { return exits_.count(h) != 0; }));
      EXPECT_EQ(errors_[h], static_cast<uint32_t>(ERROR_NO_RESPONSES));
    }
    // The loop runs one event a turn, so it stops right after the link's exit, half a
    // second before the hold can end: locked, and a redial says why.
    ASSERT_TRUE(run_until([&] { return links_->running() == 0; }));
    const auto ended = std::chrono::steady_clock::now();
    EXPECT_EQ(released_.count(h), 0U) << "released with no hold after the link";
    EXPECT_TRUE(links_->holds(h));
    EXPECT_EQ(::access(lock.c_str(), F_OK), 0) << "the port was not held after its link";
    auto again = SerialPort::open(paths, slave);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().failure, link::LinkFailure::kPortBusy);
    EXPECT_NE(again.error().message.find("still hanging up"), std::string::npos)
        << again.error().message;
    ASSERT_TRUE(run_until([&] { return released_.count(h) != 0; }));
    EXPECT_EQ(released_[h], 0u) << "on_released before the link had gone";
    // A lower bound only (a slow machine makes it longer, never shorter): the hold began
    // when the link ended, a moment before `ended`.
    EXPECT_GE(released_at_[h] - ended, std::chrono::microseconds(kDtrHoldUsec / 2))
        << "the port was not held for kDtrHoldUsec";
    EXPECT_FALSE(links_->holds(h));
    EXPECT_NE(::access(lock.c_str(), F_OK), 0) << "the hold is over and the port still locked";
  }
}

// rasmand looks the link user up for the zygote, a static executable that reads no user
// database: as root, its numbers; unprivileged, nothing (the links keep rasmand's user).
TEST(LinkUserArguments, AsRootTheUsersNumbersOtherwiseNothing) {
  const passwd* nobody = ::getpwnam("nobody");
  ASSERT_NE(nobody, nullptr) << "this test needs the user nobody";
  auto args = link_user_arguments("nobody", true);
  ASSERT_TRUE(args) << args.error().message;
  EXPECT_EQ(*args, (std::vector<std::string>{"--uid", std::to_string(nobody->pw_uid), "--gid",
                                             std::to_string(nobody->pw_gid)}));
  auto unprivileged = link_user_arguments("nobody", false);
  ASSERT_TRUE(unprivileged);
  EXPECT_TRUE(unprivileged->empty());
  // Not even looked up when rasmand is not root: the name does not matter then.
  EXPECT_TRUE(link_user_arguments("no-such-user-openras", false));
}

TEST(LinkUserArguments, AMissingUserOrRootIsRefusedWithAdvice) {
  auto missing = link_user_arguments("no-such-user-openras", true);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::kNotFound);
  EXPECT_NE(missing.error().message.find("\"no-such-user-openras\" does not exist"),
            std::string::npos)
      << missing.error().message;
  EXPECT_NE(missing.error().message.find("OPENRAS_LINK_USER"), std::string::npos);
  auto root = link_user_arguments("root", true);
  ASSERT_FALSE(root);
  EXPECT_EQ(root.error().code, Errc::kAccessDenied);
  EXPECT_NE(root.error().message.find("never run as root"), std::string::npos)
      << root.error().message;
}

}  // namespace
}  // namespace openras::rasman
