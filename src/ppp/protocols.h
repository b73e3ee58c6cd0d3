// protocols.h: the PPP protocol numbers this engine knows (RFC 1700 / IANA's registry).
#pragma once

#include <cstdint>

namespace openras::ppp {

inline constexpr uint16_t kProtoLcp = 0xC021;
inline constexpr uint16_t kProtoPap = 0xC023;
inline constexpr uint16_t kProtoChap = 0xC223;
inline constexpr uint16_t kProtoIpcp = 0x8021;
inline constexpr uint16_t kProtoIpv6cp = 0x8057;
inline constexpr uint16_t kProtoCcp = 0x80FD;
inline constexpr uint16_t kProtoIpv4 = 0x0021;
inline constexpr uint16_t kProtoIpv6 = 0x0057;

}  // namespace openras::ppp
