// server_dial_modem_test.cpp: Dial on modem and serial devices through the real server, the
// real link helper and a real pty, whose master a scripted modem drives: the states as
// Windows reports them, each failure's RAS code, and the port free afterwards (no lock).
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "devices/devices.h"
#include "ras.h"
#include "raserror.h"
#include "rasman/client.h"
#include "rasman/serial_port.h"
#include "rasman/test_support.h"
#include "registry/hive.h"
#include "registry/value_data.h"
#include "support.h"

namespace openras::rasman {
namespace {

// A dial that connects makes a TUN interface: each test process of this file runs in a
// network namespace of its own (as root, which these tests need for the hive), so none
// ever appears in the host's.
const bool g_private_network = [] {
  if (::geteuid() != 0) return false;
  if (::unshare(CLONE_NEWNET) != 0) {
    std::fprintf(stderr, "unshare(CLONE_NEWNET): %s\n", std::strerror(errno));
    std::abort();
  }
  return true;
}();

// A Hayes modem on a pty master: OK to every command, `dial_reply` to ATD (none when
// empty), OK to +++ and ATH. Counts the ATDs. Once it has answered CONNECT (or from the
// start, for a cable: `dial_reply` empty), it is a looped-back line: it sends back
// whatever it receives, which PPP must recognise by its own Magic-Number coming back.
// With `loop_on_connect` false it stays silent after CONNECT until loop_now(), so a test
// can look at the connection before PPP fails. Ends when the test ends it.
class ScriptedModem {
 public:
  explicit ScriptedModem(std::string dial_reply, bool loop_on_connect = true)
      : dial_reply_(std::move(dial_reply)),
        loop_on_connect_(loop_on_connect),
        looped_(dial_reply_.empty()) {
    master_.reset(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK));
    EXPECT_TRUE(master_);
    EXPECT_EQ(::grantpt(master_.get()), 0);
    EXPECT_EQ(::unlockpt(master_.get()), 0);
    slave_ = ::ptsname(master_.get());
    // Keep a slave descriptor until the thread runs: with none open, reads on the master
    // fail with EIO before rasmand opens the port.
    hold_.reset(::open(slave_.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC));
    thread_ = std::thread([this] { serve(); });
  }
  ~ScriptedModem() {
    stop_ = true;
    thread_.join();
  }
  [[nodiscard]] const std::string& port() const { return slave_; }
  [[nodiscard]] unsigned dials() const { return dials_; }
  // Lets the pty report the slave's last close (used once rasmand holds the port).
  void release_hold() { hold_.reset(); }
  void loop_now() { looped_ = true; }

 private:
  void serve() {
    std::string line;
    while (!stop_) {
      pollfd p{master_.get(), POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      char buf[256];
      ssize_t n = ::read(master_.get(), buf, sizeof buf);
      if (n <= 0) continue;  // EIO while no slave is open
      if (looped_) {
        (void)!::write(master_.get(), buf, static_cast<std::size_t>(n));
        continue;
      }
      if (connected_) continue;  // silent until loop_now()
      for (ssize_t i = 0; i < n; ++i) {
        line += buf[i];
        if (line.size() >= 3 && line.compare(line.size() - 3, 3, "+++") == 0) {
          reply("OK");
          line.clear();
        }
        if (buf[i] != '\r') continue;
        line.pop_back();
        if (line.rfind("ATD", 0) == 0) {
          ++dials_;
          if (!dial_reply_.empty()) reply(dial_reply_);
          if (dial_reply_.rfind("CONNECT", 0) == 0) {
            connected_ = true;
            if (loop_on_connect_) looped_ = true;
          }
        } else if (!line.empty()) {
          reply("OK");
        }
        line.clear();
      }
    }
  }
  void reply(const std::string& text) {
    std::string framed = "\r\n" + text + "\r\n";
    (void)!::write(master_.get(), framed.data(), framed.size());
  }

  std::string dial_reply_;
  const bool loop_on_connect_;
  bool connected_ = false;  // the serving thread's only
  std::atomic<bool> looped_;
  UniqueFd master_;
  UniqueFd hold_;
  std::string slave_;
  std::atomic<bool> stop_{false};
  std::atomic<unsigned> dials_{0};
  std::thread thread_;
};

void set_text(registry::Key& key, const wchar_t* name, const std::wstring& text) {
  std::string data;
  for (wchar_t c : text) data += {static_cast<char>(c), '\0'};
  data += std::string(2, '\0');
  key.set_value(registry::Value{name, registry::kRegSz, data});
}

void add_line_device(const std::string& root, const std::wstring& name, const std::wstring& type,
                     const std::string& port) {
  auto paths = Paths::with_root(root);
  ASSERT_TRUE(paths);
  registry::Hive hive(*paths, registry::RootKey::kLocalMachine);
  auto key = registry::split_key_path(std::wstring(devices::kDevicesKey) + L"\\" + name);
  ASSERT_TRUE(key);
  ASSERT_TRUE(hive.modify([&](registry::Key& tree) -> Result<bool> {
    set_text(tree.ensure(*key), L"Type", type);
    set_text(tree.ensure(*key), L"Port", std::wstring(port.begin(), port.end()));
    set_text(tree.ensure(*key), L"FlowControl", L"none");
    return true;
  }));
}

struct States {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::pair<uint32_t, uint32_t>> seen;  // state, error
  bool removed = false;
  void add(const Event& e) {
    std::lock_guard lock(mutex);
    if (e.kind == Event::Kind::kStateChanged) seen.emplace_back(e.state, e.error);
    if (e.kind == Event::Kind::kConnectionRemoved) removed = true;
    changed.notify_all();
  }
  // Waits (at most 10 s) until `state` was reported.
  bool wait_for(uint32_t state) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(10), [&] {
      for (const auto& [s, e] : seen) {
        if (s == state) return true;
      }
      return false;
    });
  }
  // Waits (at most 10 s) for the connection's end; the states it went through.
  std::vector<std::pair<uint32_t, uint32_t>> until_removed() {
    std::unique_lock lock(mutex);
    changed.wait_for(lock, std::chrono::seconds(10), [&] { return removed; });
    EXPECT_TRUE(removed) << "the connection did not end";
    return seen;
  }
};

