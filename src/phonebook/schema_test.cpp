// schema_test.cpp: the key table: completeness, every field's round-trip through its key,
// version sizes, and docs/phonebook.md kept equal to the table.
#include "phonebook/schema.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <set>

#include "base/fs.h"
#include "phonebook/field_codec.h"
#include "test_support.h"

namespace openras::phonebook {
namespace {

// A value for each row that is not its default and exercises the encoding's edges.
void set_unusual(const FieldSpec& row, RASENTRYW& entry) {
  auto* member = reinterpret_cast<unsigned char*>(&entry) + row.offset_w;
  switch (row.kind) {
    case FieldKind::kString: {
      std::wstring text(row.capacity() - 1, L'x');  // as long as the member allows
      text[4] = L'\u00FC';
      text[1] = L'\u20AC';
      text[2] = static_cast<wchar_t>(0x1F600);
      text.front() = L' ';  // blanks survive: string values are taken exactly
      text.back() = L'\t';
      ASSERT_TRUE(set_string_member(entry, row, text));
      break;
    }
    case FieldKind::kDword: {
      uint32_t value = 0xFFFFFFFEu;
      std::memcpy(member, &value, 4);
      break;
    }
    case FieldKind::kFlag:
    case FieldKind::kOtherBits: {
      uint32_t value;
      std::memcpy(&value, member, 4);
      value ^= row.kind == FieldKind::kFlag ? row.bit : (row.bit & (0u - row.bit));  // one bit
      std::memcpy(member, &value, 4);
      break;
    }
    default:
      for (size_t i = 0; i < row.size_w; ++i) member[i] = static_cast<unsigned char>(0xA0 + i);
      if (row.kind == FieldKind::kIpv4) member[0] = 192;
      break;
  }
}

TEST(Schema, EveryFieldRoundTripsThroughItsKey) {
  for (const FieldSpec& row : entry_schema()) {
    SCOPED_TRACE(std::string(row.key));
    if (row.kind == FieldKind::kOtherBits && row.bit == 0) continue;  // no bit left to keep
    RASENTRYW written = default_rasentry();
    set_unusual(row, written);
    ASSERT_FALSE(field_is_default(row, written)) << "the test value must differ from the default";
    auto text = encode_field(row, written);
    ASSERT_TRUE(text) << text.error().message;
    RASENTRYW read = default_rasentry();
    ASSERT_TRUE(decode_field(row, *text, read)) << *text;
    EXPECT_TRUE(field_equal(row, read, written)) << *text;
    // Only this row's bits changed.
    for (const FieldSpec& other : entry_schema()) {
      if (other.offset_w == row.offset_w) continue;
      EXPECT_TRUE(field_equal(other, read, default_rasentry())) << other.key;
    }
  }
}

TEST(Schema, EmptyValueMeansDefaultAndBadValuesAreCorrupt) {
  RASENTRYW entry = default_rasentry();
  const FieldSpec& type = field_for_member("dwType");
  entry.dwType = 7;
  ASSERT_TRUE(decode_field(type, "", entry));
  EXPECT_EQ(entry.dwType, static_cast<DWORD>(RASET_Phone));
  ASSERT_TRUE(decode_field(type, " 2 ", entry));
  EXPECT_EQ(entry.dwType, 2u);
  ASSERT_TRUE(decode_field(field_for_member("dwIdleDisconnectSeconds"), "-1", entry));
  EXPECT_EQ(entry.dwIdleDisconnectSeconds, static_cast<DWORD>(RASIDS_Disabled));
  for (auto [member, value] :
       std::initializer_list<std::pair<const char*, const char*>>{{"dwType", "two"},
                                                                  {"dwType", "4294967296"},
                                                                  {"ipaddr", "300.1.1.1"},
                                                                  {"ipv6addr", "::g"},
                                                                  {"guidId", "1234"},
                                                                  {"szAreaCode", "12345678901"}}) {
    auto ok = decode_field(field_for_member(member), value, entry);
    ASSERT_FALSE(ok) << member << "=" << value;
    EXPECT_EQ(ok.error().code, Errc::kPhonebookCorrupt);
    EXPECT_NE(ok.error().message.find("key \""), std::string::npos) << ok.error().message;
  }
}

TEST(Schema, KeysAreUniquePerBlockAndFlagsDistinct) {
  std::set<std::pair<int, std::string_view>> keys;
  std::set<std::pair<size_t, uint32_t>> bits;
  for (const FieldSpec& row : entry_schema()) {
    EXPECT_TRUE(keys.insert({static_cast<int>(row.block), row.key}).second) << row.key;
    EXPECT_EQ(find_field(row.block, row.key), &row);
    EXPECT_EQ(row.origin == KeyOrigin::kOpenRas, row.key.substr(0, 7) == "OpenRas") << row.key;
    if (row.kind == FieldKind::kFlag) {
      EXPECT_EQ(__builtin_popcount(row.bit), 1) << row.key;
      EXPECT_TRUE(bits.insert({row.offset_w, row.bit}).second) << row.key;
    }
  }
  // Every dwfOptions2 bit has a name; dwfOptions keeps only the unused 0x400000.
  EXPECT_EQ(find_field(KeyBlock::kHeader, "OpenRasOtherOptions2")->bit, 0u);
  EXPECT_EQ(find_field(KeyBlock::kHeader, "OpenRasOtherOptions")->bit, 0x400000u);
  EXPECT_EQ(find_field(KeyBlock::kHeader, "CustomRasDialDll")->member, "szCustomDialDll");
  EXPECT_EQ(find_field(KeyBlock::kMedia, "Device")->member, "szDeviceName");
  EXPECT_EQ(find_field(KeyBlock::kDevice, "DEVICE")->member, "szDeviceType");
  EXPECT_EQ(find_field(KeyBlock::kHeader, "Device"), nullptr)
      << "Device= means something in MEDIA only";
}

TEST(Schema, EveryRasentryMemberIsStoredOrExplained) {
  const char* members[] = {"dwSize",
                           "dwfOptions",
                           "dwCountryID",
                           "dwCountryCode",
                           "szAreaCode",
                           "szLocalPhoneNumber",
                           "dwAlternateOffset",
                           "ipaddr",
                           "ipaddrDns",
                           "ipaddrDnsAlt",
                           "ipaddrWins",
                           "ipaddrWinsAlt",
                           "dwFrameSize",
                           "dwfNetProtocols",
                           "dwFramingProtocol",
                           "szScript",
                           "szAutodialDll",
                           "szAutodialFunc",
                           "szDeviceType",
                           "szDeviceName",
                           "szX25PadType",
                           "szX25Address",
                           "szX25Facilities",
                           "szX25UserData",
                           "dwChannels",
                           "dwReserved1",
                           "dwReserved2",
                           "dwSubEntries",
                           "dwDialMode",
                           "dwDialExtraPercent",
                           "dwDialExtraSampleSeconds",
                           "dwHangUpExtraPercent",
                           "dwHangUpExtraSampleSeconds",
                           "dwIdleDisconnectSeconds",
                           "dwType",
                           "dwEncryptionType",
                           "dwCustomAuthKey",
                           "guidId",
                           "szCustomDialDll",
                           "dwVpnStrategy",
                           "dwfOptions2",
                           "dwfOptions3",
                           "szDnsSuffix",
                           "dwTcpWindowSize",
                           "szPrerequisitePbk",
                           "szPrerequisiteEntry",
                           "dwRedialCount",
                           "dwRedialPause",
                           "ipv6addrDns",
                           "ipv6addrDnsAlt",
                           "dwIPv4InterfaceMetric",
                           "dwIPv6InterfaceMetric",
                           "ipv6addr",
                           "dwIPv6PrefixLength",
                           "dwNetworkOutageTime",
                           "szIDi",
                           "szIDr",
                           "fIsImsConfig",
                           "IdiType",
                           "IdrType",
                           "fDisableIKEv2Fragmentation"};
  for (std::string_view member : members) {
    bool stored = false;
    for (const FieldSpec& row : entry_schema()) stored |= row.member == member;
    for (const UnstoredMember& u : unstored_members())
      stored |= u.member.find(member) != std::string_view::npos;
    EXPECT_TRUE(stored) << member;
  }
}

TEST(Schema, VersionSizesAreTheOffsetsOfEachVersionsFirstMember) {
  for (bool wide : {true, false}) {
    auto versions = rasentry_version_sizes(wide);
    ASSERT_EQ(versions.size(), 7u);
    for (size_t i = 1; i < versions.size(); ++i) EXPECT_LT(versions[i - 1].size, versions[i].size);
    EXPECT_EQ(versions.back().size, wide ? sizeof(RASENTRYW) : sizeof(RASENTRYA));
  }
  EXPECT_EQ(rasentry_version_sizes(true)[0].size, offsetof(RASENTRYW, dwSubEntries));
  EXPECT_EQ(member_winver(offsetof(RASENTRYW, szCustomDialDll)), 0x500u);
  EXPECT_EQ(member_winver(offsetof(RASENTRYW, dwfOptions2)), 0x501u);
  EXPECT_EQ(member_winver(offsetof(RASENTRYW, szIDi)), 0xA00u);
  EXPECT_EQ(member_winver(offsetof(RASENTRYW, dwfOptions)), 0x400u);
}

TEST(Schema, DocsTableIsTheSchema) {
  std::string path = testing::source_dir() + "/docs/phonebook.md";
  auto doc = read_file(path);
  ASSERT_TRUE(doc) << doc.error().message;
  const std::string begin = "<!-- key-table:begin (generated from src/phonebook/schema.cpp) -->\n";
  const std::string end = "<!-- key-table:end -->";
  size_t from = doc->find(begin);
  size_t to = doc->find(end);
  ASSERT_NE(from, std::string::npos);
  ASSERT_NE(to, std::string::npos);
  from += begin.size();
  std::string table = render_key_table();
  if (doc->substr(from, to - from) != table && std::getenv("OPENRAS_UPDATE_DOCS")) {
    std::ofstream(path, std::ios::binary) << doc->substr(0, from) << table << doc->substr(to);
    GTEST_SKIP() << "rewrote the key table of " << path;
  }
  EXPECT_EQ(doc->substr(from, to - from), table)
      << "docs/phonebook.md's key table differs from the schema; run this test with "
         "OPENRAS_UPDATE_DOCS=1 to regenerate it";
}

}  // namespace
}  // namespace openras::phonebook
