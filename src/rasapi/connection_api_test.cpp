// connection_api_test.cpp: RasEnumConnections / RasGetConnectStatus / RasHangUp for
// connections a custom dialer (the zoo's well-formed member) made in this process.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "dialer/loader.h"
#include "ras.h"
#include "raserror.h"
#include "session/connections.h"
#include "session/notifications.h"
#include "skip.h"
#include "support.h"
#include "windows.h"

namespace openras {
namespace {

namespace fs = std::filesystem;

class ConnectionApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    OPENRAS_SKIP_UNLESS(!trusted_.path().empty(), trusted_.reason());
    dir_ = trusted_.path();
    marker_ = dir_ + "/calls.txt";
    ::setenv("OPENRAS_ZOO_MARKER", marker_.c_str(), 1);
    std::string path = dir_ + "/good.so";
    fs::copy_file(std::string(OPENRAS_TEST_BUILD_DIR) + "/zoo/good.so", path);
    ::chmod(path.c_str(), 0644);
    dialer::Loader loader([](const std::string&) -> Result<bool> { return true; },
                          [](uid_t uid) { return uid == 0 || uid == ::geteuid(); });
    auto loaded = loader.load(path);
    OPENRAS_SKIP_UNLESS(loaded.has_value(),
                        "the build tree is not a trusted location for dialers: " +
                            (loaded ? std::string() : loaded.error().message));
    session::Connection c;
    c.handle = reinterpret_cast<HRASCONN>(uintptr_t{0x5A00});
    c.dialer = *loaded;
    c.identity.phonebook = "/etc/openras/pbk/rasphone.pbk";
    c.identity.entry = "Office";
    c.identity.device_type = "modem";
    c.identity.device_name = "Hayes (ttyS0)";
    c.identity.phone_number = "5551234";
    session::Connections::instance().add(c);
    handle_ = c.handle;
  }
  void TearDown() override {
    (void)session::Connections::instance().take(handle_);
    ::unsetenv("OPENRAS_ZOO_MARKER");
  }
  std::string calls() const {
    std::ifstream in(marker_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  testing::TrustedDir trusted_;
  std::string dir_, marker_;
  HRASCONN handle_ = nullptr;
};

TEST_F(ConnectionApiTest, EnumerateWithSizeQuery) {
  DWORD cb = 0;
  DWORD count = 0;
  ASSERT_EQ(RasEnumConnectionsW(nullptr, &cb, &count), static_cast<DWORD>(ERROR_BUFFER_TOO_SMALL));
  EXPECT_EQ(cb, sizeof(RASCONNW));
  EXPECT_EQ(count, 1u);
  std::vector<RASCONNW> conns(count);
  conns[0].dwSize = sizeof(RASCONNW);
  ASSERT_EQ(RasEnumConnectionsW(conns.data(), &cb, &count), 0u);
  EXPECT_EQ(count, 1u);
  EXPECT_EQ(conns[0].hrasconn, handle_);
  EXPECT_STREQ(conns[0].szEntryName, L"Office");
  EXPECT_STREQ(conns[0].szDeviceType, L"modem");
  EXPECT_STREQ(conns[0].szPhonebook, L"/etc/openras/pbk/rasphone.pbk");
}

TEST_F(ConnectionApiTest, OlderStructureVersionsUseTheirOwnStride) {
  // RASCONNW as a WINVER 0x400 client compiles it: 1,628 bytes of fields, tail padding to
  // the handle's alignment (entry_versions_test.cpp checks every WINVER's sizes).
  const DWORD v400 = 1632;
  static_assert(offsetof(RASCONNW, szPhonebook) == 1628);
  std::vector<BYTE> buffer(v400);
  auto* conn = reinterpret_cast<RASCONNW*>(buffer.data());
  conn->dwSize = v400;
  DWORD cb = v400;
  DWORD count = 0;
  ASSERT_EQ(RasEnumConnectionsW(conn, &cb, &count), 0u);
  EXPECT_EQ(cb, v400);
  EXPECT_STREQ(conn->szEntryName, L"Office");
}

TEST_F(ConnectionApiTest, BadArgumentsGetDocumentedErrors) {
  RASCONNW conn{};
  conn.dwSize = sizeof(RASCONNW) + 1;
  DWORD cb = sizeof conn;
  DWORD count = 0;
  EXPECT_EQ(RasEnumConnectionsW(&conn, &cb, &count), static_cast<DWORD>(ERROR_INVALID_SIZE));
  EXPECT_EQ(RasEnumConnectionsW(&conn, nullptr, &count),
            static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(RasEnumConnectionsW(&conn, &cb, nullptr), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  RASCONNSTATUSW status{};
  status.dwSize = 7;
  EXPECT_EQ(RasGetConnectStatusW(handle_, &status), static_cast<DWORD>(ERROR_INVALID_SIZE));
  status.dwSize = sizeof status;
  EXPECT_EQ(RasGetConnectStatusW(reinterpret_cast<HRASCONN>(uintptr_t{0x77}), &status),
            static_cast<DWORD>(ERROR_INVALID_HANDLE));
  EXPECT_EQ(RasHangUpW(reinterpret_cast<HRASCONN>(uintptr_t{0x77})),
            static_cast<DWORD>(ERROR_INVALID_HANDLE));
}

TEST_F(ConnectionApiTest, StatusThenHangUpReachesTheDialer) {
  RASCONNSTATUSW status{};
  status.dwSize = sizeof status;
  ASSERT_EQ(RasGetConnectStatusW(handle_, &status), 0u);
  EXPECT_EQ(status.rasconnstate, RASCS_Connected);
  EXPECT_STREQ(status.szPhoneNumber, L"5551234");
  ASSERT_EQ(RasHangUpW(handle_), 0u);
  EXPECT_NE(calls().find("good RasCustomHangUp"), std::string::npos) << calls();
  EXPECT_EQ(RasGetConnectStatusW(handle_, &status), static_cast<DWORD>(ERROR_INVALID_HANDLE));
  EXPECT_EQ(RasHangUpW(handle_), static_cast<DWORD>(ERROR_INVALID_HANDLE)) << "hung up once";
}

TEST_F(ConnectionApiTest, AnsiFormsConvertToUtf8) {
  RASCONNA conn{};
  conn.dwSize = sizeof conn;
  DWORD cb = sizeof conn;
  DWORD count = 0;
  ASSERT_EQ(RasEnumConnectionsA(&conn, &cb, &count), 0u);
  EXPECT_STREQ(conn.szEntryName, "Office");
  RASCONNSTATUSA status{};
  status.dwSize = sizeof status;
  ASSERT_EQ(RasGetConnectStatusA(handle_, &status), 0u);
  EXPECT_STREQ(status.szDeviceName, "Hayes (ttyS0)");
}

// RasConnectionNotification: events set by this process's custom connections.
class Event {
 public:
  Event() : h(CreateEventW(nullptr, TRUE, FALSE, nullptr)) {}
  ~Event() {
    if (h) CloseHandle(h);
  }
  bool set() const { return WaitForSingleObject(h, 0) == WAIT_OBJECT_0; }
  HANDLE h;
};

TEST_F(ConnectionApiTest, DisconnectionOfOneConnectionSetsItsEvent) {
  Event mine, any, other_flag;
  ASSERT_EQ(RasConnectionNotificationW(handle_, mine.h, RASCN_Disconnection), 0u);
  ASSERT_EQ(RasConnectionNotificationW(reinterpret_cast<HRASCONN>(INVALID_HANDLE_VALUE), any.h,
                                       RASCN_Disconnection),
            0u);
  ASSERT_EQ(RasConnectionNotificationW(handle_, other_flag.h, RASCN_BandwidthAdded), 0u);
  EXPECT_FALSE(mine.set());
  EXPECT_FALSE(any.set());
  ASSERT_EQ(RasHangUpW(handle_), 0u);
  EXPECT_TRUE(mine.set());
  EXPECT_TRUE(any.set());
  EXPECT_FALSE(other_flag.set());
}

TEST_F(ConnectionApiTest, EachArrivalAndEndSignalsOnce) {
  HANDLE auto_reset = CreateEventW(nullptr, FALSE, FALSE, nullptr);
  ASSERT_EQ(RasConnectionNotificationA(reinterpret_cast<HRASCONN>(INVALID_HANDLE_VALUE), auto_reset,
                                       RASCN_Connection | RASCN_Disconnection),
            0u);
  const uint64_t h = 0x5B00;
  session::note_connected(h);
  session::note_connected(h);  // rasmand's signal after this process's own report
  EXPECT_EQ(WaitForSingleObject(auto_reset, 0), static_cast<DWORD>(WAIT_OBJECT_0));
  EXPECT_EQ(WaitForSingleObject(auto_reset, 0), static_cast<DWORD>(WAIT_TIMEOUT));
  session::note_disconnected(h);
  session::note_disconnected(h);
  EXPECT_EQ(WaitForSingleObject(auto_reset, 0), static_cast<DWORD>(WAIT_OBJECT_0));
  EXPECT_EQ(WaitForSingleObject(auto_reset, 0), static_cast<DWORD>(WAIT_TIMEOUT));
  // A closed event's registrations go at the next report.
  std::size_t before = session::notification_count();
  ASSERT_TRUE(CloseHandle(auto_reset));
  session::note_connected(h);
  EXPECT_LT(session::notification_count(), before);
  session::note_disconnected(h);
}

TEST_F(ConnectionApiTest, NotificationArgumentsAreChecked) {
  Event e;
  EXPECT_EQ(RasConnectionNotificationW(nullptr, e.h, RASCN_Disconnection),
            static_cast<DWORD>(ERROR_INVALID_HANDLE));
  EXPECT_EQ(
      RasConnectionNotificationW(handle_, reinterpret_cast<HANDLE>(0x99), RASCN_Disconnection),
      static_cast<DWORD>(ERROR_INVALID_HANDLE));
  EXPECT_EQ(RasConnectionNotificationW(handle_, e.h, 0x80),
            static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(RasConnectionNotificationW(reinterpret_cast<HRASCONN>(uintptr_t{0x77}), e.h,
                                       RASCN_Disconnection),
            static_cast<DWORD>(ERROR_INVALID_HANDLE));
}

}  // namespace
}  // namespace openras