struct Dialled {
  std::vector<std::pair<uint32_t, uint32_t>> states;
  std::string lock;
};

// `at_device_connected`, if given, runs on the test thread once DeviceConnected is in,
// while the connection still lives (hanging up a pty modem takes two 1 s guard times).
Dialled dial(const testing::TempDir& dir, const std::string& device, const std::string& port,
             const std::function<void(Client&, uint64_t)>& at_device_connected = {},
             const DialOptions& options = {}) {
  ::unlink(dir.file("rasman.sock").c_str());  // a previous dial's server's
  ServerThread server(dir);
  States states;
  auto client = Client::connect(server.socket());
  EXPECT_TRUE(client);
  if (!client) return {};
  EXPECT_TRUE((*client)->start_events([&](const Event& e) { states.add(e); }));
  DialRequest request;
  request.phonebook = "/pbk";
  request.entry = "Office";
  request.device_name = device;
  request.phone_number = "5550100";
  auto handle = (*client)->dial(request, options);
  EXPECT_TRUE(handle) << handle.error().message;
  if (handle && at_device_connected) {
    EXPECT_TRUE(states.wait_for(RASCS_DeviceConnected));
    at_device_connected(**client, *handle);
  }
  Dialled d;
  d.states = states.until_removed();
  d.lock = dir.path() + "/var/lock/" + lock_name(port);
  return d;
}

using StateList = std::vector<std::pair<uint32_t, uint32_t>>;

TEST(RasmanModem, AnAnsweringModemOnALoopedLineReachesPppThenFailsWithLoopback) {
  testing::TempDir dir;
  ScriptedModem modem("CONNECT 33600/ARQ/V42BIS", false);
  add_line_device(dir.path(), L"Modem1", L"modem", modem.port());
  modem.release_hold();
  std::optional<uint32_t> bps;
  Dialled d = dial(dir, "Modem1", modem.port(), [&](Client& client, uint64_t handle) {
    auto stats = client.get_statistics(handle);
    if (stats) bps = stats->bps;
    modem.loop_now();
  });
  ASSERT_TRUE(bps) << "no statistics while the device was connected";
  EXPECT_EQ(*bps, 33600u) << "the speed of CONNECT 33600/ARQ/V42BIS";
  EXPECT_EQ(d.states, (StateList{{RASCS_OpenPort, 0},
                                 {RASCS_PortOpened, 0},
                                 {RASCS_ConnectDevice, 0},
                                 {RASCS_DeviceConnected, 0},
                                 {RASCS_AllDevicesConnected, 0},
                                 {RASCS_AllDevicesConnected, ERROR_PPP_LOOPBACK_DETECTED},
                                 {RASCS_Disconnected, ERROR_PPP_LOOPBACK_DETECTED}}));
  EXPECT_EQ(modem.dials(), 1u);
  EXPECT_NE(::access(d.lock.c_str(), F_OK), 0) << "the lock file is left behind";
}

