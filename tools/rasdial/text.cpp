// text.cpp: see text.h.
#include "text.h"

#include "base/utf.h"

namespace rasdial {

std::string utf8(std::wstring_view text) {
  if (auto out = openras::wide_to_utf8(text)) return *out;
  std::string out;
  for (wchar_t c : text) {
    auto one = openras::wide_to_utf8(std::wstring_view(&c, 1));
    out += one ? *one : "\xEF\xBF\xBD";
  }
  return out;
}

bool same_entry(std::wstring_view a, std::wstring_view b) noexcept {
  auto fold = [](wchar_t c) { return c >= L'A' && c <= L'Z' ? c - L'A' + L'a' : c; };
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (fold(a[i]) != fold(b[i])) return false;
  }
  return true;
}

const char* state_text(RASCONNSTATE s) noexcept {
  switch (s) {
    case RASCS_OpenPort:
      return "Opening the port...";
    case RASCS_PortOpened:
      return "Port opened.";
    case RASCS_ConnectDevice:
      return "Connecting the device...";
    case RASCS_DeviceConnected:
      return "Device connected.";
    case RASCS_AllDevicesConnected:
      return "Physical link established.";
    case RASCS_Authenticate:
      return "Verifying username and password...";
    case RASCS_AuthNotify:
      return "Authentication in progress...";
    case RASCS_AuthRetry:
      return "Retrying authentication...";
    case RASCS_AuthCallback:
      return "Waiting for the server to call back...";
    case RASCS_AuthChangePassword:
      return "Changing the password...";
    case RASCS_AuthProject:
      return "Registering your computer on the network...";
    case RASCS_AuthLinkSpeed:
      return "Measuring the link speed...";
    case RASCS_AuthAck:
      return "Authentication acknowledged.";
    case RASCS_ReAuthenticate:
      return "Authenticating again...";
    case RASCS_Authenticated:
      return "Authenticated.";
    case RASCS_PrepareForCallback:
      return "Preparing for callback...";
    case RASCS_WaitForModemReset:
      return "Waiting for the modem to reset...";
    case RASCS_WaitForCallback:
      return "Waiting for the callback...";
    case RASCS_Projected:
      return "Network protocols negotiated.";
    case RASCS_StartAuthentication:
      return "Starting authentication...";
    case RASCS_CallbackComplete:
      return "Callback complete.";
    case RASCS_LogonNetwork:
      return "Logging on to the network...";
    case RASCS_SubEntryConnected:
      return "Subentry connected.";
    case RASCS_SubEntryDisconnected:
      return "Subentry disconnected.";
    case RASCS_ApplySettings:
      return "Applying settings...";
    case RASCS_Connected:
      return "Connected.";
    case RASCS_Disconnected:
      return "Disconnected.";
    default:
      return "Paused.";
  }
}

}  // namespace rasdial
