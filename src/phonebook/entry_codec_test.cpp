// entry_codec_test.cpp: decoding real Windows entries and editing them line by line.
#include "phonebook/entry_codec.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <cstring>

#include "phonebook/field_codec.h"
#include "phonebook/phonebook_file.h"
#include "test_support.h"

namespace openras::phonebook {
namespace {

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    out.emplace_back(text.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

struct Parsed {
  SnapshotPtr snapshot;
  SectionLayout layout;
  EntryFields fields;
  const Section& section() const { return snapshot->sections()[index]; }
  size_t index = 0;
};

Parsed parse(std::string text, std::string_view name) {
  Parsed p;
  p.snapshot = Snapshot::build("test.pbk", std::move(text), std::nullopt);
  EXPECT_FALSE(p.snapshot->problem());
  auto index = p.snapshot->find(name);
  EXPECT_TRUE(index) << name;
  p.index = index.value_or(0);
  auto layout = parse_layout(p.snapshot->text(), p.section());
  EXPECT_TRUE(layout) << (layout ? "" : layout.error().message);
  if (layout) p.layout = *layout;
  auto fields = decode_entry(p.snapshot->text(), p.layout);
  EXPECT_TRUE(fields) << (fields ? "" : fields.error().message);
  if (fields) p.fields = *fields;
  return p;
}

std::string edit(const Parsed& p, const EntryFields& updated) {
  auto text =
      edit_entry(p.snapshot->text(), p.section(), p.layout, p.fields, updated, p.snapshot->eol());
  EXPECT_TRUE(text) << (text ? "" : text.error().message);
  return text.value_or("");
}

std::string ip(const RASIPADDR& a) {
  return std::to_string(a.a) + "." + std::to_string(a.b) + "." + std::to_string(a.c) + "." +
         std::to_string(a.d);
}

constexpr char kVpn[] = "Contoso Always On VPN";
constexpr char kModem[] = "Dial-up to ISP (M\xC3\xBCller GmbH)";

TEST(EntryCodec, DecodesAWindows10VpnEntry) {
  Parsed p = parse(testing::corpus_file("windows10_rasphone.pbk"), kVpn);
  const RASENTRYW& e = p.fields.entry;
  EXPECT_EQ(e.dwType, static_cast<DWORD>(RASET_Vpn));
  EXPECT_EQ(e.dwVpnStrategy, static_cast<DWORD>(VS_Ikev2Only));
  EXPECT_STREQ(e.szDeviceType, L"vpn");
  EXPECT_STREQ(e.szDeviceName, L"WAN Miniport (IKEv2)");
  EXPECT_STREQ(e.szLocalPhoneNumber, L"vpn1.contoso.example");
  EXPECT_STREQ(e.szDnsSuffix, L"corp.contoso.example");
  EXPECT_STREQ(e.szCustomDialDll, L"");
  EXPECT_EQ(ip(e.ipaddrDns), "10.20.0.53");
  EXPECT_EQ(ip(e.ipaddrDnsAlt), "10.20.1.53");
  char v6[64];
  ASSERT_NE(::inet_ntop(AF_INET6, &e.ipv6addrDns, v6, sizeof v6), nullptr);
  EXPECT_STREQ(v6, "fd00:20::53");
  const unsigned char guid[16] = {0x9C, 0x1F, 0x5B, 0x0A, 0x3E, 0x7D, 0x4C, 0x2B,
                                  0xA6, 0xF0, 0xD1, 0x8E, 0x45, 0xB2, 0xC7, 0x31};
  EXPECT_EQ(std::memcmp(&e.guidId, guid, 16), 0);
  EXPECT_EQ(e.dwCustomAuthKey, 26u);
  EXPECT_EQ(p.fields.custom_auth_data.size(), (128u * 4 + 30) / 2)
      << "five CustomAuthData lines concatenate";
  EXPECT_EQ(e.dwNetworkOutageTime, 1800u);
  EXPECT_EQ(e.dwIPv4InterfaceMetric, 3u);
  EXPECT_EQ(e.dwRedialCount, 3u);
  EXPECT_EQ(e.dwDialMode, 0u);
  EXPECT_EQ(e.dwfOptions & RASEO_DisableLcpExtensions, 0u) << "LcpExtensions=1 (inverted)";
  EXPECT_EQ(e.dwfOptions & RASEO_SwCompression, 0u);
  EXPECT_NE(e.dwfOptions2 & RASEO2_ReconnectIfDropped, 0u) << "RedialOnLinkFailure=1";
  EXPECT_NE(e.dwfOptions2 & RASEO2_DisableClassBasedStaticRoute, 0u);
  EXPECT_NE(e.dwfOptions2 & RASEO2_CacheCredentials, 0u);
  EXPECT_EQ(e.dwfOptions2 & RASEO2_SecureFileAndPrint, 0u) << "ShareMsFilePrint=1 (inverted)";
  EXPECT_EQ(e.dwfOptions2 & RASEO2_DontUseRasCredentials, 0u) << "UseRasCredentials=1 (inverted)";
  EXPECT_EQ(e.dwSubEntries, 1u);
  EXPECT_TRUE(p.fields.alternates.empty());
}

TEST(EntryCodec, DecodesAModemEntryWithAlternates) {
  Parsed p = parse(testing::corpus_file("windows10_rasphone.pbk"), kModem);
  const RASENTRYW& e = p.fields.entry;
  EXPECT_EQ(e.dwType, static_cast<DWORD>(RASET_Phone));
  EXPECT_STREQ(e.szDeviceType, L"modem");
  EXPECT_STREQ(e.szDeviceName, L"Standard 56000 bps Modem");
  EXPECT_STREQ(e.szLocalPhoneNumber, L"0800 555 0199");
  ASSERT_EQ(p.fields.alternates.size(), 1u);
  EXPECT_EQ(p.fields.alternates[0], L"0800 555 0123");
  EXPECT_STREQ(e.szAreaCode, L"30");
  EXPECT_EQ(e.dwCountryCode, 49u);
  EXPECT_EQ(e.dwCountryID, 49u);
  EXPECT_NE(e.dwfOptions & RASEO_UseCountryAndAreaCodes, 0u);
  EXPECT_NE(e.dwfOptions & RASEO_PromoteAlternates, 0u);
  EXPECT_NE(e.dwfOptions & RASEO_PreviewPhoneNumber, 0u);
  EXPECT_NE(e.dwfOptions2 & RASEO2_SecureFileAndPrint, 0u) << "ShareMsFilePrint=0 (inverted)";
  EXPECT_EQ(e.dwIdleDisconnectSeconds, 1200u);
  EXPECT_EQ(e.dwRedialPause, 30u);
  EXPECT_EQ(e.dwFramingProtocol, static_cast<DWORD>(RASFP_Ppp));
}

TEST(EntryCodec, EditingOneFieldChangesOneLineAndKeepsCrLf) {
  std::string original = testing::corpus_file("windows10_rasphone.pbk");
  Parsed p = parse(original, kVpn);
  EntryFields updated = p.fields;
  ASSERT_TRUE(set_string_member(updated.entry, field_for_member("szCustomDialDll"),
                                L"/usr/lib/openras/contoso.so"));
  std::string section = edit(p, updated);
  std::string before(
      p.snapshot->text().substr(p.section().begin, p.section().end - p.section().begin));
  auto a = lines_of(before);
  auto b = lines_of(section);
  ASSERT_EQ(a.size(), b.size());
  size_t changed = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] == b[i]) continue;
    ++changed;
    EXPECT_EQ(a[i], "CustomRasDialDll=\r\n");
    EXPECT_EQ(b[i], "CustomRasDialDll=/usr/lib/openras/contoso.so\r\n");
  }
  EXPECT_EQ(changed, 1u);
  EXPECT_EQ(edit(p, p.fields), before) << "an edit that changes nothing changes no byte";
}

