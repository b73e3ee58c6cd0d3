// rasphone.h: the parts of rasphone (main.cpp parses; each file does one kind of work).
// Every function returns the exit status (tools/common/cli.h, and kExitCancelled when the
// user cancelled a dialog) and prints its own messages.
#pragma once

#include <string>
#include <vector>

#include "text.h"  // rasdial's UTF-8 and JSON text, shared
#include "windows.h"

namespace rasphone {

using rasdial::same_entry;
using rasdial::utf8;

// The phone book given with -f (empty: both default phone books).
struct Book {
  std::wstring path;
  LPWSTR get() { return path.empty() ? nullptr : path.data(); }
};

// "error 623: The system could not find the phone book entry for this connection."
std::string error_text(DWORD code);
// Prints "rasphone: WHAT: error N: text" on stderr; returns the exit status for `code`.
int report(const std::string& what, DWORD code);

// dialogs.cpp: the dialog operations (the renderer is chosen before they run).
enum class DialogOp { kPhonebook, kNew, kEdit, kClone, kRemove, kDial };
int run_dialog_op(DialogOp op, Book& book, const std::wstring& entry);

// set_keys.cpp: -a NAME --set KEY=VALUE... / -e NAME --set ... without any dialog.
int set_keys(bool create, Book& book, const std::wstring& entry,
             const std::vector<std::string>& assignments);

// listing.cpp: -l, --devices, -s (status of the connections), -h ENTRY (hang up).
int list_entries(Book& book, bool json);
int list_devices(bool json);
int show_status(bool json);
int hang_up(const std::wstring& entry);

}  // namespace rasphone
