/* ras.h: the Remote Access Service API of OpenRAS, source-compatible with Windows' ras.h.
 *
 * Every constant has Windows' value; every structure has Windows' field names and order,
 * gated by WINVER exactly as the Windows SDK gates it, so a source built for an older
 * WINVER passes the older `dwSize` and the library accepts it. The string-carrying
 * structures and functions come in a W form (WCHAR = wchar_t) and an A form (UTF-8);
 * the unsuffixed names follow UNICODE. Both forms are stamped from one description in
 * ras_aw.inc, so they cannot drift apart.
 *
 * Threads: RAS functions may be called from any thread. Notifier callbacks passed to
 * RasDial run on a library thread (never the caller's), one connection's states in order.
 * Ownership: the caller owns every buffer it passes; the library keeps no pointer to it
 * after the call returns, except the notifier function pointer for the dial's lifetime. */
#ifndef _RAS_H_
#define _RAS_H_

#include <netinet/in.h>

#include "windef.h"
#include "winerror.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- lengths ---------------------------------------------------------------------- */
#define RAS_MaxDeviceType 16
#define RAS_MaxPhoneNumber 128
#define RAS_MaxIpAddress 15
#define RAS_MaxIpxAddress 21
#define RAS_MaxEntryName 256
#define RAS_MaxDeviceName 128
#define RAS_MaxCallbackNumber RAS_MaxPhoneNumber
#define RAS_MaxAreaCode 10
#define RAS_MaxPadType 32
#define RAS_MaxX25Address 200
#define RAS_MaxFacilities 200
#define RAS_MaxUserData 200
#define RAS_MaxReplyMessage 1024
#define RAS_MaxDnsSuffix 256
#define RAS_MaxIDSize 256

/* ---- handles and small types ------------------------------------------------------ */
DECLARE_HANDLE(HRASCONN);
#define LPHRASCONN HRASCONN*

typedef struct RASIPADDR {
  BYTE a;
  BYTE b;
  BYTE c;
  BYTE d;
} RASIPADDR;

typedef struct in_addr RASIPV4ADDR;
typedef struct in6_addr RASIPV6ADDR;

typedef enum tagRASAPIVERSION {
  RASAPIVERSION_500 = 1,
  RASAPIVERSION_501 = 2,
  RASAPIVERSION_600 = 3,
  RASAPIVERSION_601 = 4
} RASAPIVERSION;
#define RASAPIVERSION_CURRENT RASAPIVERSION_601

/* ---- connection states ------------------------------------------------------------ */
#define RASCS_PAUSED 0x1000
#define RASCS_DONE 0x2000

typedef enum tagRASCONNSTATE {
  RASCS_OpenPort = 0,
  RASCS_PortOpened,
  RASCS_ConnectDevice,
  RASCS_DeviceConnected,
  RASCS_AllDevicesConnected,
  RASCS_Authenticate,
  RASCS_AuthNotify,
  RASCS_AuthRetry,
  RASCS_AuthCallback,
  RASCS_AuthChangePassword,
  RASCS_AuthProject,
  RASCS_AuthLinkSpeed,
  RASCS_AuthAck,
  RASCS_ReAuthenticate,
  RASCS_Authenticated,
  RASCS_PrepareForCallback,
  RASCS_WaitForModemReset,
  RASCS_WaitForCallback,
  RASCS_Projected,
#if (WINVER >= 0x400)
  RASCS_StartAuthentication,
  RASCS_CallbackComplete,
  RASCS_LogonNetwork,
#endif
  RASCS_SubEntryConnected,
  RASCS_SubEntryDisconnected,
#if (WINVER >= 0x601)
  RASCS_ApplySettings,
#endif
  RASCS_Interactive = RASCS_PAUSED,
  RASCS_RetryAuthentication,
  RASCS_CallbackSetByCaller,
  RASCS_PasswordExpired,
#if (WINVER >= 0x500)
  RASCS_InvokeEapUI,
#endif
  RASCS_Connected = RASCS_DONE,
  RASCS_Disconnected
} RASCONNSTATE;
#define LPRASCONNSTATE RASCONNSTATE*

typedef enum tagRASCONNSUBSTATE {
  RASCSS_None = 0,
  RASCSS_Dormant,
  RASCSS_Reconnecting,
  RASCSS_Reconnected = RASCS_DONE
} RASCONNSUBSTATE;
#define LPRASCONNSUBSTATE RASCONNSUBSTATE*

/* ---- dial notifications ----------------------------------------------------------- */
#define RASDIALEVENT "RasDialEvent"
#define WM_RASDIALEVENT 0xCCCD

