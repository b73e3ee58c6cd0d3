// server_link_test.cpp: rasmand's server against a link that lies. The link helper is a
// test double (tests/rasman/fake_link_main.cpp) that rasmand starts and talks to exactly
// as it does openras-link, over the real sockets; the dialled number picks what it says.
// Whatever a link says that is malformed or impossible ends its connection with
// ERROR_LINK_FAILURE (829), and the well-behaved script at each limit keeps it up.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
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
