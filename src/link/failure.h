// failure.h: why a link fails, as a typed value (STYLE.md "Errors": failures below the
// wire are typed, converted once at the boundary). Drivers and rasmand's port opening
// speak LinkFailure; ras_code() is the one table that turns it into the RAS/Win32 code a
// State message (message.h) carries to rasmand and on to the caller. Thread: any.
#pragma once

#include <cstdint>
#include <string_view>

namespace openras::link {

enum class LinkFailure : uint8_t {
  kBusy,                  // BUSY
  kNoCarrier,             // NO CARRIER
  kNoDialtone,            // NO DIALTONE
  kNoAnswer,              // NO ANSWER
  kDeviceError,           // ERROR to a command
  kUnrecognizedResponse,  // a reply the driver cannot parse
  kNoResponse,            // silence
  kPortNotFound,          // the device's port does not exist
  kPortBusy,              // locked by another program, or TIOCEXCL
  kPortUnusable,          // not a tty, or the line cannot be set up
  kCarrierLost,           // the far end went away after connecting
  kAuthenticationFailed,  // the peer refused the credentials, or could not prove itself
  kNoDriver,              // no driver for the device type
  kSetupFailed,           // the link could not start (privileges, filter, loop)
  // PPP (src/ppp's TerminateReason, once, in ppp_link.cpp).
  kPppTimeout,            // LCP or authentication got no answer
  kPppPeerTerminated,     // the peer's LCP Terminate-Request
  kPppLcpRejected,        // the peer Code-Rejected LCP
  kPppDeadPeer,           // keep-alive echoes unanswered
  kPppLoopback,           // our Magic-Number came back: the line loops
  kPppNoNetworkProtocol,  // no network control protocol opened
  kPppCpRejected,         // the peer Protocol-Rejected IPCP
  kPppAddressRejected,    // the entry's own address was refused
  kPppNoAddressAssigned,  // the peer gave us no address
  kInterfaceSetupFailed,  // rasmand could not make or configure the connection's interface
  kScriptFailed,          // the post-connect script met an ABORT string or timed out waiting
  kInteractiveRefused,    // a terminal after dialing, and the caller allows no paused state
};

struct FailureInfo {
  LinkFailure failure;
  uint32_t ras_code;
  std::string_view name;  // for logs and tests ("kBusy")
};

[[nodiscard]] uint32_t ras_code(LinkFailure failure) noexcept;
[[nodiscard]] std::string_view failure_name(LinkFailure failure) noexcept;

}  // namespace openras::link
