// versions.h: the dwSize values each RAS connection structure may carry (the entry API's
// structures, RASDIALPARAMS among them, are in entry_structs.h).
//
// A structure's size for an older WINVER is computed from the first field a later WINVER
// added (ras.h gates fields exactly as the Windows SDK does), tail padding included, never
// written down; entry_versions_test.cpp checks each against a caller compiled for it. Only the
// fields inside the caller's size are read or written.
#pragma once

#include <cstddef>

#include "base/struct_size.h"
#include "ras.h"

namespace openras::rasapi {

// The size of T as a caller built for an older WINVER has it: the structure cut before
// the first field that WINVER lacks, with its tail padding (the compiler rounds a
// structure's size up to its alignment; every cut keeps T's strictest member, which the
// first version already has).
template <class T>
[[nodiscard]] constexpr size_t size_before(size_t first_missing_field_offset) {
  return (first_missing_field_offset + alignof(T) - 1) / alignof(T) * alignof(T);
}

// RASCONNW/A: 0x400, 0x401, 0x500, 0x501, 0x600.
template <class Conn>
[[nodiscard]] constexpr bool valid_rasconn_size(DWORD size) {
  return size_is_one_of(size, {size_before<Conn>(offsetof(Conn, szPhonebook)),
                               size_before<Conn>(offsetof(Conn, guidEntry)),
                               size_before<Conn>(offsetof(Conn, dwFlags)),
                               size_before<Conn>(offsetof(Conn, guidCorrelationId)), sizeof(Conn)});
}

// RASCONNSTATUSW/A: 0x400, 0x401, 0x601.
template <class Status>
[[nodiscard]] constexpr bool valid_rasconnstatus_size(DWORD size) {
  return size_is_one_of(size,
                        {size_before<Status>(offsetof(Status, szPhoneNumber)),
                         size_before<Status>(offsetof(Status, localEndPoint)), sizeof(Status)});
}

// 0x400, 0x500, 0x601.
[[nodiscard]] constexpr bool valid_rasdialextensions_size(DWORD size) {
  return size_is_one_of(size,
                        {size_before<RASDIALEXTENSIONS>(offsetof(RASDIALEXTENSIONS, reserved1)),
                         size_before<RASDIALEXTENSIONS>(offsetof(RASDIALEXTENSIONS, fSkipPppAuth)),
                         sizeof(RASDIALEXTENSIONS)});
}

static_assert(valid_rasconn_size<RASCONNW>(sizeof(RASCONNW)));
static_assert(!valid_rasconn_size<RASCONNW>(sizeof(RASCONNW) + 4));

}  // namespace openras::rasapi
