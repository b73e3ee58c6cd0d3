// phonebook.h: the phone-book store, the C++ API under the exported RasXxxEntry functions
// and the one later subsystems (dialer, rasmand, rasphone) use.
//
// Phone books: the all-users one (Paths::all_users_phonebook, writable by administrators
// only) and each user's own (Caller::user_phonebook). A call names one phone-book file, or
// none (lpszPhonebook == NULL): then the per-user phone book is searched first and the
// all-users one second, and a new entry goes to the per-user one (docs/phonebook.md).
// Every function re-reads nothing it has cached unless the file changed, and writes with
// the file locked (phonebook_file.h). Errors carry the phone book's path and, for a bad
// line, its number. Thread-safe.
//
// For the custom-dialer issue: find_entry() returns the entry's szCustomDialDll in
// record.fields.entry and the phone book it lives in (record.phonebook, with scope
// kAllUsers mapping to RCD_AllUsers); RasDeleteEntryW is locate_entry() -> notify the
// dialer -> delete_entry(), see src/rasapi/entry_manage.cpp.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/caller.h"
#include "base/result.h"
#include "phonebook/entry_codec.h"
#include "phonebook/phonebook_file.h"

namespace openras::phonebook {

enum class Scope : unsigned char {
  kUser,      // the caller's own phone book
  kAllUsers,  // the all-users phone book
  kOther,     // any other file a caller names
};

struct PhonebookRef {
  std::string path;  // canonical (caller.h)
  Scope scope = Scope::kOther;
};

// lpszPhonebook as UTF-8; nullopt means the default phone books.
using PhonebookArg = std::optional<std::string>;

// The phone books a call covers, in search order. A named file is classified by what it
// is (naming the all-users phone book's path gives kAllUsers).
[[nodiscard]] Result<std::vector<PhonebookRef>> phonebooks_for(const Caller& caller,
                                                               const PhonebookArg& phonebook);

// The snapshot of one phone book as this caller may read it: administrators read the
// all-users phone book only if it is trusted (root-owned, not writable by others); a
// default phone book that does not exist yet is empty, a named file that does not
// exist is kPhonebookCannotOpen. A file-level problem fails here.
[[nodiscard]] Result<SnapshotPtr> read_phonebook(const Caller& caller, const PhonebookRef& ref);

struct EntryRecord {
  std::wstring name;  // as the phone book spells it
  PhonebookRef phonebook;
  // Decoded once per snapshot of the file and shared, never changed: a RASENTRYW is 13 KB,
  // too much to copy on every lookup (a dial reads a few of its fields).
  std::shared_ptr<const EntryFields> fields;
};

// The entry `name`, decoded. kEntryNotFound if no covered phone book has it;
// kPhonebookCorrupt ("<path> line N: why") if its section cannot be read.
[[nodiscard]] Result<EntryRecord> find_entry(const Caller& caller, const PhonebookArg& phonebook,
                                             std::wstring_view name);

// Which phone book holds `name` (without decoding the entry). kEntryNotFound if none.
[[nodiscard]] Result<PhonebookRef> locate_entry(const Caller& caller, const PhonebookArg& phonebook,
                                                std::wstring_view name);

// kAccessDenied unless the caller may change `ref` (the all-users phone book needs an
// administrator). Checked before any file is touched.
[[nodiscard]] Status check_writable(const Caller& caller, const PhonebookRef& ref);

// Changes an entry's fields: `patch` gets the current fields (the defaults for a new entry)
// under the phone book's lock, and only the keys whose values it changes are rewritten.
enum class IfMissing { kCreate, kFail };
using EntryPatch = std::function<Status(EntryFields&)>;
[[nodiscard]] Status update_entry(const Caller& caller, const PhonebookArg& phonebook,
                                  std::wstring_view name, const EntryPatch& patch,
                                  IfMissing if_missing);

// Removes the entry's section (its lines only). kEntryNotFound if it is not there.
[[nodiscard]] Status delete_entry(const Caller& caller, const PhonebookRef& ref,
                                  std::wstring_view name);

// Renames an entry within its phone book (only the "[name]" line changes). kInvalidName,
// kAlreadyExists (another entry of that phone book has the name), kEntryNotFound. Returns
// the phone book it was in.
[[nodiscard]] Result<PhonebookRef> rename_entry(const Caller& caller, const PhonebookArg& phonebook,
                                                std::wstring_view old_name,
                                                std::wstring_view new_name);

// The entries of the covered phone books in search order, each name once per phone book.
struct PhonebookEntries {
  PhonebookRef phonebook;
  SnapshotPtr snapshot;
  std::vector<size_t> sections;  // snapshot->name(i) is the UTF-8 name
};
[[nodiscard]] Result<std::vector<PhonebookEntries>> list_entries(const Caller& caller,
                                                                 const PhonebookArg& phonebook);

}  // namespace openras::phonebook