TEST(RasmanModem, EachFinalResultCodeBecomesItsRasError) {
  for (auto [reply, code] :
       {std::pair{"BUSY", ERROR_LINE_BUSY}, std::pair{"NO CARRIER", ERROR_NO_CARRIER},
        std::pair{"NO ANSWER", ERROR_NO_ANSWER}, std::pair{"NO DIALTONE", ERROR_NO_DIALTONE},
        std::pair{"ERROR", ERROR_FROM_DEVICE}}) {
    testing::TempDir dir;
    ScriptedModem modem(reply);
    add_line_device(dir.path(), L"Modem1", L"modem", modem.port());
    modem.release_hold();
    Dialled d = dial(dir, "Modem1", modem.port());
    ASSERT_GE(d.states.size(), 2u) << reply;
    EXPECT_EQ(d.states[d.states.size() - 2],
              (std::pair<uint32_t, uint32_t>{RASCS_ConnectDevice, code}))
        << reply;
    EXPECT_NE(::access(d.lock.c_str(), F_OK), 0) << reply << ": lock left behind";
  }
}

TEST(RasmanModem, DialWithOptionsBringsTheRedialsAndAlternatesToTheLink) {
  testing::TempDir dir;
  ScriptedModem modem("BUSY");
  add_line_device(dir.path(), L"Modem1", L"modem", modem.port());
  modem.release_hold();
  DialOptions options;
  options.redial_count = 1;
  options.alternates = {"5550101"};
  Dialled d = dial(dir, "Modem1", modem.port(), {}, options);
  ASSERT_GE(d.states.size(), 2u);
  EXPECT_EQ(d.states[d.states.size() - 2],
            (std::pair<uint32_t, uint32_t>{RASCS_ConnectDevice, ERROR_LINE_BUSY}));
  EXPECT_EQ(modem.dials(), 4u) << "two numbers, one redial";
  EXPECT_NE(::access(d.lock.c_str(), F_OK), 0) << "lock left behind";
}

TEST(RasmanModem, ADirectSerialLineConnectsWithoutADialogue) {
  testing::TempDir dir;
  ScriptedModem cable("");
  add_line_device(dir.path(), L"Cable", L"serial", cable.port());
  cable.release_hold();
  Dialled d = dial(dir, "Cable", cable.port());
  ASSERT_GE(d.states.size(), 5u);
  EXPECT_EQ(d.states[3], (std::pair<uint32_t, uint32_t>{RASCS_DeviceConnected, 0}));
  EXPECT_EQ(d.states.back(),
            (std::pair<uint32_t, uint32_t>{RASCS_Disconnected, ERROR_PPP_LOOPBACK_DETECTED}));
  EXPECT_EQ(cable.dials(), 0u);
}