/* dwNotifierType values for RasDial. 0xFFFFFFFF (an HWND) is from the pre-2000 SDK. */
#define RASNOTIFIER_FUNC 0
#define RASNOTIFIER_FUNC1 1
#define RASNOTIFIER_FUNC2 2
#define RASNOTIFIER_HWND 0xFFFFFFFF

typedef VOID(WINAPI* RASDIALFUNC)(UINT unMsg, RASCONNSTATE rasconnstate, DWORD dwError);
typedef VOID(WINAPI* RASDIALFUNC1)(HRASCONN hrasconn, UINT unMsg, RASCONNSTATE rascs, DWORD dwError,
                                   DWORD dwExtendedError);
typedef DWORD(WINAPI* RASDIALFUNC2)(ULONG_PTR dwCallbackId, DWORD dwSubEntry, HRASCONN hrasconn,
                                    UINT unMsg, RASCONNSTATE rascs, DWORD dwError,
                                    DWORD dwExtendedError);

/* ---- RasDial extensions ----------------------------------------------------------- */
#define RDEOPT_UsePrefixSuffix 0x00000001
#define RDEOPT_PausedStates 0x00000002
#define RDEOPT_IgnoreModemSpeaker 0x00000004
#define RDEOPT_SetModemSpeaker 0x00000008
#define RDEOPT_IgnoreSoftwareCompression 0x00000010
#define RDEOPT_SetSoftwareCompression 0x00000020
#define RDEOPT_DisableConnectedUI 0x00000040
#define RDEOPT_DisableReconnectUI 0x00000080
#define RDEOPT_DisableReconnect 0x00000100
#define RDEOPT_NoUser 0x00000200
#define RDEOPT_PauseOnScript 0x00000400
#define RDEOPT_Router 0x00000800
#if (WINVER >= 0x500)
#define RDEOPT_CustomDial 0x00001000
#endif
#if (WINVER >= 0x501)
#define RDEOPT_UseCustomScripting 0x00002000
#endif
#if (WINVER >= 0x603)
#define RDEOPT_InvokeAutoTriggerCredentialUI 0x00004000
#define RDEOPT_EapInfoCryptInCapable 0x00008000
#endif

typedef struct tagRasEapInfo {
  DWORD dwSizeofEapInfo;
  BYTE* pbEapInfo;
} RASEAPINFO;

typedef struct tagRasDevSpecificInfo {
  DWORD dwSize;
  BYTE* pbDevSpecificInfo;
} RASDEVSPECIFICINFO, *PRASDEVSPECIFICINFO;

typedef struct tagRASDIALEXTENSIONS {
  DWORD dwSize;
  DWORD dwfOptions;
  HWND hwndParent;
  ULONG_PTR reserved;
#if (WINVER >= 0x500)
  ULONG_PTR reserved1;
  RASEAPINFO RasEapInfo;
#endif
#if (WINVER >= 0x601)
  BOOL fSkipPppAuth;
  RASDEVSPECIFICINFO RasDevSpecificInfo;
#endif
} RASDIALEXTENSIONS;
#define LPRASDIALEXTENSIONS RASDIALEXTENSIONS*

/* ---- entry options ---------------------------------------------------------------- */
#define RASEO_UseCountryAndAreaCodes 0x00000001
#define RASEO_SpecificIpAddr 0x00000002
#define RASEO_SpecificNameServers 0x00000004
#define RASEO_IpHeaderCompression 0x00000008
#define RASEO_RemoteDefaultGateway 0x00000010
#define RASEO_DisableLcpExtensions 0x00000020
#define RASEO_TerminalBeforeDial 0x00000040
#define RASEO_TerminalAfterDial 0x00000080
#define RASEO_ModemLights 0x00000100
#define RASEO_SwCompression 0x00000200
#define RASEO_RequireEncryptedPw 0x00000400
#define RASEO_RequireMsEncryptedPw 0x00000800
#define RASEO_RequireDataEncryption 0x00001000
#define RASEO_NetworkLogon 0x00002000
#define RASEO_UseLogonCredentials 0x00004000
#define RASEO_PromoteAlternates 0x00008000
#if (WINVER >= 0x401)
#define RASEO_SecureLocalFiles 0x00010000
#endif
#if (WINVER >= 0x500)
#define RASEO_RequireEAP 0x00020000
#define RASEO_RequirePAP 0x00040000
#define RASEO_RequireSPAP 0x00080000
#define RASEO_Custom 0x00100000
#define RASEO_PreviewPhoneNumber 0x00200000
#define RASEO_SharedPhoneNumbers 0x00800000
#define RASEO_PreviewUserPw 0x01000000
#define RASEO_PreviewDomain 0x02000000
#define RASEO_ShowDialingProgress 0x04000000
#define RASEO_RequireCHAP 0x08000000
#define RASEO_RequireMsCHAP 0x10000000
#define RASEO_RequireMsCHAP2 0x20000000
#define RASEO_RequireW95MSCHAP 0x40000000
#define RASEO_CustomScript 0x80000000
#endif

