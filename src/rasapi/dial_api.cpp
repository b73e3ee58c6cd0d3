// dial_api.cpp: RasDialW / RasDialA.
//
// An entry whose szCustomDialDll names a dialer is dialled by that dialer's RasCustomDial,
// in this process, unless the extensions carry RDEOPT_CustomDial — the dialer's own call
// back into RasDial, which reaches the built-in dial (rasmand, session/builtin_dial.h)
// instead of the dialer again. The dialer's handle and its bookkeeping are the session's
// (session/session.h).
#include <algorithm>
#include <cstring>
#include <string>

#include "base/c_abi.h"
#include "base/log.h"
#include "base/unique_fd.h"
#include "base/utf.h"
#include "dialer/dispatch.h"
#include "ras.h"
#include "rasapi/entry_api.h"
#include "rasapi/entry_structs.h"
#include "rasapi/versions.h"
#include "raserror.h"
#include "session/session.h"

using openras::abi_call;
namespace rasapi = openras::rasapi;

namespace {

bool valid_notifier_type(DWORD type) { return type <= 2 || type == RASNOTIFIER_HWND; }

DWORD dial_w(LPRASDIALEXTENSIONS ext, LPCWSTR phonebook, LPRASDIALPARAMSW params,
             DWORD notifier_type, LPVOID notifier, LPHRASCONN handle) {
  if (!params || !handle) return ERROR_INVALID_PARAMETER;
  if (rasapi::version_index(rasapi::rasdialparams_sizes(true), params->dwSize) < 0) {
    return ERROR_INVALID_SIZE;
  }
  if (ext && !openras::rasapi::valid_rasdialextensions_size(ext->dwSize)) {
    return ERROR_INVALID_SIZE;
  }
  if (notifier && !valid_notifier_type(notifier_type)) return ERROR_INVALID_PARAMETER;
  // A non-NULL handle resumes a dial paused in RASCS_Interactive (builtin_dial.h).
  if (*handle != nullptr) {
    return openras::session::Session::instance().resume_builtin(*handle, notifier_type, notifier);
  }
  auto name = openras::terminated_view(params->szEntryName, RAS_MaxEntryName + 1);
  if (!name) return ERROR_INVALID_PARAMETER;
  // The password is the caller's; it reaches the dialer in params and is never kept.
  auto entry = openras::dialer::lookup_entry(phonebook, *name);
  if (!entry) return openras::win32_code(entry.error());
  bool recursive = ext && (ext->dwfOptions & RDEOPT_CustomDial);
  const DWORD dial_options = ext ? ext->dwfOptions : 0;
  if (entry->custom_dial_dll.empty() || recursive) {
    if (std::wstring_view(params->szPassword) != rasapi::kPasswordHandle) {
      return openras::session::Session::instance().dial_builtin(*entry, *params, dial_options,
                                                                notifier_type, notifier, handle);
    }
    // The handle RasGetEntryDialParams handed out: the saved password, read only now and
    // wiped once the dial has it.
    auto file = openras::wide_to_utf8(entry->phonebook);
    if (!file) return ERROR_INVALID_PARAMETER;
    auto saved = rasapi::saved_password(*file, *name);
    if (!saved) return openras::win32_code(saved.error());
    RASDIALPARAMSW resolved{};
    std::memcpy(&resolved, params, std::min<size_t>(params->dwSize, sizeof resolved));
    openras::ScopeExit wipe([&] {
      SecureZeroMemory(resolved.szPassword, sizeof resolved.szPassword);
      SecureZeroMemory(saved->data(), saved->size() * sizeof(wchar_t));
    });
    if (!openras::copy_terminated(*saved, resolved.szPassword, PWLEN + 1)) {
      return ERROR_INVALID_PARAMETER;
    }
    return openras::session::Session::instance().dial_builtin(*entry, resolved, dial_options,
                                                              notifier_type, notifier, handle);
  }
  return openras::session::Session::instance().dial_custom(
      *entry, openras::dialer::context_of(*entry), ext, phonebook, params, notifier_type, notifier,
      handle);
}

// Copies a UTF-8 field of the A structure into the W one; false if it is not valid UTF-8
// or does not fit.
template <size_t NA, size_t NW>
bool widen(const CHAR (&in)[NA], WCHAR (&out)[NW]) {
  auto wide = rasapi::widen_from(in, NA);
  return wide && openras::copy_terminated(*wide, out, NW).has_value();
}

DWORD dial_a(LPRASDIALEXTENSIONS ext, LPCSTR phonebook, LPRASDIALPARAMSA params,
             DWORD notifier_type, LPVOID notifier, LPHRASCONN handle) {
  if (!params || !handle) return ERROR_INVALID_PARAMETER;
  if (rasapi::version_index(rasapi::rasdialparams_sizes(false), params->dwSize) < 0) {
    return ERROR_INVALID_SIZE;
  }
  RASDIALPARAMSW wide{};
  wide.dwSize = sizeof wide;
  if (!widen(params->szEntryName, wide.szEntryName) ||
      !widen(params->szPhoneNumber, wide.szPhoneNumber) ||
      !widen(params->szCallbackNumber, wide.szCallbackNumber) ||
      !widen(params->szUserName, wide.szUserName) || !widen(params->szPassword, wide.szPassword) ||
      !widen(params->szDomain, wide.szDomain)) {
    return ERROR_INVALID_PARAMETER;
  }
  if (OPENRAS_HAS_FIELD(params->dwSize, RASDIALPARAMSA, dwCallbackId)) {
    wide.dwSubEntry = params->dwSubEntry;
    wide.dwCallbackId = params->dwCallbackId;
  }
  if (OPENRAS_HAS_FIELD(params->dwSize, RASDIALPARAMSA, dwIfIndex)) {
    wide.dwIfIndex = params->dwIfIndex;
  }
  auto wide_phonebook = openras::utf8_arg_to_wide(phonebook);
  if (!wide_phonebook) return ERROR_INVALID_PARAMETER;
  DWORD rc = dial_w(ext, *wide_phonebook ? (*wide_phonebook)->c_str() : nullptr, &wide,
                    notifier_type, notifier, handle);
  SecureZeroMemory(wide.szPassword, sizeof wide.szPassword);
  return rc;
}

}  // namespace