// Polls the server (on its loop) until `done`, at most 15 s: a bound, not a measure.
bool eventually(ServerThread& server, const std::function<bool(Server&)>& done) {
  for (int i = 0; i < 750; ++i) {
    if (server.on_loop(done)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

DialRequest office(const std::string& device) {
  DialRequest request;
  request.phonebook = "/pbk";
  request.entry = "Office";
  request.device_name = device;
  request.phone_number = "5550100";
  return request;
}

// A connection's object (connection.h) owns its link and port until both are released:
// HangUp returns with the port free and the object gone; a failure, a refused port and
// a crashed link leave no object behind either.
TEST(RasmanModem, EveryEndReleasesTheConnectionsObject) {
  testing::TempDir dir;
  ScriptedModem modem("CONNECT", false);  // silent after CONNECT: the dial stays up
  ScriptedModem busy("BUSY");
  add_line_device(dir.path(), L"Modem1", L"modem", modem.port());
  add_line_device(dir.path(), L"Busy", L"modem", busy.port());
  add_line_device(dir.path(), L"Gone", L"modem", "/dev/ttyNoSuchPort7");
  modem.release_hold();
  busy.release_hold();
  ServerThread server(dir);
  ClientOptions slow;
  slow.call_timeout_ms = 30'000;  // a pty modem's hang-up takes its +++ guard times
  auto client = Client::connect(server.socket(), slow);
  ASSERT_TRUE(client) << client.error().message;
  States states;
  ASSERT_TRUE((*client)->start_events([&](const Event& e) { states.add(e); }));

  auto handle = (*client)->dial(office("Modem1"));
  ASSERT_TRUE(handle) << handle.error().message;
  ASSERT_TRUE(states.wait_for(RASCS_DeviceConnected));
  EXPECT_EQ(server.on_loop([](Server& s) { return s.connection_objects(); }), 1u);
  ASSERT_TRUE((*client)->hang_up(*handle));
  // Answered when the object went: nothing of the connection is left at that moment.
  EXPECT_EQ(server.on_loop([](Server& s) { return s.connection_objects(); }), 0u);
  EXPECT_NE(::access((dir.path() + "/var/lock/" + lock_name(modem.port())).c_str(), F_OK), 0)
      << "HangUp returned with the port still locked";

  auto failed = (*client)->dial(office("Busy"));
  ASSERT_TRUE(failed) << failed.error().message;
  auto refused = (*client)->dial(office("Gone"));
  ASSERT_TRUE(refused) << refused.error().message;
  EXPECT_TRUE(eventually(server, [](Server& s) { return s.connection_objects() == 0; }))
      << "a failed or refused dial left its object";
  EXPECT_NE(::access((dir.path() + "/var/lock/" + lock_name(busy.port())).c_str(), F_OK), 0);

  auto crashing = (*client)->dial(office("Modem1"));
  ASSERT_TRUE(crashing) << crashing.error().message;
  pid_t link = 0;
  ASSERT_TRUE(eventually(server, [&](Server& s) {
    link = s.links().link_pid(*crashing);
    return link != 0;
  }));
  ASSERT_EQ(::kill(link, SIGKILL), 0);
  EXPECT_TRUE(eventually(server, [](Server& s) { return s.connection_objects() == 0; }))
      << "a crashed link's connection left its object";
  EXPECT_TRUE(eventually(server, [&](Server& s) { return !s.links().holds_port(modem.port()); }));
}

// A Dial that waits for a port (its last connection's link still ending) must not start a
// link while rasmand stops: it fails, saying so.
TEST(RasmanModem, ADialWaitingForAPortFailsWhenRasmandStops) {
  testing::TempDir dir;
  ScriptedModem modem("CONNECT", false);
  add_line_device(dir.path(), L"Modem1", L"modem", modem.port());
  modem.release_hold();
  ServerThread server(dir);
  ClientOptions slow;
  slow.call_timeout_ms = 30'000;
  auto first = Client::connect(server.socket(), slow);
  auto second = Client::connect(server.socket(), slow);
  ASSERT_TRUE(first && second);
  States states;
  ASSERT_TRUE((*first)->start_events([&](const Event& e) { states.add(e); }));
  auto handle = (*first)->dial(office("Modem1"));
  ASSERT_TRUE(handle) << handle.error().message;
  ASSERT_TRUE(states.wait_for(RASCS_DeviceConnected));
  std::thread hang_up([&] { EXPECT_TRUE((*first)->hang_up(*handle)); });
  states.until_removed();  // the record is gone; the link is still hanging up
  std::optional<Result<uint64_t>> redial;
  std::thread dial([&] { redial = (*second)->dial(office("Modem1")); });
  // Once it waits, rasmand stops (as on SIGTERM), on its own loop: no release can come first.
  ASSERT_TRUE(eventually(server, [](Server& s) {
    if (s.waiting_dials() == 0) return false;
    s.hang_up_all();
    return true;
  }));
  dial.join();
  hang_up.join();
  ASSERT_TRUE(redial.has_value());
  ASSERT_FALSE(*redial) << "a dial ran while rasmand was stopping";
  EXPECT_NE(redial->error().message.find("rasmand is stopping"), std::string::npos)
      << redial->error().message;
  EXPECT_EQ(modem.dials(), 1u);
}

TEST(RasmanModem, PortProblemsFailAtOpenPort) {
  testing::TempDir dir;
  add_line_device(dir.path(), L"Gone", L"modem", "/dev/ttyNoSuchPort7");
  Dialled gone = dial(dir, "Gone", "/dev/ttyNoSuchPort7");
  EXPECT_EQ(gone.states, (StateList{{RASCS_OpenPort, ERROR_PORT_NOT_FOUND},
                                    {RASCS_Disconnected, ERROR_PORT_NOT_FOUND}}));
  // Locked by a live process (this one) → 602, and its lock stays.
  ScriptedModem modem("CONNECT");
  add_line_device(dir.path(), L"Modem1", L"modem", modem.port());
  std::string lock = dir.path() + "/var/lock/" + lock_name(modem.port());
  ASSERT_EQ(::mkdir((dir.path() + "/var").c_str(), 0755), 0);
  ASSERT_EQ(::mkdir((dir.path() + "/var/lock").c_str(), 0755), 0);
  {
    UniqueFd f(::open(lock.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
    std::string pid = std::to_string(::getpid()) + "\n";
    ASSERT_EQ(::write(f.get(), pid.data(), pid.size()), static_cast<ssize_t>(pid.size()));
  }
  Dialled busy = dial(dir, "Modem1", modem.port());
  EXPECT_EQ(busy.states, (StateList{{RASCS_OpenPort, ERROR_PORT_ALREADY_OPEN},
                                    {RASCS_Disconnected, ERROR_PORT_ALREADY_OPEN}}));
  EXPECT_EQ(::access(lock.c_str(), F_OK), 0) << "another holder's lock is not ours to remove";
  EXPECT_EQ(modem.dials(), 0u);
}

}  // namespace
}  // namespace openras::rasman