#if (WINVER >= 0x501)
#define RASEO2_SecureFileAndPrint 0x00000001
#define RASEO2_SecureClientForMSNet 0x00000002
#define RASEO2_DontNegotiateMultilink 0x00000004
#define RASEO2_DontUseRasCredentials 0x00000008
#define RASEO2_UsePreSharedKey 0x00000010
#define RASEO2_Internet 0x00000020
#define RASEO2_DisableNbtOverIP 0x00000040
#define RASEO2_UseGlobalDeviceSettings 0x00000080
#define RASEO2_ReconnectIfDropped 0x00000100
#define RASEO2_SharePhoneNumbers 0x00000200
#endif
#if (WINVER >= 0x600)
#define RASEO2_SecureRoutingCompartment 0x00000400
#define RASEO2_UseTypicalSettings 0x00000800
#define RASEO2_IPv6SpecificNameServers 0x00001000
#define RASEO2_IPv6RemoteDefaultGateway 0x00002000
#define RASEO2_RegisterIpWithDNS 0x00004000
#define RASEO2_UseDNSSuffixForRegistration 0x00008000
#define RASEO2_IPv4ExplicitMetric 0x00010000
#define RASEO2_IPv6ExplicitMetric 0x00020000
#define RASEO2_DisableIKENameEkuCheck 0x00040000
#endif
#if (WINVER >= 0x601)
#define RASEO2_DisableClassBasedStaticRoute 0x00080000
#define RASEO2_SpecificIPv6Addr 0x00100000
#define RASEO2_DisableMobility 0x00200000
#define RASEO2_RequireMachineCertificates 0x00400000
#endif
#if (WINVER >= 0x602)
#define RASEO2_UsePreSharedKeyForIkev2Initiator 0x00800000
#define RASEO2_UsePreSharedKeyForIkev2Responder 0x01000000
#define RASEO2_CacheCredentials 0x02000000
#endif
#if (WINVER >= 0x603)
#define RASEO2_AutoTriggerCapable 0x04000000
#define RASEO2_IsThirdPartyProfile 0x08000000
#define RASEO2_AuthTypeIsOtp 0x10000000
#endif
#if (WINVER >= 0x604)
#define RASEO2_IsAlwaysOn 0x20000000
#define RASEO2_IsPrivateNetwork 0x40000000
#endif
#if (WINVER >= 0xA00)
#define RASEO2_PlumbIKEv2TSAsRoutes 0x80000000
#endif

#define RASNP_NetBEUI 0x00000001
#define RASNP_Ipx 0x00000002
#define RASNP_Ip 0x00000004
#if (WINVER >= 0x600)
#define RASNP_Ipv6 0x00000008
#endif

#define RASFP_Ppp 0x00000001
#define RASFP_Slip 0x00000002
#define RASFP_Ras 0x00000004

#define RASDT_Modem TEXT("modem")
#define RASDT_Isdn TEXT("isdn")
#define RASDT_X25 TEXT("x25")
#define RASDT_Vpn TEXT("vpn")
#define RASDT_Pad TEXT("pad")
#define RASDT_Generic TEXT("GENERIC")
#define RASDT_Serial TEXT("SERIAL")
#define RASDT_FrameRelay TEXT("FRAMERELAY")
#define RASDT_Atm TEXT("ATM")
#define RASDT_Sonet TEXT("SONET")
#define RASDT_SW56 TEXT("SW56")
#define RASDT_Irda TEXT("IRDA")
#define RASDT_Parallel TEXT("PARALLEL")
#if (WINVER >= 0x501)
#define RASDT_PPPoE TEXT("PPPoE")
#endif

#define RASET_Phone 1
#define RASET_Vpn 2
#define RASET_Direct 3
#define RASET_Internet 4
#if (WINVER >= 0x501)
#define RASET_Broadband 5
#endif

#define ET_None 0
#define ET_Require 1
#define ET_RequireMax 2
#define ET_Optional 3

#define VS_Default 0
#define VS_PptpOnly 1
#define VS_PptpFirst 2
#define VS_L2tpOnly 3
#define VS_L2tpFirst 4
#define VS_SstpOnly 5
#define VS_SstpFirst 6
#define VS_Ikev2Only 7
#define VS_Ikev2First 8
#define VS_GREOnly 9
#define VS_PptpSstp 12
#define VS_L2tpSstp 13
#define VS_Ikev2Sstp 14
#define VS_ProtocolList 15