extern "C" {

DWORD APIENTRY RasDialA(LPRASDIALEXTENSIONS lpRasDialExtensions, LPCSTR lpszPhonebook,
                        LPRASDIALPARAMSA lpRasDialParams, DWORD dwNotifierType, LPVOID lpvNotifier,
                        LPHRASCONN lphRasConn) {
  return abi_call(__func__, [&] {
    return dial_a(lpRasDialExtensions, lpszPhonebook, lpRasDialParams, dwNotifierType, lpvNotifier,
                  lphRasConn);
  });
}

DWORD APIENTRY OpenRasOpenTerminal(HRASCONN hrasconn, int* pfd) {
  return abi_call(__func__, [&] {
    if (pfd == nullptr) return static_cast<DWORD>(ERROR_INVALID_PARAMETER);
    return openras::session::Session::instance().open_terminal(hrasconn, pfd);
  });
}

DWORD APIENTRY RasDialW(LPRASDIALEXTENSIONS lpRasDialExtensions, LPCWSTR lpszPhonebook,
                        LPRASDIALPARAMSW lpRasDialParams, DWORD dwNotifierType, LPVOID lpvNotifier,
                        LPHRASCONN lphRasConn) {
  return abi_call(__func__, [&] {
    return dial_w(lpRasDialExtensions, lpszPhonebook, lpRasDialParams, dwNotifierType, lpvNotifier,
                  lphRasConn);
  });
}

}  // extern "C"
