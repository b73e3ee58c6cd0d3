// phonebook_dlg.cpp: the built-in RasPhonebookDlgW — the entries of both phone books (or
// of the one the caller names), with Dial, Hang up, New, Edit, Delete and a status line.
// Dial and New/Edit open RasDialDlgW and RasEntryDlgW over it (which dispatch custom
// entries to their dialer); the caller's RASPBDLGFUNCW hears each change as Windows
// reports it (RASPBDEVENT_*).
#include <cstring>
#include <string>
#include <vector>

#include "rasdlg/resource.h"
#include "rasdlg/ui.h"
#include "raserror.h"
#include "windowsx.h"

namespace openras::rasdlg {

namespace {

struct Listed {
  std::wstring name;
  std::wstring phonebook;
  bool all_users = false;
};

struct PhonebookState {
  LPWSTR phonebook = nullptr;
  std::wstring select;  // the entry to select first
  LPRASPBDLGW info = nullptr;
  std::vector<Listed> entries;
  bool connected = false;  // a dial from this dialog connected
};

void notify(PhonebookState& s, DWORD event, const std::wstring& text) {
  if (!s.info->pCallback) return;
  std::wstring copy = text;
  s.info->pCallback(s.info->dwCallbackId, event, copy.data(), nullptr);
}

std::vector<Listed> enum_entries(LPWSTR phonebook) {
  std::vector<RASENTRYNAMEW> names(1);
  names[0].dwSize = sizeof(RASENTRYNAMEW);
  DWORD size = sizeof(RASENTRYNAMEW), count = 0;
  DWORD rc = RasEnumEntriesW(nullptr, phonebook, names.data(), &size, &count);
  if (rc == ERROR_BUFFER_TOO_SMALL) {
    names.assign(size / sizeof(RASENTRYNAMEW) + 1, RASENTRYNAMEW{});
    names[0].dwSize = sizeof(RASENTRYNAMEW);
    size = static_cast<DWORD>(names.size() * sizeof(RASENTRYNAMEW));
    rc = RasEnumEntriesW(nullptr, phonebook, names.data(), &size, &count);
  }
  std::vector<Listed> out;
  if (rc != 0) return out;
  for (DWORD i = 0; i < count; ++i) {
    out.push_back(
        {names[i].szEntryName, names[i].szPhonebookPath, (names[i].dwFlags & REN_AllUsers) != 0});
  }
  return out;
}

// The live connection of an entry, or nullptr.
HRASCONN connection_of(const Listed& entry) {
  std::vector<RASCONNW> conns(8);
  for (auto& c : conns) c.dwSize = sizeof(RASCONNW);
  DWORD size = static_cast<DWORD>(conns.size() * sizeof(RASCONNW)), count = 0;
  if (RasEnumConnectionsW(conns.data(), &size, &count) != 0) return nullptr;
  for (DWORD i = 0; i < count && i < conns.size(); ++i) {
    if (entry.name == conns[i].szEntryName) return conns[i].hrasconn;
  }
  return nullptr;
}

const Listed* selected(HWND hwnd, const PhonebookState& s) {
  int index = ListBox_GetCurSel(GetDlgItem(hwnd, IDC_PB_LIST));
  if (index < 0 || static_cast<size_t>(index) >= s.entries.size()) return nullptr;
  return &s.entries[static_cast<size_t>(index)];
}

void show_status(HWND hwnd, PhonebookState& s) {
  const Listed* e = selected(hwnd, s);
  std::wstring text;
  if (!e) {
    text = s.entries.empty() ? L"No entries: press New to create one." : L"";
  } else {
    bool up = connection_of(*e) != nullptr;
    text = e->name + L": " + (up ? L"connected" : L"disconnected") + L" (" +
           (e->all_users ? L"all users" : L"your") + L" phone book)";
    EnableWindow(GetDlgItem(hwnd, IDC_PB_HANGUP), up ? TRUE : FALSE);
  }
  for (int id : {IDC_PB_DIAL, IDC_PB_EDIT, IDC_PB_DELETE}) {
    EnableWindow(GetDlgItem(hwnd, id), e ? TRUE : FALSE);
  }
  if (!e) EnableWindow(GetDlgItem(hwnd, IDC_PB_HANGUP), FALSE);
  SetDlgItemTextW(hwnd, IDC_PB_STATUS, text.c_str());
}

void refresh(HWND hwnd, PhonebookState& s, const std::wstring& select) {
  HWND list = GetDlgItem(hwnd, IDC_PB_LIST);
  s.entries = enum_entries(s.phonebook);
  ListBox_ResetContent(list);
  int chosen = s.entries.empty() ? -1 : 0;
  for (size_t i = 0; i < s.entries.size(); ++i) {
    const Listed& e = s.entries[i];
    ListBox_AddString(list, (e.name + (e.all_users ? L" (all users)" : L"")).c_str());
    if (e.name == select) chosen = static_cast<int>(i);
  }
  ListBox_SetCurSel(list, chosen);
  show_status(hwnd, s);
}

void report(HWND hwnd, const std::wstring& what, DWORD error) {
  SetDlgItemTextW(hwnd, IDC_PB_STATUS, (what + L": " + error_text(error)).c_str());
}

void on_dial(HWND hwnd, PhonebookState& s, const Listed& e) {
  RASDIALDLG dial{};
  dial.dwSize = sizeof dial;
  dial.hwndOwner = hwnd;
  std::wstring pbk = e.phonebook, name = e.name;
  BOOL ok = RasDialDlgW(pbk.data(), name.data(), nullptr, &dial);
  if (ok) {
    s.connected = true;
    notify(s, RASPBDEVENT_DialEntry, e.name);
    if (s.info->dwFlags & RASPBDFLAG_ForceCloseOnDial) {
      EndDialog(hwnd, TRUE);
      return;
    }
  }
  show_status(hwnd, s);
  if (!ok && dial.dwError != 0) report(hwnd, e.name, dial.dwError);
}

void on_entry(HWND hwnd, PhonebookState& s, const Listed* e) {
  RASENTRYDLGW dlg{};
  dlg.dwSize = sizeof dlg;
  dlg.hwndOwner = hwnd;
  dlg.dwFlags = e ? 0 : RASEDFLAG_NewEntry;
  std::wstring pbk = e ? e->phonebook : (s.phonebook ? s.phonebook : L"");
  std::wstring name = e ? e->name : L"";
  if (RasEntryDlgW(pbk.empty() ? nullptr : pbk.data(), e ? name.data() : nullptr, &dlg)) {
    notify(s, e ? RASPBDEVENT_EditEntry : RASPBDEVENT_AddEntry, dlg.szEntry);
    refresh(hwnd, s, dlg.szEntry);
  } else if (dlg.dwError != 0) {
    report(hwnd, e ? e->name : L"New entry", dlg.dwError);
  }
}

void on_delete(HWND hwnd, PhonebookState& s, const Listed& e) {
  std::wstring question = L"Delete \"" + e.name + L"\"?";
  if (MessageBoxW(hwnd, question.c_str(), L"Network Connections", MB_YESNO | MB_ICONQUESTION) !=
      IDYES) {
    return;
  }
  Listed gone = e;
  DWORD rc = RasDeleteEntryW(gone.phonebook.c_str(), gone.name.c_str());
  if (rc != 0) {
    report(hwnd, gone.name, rc);
    return;
  }
  notify(s, RASPBDEVENT_RemoveEntry, gone.name);
  refresh(hwnd, s, L"");
}

void on_command(HWND hwnd, int id, HWND, UINT code) {
  PhonebookState* s = state_of<PhonebookState>(hwnd);
  if (!s) return;
  const Listed* e = selected(hwnd, *s);
  switch (id) {
    case IDC_PB_LIST:
      if (code == LBN_SELCHANGE) show_status(hwnd, *s);
      break;
    case IDC_PB_DIAL:
      if (e) on_dial(hwnd, *s, *e);
      break;
    case IDC_PB_HANGUP:
      if (e) {
        if (HRASCONN conn = connection_of(*e)) {
          DWORD rc = RasHangUpW(conn);
          if (rc != 0) report(hwnd, e->name, rc);
        }
        show_status(hwnd, *s);
      }
      break;
    case IDC_PB_NEW:
      on_entry(hwnd, *s, nullptr);
      break;
    case IDC_PB_EDIT:
      if (e) on_entry(hwnd, *s, e);
      break;
    case IDC_PB_DELETE:
      if (e) on_delete(hwnd, *s, *e);
      break;
    case IDCANCEL:
      EndDialog(hwnd, s->connected ? TRUE : FALSE);
      break;
    default:
      break;
  }
}

BOOL on_init(HWND hwnd, HWND, LPARAM param) {
  auto* s = reinterpret_cast<PhonebookState*>(param);
  refresh(hwnd, *s, s->select);
  return TRUE;
}

}  // namespace

BOOL builtin_phonebook_dlg(LPWSTR phonebook, LPWSTR entry, LPRASPBDLGW info) {
  PhonebookState s;
  s.phonebook = phonebook;
  if (entry) s.select = entry;
  s.info = info;
  return run_dialog(IDD_PHONEBOOK, info->hwndOwner, {on_init, on_command}, &s, &info->dwError);
}

}  // namespace openras::rasdlg