#define RASEDM_DialAll 1
#define RASEDM_DialAsNeeded 2
#define RASIDS_Disabled 0xFFFFFFFF
#define RASIDS_UseGlobalValue 0

typedef enum _IKEV2_ID_PAYLOAD_TYPE {
  IKEV2_ID_PAYLOAD_TYPE_INVALID = 0,
  IKEV2_ID_PAYLOAD_TYPE_IPV4_ADDR = 1,
  IKEV2_ID_PAYLOAD_TYPE_FQDN = 2,
  IKEV2_ID_PAYLOAD_TYPE_RFC822_ADDR = 3,
  IKEV2_ID_PAYLOAD_TYPE_RESERVED1 = 4,
  IKEV2_ID_PAYLOAD_TYPE_ID_IPV6_ADDR = 5,
  IKEV2_ID_PAYLOAD_TYPE_RESERVED2 = 6,
  IKEV2_ID_PAYLOAD_TYPE_RESERVED3 = 7,
  IKEV2_ID_PAYLOAD_TYPE_RESERVED4 = 8,
  IKEV2_ID_PAYLOAD_TYPE_DER_ASN1_DN = 9,
  IKEV2_ID_PAYLOAD_TYPE_DER_ASN1_GN = 10,
  IKEV2_ID_PAYLOAD_TYPE_KEY_ID = 11,
  IKEV2_ID_PAYLOAD_TYPE_MAX
} IKEV2_ID_PAYLOAD_TYPE;

/* ---- countries: the TAPI list RASENTRY.dwCountryID indexes ------------------------ *
 * RasGetCountryInfo fills one RASCTRYINFO per call: set dwSize and dwCountryID (1 is the
 * first country), then follow dwNextCountryID until it is 0. The country's name follows
 * the structure in the caller's buffer, dwCountryNameOffset bytes from its start, as
 * char (A, UTF-8) or WCHAR (W) text. One structure serves both forms: it holds no text. */
typedef struct RASCTRYINFO {
  DWORD dwSize;
  DWORD dwCountryID;
  DWORD dwNextCountryID;
  DWORD dwCountryCode;
  DWORD dwCountryNameOffset;
} RASCTRYINFO;
#define RASCTRYINFOW RASCTRYINFO
#define RASCTRYINFOA RASCTRYINFO
#define LPRASCTRYINFOW RASCTRYINFOW*
#define LPRASCTRYINFOA RASCTRYINFOA*
#define LPRASCTRYINFO RASCTRYINFO*
/* *lpdwSize: in, the buffer's bytes; out, the bytes this country needs (the structure and
 * its NUL-terminated name), also on ERROR_BUFFER_TOO_SMALL. An unknown dwCountryID is
 * ERROR_INVALID_PARAMETER. */
OPENRAS_API DWORD APIENTRY RasGetCountryInfoW(LPRASCTRYINFOW lpRasCtryInfo, LPDWORD lpdwSize);
OPENRAS_API DWORD APIENTRY RasGetCountryInfoA(LPRASCTRYINFOA lpRasCtryInfo, LPDWORD lpdwSize);
#ifdef UNICODE
#define RasGetCountryInfo RasGetCountryInfoW
#else
#define RasGetCountryInfo RasGetCountryInfoA
#endif

/* ---- connection, enumeration and misc. flags --------------------------------------- */
#define RASCF_AllUsers 0x00000001
#define RASCF_GlobalCreds 0x00000002
#define RASCF_OwnerKnown 0x00000004
#define RASCF_OwnerMatch 0x00000008

#define REN_User 0x00000000
#define REN_AllUsers 0x00000001

#define RASCN_Connection 0x00000001
#define RASCN_Disconnection 0x00000002
#define RASCN_BandwidthAdded 0x00000004
#define RASCN_BandwidthRemoved 0x00000008
#define RASCN_Dormant 0x00000010
#define RASCN_ReConnection 0x00000020
#define RASCN_EPDGPacketArrival 0x00000040

#define RASCM_UserName 0x00000001
#define RASCM_Password 0x00000002
#define RASCM_Domain 0x00000004
#define RASCM_DefaultCreds 0x00000008
#define RASCM_PreSharedKey 0x00000010
#define RASCM_ServerPreSharedKey 0x00000020
#define RASCM_DDMPreSharedKey 0x00000040

