// dialogs.cpp: the exported RasDialDlg, RasEntryDlg and RasPhonebookDlg (W and A).
//
// For an entry with a custom dialer the dialer's RasCustomDialDlg / RasCustomEntryDlg
// replace the built-in dialogs and run in this process; their TRUE/FALSE and
// lpInfo->dwError come back to the caller as Windows passes them. Every other entry gets
// the built-in dialogs (dial_dlg.cpp, entry_dlg.cpp, phonebook_dlg.cpp).
#include <memory>
#include <optional>
#include <string>

#include "base/c_abi.h"
#include "base/log.h"
#include "base/utf.h"
#include "dialer/dispatch.h"
#include "dialog/dialog.h"
#include "ras.h"
#include "rasdlg.h"
#include "rasdlg/ui.h"
#include "raserror.h"
#include "session/session.h"

namespace {

using openras::dialer::EntryInfo;

// The entry's custom dialer, loaded; nullopt with *error set when it cannot be loaded,
// and with *error 0 when the entry has none (the built-in dialog then serves it).
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
    LOG_DEBUG("%s: no custom dialer: the built-in dialog", function);
    *error = 0;
    return std::nullopt;
  }
  auto dialer = openras::dialer::load_for_entry(*entry);
  if (!dialer) {
    *error = openras::win32_code(dialer.error());
    return std::nullopt;
  }
  // The dialog runtime's logs name the dialer by its allowed path (it was loaded through
  // /proc/self/fd, which is all dlinfo would say).
  openras::dialog::register_module_name((*dialer)->instance(), (*dialer)->path());
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
  if (!custom) {
    if (info->dwError != 0) return FALSE;
    return openras::rasdlg::builtin_dial_dlg(phonebook, entry_name, phone_number, info);
  }
  // The dialer gets the phone book the entry was found in, as RasCustomDeleteEntryNotify
  // does, never the caller's NULL for "the default phone books".
  std::wstring resolved = custom->entry.phonebook;
  // The host's cancel (docs/dialogs.md "Cancel semantics"): the dialogs the dialer opens
  // here belong to a token that a hang-up of this entry's dial from elsewhere cancels —
  // another program's RasHangUp, or another thread's — so they end through IDCANCEL.
  auto token = std::make_shared<openras::dialog::CancelToken>();
  openras::dialog::CancelScope scope(token);
  openras::session::DialogWatch watch(openras::wide_to_utf8(resolved).value_or(""),
                                      openras::wide_to_utf8(entry_name).value_or(""),
                                      [token](const std::string& why) { token->cancel(why); });
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
  // A new entry has no dialer yet: the built-in dialog creates it (its "Dialer library"
  // field can name one). Editing or cloning an entry with a dialer goes to the dialer.
  if (info->dwFlags & RASEDFLAG_NewEntry) {
    return openras::rasdlg::builtin_entry_dlg(phonebook, entry_name, info);
  }
  if (!entry_name || !*entry_name) {
    info->dwError = ERROR_INVALID_PARAMETER;
    return FALSE;
  }
  auto custom = custom_dialog_for("RasEntryDlg", phonebook, entry_name, &info->dwError);
  if (!custom) {
    if (info->dwError != 0) return FALSE;
    return openras::rasdlg::builtin_entry_dlg(phonebook, entry_name, info);
  }
  std::wstring resolved = custom->entry.phonebook;
  return custom->dialer->entry_dlg(resolved.data(), entry_name, info);
}

BOOL phonebook_dlg_w(LPWSTR phonebook, LPWSTR entry_name, LPRASPBDLGW info) {
  if (!info) return FALSE;
  if (info->dwSize != sizeof(RASPBDLGW)) {
    info->dwError = ERROR_INVALID_SIZE;
    return FALSE;
  }
  info->dwError = 0;
  return openras::rasdlg::builtin_phonebook_dlg(phonebook, entry_name, info);
}

// RasPhonebookDlgA's callback gets UTF-8 text: the W dialog calls this adapter with the
// A structure's callback and id carried in a W structure's callback id.
struct AnsiCallback {
  RASPBDLGFUNCA callback;
  ULONG_PTR id;
};
VOID WINAPI ansi_callback(ULONG_PTR id, DWORD event, LPWSTR text, LPVOID data) {
  const auto* a = reinterpret_cast<const AnsiCallback*>(id);
  std::string utf8 = text ? openras::wide_to_utf8(text).value_or("") : "";
  a->callback(a->id, event, text ? utf8.data() : nullptr, data);
}

// The A forms' two strings, converted; NULL stays NULL.
struct AnsiArgs {
  std::optional<std::wstring> pbk, name;
  LPWSTR phonebook() { return pbk ? pbk->data() : nullptr; }
  LPWSTR entry() { return name ? name->data() : nullptr; }
};

