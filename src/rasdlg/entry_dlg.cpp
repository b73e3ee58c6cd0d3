// entry_dlg.cpp: the built-in RasEntryDlgW — new, edit and clone: name, device, number
// and alternates, credentials options, dialer library, redial settings, IP options.
// What OK writes goes through RasSetEntryPropertiesW, so the dialog accepts exactly what
// the API accepts; a refusal shows the API's error and leaves the dialog open.
#include <arpa/inet.h>

#include <cstring>
#include <string>
#include <vector>

#include "rasdlg/resource.h"
#include "rasdlg/ui.h"
#include "raserror.h"
#include "windowsx.h"

namespace openras::rasdlg {

namespace {

struct EntryState {
  LPWSTR phonebook = nullptr;
  std::wstring original;  // the entry edited or cloned ("" for a new one)
  LPRASENTRYDLGW info = nullptr;
  RASENTRYW entry{};
  std::vector<std::wstring> alternates;
  std::vector<RASDEVINFOW> devices;
};

// The entry's properties with its alternates (a multi-string after the structure).
DWORD load_entry(LPWSTR phonebook, const std::wstring& name, EntryState& s) {
  DWORD size = 0;
  DWORD rc = RasGetEntryPropertiesW(phonebook, name.c_str(), nullptr, &size, nullptr, nullptr);
  if (rc != ERROR_BUFFER_TOO_SMALL) return rc == 0 ? ERROR_INVALID_PARAMETER : rc;
  std::vector<unsigned char> buffer(std::max<size_t>(size, sizeof(RASENTRYW)));
  auto* entry = reinterpret_cast<RASENTRYW*>(buffer.data());
  entry->dwSize = sizeof(RASENTRYW);
  rc = RasGetEntryPropertiesW(phonebook, name.c_str(), entry, &size, nullptr, nullptr);
  if (rc != 0) return rc;
  std::memcpy(&s.entry, entry, sizeof s.entry);
  if (entry->dwAlternateOffset != 0 && entry->dwAlternateOffset < size) {
    const auto* p = reinterpret_cast<const WCHAR*>(buffer.data() + entry->dwAlternateOffset);
    const auto* end = reinterpret_cast<const WCHAR*>(buffer.data() + size);
    while (p < end && *p) {
      std::wstring one(p);
      p += one.size() + 1;
      s.alternates.push_back(std::move(one));
    }
  }
  s.entry.dwAlternateOffset = 0;
  return 0;
}

void load_devices(EntryState& s) {
  DWORD size = 0, count = 0;
  RASDEVINFOW probe{};
  probe.dwSize = sizeof probe;
  size = sizeof probe;
  DWORD rc = RasEnumDevicesW(&probe, &size, &count);
  if (rc == ERROR_BUFFER_TOO_SMALL) {
    s.devices.assign(size / sizeof(RASDEVINFOW) + 1, RASDEVINFOW{});
    s.devices[0].dwSize = sizeof(RASDEVINFOW);
    size = static_cast<DWORD>(s.devices.size() * sizeof(RASDEVINFOW));
    rc = RasEnumDevicesW(s.devices.data(), &size, &count);
    s.devices.resize(rc == 0 ? count : 0);
  } else if (rc == 0 && count == 1) {
    s.devices.assign(1, probe);
  }
}

std::wstring ip_text(const RASIPADDR& ip) {
  if (!ip.a && !ip.b && !ip.c && !ip.d) return {};
  return std::to_wstring(ip.a) + L"." + std::to_wstring(ip.b) + L"." + std::to_wstring(ip.c) +
         L"." + std::to_wstring(ip.d);
}

bool parse_ip(const std::wstring& text, RASIPADDR& out) {
  std::string ascii;
  for (wchar_t c : text) {
    if (c > 0x7f) return false;
    ascii += static_cast<char>(c);
  }
  in_addr addr{};
  if (ascii.empty()) {
    out = RASIPADDR{};
    return true;
  }
  if (::inet_pton(AF_INET, ascii.c_str(), &addr) != 1) return false;
  std::memcpy(&out, &addr, sizeof out);  // network order: a is the first byte
  return true;
}

std::wstring join(const std::vector<std::wstring>& items) {
  std::wstring out;
  for (const auto& one : items) out += (out.empty() ? L"" : L", ") + one;
  return out;
}

std::vector<std::wstring> split(const std::wstring& text) {
  std::vector<std::wstring> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(L',', start);
    if (comma == std::wstring::npos) comma = text.size();
    std::wstring one = text.substr(start, comma - start);
    size_t a = one.find_first_not_of(L' '), b = one.find_last_not_of(L' ');
    if (a != std::wstring::npos) out.push_back(one.substr(a, b - a + 1));
    start = comma + 1;
  }
  return out;
}

void check(HWND hwnd, int id, bool on) {
  Button_SetCheck(GetDlgItem(hwnd, id), on ? BST_CHECKED : BST_UNCHECKED);
}
bool checked(HWND hwnd, int id) { return Button_GetCheck(GetDlgItem(hwnd, id)) == BST_CHECKED; }
void set_option(DWORD& options, DWORD bit, bool on) {
  options = on ? options | bit : options & ~bit;
}

BOOL on_init(HWND hwnd, HWND, LPARAM param) {
  auto* s = reinterpret_cast<EntryState*>(param);
  const RASENTRYW& e = s->entry;
  DWORD flags = s->info->dwFlags;
  std::wstring name = s->original;
  if (flags & RASEDFLAG_CloneEntry) {
    name = L"Copy of " + s->original;
    SetWindowTextW(hwnd, L"New connection (copy)");
  } else if (flags & RASEDFLAG_NewEntry) {
    SetWindowTextW(hwnd, L"New connection");
  } else {
    SetWindowTextW(hwnd, (s->original + L" properties").c_str());
  }
  SetDlgItemTextW(hwnd, IDC_ED_NAME, name.c_str());
  Edit_LimitText(GetDlgItem(hwnd, IDC_ED_NAME), RAS_MaxEntryName);
  if (flags & RASEDFLAG_NoRename) Edit_SetReadOnly(GetDlgItem(hwnd, IDC_ED_NAME), TRUE);
  SetDlgItemTextW(hwnd, IDC_ED_NUMBER, e.szLocalPhoneNumber);
  Edit_LimitText(GetDlgItem(hwnd, IDC_ED_NUMBER), RAS_MaxPhoneNumber);
  SetDlgItemTextW(hwnd, IDC_ED_ALTERNATES, join(s->alternates).c_str());
  HWND combo = GetDlgItem(hwnd, IDC_ED_DEVICE);
  int selected = 0;
  for (size_t i = 0; i < s->devices.size(); ++i) {
    const RASDEVINFOW& d = s->devices[i];
    std::wstring label = std::wstring(d.szDeviceName) + L" (" + d.szDeviceType + L")";
    ComboBox_AddString(combo, label.c_str());
    if (std::wcscmp(d.szDeviceName, e.szDeviceName) == 0) selected = static_cast<int>(i);
  }
  if (!s->devices.empty()) ComboBox_SetCurSel(combo, selected);
  check(hwnd, IDC_ED_PROMPT, e.dwfOptions & RASEO_PreviewUserPw);
  check(hwnd, IDC_ED_LOGON_CREDS, e.dwfOptions & RASEO_UseLogonCredentials);
  SetDlgItemTextW(hwnd, IDC_ED_DIALER, e.szCustomDialDll);
  SetDlgItemInt(hwnd, IDC_ED_REDIAL_COUNT, e.dwRedialCount, FALSE);
  SetDlgItemInt(hwnd, IDC_ED_REDIAL_PAUSE, e.dwRedialPause, FALSE);
  check(hwnd, IDC_ED_STATIC_IP, e.dwfOptions & RASEO_SpecificIpAddr);
  SetDlgItemTextW(hwnd, IDC_ED_IP, ip_text(e.ipaddr).c_str());
  SetDlgItemTextW(hwnd, IDC_ED_DNS, ip_text(e.ipaddrDns).c_str());
  check(hwnd, IDC_ED_GATEWAY, e.dwfOptions & RASEO_RemoteDefaultGateway);
  return TRUE;
}

// Fills s.entry from the controls; an error names the field.
bool gather(HWND hwnd, EntryState& s, std::wstring* problem) {
  RASENTRYW& e = s.entry;
  if (!copy_to(item_text(hwnd, IDC_ED_NUMBER), e.szLocalPhoneNumber, RAS_MaxPhoneNumber + 1)) {
    *problem = L"The phone number is longer than 128 characters.";
    return false;
  }
  s.alternates = split(item_text(hwnd, IDC_ED_ALTERNATES));
  int device = ComboBox_GetCurSel(GetDlgItem(hwnd, IDC_ED_DEVICE));
  if (device >= 0 && static_cast<size_t>(device) < s.devices.size()) {
    std::wcscpy(e.szDeviceName, s.devices[static_cast<size_t>(device)].szDeviceName);
    std::wcscpy(e.szDeviceType, s.devices[static_cast<size_t>(device)].szDeviceType);
  }
  set_option(e.dwfOptions, RASEO_PreviewUserPw, checked(hwnd, IDC_ED_PROMPT));
  set_option(e.dwfOptions, RASEO_UseLogonCredentials, checked(hwnd, IDC_ED_LOGON_CREDS));
  if (!copy_to(item_text(hwnd, IDC_ED_DIALER), e.szCustomDialDll, MAX_PATH)) {
    *problem = L"The dialer library's path is longer than 259 characters.";
    return false;
  }
  BOOL ok = FALSE;
  e.dwRedialCount = GetDlgItemInt(hwnd, IDC_ED_REDIAL_COUNT, &ok, FALSE);
  if (!ok) {
    *problem = L"Redial attempts must be a whole number.";
    return false;
  }
  e.dwRedialPause = GetDlgItemInt(hwnd, IDC_ED_REDIAL_PAUSE, &ok, FALSE);
  if (!ok) {
    *problem = L"The redial pause must be a whole number of seconds.";
    return false;
  }
  if (!parse_ip(item_text(hwnd, IDC_ED_IP), e.ipaddr)) {
    *problem = L"The IP address \"" + item_text(hwnd, IDC_ED_IP) + L"\" is not a.b.c.d.";
    return false;
  }
  if (!parse_ip(item_text(hwnd, IDC_ED_DNS), e.ipaddrDns)) {
    *problem = L"The DNS server \"" + item_text(hwnd, IDC_ED_DNS) + L"\" is not a.b.c.d.";
    return false;
  }
  set_option(e.dwfOptions, RASEO_SpecificIpAddr, checked(hwnd, IDC_ED_STATIC_IP));
  set_option(e.dwfOptions, RASEO_SpecificNameServers, e.ipaddrDns.a != 0);
  set_option(e.dwfOptions, RASEO_RemoteDefaultGateway, checked(hwnd, IDC_ED_GATEWAY));
  return true;
}

DWORD save(EntryState& s, const std::wstring& name) {
  std::vector<unsigned char> buffer(sizeof(RASENTRYW));
  if (!s.alternates.empty()) {
    for (const auto& one : s.alternates) {
      const auto* bytes = reinterpret_cast<const unsigned char*>(one.c_str());
      buffer.insert(buffer.end(), bytes, bytes + (one.size() + 1) * sizeof(WCHAR));
    }
    buffer.insert(buffer.end(), sizeof(WCHAR), 0);
    s.entry.dwAlternateOffset = sizeof(RASENTRYW);
  }
  std::memcpy(buffer.data(), &s.entry, sizeof s.entry);
  DWORD rc =
      RasSetEntryPropertiesW(s.phonebook, name.c_str(), reinterpret_cast<RASENTRYW*>(buffer.data()),
                             static_cast<DWORD>(buffer.size()), nullptr, 0);
  s.entry.dwAlternateOffset = 0;
  return rc;
}

void on_ok(HWND hwnd, EntryState& s) {
  std::wstring name = item_text(hwnd, IDC_ED_NAME);
  std::wstring problem;
  bool is_new = (s.info->dwFlags & (RASEDFLAG_NewEntry | RASEDFLAG_CloneEntry)) != 0;
  bool renamed = !is_new && name != s.original;
  DWORD rc = 0;
  if (!gather(hwnd, s, &problem)) {
    SetDlgItemTextW(hwnd, IDC_ED_STATUS, problem.c_str());
    return;
  }
  if (is_new || renamed) rc = RasValidateEntryNameW(s.phonebook, name.c_str());
  // A phone book that does not exist yet holds no such name: saving creates it.
  if (rc == ERROR_CANNOT_OPEN_PHONEBOOK) rc = 0;
  if (rc == ERROR_ALREADY_EXISTS) {
    SetDlgItemTextW(
        hwnd, IDC_ED_STATUS,
        (L"An entry named \"" + name + L"\" already exists: choose another name.").c_str());
    return;
  }
  if (rc == 0 && renamed) rc = RasRenameEntryW(s.phonebook, s.original.c_str(), name.c_str());
  if (rc == 0) rc = save(s, name);
  if (rc != 0) {
    SetDlgItemTextW(hwnd, IDC_ED_STATUS, error_text(rc).c_str());
    return;
  }
  copy_to(name, s.info->szEntry, RAS_MaxEntryName + 1);
  s.info->dwError = 0;
  EndDialog(hwnd, TRUE);
}

void on_command(HWND hwnd, int id, HWND, UINT) {
  EntryState* s = state_of<EntryState>(hwnd);
  if (!s) return;
  if (id == IDOK) on_ok(hwnd, *s);
  if (id == IDCANCEL) EndDialog(hwnd, FALSE);
}

}  // namespace

BOOL builtin_entry_dlg(LPWSTR phonebook, LPWSTR entry, LPRASENTRYDLGW info) {
  EntryState s;
  s.phonebook = phonebook;
  s.info = info;
  bool is_new = (info->dwFlags & RASEDFLAG_NewEntry) != 0;
  DWORD rc = 0;
  if (is_new) {
    // A new entry starts from the defaults (the entry name ""), with the caller's name.
    rc = load_entry(phonebook, L"", s);
    if (entry) s.original = entry;
  } else {
    s.original = entry;
    rc = load_entry(phonebook, s.original, s);
  }
  if (rc != 0) {
    info->dwError = rc;
    return FALSE;
  }
  load_devices(s);
  return run_dialog(IDD_ENTRY, info->hwndOwner, {on_init, on_command}, &s, &info->dwError);
}

}  // namespace openras::rasdlg