#define RASTUNNELENDPOINT_UNKNOWN 0
#define RASTUNNELENDPOINT_IPv4 1
#define RASTUNNELENDPOINT_IPv6 2

typedef struct _RASTUNNELENDPOINT {
  DWORD dwType;
  __extension__ union {
    RASIPV4ADDR ipv4;
    RASIPV6ADDR ipv6;
  };
} RASTUNNELENDPOINT, *PRASTUNNELENDPOINT;

/* ---- custom-dialer flags (RasCustom* dwFlags) -------------------------------------- */
#define RCD_SingleUser 0
#define RCD_AllUsers 0x00000001
#define RCD_Eap 0x00000002
#define RCD_Logon 0x00000004

/* ---- projections ------------------------------------------------------------------ */
typedef enum tagRASPROJECTION {
  RASP_Amb = 0x10000,
  RASP_PppNbf = 0x803F,
  RASP_PppIpx = 0x802B,
  RASP_PppIp = 0x8021,
#if (WINVER >= 0x500)
  RASP_PppCcp = 0x80FD,
#endif
  RASP_PppLcp = 0xC021,
#if (WINVER >= 0x600)
  RASP_PppIpv6 = 0x8057,
#endif
  RASP_Slip = 0x20000
} RASPROJECTION;
#define LPRASPROJECTION RASPROJECTION*

#define RASIPO_VJ 0x00000001

#define RASLCPAP_PAP 0xC023
#define RASLCPAP_SPAP 0xC027
#define RASLCPAP_CHAP 0xC223
#define RASLCPAP_EAP 0xC227
#define RASLCPAD_CHAP_MD5 0x05
#define RASLCPAD_CHAP_MS 0x80
#define RASLCPAD_CHAP_MSV2 0x81
#define RASLCPO_PFC 0x00000001
#define RASLCPO_ACFC 0x00000002
#define RASLCPO_SSHF 0x00000004
#define RASLCPO_DES_56 0x00000008
#define RASLCPO_3_DES 0x00000010

#define RASCCPCA_MPPC 0x00000006
#define RASCCPCA_STAC 0x00000005
#define RASCCPO_Compression 0x00000001
#define RASCCPO_HistoryLess 0x00000002
#define RASCCPO_Encryption56bit 0x00000010
#define RASCCPO_Encryption40bit 0x00000020
#define RASCCPO_Encryption128bit 0x00000040

typedef struct tagRASPPPCCP {
  DWORD dwSize;
  DWORD dwError;
  DWORD dwCompressionAlgorithm;
  DWORD dwOptions;
  DWORD dwServerCompressionAlgorithm;
  DWORD dwServerOptions;
} RASPPPCCP;
#define LPRASPPPCCP RASPPPCCP*

typedef struct tagRASPPPIPV6 {
  DWORD dwSize;
  DWORD dwError;
  BYTE bLocalInterfaceIdentifier[8];
  BYTE bPeerInterfaceIdentifier[8];
  BYTE bLocalCompressionProtocol[2];
  BYTE bPeerCompressionProtocol[2];
} RASPPPIPV6;
#define LPRASPPPIPV6 RASPPPIPV6*

typedef struct _RASPPP_PROJECTION_INFO {
  DWORD dwIPv4NegotiationError;
  RASIPV4ADDR ipv4Address;
  RASIPV4ADDR ipv4ServerAddress;
  DWORD dwIPv4Options;
  DWORD dwIPv4ServerOptions;
  DWORD dwIPv6NegotiationError;
  BYTE bInterfaceIdentifier[8];
  BYTE bServerInterfaceIdentifier[8];
  BOOL fBundled;
  BOOL fMultilink;
  DWORD dwAuthenticationProtocol;
  DWORD dwAuthenticationData;
  DWORD dwServerAuthenticationProtocol;
  DWORD dwServerAuthenticationData;
  DWORD dwEapTypeId;
  DWORD dwServerEapTypeId;
  DWORD dwLcpOptions;
  DWORD dwLcpServerOptions;
  DWORD dwCcpError;
  DWORD dwCcpCompressionAlgorithm;
  DWORD dwCcpServerCompressionAlgorithm;
  DWORD dwCcpOptions;
  DWORD dwCcpServerOptions;
} RASPPP_PROJECTION_INFO, *PRASPPP_PROJECTION_INFO;

#define RASIKEv2_FLAGS_MOBIKESUPPORTED 0x00000001
#define RASIKEv2_FLAGS_BEHIND_NAT 0x00000002
#define RASIKEv2_FLAGS_SERVERBEHIND_NAT 0x00000004
#define RASIKEv2_AUTH_MACHINECERTIFICATES 1
#define RASIKEv2_AUTH_EAP 2
#define RASIKEv2_AUTH_PSK 3

