// identity_codec.h: a connection's identity on the bus (docs/protocol.md), the one codec
// for both sides: "sssssb" — phone book, entry, device type, device name, phone number,
// all users — inside ConnectionRecord's "(tuutuussssssb)" after the dialer, and inside
// RegisterCustomConnection's "tssssssb" after the dialer. Part of openras_rasman_client.
#pragma once

#include <systemd/sd-bus.h>

#include "base/connection_identity.h"

namespace openras::rasman {

inline constexpr const char* kIdentitySignature = "sssssb";

// Appends `identity` to `m` at its current position; sd-bus's result.
[[nodiscard]] int append_identity(sd_bus_message* m, const ConnectionIdentity& identity);
// Reads an identity from `m` at its current position into `identity`; sd-bus's result
// (-EBADMSG when the message ends before it).
[[nodiscard]] int read_identity(sd_bus_message* m, ConnectionIdentity& identity);
// The same without copying: `identity`'s text points into `m` (valid while `m` lives).
[[nodiscard]] int read_identity(sd_bus_message* m, ConnectionIdentityRef& identity);

}  // namespace openras::rasman
