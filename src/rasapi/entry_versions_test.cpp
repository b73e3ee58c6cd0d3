// entry_versions_test.cpp: every dwSize we accept is the size a caller compiled for that
// WINVER has (entry_versions_*.c are such callers, in C), and each of them works.
#include <gtest/gtest.h>

#include <string>

#include "rasapi/entry_structs.h"
#include "rasapi/versions.h"
#include "test_support.h"

#define OPENRAS_VERSIONS(X) \
  X(0x0400) X(0x0401) X(0x0500) X(0x0501) X(0x0600) X(0x0601) X(0x0A00) X(0x10500)

extern "C" {
#define OPENRAS_DECLARE(v)                     \
  size_t versions_rasentryw_##v(void);         \
  size_t versions_rasentrya_##v(void);         \
  size_t versions_rasentrynamew_##v(void);     \
  size_t versions_rasdialparamsw_##v(void);    \
  size_t versions_rasconnw_##v(void);          \
  size_t versions_rasconna_##v(void);          \
  size_t versions_rasconnstatusw_##v(void);    \
  size_t versions_rasconnstatusa_##v(void);    \
  size_t versions_rasdialextensions_##v(void); \
  int versions_connections_##v(void);          \
  int versions_roundtrip_##v(const wchar_t* phonebook, const wchar_t* name, const wchar_t* number);
OPENRAS_VERSIONS(OPENRAS_DECLARE)
#undef OPENRAS_DECLARE
}

namespace openras::rasapi {
namespace {

struct Caller {
  unsigned winver;
  size_t (*rasentryw)();
  size_t (*rasentrya)();
  size_t (*rasentrynamew)();
  size_t (*rasdialparamsw)();
  size_t (*rasconnw)();
  size_t (*rasconna)();
  size_t (*rasconnstatusw)();
  size_t (*rasconnstatusa)();
  size_t (*rasdialextensions)();
  int (*connections)();
  int (*roundtrip)(const wchar_t*, const wchar_t*, const wchar_t*);
};

#define OPENRAS_ROW(v)                   \
  Caller{(v)&0xFFFF,                     \
         versions_rasentryw_##v,         \
         versions_rasentrya_##v,         \
         versions_rasentrynamew_##v,     \
         versions_rasdialparamsw_##v,    \
         versions_rasconnw_##v,          \
         versions_rasconna_##v,          \
         versions_rasconnstatusw_##v,    \
         versions_rasconnstatusa_##v,    \
         versions_rasdialextensions_##v, \
         versions_connections_##v,       \
         versions_roundtrip_##v},
const Caller kCallers[] = {OPENRAS_VERSIONS(OPENRAS_ROW)};
#undef OPENRAS_ROW

// The size a table lists for `winver`: the entry of the newest version not after it.
size_t size_for(std::span<const StructVersion> versions, unsigned winver) {
  size_t size = 0;
  for (const StructVersion& v : versions) {
    if (v.winver <= winver) size = v.size;
  }
  return size;
}

TEST(EntryVersions, AcceptedSizesAreWhatEachWinverCompiles) {
  for (const Caller& c : kCallers) {
    SCOPED_TRACE(c.winver);
    EXPECT_EQ(c.rasentryw(), size_for(rasentry_sizes(true), c.winver));
    EXPECT_EQ(c.rasentrya(), size_for(rasentry_sizes(false), c.winver));
    EXPECT_EQ(c.rasentrynamew(), size_for(rasentryname_sizes(true), c.winver));
    EXPECT_EQ(c.rasdialparamsw(), size_for(rasdialparams_sizes(true), c.winver));
    EXPECT_GE(version_index(rasentry_sizes(true), static_cast<DWORD>(c.rasentryw())), 0);
  }
  EXPECT_EQ(kCallers[6].rasentryw(), sizeof(RASENTRYW)) << "0xA00 is the default WINVER";
}

// RASCONN, RASCONNSTATUS and RASDIALEXTENSIONS as each WINVER compiles them, tail padding
// included (RASCONNA is 424 bytes at 0x400, not the 419 of its fields), in every function
// that takes them.
TEST(EntryVersions, ConnectionStructureSizesOfEveryWinverAreAccepted) {
  for (const Caller& c : kCallers) {
    SCOPED_TRACE(c.winver);
    EXPECT_TRUE(valid_rasconn_size<RASCONNW>(static_cast<DWORD>(c.rasconnw()))) << c.rasconnw();
    EXPECT_TRUE(valid_rasconn_size<RASCONNA>(static_cast<DWORD>(c.rasconna()))) << c.rasconna();
    EXPECT_TRUE(valid_rasconnstatus_size<RASCONNSTATUSW>(static_cast<DWORD>(c.rasconnstatusw())))
        << c.rasconnstatusw();
    EXPECT_TRUE(valid_rasconnstatus_size<RASCONNSTATUSA>(static_cast<DWORD>(c.rasconnstatusa())))
        << c.rasconnstatusa();
    EXPECT_TRUE(valid_rasdialextensions_size(static_cast<DWORD>(c.rasdialextensions())))
        << c.rasdialextensions();
    EXPECT_EQ(c.connections(), 0) << "the number of the call that refused the size";
  }
  EXPECT_EQ(versions_rasconna_0x0400(), 424u);
}

// A source that defines only _WIN32_WINNT gets that WINVER, as Windows' sdkddkver.h does
// (0x10500 names entry_versions_winnt0500.c: _WIN32_WINNT 0x0500 alone; its row in
// kCallers is a 0x0500 caller).
TEST(EntryVersions, WinverFollowsWin32WinntWhenOnlyItIsDefined) {
  EXPECT_EQ(versions_rasconnw_0x10500(), versions_rasconnw_0x0500());
  EXPECT_EQ(versions_rasentryw_0x10500(), versions_rasentryw_0x0500());
  EXPECT_NE(versions_rasentryw_0x10500(), versions_rasentryw_0x0A00());
}

class EntryVersionCallers : public testing::EntryApiTest {};

TEST_F(EntryVersionCallers, EachVersionCreatesReadsListsAndSavesCredentials) {
  for (const Caller& c : kCallers) {
    std::wstring name = L"Built for " + std::to_wstring(c.winver);
    EXPECT_EQ(c.roundtrip(pbk_.c_str(), name.c_str(), std::to_wstring(c.winver).c_str()), 0)
        << name;
  }
  EXPECT_NE(file().find("[Built for 1024]\n"), std::string::npos);
}

}  // namespace
}  // namespace openras::rasapi
