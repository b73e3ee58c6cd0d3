// import.h: rasdial --import=FILE: the entries of a phone book copied from Windows into
// OpenRAS's, each with what to configure for it on Linux (import.cpp).
#pragma once

#include <string>

namespace rasdial {

// Imports FILE's entries into `destination` (empty: the default phone book). Prints one
// report per entry (text, or one JSON object a line with `json`), then a summary. Exit
// status: 0 when every entry was imported, 1 otherwise (tools/common/cli.h).
int import_phonebook(const std::wstring& file, const std::wstring& destination, bool json);

}  // namespace rasdial