typedef struct _RASIKEV2_PROJECTION_INFO {
  DWORD dwIPv4NegotiationError;
  RASIPV4ADDR ipv4Address;
  RASIPV4ADDR ipv4ServerAddress;
  DWORD dwIPv6NegotiationError;
  RASIPV6ADDR ipv6Address;
  RASIPV6ADDR ipv6ServerAddress;
  DWORD dwPrefixLength;
  DWORD dwAuthenticationProtocol;
  DWORD dwEapTypeId;
  DWORD dwFlags;
  DWORD dwEncryptionMethod;
  DWORD numIPv4ServerAddresses;
  RASIPV4ADDR* ipv4ServerAddresses;
  DWORD numIPv6ServerAddresses;
  RASIPV6ADDR* ipv6ServerAddresses;
} RASIKEV2_PROJECTION_INFO, *PRASIKEV2_PROJECTION_INFO;

typedef enum _RASPROJECTION_INFO_TYPE {
  PROJECTION_INFO_TYPE_PPP = 1,
  PROJECTION_INFO_TYPE_IKEv2
} RASPROJECTION_INFO_TYPE;

typedef struct _RAS_PROJECTION_INFO {
  RASAPIVERSION version;
  RASPROJECTION_INFO_TYPE type;
  __extension__ union {
    RASPPP_PROJECTION_INFO ppp;
    RASIKEV2_PROJECTION_INFO ikev2;
  };
} RAS_PROJECTION_INFO, *PRAS_PROJECTION_INFO;

/* ---- statistics ------------------------------------------------------------------- */
typedef struct _RAS_STATS {
  DWORD dwSize;
  DWORD dwBytesXmited;
  DWORD dwBytesRcved;
  DWORD dwFramesXmited;
  DWORD dwFramesRcved;
  DWORD dwCrcErr;
  DWORD dwTimeoutErr;
  DWORD dwAlignmentErr;
  DWORD dwHardwareOverrunErr;
  DWORD dwFramingErr;
  DWORD dwBufferOverrunErr;
  DWORD dwCompressionRatioIn;
  DWORD dwCompressionRatioOut;
  DWORD dwBps;
  DWORD dwConnectDuration;
} RAS_STATS, *PRAS_STATS;

/* ---- the W and A structures and functions ----------------------------------------- */
#define RAS_AW_CAT2(a, b) a##b
#define RAS_AW_CAT(a, b) RAS_AW_CAT2(a, b)

#define RAS_CH WCHAR
#define RAS_STR LPWSTR
#define RAS_CSTR LPCWSTR
#define RAS_AW(name) RAS_AW_CAT(name, W)
#include "ras_aw.inc"
#undef RAS_CH
#undef RAS_STR
#undef RAS_CSTR
#undef RAS_AW

#define RAS_CH CHAR
#define RAS_STR LPSTR
#define RAS_CSTR LPCSTR
#define RAS_AW(name) RAS_AW_CAT(name, A)
#include "ras_aw.inc"
#undef RAS_CH
#undef RAS_STR
#undef RAS_CSTR
#undef RAS_AW

#define LPRASDIALPARAMSW RASDIALPARAMSW*
#define LPRASDIALPARAMSA RASDIALPARAMSA*
#define LPRASENTRYW RASENTRYW*
#define LPRASENTRYA RASENTRYA*
#define LPRASCONNW RASCONNW*
#define LPRASCONNA RASCONNA*
#define LPRASCONNSTATUSW RASCONNSTATUSW*
#define LPRASCONNSTATUSA RASCONNSTATUSA*
#define LPRASENTRYNAMEW RASENTRYNAMEW*
#define LPRASENTRYNAMEA RASENTRYNAMEA*
#define LPRASDEVINFOW RASDEVINFOW*
#define LPRASDEVINFOA RASDEVINFOA*
#define LPRASSUBENTRYW RASSUBENTRYW*
#define LPRASSUBENTRYA RASSUBENTRYA*
#define LPRASCREDENTIALSW RASCREDENTIALSW*
#define LPRASCREDENTIALSA RASCREDENTIALSA*
#define LPRASAUTODIALENTRYW RASAUTODIALENTRYW*
#define LPRASAUTODIALENTRYA RASAUTODIALENTRYA*
#define LPRASPPPIPW RASPPPIPW*
#define LPRASPPPIPA RASPPPIPA*
#define LPRASPPPLCPW RASPPPLCPW*
#define LPRASPPPLCPA RASPPPLCPA*

