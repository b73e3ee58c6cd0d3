// dialogs.cpp: RasDialDlg and RasEntryDlg for entries with a custom dialer.
//
// For such an entry the dialer's RasCustomDialDlg / RasCustomEntryDlg replace the built-in
// dialogs and run in this process; their TRUE/FALSE and lpInfo->dwError come back to the
// caller as Windows passes them. The built-in dialogs arrive with the dialog runtime.
#include <memory>
#include <optional>
#include <string>

#include "base/c_abi.h"
#include "base/log.h"
#include "base/utf.h"
#include "dialer/dispatch.h"
#include "ras.h"
#include "rasdlg.h"
#include "raserror.h"

namespace {

using openras::dialer::EntryInfo;

// The entry's custom dialer, loaded; nullopt with *error set when there is none to call
// (the built-in dialogs arrive with the dialog runtime).
struct CustomDialog {
  EntryInfo entry;
  std::shared_ptr<openras::dialer::Dialer> dialer;
};
std::optional<CustomDialog> custom_dialog_for(const char* function, LPCWSTR phonebook,
                                              LPCWSTR entry_name, DWORD* error) {
  auto entry = openras::dialer::lookup_entry(phonebook, entry_name);
  if (!entry) {
    *error = openras::win32_code(entry.error());
    return std::nullopt;
  }
  if (entry->custom_dial_dll.empty()) {
    LOG_DEBUG("%s: the built-in dialog is not available yet", function);
    *error = ERROR_NOT_SUPPORTED;
    return std::nullopt;
  }
  auto dialer = openras::dialer::load_for_entry(*entry);
  if (!dialer) {
    *error = openras::win32_code(dialer.error());
    return std::nullopt;
  }
  return CustomDialog{std::move(*entry), std::move(*dialer)};
}

BOOL dial_dlg_w(LPWSTR phonebook, LPWSTR entry_name, LPWSTR phone_number, LPRASDIALDLG info) {
  if (!info) return FALSE;
  if (info->dwSize != sizeof(RASDIALDLG)) {
    info->dwError = ERROR_INVALID_SIZE;
    return FALSE;
  }
  info->dwError = 0;
  if (!entry_name) {
    info->dwError = ERROR_INVALID_PARAMETER;
    return FALSE;
  }
  auto custom = custom_dialog_for("RasDialDlg", phonebook, entry_name, &info->dwError);
  if (!custom) return FALSE;
  // The dialer gets the phone book the entry was found in, as RasCustomDeleteEntryNotify
  // does, never the caller's NULL for "the default phone books".
  std::wstring resolved = custom->entry.phonebook;
  return custom->dialer->dial_dlg(openras::dialer::context_of(custom->entry), resolved.data(),
                                  entry_name, phone_number, info);
}

BOOL entry_dlg_w(LPWSTR phonebook, LPWSTR entry_name, LPRASENTRYDLGW info) {
  if (!info) return FALSE;
  if (info->dwSize != sizeof(RASENTRYDLGW)) {
    info->dwError = ERROR_INVALID_SIZE;
    return FALSE;
  }
  info->dwError = 0;
  if (!entry_name || !*entry_name || (info->dwFlags & RASEDFLAG_NewEntry)) {
    LOG_DEBUG("RasEntryDlg: the built-in entry dialog is not available yet");
    info->dwError = ERROR_NOT_SUPPORTED;
    return FALSE;
  }
  auto custom = custom_dialog_for("RasEntryDlg", phonebook, entry_name, &info->dwError);
  if (!custom) return FALSE;
  std::wstring resolved = custom->entry.phonebook;
  return custom->dialer->entry_dlg(resolved.data(), entry_name, info);
}

}  // namespace

extern "C" {

BOOL APIENTRY RasDialDlgW(LPWSTR lpszPhonebook, LPWSTR lpszEntry, LPWSTR lpszPhoneNumber,
                          LPRASDIALDLG lpInfo) {
  BOOL result = FALSE;
  openras::abi_call(__func__, [&]() -> DWORD {
    result = dial_dlg_w(lpszPhonebook, lpszEntry, lpszPhoneNumber, lpInfo);
    return 0;
  });
  return result;
}

BOOL APIENTRY RasDialDlgA(LPSTR lpszPhonebook, LPSTR lpszEntry, LPSTR lpszPhoneNumber,
                          LPRASDIALDLG lpInfo) {
  BOOL result = FALSE;
  openras::abi_call(__func__, [&]() -> DWORD {
    auto pbk = openras::utf8_arg_to_wide(lpszPhonebook);
    auto entry = openras::utf8_arg_to_wide(lpszEntry);
    auto phone = openras::utf8_arg_to_wide(lpszPhoneNumber);
    if (!pbk || !entry || !phone) {
      if (lpInfo) lpInfo->dwError = ERROR_INVALID_PARAMETER;
      return 0;
    }
    result = dial_dlg_w(*pbk ? (*pbk)->data() : nullptr, *entry ? (*entry)->data() : nullptr,
                        *phone ? (*phone)->data() : nullptr, lpInfo);
    return 0;
  });
  return result;
}

BOOL APIENTRY RasEntryDlgW(LPWSTR lpszPhonebook, LPWSTR lpszEntry, LPRASENTRYDLGW lpInfo) {
  BOOL result = FALSE;
  openras::abi_call(__func__, [&]() -> DWORD {
    result = entry_dlg_w(lpszPhonebook, lpszEntry, lpInfo);
    return 0;
  });
  return result;
}

BOOL APIENTRY RasEntryDlgA(LPSTR lpszPhonebook, LPSTR lpszEntry, LPRASENTRYDLGA lpInfo) {
  BOOL result = FALSE;
  openras::abi_call(__func__, [&]() -> DWORD {
    if (!lpInfo) return 0;
    if (lpInfo->dwSize != sizeof(RASENTRYDLGA)) {
      lpInfo->dwError = ERROR_INVALID_SIZE;
      return 0;
    }
    auto pbk = openras::utf8_arg_to_wide(lpszPhonebook);
    auto entry = openras::utf8_arg_to_wide(lpszEntry);
    if (!pbk || !entry) {
      lpInfo->dwError = ERROR_INVALID_PARAMETER;
      return 0;
    }
    RASENTRYDLGW wide{};
    wide.dwSize = sizeof wide;
    wide.hwndOwner = lpInfo->hwndOwner;
    wide.dwFlags = lpInfo->dwFlags;
    wide.xDlg = lpInfo->xDlg;
    wide.yDlg = lpInfo->yDlg;
    result =
        entry_dlg_w(*pbk ? (*pbk)->data() : nullptr, *entry ? (*entry)->data() : nullptr, &wide);
    lpInfo->dwError = wide.dwError;
    auto final_name = openras::wide_to_utf8(wide.szEntry);
    if (final_name &&
        !openras::copy_terminated(*final_name, lpInfo->szEntry, sizeof lpInfo->szEntry)) {
      lpInfo->szEntry[0] = '\0';
    }
    return 0;
  });
  return result;
}

}  // extern "C"