TEST(EntryCodec, AlternatesAreEditedByPosition) {
  Parsed p = parse(testing::corpus_file("windows10_rasphone.pbk"), kModem);
  std::string before(
      p.snapshot->text().substr(p.section().begin, p.section().end - p.section().begin));

  EntryFields fewer = p.fields;
  fewer.alternates.clear();
  std::string removed = edit(p, fewer);
  EXPECT_EQ(lines_of(before).size() - lines_of(removed).size(), 6u) << "the alternate's group goes";
  EXPECT_EQ(removed.find("0800 555 0123"), std::string::npos);
  EXPECT_NE(removed.find("Comment=Hauptnummer\r\nLastSelectedPhone=0"), std::string::npos)
      << removed;

  EntryFields more = p.fields;
  ASSERT_TRUE(
      set_string_member(more.entry, field_for_member("szLocalPhoneNumber"), L"0800 555 0100"));
  more.alternates = {L"0800 555 0123", L"0800 555 0124", L"0800 555 0125"};
  std::string added = edit(p, more);
  EXPECT_NE(added.find("PhoneNumber=0800 555 0100\r\nAreaCode=30"), std::string::npos)
      << "changed in place";
  EXPECT_NE(
      added.find("Comment=Reserve\r\nPhoneNumber=0800 555 0124\r\nPhoneNumber=0800 555 0125\r\n"
                 "LastSelectedPhone=0"),
      std::string::npos)
      << added;
}

