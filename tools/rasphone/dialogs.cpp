// dialogs.cpp: rasphone's dialog operations, each one RAS dialog function, so an entry
// with a custom dialer shows the dialer's own dialogs as it would under Windows' rasphone.
#include <cstdio>
#include <cstring>

#include "cli.h"
#include "ras.h"
#include "rasdlg.h"
#include "raserror.h"
#include "rasphone.h"

namespace rasphone {

namespace {

// What a dialog returned, as an exit status: TRUE 0; FALSE with dwError 0 (or
// ERROR_CANCELLED, which some dialers use) the cancel status; else the error's.
int outcome(BOOL ok, DWORD error, const std::string& what, const std::string& done) {
  if (ok) {
    std::printf("%s\n", done.c_str());
    return openras::cli::kExitOk;
  }
  if (error == 0 || error == ERROR_CANCELLED) {
    std::fprintf(stderr, "rasphone: %s: cancelled\n", what.c_str());
    return openras::cli::kExitCancelled;
  }
  return report(what, error);
}

int entry_dialog(Book& book, const std::wstring& entry, DWORD flags) {
  RASENTRYDLGW info;
  std::memset(&info, 0, sizeof info);
  info.dwSize = sizeof info;
  info.dwFlags = flags;
  std::wstring name = entry;
  BOOL ok = RasEntryDlgW(book.get(), name.empty() ? nullptr : name.data(), &info);
  std::string what = name.empty() ? std::string("new entry") : "entry \"" + utf8(name) + "\"";
  return outcome(ok, info.dwError, what, "Entry \"" + utf8(info.szEntry) + "\" saved.");
}

int remove_entry(Book& book, const std::wstring& entry) {
  // As Windows' rasphone -r: ask first, in a message box over no window.
  std::wstring question = L"Delete \"" + entry + L"\"?";
  int answer =
      MessageBoxW(nullptr, question.c_str(), L"Network Connections", MB_YESNO | MB_ICONQUESTION);
  std::string what = "entry \"" + utf8(entry) + "\"";
  if (answer == 0) return report(what, GetLastError() ? GetLastError() : ERROR_NOT_SUPPORTED);
  if (answer != IDYES) return outcome(FALSE, 0, what, "");
  DWORD rc = RasDeleteEntryW(book.get(), entry.c_str());
  if (rc != 0) return report(what, rc);
  std::printf("Entry \"%s\" deleted.\n", utf8(entry).c_str());
  return openras::cli::kExitOk;
}

}  // namespace

int run_dialog_op(DialogOp op, Book& book, const std::wstring& entry) {
  switch (op) {
    case DialogOp::kPhonebook: {
      RASPBDLGW info;
      std::memset(&info, 0, sizeof info);
      info.dwSize = sizeof info;
      std::wstring select = entry;
      BOOL ok = RasPhonebookDlgW(book.get(), select.empty() ? nullptr : select.data(), &info);
      // Closing the phone book is its normal end, not a cancel.
      if (!ok && info.dwError == 0) return openras::cli::kExitOk;
      return outcome(ok, info.dwError, "phone book", "Connected.");
    }
    case DialogOp::kNew:
      return entry_dialog(book, entry, RASEDFLAG_NewEntry);
    case DialogOp::kEdit:
      return entry_dialog(book, entry, 0);
    case DialogOp::kClone:
      return entry_dialog(book, entry, RASEDFLAG_CloneEntry);
    case DialogOp::kRemove:
      return remove_entry(book, entry);
    case DialogOp::kDial: {
      RASDIALDLG info;
      std::memset(&info, 0, sizeof info);
      info.dwSize = sizeof info;
      std::wstring name = entry;
      BOOL ok = RasDialDlgW(book.get(), name.data(), nullptr, &info);
      return outcome(ok, info.dwError, "entry \"" + utf8(entry) + "\"",
                     "Connected to \"" + utf8(entry) + "\".");
    }
  }
  return openras::cli::kExitUsage;
}

}  // namespace rasphone
