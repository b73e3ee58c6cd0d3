// connection_alias_test.cpp: a custom connection whose dialer's handle another connection
// already has (docs/protocol.md "Handles"), through libopenras and a real rasmand server
// (in this process, on its own thread and socket under OPENRAS_ROOT). Another client
// stands for another process of the same user, holding the handle first.
//
// In the owning process the application keeps the dialer's handle: RasEnumConnections lists
// it once, RasGetConnectStatus and the statistics answer for it, RasConnectionNotification
// signals its arrival and end once each. rasmand and the other process see the alias, and
// a hang-up of the alias reaches this process's dialer (RasCustomHangUp).
// libopenras's link to rasmand is process-wide, so each test needs a process of its own
// (ctest runs each alone).
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <sstream>
#include <thread>

#include "dialer/loader.h"
#include "ras.h"
#include "raserror.h"
#include "rasman/client.h"
#include "rasman/server.h"
#include "rasman/test_support.h"
#include "session/connections.h"
#include "session/notifications.h"
#include "session/service.h"
#include "skip.h"
#include "support.h"
#include "windows.h"

namespace openras {
namespace {

namespace fs = std::filesystem;
using rasman::ServerThread;
using namespace std::chrono_literals;

constexpr uint64_t kDialerHandle = 0x5A00;  // what the zoo's dialers return

bool eventually(const std::function<bool()>& done) {
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

class ConnectionApiAlias : public ::testing::Test {
 protected:
  void SetUp() override {
    OPENRAS_SKIP_UNLESS(!trusted_.path().empty(), trusted_.reason());
    marker_ = trusted_.path() + "/calls.txt";
    ::setenv("OPENRAS_ZOO_MARKER", marker_.c_str(), 1);
    std::string path = trusted_.path() + "/good.so";
    fs::copy_file(std::string(OPENRAS_TEST_BUILD_DIR) + "/zoo/good.so", path);
    ::chmod(path.c_str(), 0644);
    dialer::Loader loader([](const std::string&) -> Result<bool> { return true; },
                          [](uid_t uid) { return uid == 0 || uid == ::geteuid(); });
    auto loaded = loader.load(path);
    OPENRAS_SKIP_UNLESS(loaded.has_value(),
                        "the build tree is not a trusted location for dialers: " +
                            (loaded ? std::string() : loaded.error().message));
    dialer_ = *loaded;

    ::setenv("OPENRAS_ROOT", root_.path().c_str(), 1);
    auto paths = Paths::with_root(root_.path());
    ASSERT_TRUE(paths) << paths.error().message;
    fs::create_directories(root_.path() + "/run/openras");
    server_ = std::make_unique<ServerThread>(*paths, paths->rasman_socket());
    auto other = rasman::Client::connect(paths->rasman_socket());
    ASSERT_TRUE(other) << other.error().message;
    other_ = std::move(*other);
    ASSERT_TRUE(other_->start_events([this](const rasman::Event& e) {
      if (e.kind != rasman::Event::Kind::kHangUpRequested) return;
      std::lock_guard lock(mutex_);
      other_hang_ups_.push_back(e.handle);
    }));
  }

  void TearDown() override {
    (void)session::Connections::instance().take(handle());
    other_.reset();
    server_.reset();
    ::unsetenv("OPENRAS_ZOO_MARKER");
    ::unsetenv("OPENRAS_ROOT");
  }

  static HRASCONN handle() { return reinterpret_cast<HRASCONN>(uintptr_t{kDialerHandle}); }

  // The other process's connection, holding the dialer's handle first.
  uint64_t register_other() {
    rasman::CustomRegistration r;
    r.handle = kDialerHandle;
    r.dialer = "/usr/lib/openras/dialers/other.so";
    r.phonebook = "/etc/openras/pbk/rasphone.pbk";
    r.entry = "Elsewhere";
    auto added = other_->register_custom(r);
    EXPECT_TRUE(added) << added.error().message;
    return added ? *added : 0;
  }

  // What RasDial does once RasCustomDial returned the handle (dial_api.cpp).
  void dial_here() {
    session::Connection c;
    c.handle = handle();
    c.dialer = dialer_;
    c.identity.phonebook = "/etc/openras/pbk/rasphone.pbk";
    c.identity.entry = "Office";
    c.identity.device_type = "modem";
    c.identity.device_name = "Hayes (ttyS0)";
    c.identity.phone_number = "5551234";
    session::note_reused(kDialerHandle);
    session::Connections::instance().add(std::move(c));
    session::publish(handle(), RASCS_Connected);
    session::note_connected(kDialerHandle);
  }

  std::string calls() const {
    std::ifstream in(marker_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  testing::TrustedDir trusted_;
  testing::TempDir root_;
  std::string marker_;
  std::shared_ptr<dialer::Dialer> dialer_;
  std::unique_ptr<ServerThread> server_;
  std::unique_ptr<rasman::Client> other_;
  std::mutex mutex_;
  std::vector<uint64_t> other_hang_ups_;
};

TEST_F(ConnectionApiAlias, TheOwningProcessKeepsTheDialersHandleOthersSeeTheAlias) {
  ASSERT_EQ(register_other(), kDialerHandle);
  dial_here();
  auto mine = session::Connections::instance().find(handle());
  ASSERT_TRUE(mine);
  uint64_t alias = mine->public_handle;
  EXPECT_NE(alias, 0u) << "the connection was not published";
  EXPECT_NE(alias, kDialerHandle);

  // rasmand (and every other process) lists both, under distinct handles.
  auto listed = other_->list_connections();
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].handle != (*listed)[1].handle, true);
  auto record = other_->get_connection(alias);
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_EQ(record->entry, "Office");

  // Here: the dialer's handle, once; the other process's 0x5A00 is not this process's.
  RASCONNW conns[4]{};
  conns[0].dwSize = sizeof(RASCONNW);
  DWORD cb = sizeof conns;
  DWORD count = 0;
  ASSERT_EQ(RasEnumConnectionsW(conns, &cb, &count), 0u);
  ASSERT_EQ(count, 1u);
  EXPECT_EQ(conns[0].hrasconn, handle());
  EXPECT_STREQ(conns[0].szEntryName, L"Office");
  RASCONNSTATUSW status{};
  status.dwSize = sizeof status;
  ASSERT_EQ(RasGetConnectStatusW(handle(), &status), 0u);
  EXPECT_EQ(status.rasconnstate, RASCS_Connected);
  RAS_STATS stats{};
  stats.dwSize = sizeof stats;
  EXPECT_EQ(RasGetConnectionStatistics(handle(), &stats), 0u);
  EXPECT_EQ(session::service_handle(handle()), alias);
  EXPECT_EQ(session::handle_here(alias), kDialerHandle);
  EXPECT_FALSE(session::handle_here(kDialerHandle)) << "the other's 0x5A00 is shadowed here";

  // The other process's connection ends: not ours, so nothing of ours fires or goes.
  HANDLE ours_ended = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  HANDLE any = CreateEventW(nullptr, FALSE, FALSE, nullptr);  // auto-reset: counts
  ASSERT_EQ(RasConnectionNotificationW(handle(), ours_ended, RASCN_Disconnection), 0u);
  ASSERT_EQ(RasConnectionNotificationW(reinterpret_cast<HRASCONN>(INVALID_HANDLE_VALUE), any,
                                       RASCN_Disconnection),
            0u);
  ASSERT_TRUE(other_->unregister(kDialerHandle));
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(WaitForSingleObject(ours_ended, 0), static_cast<DWORD>(WAIT_TIMEOUT));
  ASSERT_EQ(RasGetConnectStatusW(handle(), &status), 0u);

  // Another process hangs up the alias: this process's dialer hangs up its own handle.
  ASSERT_TRUE(other_->hang_up(alias));
  ASSERT_TRUE(eventually([&] { return WaitForSingleObject(ours_ended, 0) == WAIT_OBJECT_0; }));
  EXPECT_NE(calls().find("good RasCustomHangUp"), std::string::npos) << calls();
  EXPECT_FALSE(session::Connections::instance().find(handle()));
  EXPECT_TRUE(eventually([&] { return other_->list_connections()->empty(); }));
  EXPECT_EQ(WaitForSingleObject(any, 0), static_cast<DWORD>(WAIT_OBJECT_0));
  std::this_thread::sleep_for(300ms);  // rasmand's own report of the end comes too
  EXPECT_EQ(WaitForSingleObject(any, 0), static_cast<DWORD>(WAIT_TIMEOUT)) << "one end, once";
  std::lock_guard lock(mutex_);
  EXPECT_TRUE(other_hang_ups_.empty()) << "the hang-up went to the wrong client";
  CloseHandle(ours_ended);
  CloseHandle(any);
}

TEST_F(ConnectionApiAlias, ArrivalSignalsOnceAndALocalHangUpWithdrawsTheAlias) {
  HANDLE arrivals = CreateEventW(nullptr, FALSE, FALSE, nullptr);  // auto-reset: counts
  ASSERT_EQ(RasConnectionNotificationW(reinterpret_cast<HRASCONN>(INVALID_HANDLE_VALUE), arrivals,
                                       RASCN_Connection | RASCN_Disconnection),
            0u);
  // The other's arrival, under 0x5A00, while nothing here has that handle.
  ASSERT_EQ(register_other(), kDialerHandle);
  ASSERT_TRUE(other_->set_state(kDialerHandle, RASCS_Connected, 0));
  ASSERT_TRUE(eventually([&] { return WaitForSingleObject(arrivals, 0) == WAIT_OBJECT_0; }));
  // Ours: signalled once, though rasmand reports the alias's RASCS_Connected too.
  dial_here();
  EXPECT_EQ(WaitForSingleObject(arrivals, 0), static_cast<DWORD>(WAIT_OBJECT_0));
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(WaitForSingleObject(arrivals, 0), static_cast<DWORD>(WAIT_TIMEOUT)) << "one arrival";
  uint64_t alias = session::Connections::instance().find(handle())->public_handle;
  ASSERT_NE(alias, kDialerHandle);
  // A hang-up here ends our connection (the alias goes from rasmand), not the other's.
  ASSERT_EQ(RasHangUpW(handle()), 0u);
  EXPECT_NE(calls().find("good RasCustomHangUp"), std::string::npos) << calls();
  EXPECT_EQ(WaitForSingleObject(arrivals, 0), static_cast<DWORD>(WAIT_OBJECT_0));
  EXPECT_EQ(other_->get_connection(alias).error().code, Errc::kInvalidHandle);
  auto others = other_->get_connection(kDialerHandle);
  ASSERT_TRUE(others);
  EXPECT_EQ(others->entry, "Elsewhere");
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(WaitForSingleObject(arrivals, 0), static_cast<DWORD>(WAIT_TIMEOUT)) << "one end";
  // Here 0x5A00 still means ours, which ended (rasdial --wait polls its status to learn
  // that), not the other's connection rasmand lists under that value.
  RASCONNSTATUSW status{};
  status.dwSize = sizeof status;
  EXPECT_EQ(RasGetConnectStatusW(handle(), &status), static_cast<DWORD>(ERROR_INVALID_HANDLE));
  EXPECT_FALSE(session::handle_here(kDialerHandle));
  DWORD cb = 0, count = 0;
  (void)RasEnumConnectionsW(nullptr, &cb, &count);
  EXPECT_EQ(count, 0u);
  CloseHandle(arrivals);
}

}  // namespace
}  // namespace openras
