// dial_api.cpp: RasDialW / RasDialA.
//
// An entry whose szCustomDialDll names a dialer is dialled by that dialer's RasCustomDial,
// in this process, unless the extensions carry RDEOPT_CustomDial — the dialer's own call
// back into RasDial, which reaches the built-in dial (rasmand, dialer/builtin_dial.h)
// instead of the dialer again. The
// handle a dialer returns is recorded (dialer::Connections) so RasHangUp reaches it.
#include <algorithm>
#include <cstring>
#include <string>

#include "base/log.h"
#include "base/utf.h"
#include "dialer/builtin_dial.h"
#include "dialer/connections.h"
#include "dialer/dispatch.h"
#include "dialer/notifications.h"
#include "dialer/service_link.h"
#include "ras.h"
#include "raserror.h"
#include "base/unique_fd.h"
#include "rasapi/c_abi.h"
#include "rasapi/entry_api.h"
#include "rasapi/entry_structs.h"
#include "rasapi/versions.h"

using openras::rasapi::abi_call;
namespace rasapi = openras::rasapi;

namespace {

bool valid_notifier_type(DWORD type) { return type <= 2 || type == RASNOTIFIER_HWND; }

DWORD custom_dial(const openras::dialer::EntryInfo& entry, LPRASDIALEXTENSIONS ext,
                  LPCWSTR phonebook, LPRASDIALPARAMSW params, DWORD notifier_type,
                  LPVOID notifier, LPHRASCONN handle) {
  auto dialer = openras::dialer::load_for_entry(entry);
  if (!dialer) return openras::win32_code(dialer.error());
  DWORD rc;
  try {
    rc = (*dialer)->entry_points().dial((*dialer)->instance(), ext, phonebook, params,
                                        notifier_type, notifier, handle,
                                        openras::dialer::rcd_scope(entry));
  } catch (...) {
    LOG_DEBUG("RasCustomDial of %s threw an exception", (*dialer)->path().c_str());
    *handle = nullptr;
    return ERROR_CANNOT_DO_CUSTOMDIAL;
  }
  if (*handle != nullptr) {
    // Recorded even when the dial failed: the caller must still RasHangUp the handle,
    // and that must reach the dialer.
    openras::dialer::Connection c;
    c.handle = *handle;
    c.dialer = *dialer;
    c.phonebook = entry.phonebook;
    c.entry = entry.name;
    c.device_type = entry.device_type;
    c.device_name = entry.device_name;
    c.phone_number = params->szPhoneNumber[0] ? std::wstring(params->szPhoneNumber)
                                              : entry.phone_number;
    c.all_users = entry.all_users;
    // Published once the dialer accepted the dial, so other processes see it (a handle
    // from a built-in dial the dialer made is in rasmand already, under that handle). Its
    // progress goes straight to the caller's notifier, so — as RasGetConnectStatus does in
    // this process — it is reported connected from here on (docs/abi.md). Recorded first,
    // so that rasmand's signals about it find it.
    bool passthrough = openras::dialer::builtin_known(*handle);
    bool custom_only = rc == ERROR_SUCCESS && !passthrough;
    c.passthrough = passthrough;
    if (passthrough) c.public_handle = reinterpret_cast<uintptr_t>(*handle);
    auto previous = openras::dialer::Connections::instance().find(*handle);
    if (previous && !passthrough) c.public_handle = previous->public_handle;  // a redial
    // Another process's connection this process knew under the same value is hidden here
    // from now on (docs/abi.md); ours must signal its own arrival.
    if (!previous && custom_only) openras::dialer::note_reused(reinterpret_cast<uintptr_t>(*handle));
    openras::dialer::Connections::instance().add(std::move(c));
    if (custom_only) openras::dialer::publish(*handle, RASCS_Connected);
    if (custom_only) openras::dialer::note_connected(reinterpret_cast<uintptr_t>(*handle));
  } else if (rc == ERROR_SUCCESS) {
    LOG_DEBUG("RasCustomDial of %s succeeded without a handle", (*dialer)->path().c_str());
    return ERROR_INVALID_HANDLE;
  }
  return rc;
}

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
  // A non-NULL handle asks to resume a paused dial; OpenRAS pauses none yet.
  if (*handle != nullptr) return ERROR_INVALID_HANDLE;
  auto name = openras::terminated_view(params->szEntryName, RAS_MaxEntryName + 1);
  if (!name) return ERROR_INVALID_PARAMETER;
  // The password is the caller's; it reaches the dialer in params and is never kept.
  auto entry = openras::dialer::lookup_entry(phonebook, *name);
  if (!entry) return entry.error();
  bool recursive = ext && (ext->dwfOptions & RDEOPT_CustomDial);
  if (entry->custom_dial_dll.empty() || recursive) {
    if (std::wstring_view(params->szPassword) != rasapi::kPasswordHandle) {
      return openras::dialer::builtin_dial(*entry, *params, notifier_type, notifier, handle);
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
    return openras::dialer::builtin_dial(*entry, resolved, notifier_type, notifier, handle);
  }
  return custom_dial(*entry, ext, phonebook, params, notifier_type, notifier, handle);
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
                        LPRASDIALPARAMSA lpRasDialParams, DWORD dwNotifierType,
                        LPVOID lpvNotifier, LPHRASCONN lphRasConn) {
  return abi_call(__func__, [&] {
    return dial_a(lpRasDialExtensions, lpszPhonebook, lpRasDialParams, dwNotifierType,
                  lpvNotifier, lphRasConn);
  });
}

DWORD APIENTRY RasDialW(LPRASDIALEXTENSIONS lpRasDialExtensions, LPCWSTR lpszPhonebook,
                        LPRASDIALPARAMSW lpRasDialParams, DWORD dwNotifierType,
                        LPVOID lpvNotifier, LPHRASCONN lphRasConn) {
  return abi_call(__func__, [&] {
    return dial_w(lpRasDialExtensions, lpszPhonebook, lpRasDialParams, dwNotifierType,
                  lpvNotifier, lphRasConn);
  });
}

}  // extern "C"
