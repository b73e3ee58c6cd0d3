// server_link_test.cpp: rasmand's server against a link that lies. The link helper is a
// test double (tests/rasman/fake_link_main.cpp) that rasmand starts and talks to exactly
// as it does openras-link, over the real sockets; the dialled number picks what it says.
// Whatever a link says that is malformed or impossible ends its connection with
// ERROR_LINK_FAILURE (829), and the well-behaved script at each limit keeps it up.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "devices/devices.h"
#include "ras.h"
#include "raserror.h"
#include "rasman/client.h"
#include "rasman/test_support.h"
#include "registry/hive.h"
#include "registry/value_data.h"
#include "support.h"

namespace openras::rasman {
namespace {

using StateList = std::vector<std::pair<uint32_t, uint32_t>>;  // state, error

struct Seen {
  std::mutex mutex;
  std::condition_variable changed;
  StateList states;
  bool removed = false;
  void add(const Event& e) {
    std::lock_guard lock(mutex);
    if (e.kind == Event::Kind::kStateChanged) states.emplace_back(e.state, e.error);
    if (e.kind == Event::Kind::kConnectionRemoved) removed = true;
    changed.notify_all();
  }
  // The states reported until the connection was removed (at most 10 s).
  StateList until_removed() {
    std::unique_lock lock(mutex);
    changed.wait_for(lock, std::chrono::seconds(10), [&] { return removed; });
    EXPECT_TRUE(removed) << "the connection was not ended";
    return states;
  }
  bool wait_for(uint32_t state) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(10), [&] {
      for (const auto& [s, e] : states) {
        if (s == state) return true;
      }
      return false;
    });
  }
};

// A device of type "test" named Fake0 in the private root's HKLM.
void add_fake_device(const std::string& root) {
  auto paths = Paths::with_root(root);
  ASSERT_TRUE(paths);
  registry::Hive hive(*paths, registry::RootKey::kLocalMachine);
  auto key = registry::split_key_path(std::wstring(devices::kDevicesKey) + L"\\Fake0");
  ASSERT_TRUE(key);
  std::string type_data("t\0e\0s\0t\0\0\0", 10);
  auto written = hive.modify([&](registry::Key& tree) -> Result<bool> {
    tree.ensure(*key).set_value(registry::Value{L"Type", registry::kRegSz, type_data});
    return true;
  });
  ASSERT_TRUE(written) << written.error().message;
}

class RasmanLinkReports : public ::testing::Test {
 protected:
  void SetUp() override {
    add_fake_device(dir_.path());
    server_ = std::make_unique<ServerThread>(
        dir_, 0, std::function<uint64_t()>{},
        std::string(OPENRAS_TEST_BUILD_DIR) + "/src/rasman/rasman_fake_link");
    auto client = Client::connect(server_->socket());
    ASSERT_TRUE(client) << client.error().message;
    client_ = std::move(*client);
    ASSERT_TRUE(client_->start_events([this](const Event& e) { seen_.add(e); }));
  }
  void TearDown() override {
    client_.reset();
    server_.reset();
  }
  // Dials Fake0 with `script` as the number; the connection's handle.
  uint64_t dial(const std::string& script) {
    DialRequest request;
    request.phonebook = "/pbk";
    request.entry = "Office";
    request.device_name = "Fake0";
    request.phone_number = script;
    auto handle = client_->dial(request);
    EXPECT_TRUE(handle) << handle.error().message;
    return handle ? *handle : 0;
  }
  // The script ends its connection, last reporting RASCS_Disconnected with 829.
  void expect_ended_with_link_failure(const std::string& script) {
    ASSERT_NE(dial(script), 0u);
    StateList states = seen_.until_removed();
    ASSERT_FALSE(states.empty());
    EXPECT_EQ(states.back(),
              std::make_pair(uint32_t{RASCS_Disconnected}, uint32_t{ERROR_LINK_FAILURE}))
        << "script " << script;
    EXPECT_EQ(ERROR_LINK_FAILURE, 829u);
  }