TEST(EntryCodec, AbsentKeysAreInsertedInTheirBlocks) {
  Parsed p = parse(testing::corpus_file("minimal_modem.pbk"), "Office");
  EXPECT_STREQ(p.fields.entry.szDeviceName, L"") << "MEDIA without Device=";
  EntryFields updated = p.fields;
  updated.entry.dwRedialCount = 9;
  updated.entry.dwfOptions |= RASEO_RequireCHAP;
  updated.entry.dwCountryCode = 44;
  ASSERT_TRUE(set_string_member(updated.entry, field_for_member("szDeviceName"), L"ttyS0 modem"));
  std::string section = edit(p, updated);
  EXPECT_EQ(
      section,
      "[Office]\nEncoding=1\nType=1\nAutoLogon=0\nBaseProtocol=1\nLcpExtensions=1\n"
      "RedialAttempts=9\nOpenRasRequireCHAP=1\n\nMEDIA=serial\nPort=COM1\nDevice=ttyS0 modem\n\n"
      "DEVICE=modem\nPhoneNumber=5550100\nCountryCode=44\n");
  auto reparsed = parse(section, "Office");
  EXPECT_TRUE(same_fields(reparsed.fields, updated));
}

TEST(EntryCodec, MissingBlocksAreAppendedBeforeTheSeparator) {
  Parsed p = parse("[Bare]\nType=1\n\n[Next]\nType=2\n", "Bare");
  EntryFields updated = p.fields;
  ASSERT_TRUE(set_string_member(updated.entry, field_for_member("szDeviceName"), L"usb0"));
  ASSERT_TRUE(set_string_member(updated.entry, field_for_member("szLocalPhoneNumber"), L"123"));
  std::string section = edit(p, updated);
  EXPECT_EQ(section.substr(0, 35), "[Bare]\nType=1\n\nMEDIA=rastapi\nDevice");
  EXPECT_EQ(section.back(), '\n');
  EXPECT_EQ(section.substr(section.size() - 2), "\n\n")
      << "the blank line before [Next] stays last";
  auto reparsed = parse(section, "Bare");
  EXPECT_TRUE(same_fields(reparsed.fields, updated));
}

TEST(EntryCodec, OwnedKeyGivenTwiceIsCorrupt) {
  std::string text = "[E]\nType=1\nX=1\nType=2\n";
  auto snapshot = Snapshot::build("t.pbk", text, std::nullopt);
  auto layout = parse_layout(text, snapshot->sections()[0]);
  ASSERT_TRUE(layout);
  auto fields = decode_entry(text, *layout);
  ASSERT_FALSE(fields);
  EXPECT_EQ(fields.error().code, Errc::kPhonebookCorrupt);
  EXPECT_NE(fields.error().message.find("line 4: key \"Type\" given again (first on line 2)"),
            std::string::npos)
      << fields.error().message;
  // Unknown keys may repeat (Windows repeats ServerListServerName=, RouteData=, ...).
  EXPECT_TRUE(parse("[E]\nRouteData=1\nRouteData=2\n", "E").fields.entry.dwSize);
}