#ifdef UNICODE
#define RASDIALPARAMS RASDIALPARAMSW
#define RASENTRY RASENTRYW
#define RASCONN RASCONNW
#define RASCONNSTATUS RASCONNSTATUSW
#define RASENTRYNAME RASENTRYNAMEW
#define RASDEVINFO RASDEVINFOW
#define RASSUBENTRY RASSUBENTRYW
#define RASCREDENTIALS RASCREDENTIALSW
#define RASAUTODIALENTRY RASAUTODIALENTRYW
#define RASPPPIP RASPPPIPW
#define RASPPPLCP RASPPPLCPW
#define RasDial RasDialW
#define RasHangUp RasHangUpW
#define RasGetConnectStatus RasGetConnectStatusW
#define RasEnumConnections RasEnumConnectionsW
#define RasEnumEntries RasEnumEntriesW
#define RasGetEntryProperties RasGetEntryPropertiesW
#define RasSetEntryProperties RasSetEntryPropertiesW
#define RasDeleteEntry RasDeleteEntryW
#define RasRenameEntry RasRenameEntryW
#define RasValidateEntryName RasValidateEntryNameW
#define RasGetEntryDialParams RasGetEntryDialParamsW
#define RasSetEntryDialParams RasSetEntryDialParamsW
#define RasGetCredentials RasGetCredentialsW
#define RasSetCredentials RasSetCredentialsW
#define RasGetSubEntryProperties RasGetSubEntryPropertiesW
#define RasSetSubEntryProperties RasSetSubEntryPropertiesW
#define RasEnumDevices RasEnumDevicesW
#define RasGetErrorString RasGetErrorStringW
#define RasGetProjectionInfo RasGetProjectionInfoW
#define RasConnectionNotification RasConnectionNotificationW
#else
#define RASDIALPARAMS RASDIALPARAMSA
#define RASENTRY RASENTRYA
#define RASCONN RASCONNA
#define RASCONNSTATUS RASCONNSTATUSA
#define RASENTRYNAME RASENTRYNAMEA
#define RASDEVINFO RASDEVINFOA
#define RASSUBENTRY RASSUBENTRYA
#define RASCREDENTIALS RASCREDENTIALSA
#define RASAUTODIALENTRY RASAUTODIALENTRYA
#define RASPPPIP RASPPPIPA
#define RASPPPLCP RASPPPLCPA
#define RasDial RasDialA
#define RasHangUp RasHangUpA
#define RasGetConnectStatus RasGetConnectStatusA
#define RasEnumConnections RasEnumConnectionsA
#define RasEnumEntries RasEnumEntriesA
#define RasGetEntryProperties RasGetEntryPropertiesA
#define RasSetEntryProperties RasSetEntryPropertiesA
#define RasDeleteEntry RasDeleteEntryA
#define RasRenameEntry RasRenameEntryA
#define RasValidateEntryName RasValidateEntryNameA
#define RasGetEntryDialParams RasGetEntryDialParamsA
#define RasSetEntryDialParams RasSetEntryDialParamsA
#define RasGetCredentials RasGetCredentialsA
#define RasSetCredentials RasSetCredentialsA
#define RasGetSubEntryProperties RasGetSubEntryPropertiesA
#define RasSetSubEntryProperties RasSetSubEntryPropertiesA
#define RasEnumDevices RasEnumDevicesA
#define RasGetErrorString RasGetErrorStringA
#define RasGetProjectionInfo RasGetProjectionInfoA
#define RasConnectionNotification RasConnectionNotificationA
#endif
#define LPRASDIALPARAMS RASDIALPARAMS*
#define LPRASENTRY RASENTRY*
#define LPRASCONN RASCONN*
#define LPRASCONNSTATUS RASCONNSTATUS*
#define LPRASENTRYNAME RASENTRYNAME*
#define LPRASDEVINFO RASDEVINFO*
#define LPRASSUBENTRY RASSUBENTRY*
#define LPRASCREDENTIALS RASCREDENTIALS*
#define LPRASAUTODIALENTRY RASAUTODIALENTRY*
#define LPRASPPPIP RASPPPIP*
#define LPRASPPPLCP RASPPPLCP*

/* ---- functions without a string form ---------------------------------------------- */
OPENRAS_API DWORD APIENTRY RasGetConnectionStatistics(HRASCONN hRasConn, RAS_STATS* lpStatistics);
OPENRAS_API DWORD APIENTRY RasClearConnectionStatistics(HRASCONN hRasConn);
OPENRAS_API DWORD APIENTRY RasGetProjectionInfoEx(HRASCONN hrasconn,
                                                  PRAS_PROJECTION_INFO pRasProjection,
                                                  LPDWORD lpdwSize);

