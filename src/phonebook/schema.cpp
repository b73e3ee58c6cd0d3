// schema.cpp: the RASENTRY <-> rasphone.pbk key table (see schema.h).
#include "phonebook/schema.h"

#include <cstdio>
#include <unordered_map>
#include <vector>

namespace openras::phonebook {

namespace {

struct MemberRef {
  std::string_view name;
  size_t offset_w;
  size_t offset_a;
  size_t size_w;
};

// offsetof on both forms, so the A<->W conversion and the version checks cannot drift
// from the headers.
#define OPENRAS_MEMBER(m) \
  MemberRef { #m, offsetof(RASENTRYW, m), offsetof(RASENTRYA, m), sizeof(RASENTRYW::m) }
#define OPENRAS_FLAG(f) #f, static_cast < uint32_t>(f)

constexpr KeyBlock kHeader = KeyBlock::kHeader;
constexpr KeyBlock kMedia = KeyBlock::kMedia;
constexpr KeyBlock kDevice = KeyBlock::kDevice;
constexpr KeyOrigin kWin = KeyOrigin::kWindows;
constexpr KeyOrigin kOurs = KeyOrigin::kOpenRas;

FieldSpec row(std::string_view key, KeyBlock block, FieldKind kind, MemberRef m,
              uint32_t default_value, KeyOrigin origin) {
  return FieldSpec{m.name,     "",       key, block, kind,          origin, m.offset_w,
                   m.offset_a, m.size_w, 0,   false, default_value, L""};
}
FieldSpec text(std::string_view key, KeyBlock block, MemberRef m, KeyOrigin origin = kWin) {
  return row(key, block, FieldKind::kString, m, 0, origin);
}
FieldSpec number(std::string_view key, KeyBlock block, MemberRef m, uint32_t def,
                 KeyOrigin origin = kWin) {
  return row(key, block, FieldKind::kDword, m, def, origin);
}
FieldSpec flag(std::string_view key, KeyBlock block, MemberRef m, std::string_view name,
               uint32_t bit, bool inverted, bool on_by_default, KeyOrigin origin = kWin) {
  FieldSpec spec = row(key, block, FieldKind::kFlag, m, on_by_default ? 1 : 0, origin);
  spec.flag = name;
  spec.bit = bit;
  spec.inverted = inverted;
  return spec;
}
FieldSpec our_flag(std::string_view key, MemberRef m, std::string_view name, uint32_t bit) {
  return flag(key, kHeader, m, name, bit, false, false, kOurs);
}

std::vector<FieldSpec> build_schema() {
  const MemberRef options = OPENRAS_MEMBER(dwfOptions);
  const MemberRef options2 = OPENRAS_MEMBER(dwfOptions2);
  std::vector<FieldSpec> t = {
      // ---- the header, in the order Windows writes it ----
      number("Type", kHeader, OPENRAS_MEMBER(dwType), RASET_Phone),
      flag("AutoLogon", kHeader, options, OPENRAS_FLAG(RASEO_UseLogonCredentials), false, false),
      flag("UseRasCredentials", kHeader, options2, OPENRAS_FLAG(RASEO2_DontUseRasCredentials), true,
           false),
      row("Guid", kHeader, FieldKind::kGuid, OPENRAS_MEMBER(guidId), 0, kWin),
      number("BaseProtocol", kHeader, OPENRAS_MEMBER(dwFramingProtocol), RASFP_Ppp),
      number("VpnStrategy", kHeader, OPENRAS_MEMBER(dwVpnStrategy), VS_Default),
      flag("LcpExtensions", kHeader, options, OPENRAS_FLAG(RASEO_DisableLcpExtensions), true,
           false),
      flag("SwCompression", kHeader, options, OPENRAS_FLAG(RASEO_SwCompression), false, true),
      number("DialMode", kHeader, OPENRAS_MEMBER(dwDialMode), RASEDM_DialAll),
      number("DialPercent", kHeader, OPENRAS_MEMBER(dwDialExtraPercent), 75),
      number("DialSeconds", kHeader, OPENRAS_MEMBER(dwDialExtraSampleSeconds), 120),
      number("HangUpPercent", kHeader, OPENRAS_MEMBER(dwHangUpExtraPercent), 10),
      number("HangUpSeconds", kHeader, OPENRAS_MEMBER(dwHangUpExtraSampleSeconds), 120),
      number("RedialAttempts", kHeader, OPENRAS_MEMBER(dwRedialCount), 3),
      number("RedialSeconds", kHeader, OPENRAS_MEMBER(dwRedialPause), 60),
      number("IdleDisconnectSeconds", kHeader, OPENRAS_MEMBER(dwIdleDisconnectSeconds),
             RASIDS_UseGlobalValue),
      flag("RedialOnLinkFailure", kHeader, options2, OPENRAS_FLAG(RASEO2_ReconnectIfDropped), false,
           false),
      text("CustomDialDll", kHeader, OPENRAS_MEMBER(szAutodialDll)),
      text("CustomDialFunc", kHeader, OPENRAS_MEMBER(szAutodialFunc)),
      text("CustomRasDialDll", kHeader, OPENRAS_MEMBER(szCustomDialDll)),
      flag("ShareMsFilePrint", kHeader, options2, OPENRAS_FLAG(RASEO2_SecureFileAndPrint), true,
           false),
      flag("BindMsNetClient", kHeader, options2, OPENRAS_FLAG(RASEO2_SecureClientForMSNet), true,
           false),
      flag("SharedPhoneNumbers", kHeader, options, OPENRAS_FLAG(RASEO_SharedPhoneNumbers), false,
           false),
      flag("GlobalDeviceSettings", kHeader, options2, OPENRAS_FLAG(RASEO2_UseGlobalDeviceSettings),
           false, false),
      text("PrerequisiteEntry", kHeader, OPENRAS_MEMBER(szPrerequisiteEntry)),
      text("PrerequisitePbk", kHeader, OPENRAS_MEMBER(szPrerequisitePbk)),
      flag("PreviewUserPw", kHeader, options, OPENRAS_FLAG(RASEO_PreviewUserPw), false, true),
      flag("PreviewDomain", kHeader, options, OPENRAS_FLAG(RASEO_PreviewDomain), false, false),
      flag("PreviewPhoneNumber", kHeader, options, OPENRAS_FLAG(RASEO_PreviewPhoneNumber), false,
           false),
      flag("ShowDialingProgress", kHeader, options, OPENRAS_FLAG(RASEO_ShowDialingProgress), false,
           true),
      flag("ShowMonitorIconInTaskBar", kHeader, options, OPENRAS_FLAG(RASEO_ModemLights), false,
           true),
      number("CustomAuthKey", kHeader, OPENRAS_MEMBER(dwCustomAuthKey), 0),
      flag("IpPrioritizeRemote", kHeader, options, OPENRAS_FLAG(RASEO_RemoteDefaultGateway), false,
           true),
      number("IpInterfaceMetric", kHeader, OPENRAS_MEMBER(dwIPv4InterfaceMetric), 0),
      flag("IpHeaderCompression", kHeader, options, OPENRAS_FLAG(RASEO_IpHeaderCompression), false,
           true),
      row("IpAddress", kHeader, FieldKind::kIpv4, OPENRAS_MEMBER(ipaddr), 0, kWin),
      row("IpDnsAddress", kHeader, FieldKind::kIpv4, OPENRAS_MEMBER(ipaddrDns), 0, kWin),
      row("IpDns2Address", kHeader, FieldKind::kIpv4, OPENRAS_MEMBER(ipaddrDnsAlt), 0, kWin),
      row("IpWinsAddress", kHeader, FieldKind::kIpv4, OPENRAS_MEMBER(ipaddrWins), 0, kWin),
      row("IpWins2Address", kHeader, FieldKind::kIpv4, OPENRAS_MEMBER(ipaddrWinsAlt), 0, kWin),
      number("TcpWindowSize", kHeader, OPENRAS_MEMBER(dwTcpWindowSize), 0),
      text("IpDnsSuffix", kHeader, OPENRAS_MEMBER(szDnsSuffix)),
      flag("Ipv6PrioritizeRemote", kHeader, options2, OPENRAS_FLAG(RASEO2_IPv6RemoteDefaultGateway),
           false, false),
      number("Ipv6InterfaceMetric", kHeader, OPENRAS_MEMBER(dwIPv6InterfaceMetric), 0),
      row("Ipv6Address", kHeader, FieldKind::kIpv6, OPENRAS_MEMBER(ipv6addr), 0, kWin),
      number("Ipv6PrefixLength", kHeader, OPENRAS_MEMBER(dwIPv6PrefixLength), 0),
      row("Ipv6DnsAddress", kHeader, FieldKind::kIpv6, OPENRAS_MEMBER(ipv6addrDns), 0, kWin),
      row("Ipv6Dns2Address", kHeader, FieldKind::kIpv6, OPENRAS_MEMBER(ipv6addrDnsAlt), 0, kWin),
      flag("DisableClassBasedDefaultRoute", kHeader, options2,
           OPENRAS_FLAG(RASEO2_DisableClassBasedStaticRoute), false, false),
      flag("DisableMobility", kHeader, options2, OPENRAS_FLAG(RASEO2_DisableMobility), false,
           false),
      number("NetworkOutageTime", kHeader, OPENRAS_MEMBER(dwNetworkOutageTime), 0),
      flag("CacheCredentials", kHeader, options2, OPENRAS_FLAG(RASEO2_CacheCredentials), false,
           false),
      flag("DisableIKENameEkuCheck", kHeader, options2, OPENRAS_FLAG(RASEO2_DisableIKENameEkuCheck),
           false, false),
      flag("PlumbIKEv2TSAsRoutes", kHeader, options2, OPENRAS_FLAG(RASEO2_PlumbIKEv2TSAsRoutes),
           false, false),
      text("IDI", kHeader, OPENRAS_MEMBER(szIDi)),
      text("IDR", kHeader, OPENRAS_MEMBER(szIDr)),
      number("ImsConfig", kHeader, OPENRAS_MEMBER(fIsImsConfig), 0),
      number("IdiType", kHeader, OPENRAS_MEMBER(IdiType), 0),
      number("IdrType", kHeader, OPENRAS_MEMBER(IdrType), 0),
      number("Disable_IKEv2_Fragmentation", kHeader, OPENRAS_MEMBER(fDisableIKEv2Fragmentation), 0),

      // ---- OpenRAS keys: members whose Windows encoding is unknown ----
      text("OpenRasScript", kHeader, OPENRAS_MEMBER(szScript), kOurs),
      number("OpenRasFrameSize", kHeader, OPENRAS_MEMBER(dwFrameSize), 0, kOurs),
      number("OpenRasNetProtocols", kHeader, OPENRAS_MEMBER(dwfNetProtocols), RASNP_Ip | RASNP_Ipv6,
             kOurs),
      text("OpenRasX25PadType", kHeader, OPENRAS_MEMBER(szX25PadType), kOurs),
      text("OpenRasX25Address", kHeader, OPENRAS_MEMBER(szX25Address), kOurs),
      text("OpenRasX25Facilities", kHeader, OPENRAS_MEMBER(szX25Facilities), kOurs),
      text("OpenRasX25UserData", kHeader, OPENRAS_MEMBER(szX25UserData), kOurs),
      number("OpenRasChannels", kHeader, OPENRAS_MEMBER(dwChannels), 0, kOurs),
      number("OpenRasEncryptionType", kHeader, OPENRAS_MEMBER(dwEncryptionType), ET_Optional,
             kOurs),
      number("OpenRasOptions3", kHeader, OPENRAS_MEMBER(dwfOptions3), 0, kOurs),
      our_flag("OpenRasSpecificIpAddr", options, OPENRAS_FLAG(RASEO_SpecificIpAddr)),
      our_flag("OpenRasSpecificNameServers", options, OPENRAS_FLAG(RASEO_SpecificNameServers)),
      our_flag("OpenRasTerminalBeforeDial", options, OPENRAS_FLAG(RASEO_TerminalBeforeDial)),
      our_flag("OpenRasTerminalAfterDial", options, OPENRAS_FLAG(RASEO_TerminalAfterDial)),
      our_flag("OpenRasRequireEncryptedPw", options, OPENRAS_FLAG(RASEO_RequireEncryptedPw)),
      our_flag("OpenRasRequireMsEncryptedPw", options, OPENRAS_FLAG(RASEO_RequireMsEncryptedPw)),
      our_flag("OpenRasRequireDataEncryption", options, OPENRAS_FLAG(RASEO_RequireDataEncryption)),
      our_flag("OpenRasNetworkLogon", options, OPENRAS_FLAG(RASEO_NetworkLogon)),
      our_flag("OpenRasSecureLocalFiles", options, OPENRAS_FLAG(RASEO_SecureLocalFiles)),
      our_flag("OpenRasRequireEAP", options, OPENRAS_FLAG(RASEO_RequireEAP)),
      our_flag("OpenRasRequirePAP", options, OPENRAS_FLAG(RASEO_RequirePAP)),
      our_flag("OpenRasRequireSPAP", options, OPENRAS_FLAG(RASEO_RequireSPAP)),
      our_flag("OpenRasCustom", options, OPENRAS_FLAG(RASEO_Custom)),
      our_flag("OpenRasRequireCHAP", options, OPENRAS_FLAG(RASEO_RequireCHAP)),
      our_flag("OpenRasRequireMsCHAP", options, OPENRAS_FLAG(RASEO_RequireMsCHAP)),
      our_flag("OpenRasRequireMsCHAP2", options, OPENRAS_FLAG(RASEO_RequireMsCHAP2)),
      our_flag("OpenRasRequireW95MSCHAP", options, OPENRAS_FLAG(RASEO_RequireW95MSCHAP)),
      our_flag("OpenRasCustomScript", options, OPENRAS_FLAG(RASEO_CustomScript)),
      row("OpenRasOtherOptions", kHeader, FieldKind::kOtherBits, options, 0, kOurs),
      our_flag("OpenRasDontNegotiateMultilink", options2,
               OPENRAS_FLAG(RASEO2_DontNegotiateMultilink)),
      our_flag("OpenRasUsePreSharedKey", options2, OPENRAS_FLAG(RASEO2_UsePreSharedKey)),
      our_flag("OpenRasInternet", options2, OPENRAS_FLAG(RASEO2_Internet)),
      our_flag("OpenRasDisableNbtOverIP", options2, OPENRAS_FLAG(RASEO2_DisableNbtOverIP)),
      our_flag("OpenRasSharePhoneNumbers", options2, OPENRAS_FLAG(RASEO2_SharePhoneNumbers)),
      our_flag("OpenRasSecureRoutingCompartment", options2,
               OPENRAS_FLAG(RASEO2_SecureRoutingCompartment)),
      our_flag("OpenRasUseTypicalSettings", options2, OPENRAS_FLAG(RASEO2_UseTypicalSettings)),
      our_flag("OpenRasIPv6SpecificNameServers", options2,
               OPENRAS_FLAG(RASEO2_IPv6SpecificNameServers)),
      our_flag("OpenRasRegisterIpWithDNS", options2, OPENRAS_FLAG(RASEO2_RegisterIpWithDNS)),
      our_flag("OpenRasUseDNSSuffixForRegistration", options2,
               OPENRAS_FLAG(RASEO2_UseDNSSuffixForRegistration)),
      our_flag("OpenRasIPv4ExplicitMetric", options2, OPENRAS_FLAG(RASEO2_IPv4ExplicitMetric)),
      our_flag("OpenRasIPv6ExplicitMetric", options2, OPENRAS_FLAG(RASEO2_IPv6ExplicitMetric)),
      our_flag("OpenRasSpecificIPv6Addr", options2, OPENRAS_FLAG(RASEO2_SpecificIPv6Addr)),
      our_flag("OpenRasRequireMachineCertificates", options2,
               OPENRAS_FLAG(RASEO2_RequireMachineCertificates)),
      our_flag("OpenRasUsePreSharedKeyForIkev2Initiator", options2,
               OPENRAS_FLAG(RASEO2_UsePreSharedKeyForIkev2Initiator)),
      our_flag("OpenRasUsePreSharedKeyForIkev2Responder", options2,
               OPENRAS_FLAG(RASEO2_UsePreSharedKeyForIkev2Responder)),
      our_flag("OpenRasAutoTriggerCapable", options2, OPENRAS_FLAG(RASEO2_AutoTriggerCapable)),
      our_flag("OpenRasIsThirdPartyProfile", options2, OPENRAS_FLAG(RASEO2_IsThirdPartyProfile)),
      our_flag("OpenRasAuthTypeIsOtp", options2, OPENRAS_FLAG(RASEO2_AuthTypeIsOtp)),
      our_flag("OpenRasIsAlwaysOn", options2, OPENRAS_FLAG(RASEO2_IsAlwaysOn)),
      our_flag("OpenRasIsPrivateNetwork", options2, OPENRAS_FLAG(RASEO2_IsPrivateNetwork)),
      row("OpenRasOtherOptions2", kHeader, FieldKind::kOtherBits, options2, 0, kOurs),

      // ---- the first link: MEDIA= and DEVICE= blocks ----
      text("Device", kMedia, OPENRAS_MEMBER(szDeviceName)),
      text(kDeviceMarkerKey, kDevice, OPENRAS_MEMBER(szDeviceType)),
      text(kPhoneNumberKey, kDevice, OPENRAS_MEMBER(szLocalPhoneNumber)),
      text("AreaCode", kDevice, OPENRAS_MEMBER(szAreaCode)),
      number("CountryCode", kDevice, OPENRAS_MEMBER(dwCountryCode), 0),
      number("CountryID", kDevice, OPENRAS_MEMBER(dwCountryID), 0),
      flag("UseDialingRules", kDevice, options, OPENRAS_FLAG(RASEO_UseCountryAndAreaCodes), false,
           false),
      flag("PromoteAlternates", kDevice, options, OPENRAS_FLAG(RASEO_PromoteAlternates), false,
           false),
  };
  // A kOtherBits row keeps the bits no flag row names (reserved today), so a caller's
  // dwfOptions comes back exactly as it was set.
  for (FieldSpec& other : t) {
    if (other.kind != FieldKind::kOtherBits) continue;
    uint32_t named = 0;
    for (const FieldSpec& f : t) {
      if (f.kind == FieldKind::kFlag && f.offset_w == other.offset_w) named |= f.bit;
    }
    other.bit = ~named;
  }
  for (FieldSpec& f : t) {
    // A new entry is a phone entry, as RasGetEntryProperties(…, L"", …) describes.
    if (f.member == "szDeviceType") f.default_text = L"modem";  // RASDT_Modem
  }
  return t;
}

const std::vector<FieldSpec>& schema() {
  static const std::vector<FieldSpec> table = build_schema();
  return table;
}

struct KeyIndex {
  std::unordered_map<std::string_view, const FieldSpec*> by_block[3];
};

const KeyIndex& key_index() {
  static const KeyIndex index = [] {
    KeyIndex out;
    for (const FieldSpec& f : schema())
      out.by_block[static_cast<size_t>(f.block)].emplace(f.key, &f);
    return out;
  }();
  return index;
}

}  // namespace

std::span<const FieldSpec> entry_schema() { return schema(); }

const FieldSpec* find_field(KeyBlock block, std::string_view key) {
  const auto& map = key_index().by_block[static_cast<size_t>(block)];
  auto it = map.find(key);
  return it == map.end() ? nullptr : it->second;
}

bool is_phone_group_key(std::string_view key) {
  return key == "AreaCode" || key == "CountryCode" || key == "CountryID" ||
         key == "UseDialingRules" || key == "Comment" || key == "FriendlyName";
}

std::span<const UnstoredMember> unstored_members() {
  static constexpr UnstoredMember kList[] = {
      {"dwSize", "the caller's structure version"},
      {"dwAlternateOffset",
       "where the alternate numbers follow the structure; the numbers "
       "are the DEVICE block's second and later PhoneNumber= lines"},
      {"dwSubEntries", "the number of links (MEDIA=/DEVICE= block pairs), at least 1"},
      {"dwReserved1, dwReserved2", "reserved: returned as 0, ignored on input"},
  };
  return kList;
}

std::span<const StructVersion> rasentry_version_sizes(bool wide) {
  static constexpr StructVersion kWide[] = {
      {0x400, offsetof(RASENTRYW, dwSubEntries)},
      {0x401, offsetof(RASENTRYW, dwType)},
      {0x500, offsetof(RASENTRYW, dwfOptions2)},
      {0x501, offsetof(RASENTRYW, ipv6addrDns)},
      {0x600, offsetof(RASENTRYW, ipv6addr)},
      {0x601, offsetof(RASENTRYW, szIDi)},
      {0xA00, sizeof(RASENTRYW)},
  };
  static constexpr StructVersion kNarrow[] = {
      {0x400, offsetof(RASENTRYA, dwSubEntries)},
      {0x401, offsetof(RASENTRYA, dwType)},
      {0x500, offsetof(RASENTRYA, dwfOptions2)},
      {0x501, offsetof(RASENTRYA, ipv6addrDns)},
      {0x600, offsetof(RASENTRYA, ipv6addr)},
      {0x601, offsetof(RASENTRYA, szIDi)},
      {0xA00, sizeof(RASENTRYA)},
  };
  if (wide) return kWide;
  return kNarrow;
}

unsigned member_winver(size_t offset_w) {
  for (const StructVersion& v : rasentry_version_sizes(true)) {
    if (offset_w < v.size) return v.winver;
  }
  return 0;
}

}  // namespace openras::phonebook
