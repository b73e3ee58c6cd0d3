// fcs.h: the frame check sequences of RFC 1662 (FCS-16, and FCS-32 when LCP negotiates it).
//
// Both are reflected CRCs computed sixteen bytes per step ("slicing-by-16": sixteen
// 256-entry tables, so a step is sixteen independent lookups instead of a dependent chain).
// fcs16_bytewise() is the classic one-table loop of RFC 1662's appendix, kept as the
// reference the tests and the benchmark compare against.
#pragma once

#include <cstdint>

#include "ppp/reader.h"

namespace openras::ppp {

inline constexpr uint16_t kFcs16Init = 0xFFFF;
inline constexpr uint16_t kFcs16Good = 0xF0B8;  // the FCS over a frame plus its own FCS
inline constexpr uint32_t kFcs32Init = 0xFFFFFFFF;
inline constexpr uint32_t kFcs32Good = 0xDEBB20E3;

[[nodiscard]] uint16_t fcs16(uint16_t fcs, Bytes data) noexcept;
[[nodiscard]] uint32_t fcs32(uint32_t fcs, Bytes data) noexcept;
[[nodiscard]] uint16_t fcs16_bytewise(uint16_t fcs, Bytes data) noexcept;

}  // namespace openras::ppp