/* ---- OpenRAS extension: the terminal of a paused dial --------------------------------
 * An entry with RASEO_TerminalAfterDial, dialled with RDEOPT_PausedStates, pauses in
 * RASCS_Interactive once the line is through (after CONNECT and the entry's script), so the
 * user can log in to the far end by hand. Windows draws that terminal window itself; here
 * the caller is the terminal: OpenRasOpenTerminal gives it a descriptor (*pfd, a pseudo-
 * terminal in raw mode, the caller's to close) that reads what the far end says and writes
 * keys to it. Calling RasDial again with the paused handle resumes the dial (PPP follows);
 * the descriptor then reads end of file. ERROR_INVALID_PARAMETER when the dial is not paused.
 * docs/devices.md "Terminal". */
OPENRAS_API DWORD APIENTRY OpenRasOpenTerminal(HRASCONN hrasconn, int* pfd);

/* ---- OpenRAS extension: why, in words -----------------------------------------------
 * A RAS code says what failed; OpenRasGetErrorDetail says why, in one line naming what the
 * caller can act on (the device or port, the step, the dialer's broken rule): for hrasconn
 * NULL, the calling thread's last RasDial that failed before it had a handle; otherwise why
 * the dial of hrasconn failed (its link's or rasmand's words, until RasHangUp releases it).
 * The text is UTF-8 (A) or wide (W), cut to cchDetail characters with its terminator; empty
 * when nothing more is known. ERROR_INVALID_PARAMETER for a NULL or empty buffer.
 * docs/abi.md "Why a call failed". */
OPENRAS_API DWORD APIENTRY OpenRasGetErrorDetailA(HRASCONN hrasconn, LPSTR lpszDetail,
                                                  DWORD cchDetail);
OPENRAS_API DWORD APIENTRY OpenRasGetErrorDetailW(HRASCONN hrasconn, LPWSTR lpszDetail,
                                                  DWORD cchDetail);
#ifdef UNICODE
#define OpenRasGetErrorDetail OpenRasGetErrorDetailW
#else
#define OpenRasGetErrorDetail OpenRasGetErrorDetailA
#endif

/* ---- the custom-dialer entry points (a dialer exports these five names) ------------ */
#if (WINVER >= 0x500)
typedef DWORD(WINAPI* RasCustomHangUpFn)(HRASCONN hRasConn);
typedef DWORD(WINAPI* RasCustomDialFn)(HINSTANCE hInstDll, LPRASDIALEXTENSIONS lpRasDialExtensions,
                                       LPCWSTR lpszPhonebook, LPRASDIALPARAMS lpRasDialParams,
                                       DWORD dwNotifierType, LPVOID lpvNotifier,
                                       LPHRASCONN lphRasConn, DWORD dwFlags);
typedef DWORD(WINAPI* RasCustomDeleteEntryNotifyFn)(LPCWSTR lpszPhonebook, LPCWSTR lpszEntry,
                                                    DWORD dwFlags);
#endif

/* ---- OpenRAS SDK ABI mark ----------------------------------------------------------
 * Every module that includes <ras.h> carries OpenRasSdkAbi, the ABI generation of the
 * headers it was built with. The dialer loader reads it from a dialer and refuses one
 * built against an incompatible SDK. It is weak, so any number of translation units may
 * define it; Windows sources need no change. */
#define OPENRAS_SDK_ABI 1
/* OpenRasSdkUnicode says whether the module was compiled with UNICODE: the entry points'
 * LPRASDIALPARAMS and LPRASENTRYDLG are then the W structures RAS passes. The loader
 * refuses a dialer built without it (its entry points would read the W structures as A). */
#ifdef UNICODE
#define OPENRAS_SDK_UNICODE 1
#else
#define OPENRAS_SDK_UNICODE 0
#endif
#if defined(__GNUC__) && !defined(OPENRAS_NO_ABI_MARK)
#ifdef __cplusplus
__attribute__((weak, visibility("default"), used)) extern const unsigned int OpenRasSdkAbi =
    OPENRAS_SDK_ABI;
__attribute__((weak, visibility("default"), used)) extern const unsigned int OpenRasSdkUnicode =
    OPENRAS_SDK_UNICODE;
#else
__attribute__((weak, visibility("default"), used)) const unsigned int OpenRasSdkAbi =
    OPENRAS_SDK_ABI;
__attribute__((weak, visibility("default"), used)) const unsigned int OpenRasSdkUnicode =
    OPENRAS_SDK_UNICODE;
#endif
#endif

#ifdef __cplusplus
}
#endif

#endif /* _RAS_H_ */
