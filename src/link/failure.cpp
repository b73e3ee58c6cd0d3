// failure.cpp: LinkFailure → RAS code, the one table (see failure.h).
#include "link/failure.h"

#include <iterator>

#include "raserror.h"

namespace openras::link {

namespace {

// Indexed by LinkFailure; the static_assert keeps it complete and in order.
constexpr FailureInfo kTable[] = {
    {LinkFailure::kBusy, ERROR_LINE_BUSY, "kBusy"},
    {LinkFailure::kNoCarrier, ERROR_NO_CARRIER, "kNoCarrier"},
    {LinkFailure::kNoDialtone, ERROR_NO_DIALTONE, "kNoDialtone"},
    {LinkFailure::kNoAnswer, ERROR_NO_ANSWER, "kNoAnswer"},
    {LinkFailure::kDeviceError, ERROR_FROM_DEVICE, "kDeviceError"},
    {LinkFailure::kUnrecognizedResponse, ERROR_UNRECOGNIZED_RESPONSE, "kUnrecognizedResponse"},
    {LinkFailure::kNoResponse, ERROR_NO_RESPONSES, "kNoResponse"},
    {LinkFailure::kPortNotFound, ERROR_PORT_NOT_FOUND, "kPortNotFound"},
    {LinkFailure::kPortBusy, ERROR_PORT_ALREADY_OPEN, "kPortBusy"},
    // 633: "the modem (or other connecting device) ... is not configured properly".
    {LinkFailure::kPortUnusable, ERROR_PORT_NOT_AVAILABLE, "kPortUnusable"},
    // 628: the far end closed the connection (not a local failure, which is 829).
    {LinkFailure::kCarrierLost, ERROR_DISCONNECTION, "kCarrierLost"},
    {LinkFailure::kAuthenticationFailed, ERROR_AUTHENTICATION_FAILURE, "kAuthenticationFailed"},
    {LinkFailure::kNoDriver, ERROR_DEVICE_DOES_NOT_EXIST, "kNoDriver"},
    {LinkFailure::kSetupFailed, ERROR_PORT_NOT_AVAILABLE, "kSetupFailed"},
    {LinkFailure::kPppTimeout, ERROR_PPP_TIMEOUT, "kPppTimeout"},
    {LinkFailure::kPppPeerTerminated, ERROR_PPP_REMOTE_TERMINATED, "kPppPeerTerminated"},
    {LinkFailure::kPppLcpRejected, ERROR_PPP_LCP_TERMINATED, "kPppLcpRejected"},
    // 638: "the request has timed out" — what Windows reports for a peer gone silent.
    {LinkFailure::kPppDeadPeer, ERROR_REQUEST_TIMEOUT, "kPppDeadPeer"},
    {LinkFailure::kPppLoopback, ERROR_PPP_LOOPBACK_DETECTED, "kPppLoopback"},
    {LinkFailure::kPppNoNetworkProtocol, ERROR_PPP_NO_PROTOCOLS_CONFIGURED,
     "kPppNoNetworkProtocol"},
    {LinkFailure::kPppCpRejected, ERROR_PPP_CP_REJECTED, "kPppCpRejected"},
    {LinkFailure::kPppAddressRejected, ERROR_PPP_REQUIRED_ADDRESS_REJECTED, "kPppAddressRejected"},
    {LinkFailure::kPppNoAddressAssigned, ERROR_PPP_NO_ADDRESS_ASSIGNED, "kPppNoAddressAssigned"},
    {LinkFailure::kInterfaceSetupFailed, ERROR_IP_CONFIGURATION, "kInterfaceSetupFailed"},
    // 702: "The device sent a response that was not expected at this point."
    {LinkFailure::kScriptFailed, ERROR_UNEXPECTED_RESPONSE, "kScriptFailed"},
    // 703: "The connection needs information from you, but the application does not allow
    // user interaction."
    {LinkFailure::kInteractiveRefused, ERROR_INTERACTIVE_MODE, "kInteractiveRefused"},
};

constexpr bool in_order() {
  for (std::size_t i = 0; i < std::size(kTable); ++i) {
    if (static_cast<std::size_t>(kTable[i].failure) != i) return false;
  }
  return static_cast<std::size_t>(LinkFailure::kInteractiveRefused) + 1 == std::size(kTable);
}
static_assert(in_order(), "kTable must list every LinkFailure, in declaration order");

}  // namespace

uint32_t ras_code(LinkFailure failure) noexcept {
  auto i = static_cast<std::size_t>(failure);
  return i < std::size(kTable) ? kTable[i].ras_code : ERROR_LINK_FAILURE;
}

std::string_view failure_name(LinkFailure failure) noexcept {
  auto i = static_cast<std::size_t>(failure);
  return i < std::size(kTable) ? kTable[i].name : "?";
}

}  // namespace openras::link