// What every A form starts with: its dwSize checked, the strings converted and the
// common members copied into the W structure. False (dwError set) when it cannot go on.
template <class InfoA, class InfoW>
bool ansi_start(InfoA* info, LPSTR phonebook, LPSTR entry, InfoW* wide, AnsiArgs* args) {
  if (!info) return false;
  if (info->dwSize != sizeof(InfoA)) {
    info->dwError = ERROR_INVALID_SIZE;
    return false;
  }
  auto pbk = openras::utf8_arg_to_wide(phonebook);
  auto name = openras::utf8_arg_to_wide(entry);
  if (!pbk || !name) {
    info->dwError = ERROR_INVALID_PARAMETER;
    return false;
  }
  args->pbk = std::move(*pbk);
  args->name = std::move(*name);
  wide->dwSize = sizeof(InfoW);
  wide->hwndOwner = info->hwndOwner;
  wide->dwFlags = info->dwFlags;
  wide->xDlg = info->xDlg;
  wide->yDlg = info->yDlg;
  return true;
}

// An exported dialog function's body inside abi_call (exceptions contained and logged),
// returning what `body` returns; FALSE when it throws.
template <class Body>
BOOL dialog_call(const char* function, Body body) {
  BOOL result = FALSE;
  openras::abi_call(function, [&]() -> DWORD {
    result = body();
    return 0;
  });
  return result;
}

}  // namespace

extern "C" {

BOOL APIENTRY RasDialDlgW(LPWSTR lpszPhonebook, LPWSTR lpszEntry, LPWSTR lpszPhoneNumber,
                          LPRASDIALDLG lpInfo) {
  return dialog_call(__func__,
                     [&] { return dial_dlg_w(lpszPhonebook, lpszEntry, lpszPhoneNumber, lpInfo); });
}

BOOL APIENTRY RasDialDlgA(LPSTR lpszPhonebook, LPSTR lpszEntry, LPSTR lpszPhoneNumber,
                          LPRASDIALDLG lpInfo) {
  return dialog_call(__func__, [&]() -> BOOL {
    auto pbk = openras::utf8_arg_to_wide(lpszPhonebook);
    auto entry = openras::utf8_arg_to_wide(lpszEntry);
    auto phone = openras::utf8_arg_to_wide(lpszPhoneNumber);
    if (!pbk || !entry || !phone) {
      if (lpInfo) lpInfo->dwError = ERROR_INVALID_PARAMETER;
      return FALSE;
    }
    return dial_dlg_w(*pbk ? (*pbk)->data() : nullptr, *entry ? (*entry)->data() : nullptr,
                      *phone ? (*phone)->data() : nullptr, lpInfo);
  });
}

BOOL APIENTRY RasEntryDlgW(LPWSTR lpszPhonebook, LPWSTR lpszEntry, LPRASENTRYDLGW lpInfo) {
  return dialog_call(__func__, [&] { return entry_dlg_w(lpszPhonebook, lpszEntry, lpInfo); });
}

BOOL APIENTRY RasEntryDlgA(LPSTR lpszPhonebook, LPSTR lpszEntry, LPRASENTRYDLGA lpInfo) {
  return dialog_call(__func__, [&]() -> BOOL {
    RASENTRYDLGW wide{};
    AnsiArgs args;
    if (!ansi_start(lpInfo, lpszPhonebook, lpszEntry, &wide, &args)) return FALSE;
    BOOL result = entry_dlg_w(args.phonebook(), args.entry(), &wide);
    lpInfo->dwError = wide.dwError;
    auto final_name = openras::wide_to_utf8(wide.szEntry);
    if (final_name &&
        !openras::copy_terminated(*final_name, lpInfo->szEntry, sizeof lpInfo->szEntry)) {
      lpInfo->szEntry[0] = '\0';
    }
    return result;
  });
}

BOOL APIENTRY RasPhonebookDlgW(LPWSTR lpszPhonebook, LPWSTR lpszEntry, LPRASPBDLGW lpInfo) {
  return dialog_call(__func__, [&] { return phonebook_dlg_w(lpszPhonebook, lpszEntry, lpInfo); });
}

BOOL APIENTRY RasPhonebookDlgA(LPSTR lpszPhonebook, LPSTR lpszEntry, LPRASPBDLGA lpInfo) {
  return dialog_call(__func__, [&]() -> BOOL {
    RASPBDLGW wide{};
    AnsiArgs args;
    if (!ansi_start(lpInfo, lpszPhonebook, lpszEntry, &wide, &args)) return FALSE;
    AnsiCallback adapter{lpInfo->pCallback, lpInfo->dwCallbackId};
    if (lpInfo->pCallback) {
      wide.pCallback = ansi_callback;
      wide.dwCallbackId = reinterpret_cast<ULONG_PTR>(&adapter);
    }
    BOOL result = phonebook_dlg_w(args.phonebook(), args.entry(), &wide);
    lpInfo->dwError = wide.dwError;
    return result;
  });
}

}  // extern "C"