TEST(EntryCodec, OverLongValueIsCorruptAndNamesTheLimit) {
  std::string text = "[E]\nAreaCode=x\n\nDEVICE=modem\nAreaCode=12345678901\n";
  auto snapshot = Snapshot::build("t.pbk", text, std::nullopt);
  auto fields = decode_entry(text, *parse_layout(text, snapshot->sections()[0]));
  ASSERT_FALSE(fields);
  EXPECT_NE(
      fields.error().message.find("line 5: key \"AreaCode\" is 11 characters, longer than the 10"),
      std::string::npos)
      << fields.error().message;
}

TEST(EntryCodec, RenderedEntryReadsBackEveryField) {
  EntryFields fields = EntryFields::defaults();
  for (const FieldSpec& row : entry_schema()) {
    auto* member = reinterpret_cast<unsigned char*>(&fields.entry) + row.offset_w;
    if (row.kind == FieldKind::kString) {
      ASSERT_TRUE(set_string_member(
          fields.entry, row, std::wstring(L"v-") + std::wstring(row.key.begin(), row.key.end())));
    } else if (row.kind == FieldKind::kDword) {
      uint32_t value = static_cast<uint32_t>(row.offset_w * 7 + 1);
      std::memcpy(member, &value, 4);
    } else if (row.kind != FieldKind::kFlag && row.kind != FieldKind::kOtherBits) {
      for (size_t i = 0; i < row.size_w; ++i) member[i] = static_cast<unsigned char>(i * 13 + 1);
    }
  }
  fields.entry.dwfOptions = 0xA5A5A5A5;
  fields.entry.dwfOptions2 = 0x5A5A5A5A;
  fields.alternates = {L"2", L"3"};
  fields.custom_auth_data.assign(150, 0xAB);
  auto text = render_entry("Everything", fields, "\r\n");
  ASSERT_TRUE(text) << text.error().message;
  Parsed p = parse(*text, "Everything");
  EXPECT_TRUE(same_fields(p.fields, fields)) << *text;
  EXPECT_NE(text->find("\r\nCustomRasDialDll=v-CustomRasDialDll\r\n"), std::string::npos);
  EXPECT_EQ(text->find("\n\n"), std::string::npos) << "CRLF throughout";
}

TEST(EntryCodec, NewEntryWritesWindowsKeysAndOnlyNonDefaultOpenRasKeys) {
  auto text = render_entry("New", EntryFields::defaults(), "\n");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->find("OpenRas"), std::string::npos) << *text;
  for (const char* key :
       {"\nType=1\n", "\nLcpExtensions=1\n", "\nCustomRasDialDll=\n", "\nDEVICE=modem\n",
        "\nMEDIA=rastapi\n", "\nNETCOMPONENTS=\n", "\nIpAddress=0.0.0.0\n", "\nIpv6Address=::\n"}) {
    EXPECT_NE(text->find(key), std::string::npos) << key;
  }
}

TEST(EntryCodec, MultilinkEntriesHaveOneLinkPerBlockPair) {
  Parsed p = parse(
      "[Bundle]\nType=1\n\nMEDIA=rastapi\nDevice=isdn1\n\nDEVICE=isdn\nPhoneNumber=1\n"
      "\nMEDIA=rastapi\nDevice=isdn2\n\nDEVICE=isdn\nPhoneNumber=2\nPhoneNumber=3\n",
      "Bundle");
  EXPECT_EQ(p.fields.entry.dwSubEntries, 2u);
  LinkFields second = p.fields.link(1);
  EXPECT_EQ(second.device_name, L"isdn2");
  EXPECT_EQ(second.phone_number, L"2");
  ASSERT_EQ(second.alternates.size(), 1u);
  EntryFields updated = p.fields;
  second.phone_number = L"22";
  ASSERT_TRUE(updated.set_link(1, second));
  std::string section = edit(p, updated);
  EXPECT_NE(section.find("PhoneNumber=1\n"), std::string::npos);
  EXPECT_NE(section.find("PhoneNumber=22\nPhoneNumber=3\n"), std::string::npos) << section;
}

}  // namespace
}  // namespace openras::phonebook