  testing::TempDir dir_;
  std::unique_ptr<ServerThread> server_;
  std::unique_ptr<Client> client_;
  Seen seen_;
};

TEST_F(RasmanLinkReports, AWellBehavedLinkAtEachLimitStaysConnected) {
  uint64_t handle = dial("ok");
  ASSERT_TRUE(seen_.wait_for(RASCS_Connected));
  // A statistics call is answered by the next counters the link sends, which may be ones
  // it sent before the call: ask until the last ones (200 bytes) are in, or 10 s pass.
  Result<ConnectionStatistics> stats = fail(Errc::kUnknown, "not asked");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  do {
    stats = client_->get_statistics(handle);
    ASSERT_TRUE(stats) << stats.error().message;
  } while (stats->bytes_sent != 200 && std::chrono::steady_clock::now() < deadline);
  EXPECT_EQ(stats->bytes_sent, 200u);
  EXPECT_EQ(stats->compression_ratio_in, 100u);
  EXPECT_EQ(stats->compression_ratio_out, 100u);
  auto projection = client_->get_projection(handle);
  ASSERT_TRUE(projection) << projection.error().message;
  EXPECT_EQ(projection->auth_protocol, static_cast<uint32_t>(RASLCPAP_CHAP));
  EXPECT_EQ(projection->server_auth_protocol, static_cast<uint32_t>(RASLCPAP_EAP));
  auto list = client_->list_connections();
  ASSERT_TRUE(list);
  EXPECT_EQ(list->size(), 1u);
}

// A raw client of the socket that subscribes to everything, with or without
// kSubscribeBatched, and records each state signal as it came.
class StateWatcher {
 public:
  StateWatcher(const std::string& socket, bool batched) {
    EXPECT_GE(sd_bus_new(&bus_), 0);
    EXPECT_GE(sd_bus_set_address(bus_, ("unix:path=" + socket).c_str()), 0);
    EXPECT_GE(sd_bus_add_filter(bus_, nullptr, on_message, this), 0);
    EXPECT_GE(sd_bus_start(bus_), 0);
    uint32_t kind = static_cast<uint32_t>(Subscription::kEverything);
    sd_bus_error error{};
    EXPECT_GE(
        sd_bus_call_method(bus_, nullptr, kObjectPath, kInterface, "Subscribe", &error, nullptr,
                           "ut", batched ? kind | kSubscribeBatched : kind, uint64_t{0}),
        0);
    sd_bus_error_free(&error);
  }
  ~StateWatcher() { sd_bus_flush_close_unref(bus_); }
  StateWatcher(const StateWatcher&) = delete;
  StateWatcher& operator=(const StateWatcher&) = delete;

  // Reads signals until `handle` reached `state` (at most 10 s).
  bool wait_for(uint64_t handle, uint32_t state) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::find(states_[handle].begin(), states_[handle].end(), std::pair{state, 0u}) ==
           states_[handle].end()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      int r = sd_bus_process(bus_, nullptr);
      if (r < 0) return false;
      if (r == 0) sd_bus_wait(bus_, 100'000);
    }
    return true;
  }
  StateList& states(uint64_t handle) { return states_[handle]; }
  // The number of states each StatesChanged carried.
  std::vector<std::size_t> batches;
  int single = 0;  // StateChanged signals

 private:
  static int on_message(sd_bus_message* m, void* userdata, sd_bus_error*) {
    auto* self = static_cast<StateWatcher*>(userdata);
    uint64_t handle = 0;
    uint32_t state = 0;
    uint32_t error = 0;
    if (sd_bus_message_is_signal(m, kInterface, "StateChanged")) {
      EXPECT_GE(sd_bus_message_read(m, "tuu", &handle, &state, &error), 0);
      self->states_[handle].emplace_back(state, error);
      ++self->single;
    } else if (sd_bus_message_is_signal(m, kInterface, "StatesChanged")) {
      EXPECT_GE(sd_bus_message_read(m, "t", &handle), 0);
      EXPECT_GT(sd_bus_message_enter_container(m, 'a', "(uu)"), 0);
      std::size_t n = 0;
      while (sd_bus_message_read(m, "(uu)", &state, &error) > 0) {
        self->states_[handle].emplace_back(state, error);
        ++n;
      }
      self->batches.push_back(n);
    }
    return 0;
  }
  sd_bus* bus_ = nullptr;
  std::map<uint64_t, StateList> states_;
};

