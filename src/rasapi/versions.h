// versions.h: the dwSize values each RAS connection structure may carry (the entry API's
// structures, RASDIALPARAMS among them, are in entry_structs.h).
//
// A structure's size for an older WINVER is the offset of the first field a later WINVER
// added (ras.h gates fields exactly as the Windows SDK does), so the accepted sizes are
// computed, never written down. Only the fields inside the caller's size are read or
// written.
#pragma once

#include <cstddef>

#include "base/struct_size.h"
#include "ras.h"

namespace openras::rasapi {

// RASCONNW/A: 0x400, 0x401, 0x500, 0x501, 0x600.
template <class Conn>
[[nodiscard]] constexpr bool valid_rasconn_size(DWORD size) {
  return size_is_one_of(size, {offsetof(Conn, szPhonebook), offsetof(Conn, guidEntry),
                               offsetof(Conn, dwFlags), offsetof(Conn, guidCorrelationId),
                               sizeof(Conn)});
}

// RASCONNSTATUSW/A: 0x400, 0x401, 0x601.
template <class Status>
[[nodiscard]] constexpr bool valid_rasconnstatus_size(DWORD size) {
  return size_is_one_of(size, {offsetof(Status, szPhoneNumber), offsetof(Status, localEndPoint),
                               sizeof(Status)});
}

// 0x400, 0x500, 0x601.
[[nodiscard]] constexpr bool valid_rasdialextensions_size(DWORD size) {
  return size_is_one_of(size, {offsetof(RASDIALEXTENSIONS, reserved1),
                               offsetof(RASDIALEXTENSIONS, fSkipPppAuth),
                               sizeof(RASDIALEXTENSIONS)});
}

static_assert(valid_rasconn_size<RASCONNW>(sizeof(RASCONNW)));
static_assert(!valid_rasconn_size<RASCONNW>(sizeof(RASCONNW) + 4));

}  // namespace openras::rasapi