// A link's burst of states reaches a client that takes StatesChanged in fewer signals, and
// one that does not state by state: both see every state, in order.
TEST_F(RasmanLinkReports, ABurstOfStatesIsBatchedWithoutLosingOne) {
  StateWatcher batched(server_->socket(), true);
  StateWatcher plain(server_->socket(), false);
  const StateList expected = {{RASCS_OpenPort, 0},
                              {RASCS_PortOpened, 0},
                              {RASCS_ConnectDevice, 0},
                              {RASCS_DeviceConnected, 0},
                              {RASCS_AllDevicesConnected, 0},
                              {RASCS_Authenticate, 0},
                              {RASCS_Authenticated, 0},
                              {RASCS_Connected, 0}};
  uint64_t handle = dial("burst");
  ASSERT_NE(handle, 0u);
  // The loop is held while the link sends, so its burst waits whole in the socket.
  server_->pause();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  server_->resume();
  ASSERT_TRUE(batched.wait_for(handle, RASCS_Connected));
  ASSERT_TRUE(plain.wait_for(handle, RASCS_Connected));
  EXPECT_EQ(batched.states(handle), expected);
  EXPECT_EQ(plain.states(handle), expected);
  EXPECT_TRUE(plain.batches.empty()) << "StatesChanged to a client that did not ask for it";
  ASSERT_FALSE(batched.batches.empty()) << "the burst was sent state by state";
  EXPECT_GE(*std::max_element(batched.batches.begin(), batched.batches.end()), 2u);
  // The library's client took it too, unpacked into events.
  ASSERT_TRUE(seen_.wait_for(RASCS_Connected));
  std::lock_guard lock(seen_.mutex);
  EXPECT_EQ(seen_.states, expected);
}

// More states at once than rasmand reads in one call: all of them, in order.
TEST_F(RasmanLinkReports, ALongBurstArrivesWholeAndInOrder) {
  StateWatcher plain(server_->socket(), false);
  StateList expected = {{RASCS_OpenPort, 0}};
  for (int i = 0; i < 7; ++i) {
    expected.emplace_back(RASCS_ConnectDevice, 0);
    expected.emplace_back(RASCS_DeviceConnected, 0);
  }
  expected.emplace_back(RASCS_AllDevicesConnected, 0);
  expected.emplace_back(RASCS_Connected, 0);
  uint64_t handle = dial("long-burst");
  ASSERT_NE(handle, 0u);
  server_->pause();  // the whole burst waits in the socket
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  server_->resume();
  ASSERT_TRUE(plain.wait_for(handle, RASCS_Connected));
  EXPECT_EQ(plain.states(handle), expected);
}

// A packet longer than any link message is cut at the limit and refused: 829.
TEST_F(RasmanLinkReports, AnOversizedReportEndsTheConnectionWith829) {
  expect_ended_with_link_failure("oversized");
}

TEST_F(RasmanLinkReports, AMalformedReportEndsTheConnectionWith829) {
  expect_ended_with_link_failure("malformed");
}

TEST_F(RasmanLinkReports, AStateThatIsNoRascsValueEndsTheConnectionWith829) {
  expect_ended_with_link_failure("state");
}

TEST_F(RasmanLinkReports, CountersGoingBackEndTheConnectionWith829) {
  expect_ended_with_link_failure("counters-back");
}

TEST_F(RasmanLinkReports, ARatioOver100EndsTheConnectionWith829) {
  expect_ended_with_link_failure("ratio");
}

TEST_F(RasmanLinkReports, AnUnknownAuthenticationProtocolEndsTheConnectionWith829) {
  expect_ended_with_link_failure("auth");
}

}  // namespace
}  // namespace openras::rasman
