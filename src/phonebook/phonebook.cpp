// phonebook.cpp: the phone-book store (see phonebook.h).
#include "phonebook/phonebook.h"

#include <sys/stat.h>

#include <cerrno>
#include <mutex>
#include <unordered_map>

#include "base/path_watch.h"
#include "base/utf.h"
#include "phonebook/entry_name.h"
#include "phonebook/section_layout.h"

namespace openras::phonebook {

namespace {

Result<std::string> name_utf8(std::wstring_view name) {
  auto utf8 = wide_to_utf8(name);
  if (!utf8) return fail(Errc::kInvalidName, "entry name: " + utf8.error().message);
  return utf8;
}

// Appended piece by piece: g++ 12's -Wrestrict misreads "\"" + std::string(...) at -O2.
std::string quoted(std::string_view utf8_name) {
  std::string out;
  out.reserve(utf8_name.size() + 2);
  out += '"';
  out += utf8_name;
  out += '"';
  return out;
}

std::string describe(const std::vector<PhonebookRef>& books) {
  std::string out;
  for (const PhonebookRef& book : books) out += (out.empty() ? "" : " or ") + book.path;
  return out.empty() ? "no phone book" : out;
}

tl::unexpected<Error> not_found(std::string_view utf8_name,
                                const std::vector<PhonebookRef>& books) {
  return fail(Errc::kEntryNotFound, "no entry " + quoted(utf8_name) + " in " + describe(books));
}

// Creates each missing directory of `dir` with exactly `mode` (the umask would otherwise
// narrow an all-users directory so that users could not read their phone book).
Status ensure_directories(const std::string& dir, mode_t mode) {
  struct stat st {};
  if (dir.empty() || dir == "/" || ::stat(dir.c_str(), &st) == 0) return {};
  size_t slash = dir.rfind('/');
  if (slash != std::string::npos && slash > 0) {
    if (auto ok = ensure_directories(dir.substr(0, slash), mode); !ok) return ok;
  }
  if (::mkdir(dir.c_str(), mode) != 0 && errno != EEXIST) return fail_errno(errno, dir);
  ::chmod(dir.c_str(), mode);
  return {};
}

std::string parent_of(const std::string& path) { return path.substr(0, path.rfind('/')); }

// The directory a new phone-book file needs, and the file's mode.
Result<mode_t> prepare_write(const Caller& caller, const PhonebookRef& ref) {
  switch (ref.scope) {
    case Scope::kAllUsers:
      if (auto ok = ensure_directories(parent_of(ref.path), 0755); !ok) return fail(ok.error());
      return mode_t{0644};
    case Scope::kUser:
      if (caller.user_config_dir) {
        if (auto ok = ensure_directories(parent_of(*caller.user_config_dir), 0755); !ok)
          return fail(ok.error());
      }
      if (auto ok = ensure_directories(parent_of(ref.path), 0700); !ok) return fail(ok.error());
      return mode_t{0600};
    case Scope::kOther:
      return mode_t{0644};
  }
  return mode_t{0644};
}

// "<path> line N: why", the form of every phone-book error.
tl::unexpected<Error> in_file(const Snapshot& snapshot, const Error& error) {
  return fail(error.code, snapshot.path() + " " + error.message);
}

// The section's entry decoded, once per snapshot and entry, straight into the allocation
// that keeps it (a RASENTRYW is 13 KB: every copy shows): a warm get shares it.
Result<std::shared_ptr<const EntryFields>> decoded_section(const Snapshot& snapshot, size_t index) {
  if (auto known = snapshot.decoded(index)) return known;
  if (auto unique = snapshot.check_unique(index); !unique) return fail(unique.error());
  auto layout = parse_layout(snapshot.text(), snapshot.sections()[index]);
  if (!layout) return in_file(snapshot, layout.error());
  auto fields = std::make_shared<EntryFields>();
  fields->entry = EntryFields::default_entry();
  if (auto ok = decode_entry_into(snapshot.text(), *layout, *fields); !ok) {
    return in_file(snapshot, ok.error());
  }
  std::shared_ptr<const EntryFields> shared = std::move(fields);
  snapshot.remember_decoded(index, shared);
  return shared;
}

// canonical_path (a realpath of the directory: a system call per component) of a named
// phone book, remembered per spelling while a PathWatch on its directory reports nothing
// (a renamed directory or a link on the way resolves again). Relative names depend on
// the working directory and are resolved every time, as are paths that cannot be watched.
std::string canonical_named(const std::string& path) {
  size_t slash = path.rfind('/');
  if (path.empty() || path.front() != '/' || slash == std::string::npos) {
    return canonical_path(path);
  }
  struct Known {
    std::string canonical;
    std::shared_ptr<PathWatch> watch;
  };
  static std::mutex mutex;
  static auto* known = new std::unordered_map<std::string, Known>;  // used until exit
  Known found;
  {
    std::lock_guard lock(mutex);
    auto it = known->find(path);
    if (it != known->end()) found = it->second;
  }
  if (found.watch && found.watch->unchanged()) return found.canonical;
  // Watched before it is resolved: a change after this is seen next time.
  auto watch = PathWatch::start(slash == 0 ? "/" : path.substr(0, slash));
  std::string canonical = canonical_path(path);
  if (watch) {
    Known replaced;
    std::lock_guard lock(mutex);
    if (known->size() >= 64 && !known->count(path)) known->clear();
    replaced = std::exchange((*known)[path], Known{canonical, std::move(watch)});
  }
  return canonical;
}

// The first of `books` that has `utf8_name`. A phone book about to be written may not
// exist yet: for a write, a missing named file is empty rather than an error.
Result<SnapshotPtr> open_book(const Caller& caller, const PhonebookRef& ref, bool missing_ok) {
  OpenMode mode =
      ref.scope == Scope::kAllUsers && caller.admin ? OpenMode::kTrusted : OpenMode::kPlain;
  auto snapshot =
      load_snapshot(caller.paths, ref.path, mode, missing_ok || ref.scope != Scope::kOther);
  if (!snapshot) return snapshot;
  if ((*snapshot)->problem()) return fail(*(*snapshot)->problem());
  return snapshot;
}

Result<std::optional<PhonebookRef>> search(const Caller& caller,
                                           const std::vector<PhonebookRef>& books,
                                           std::string_view utf8_name, bool for_write) {
  for (const PhonebookRef& book : books) {
    auto snapshot = open_book(caller, book, for_write);
    if (!snapshot) return fail(snapshot.error());
    if ((*snapshot)->find(utf8_name)) return std::optional<PhonebookRef>(book);
  }
  return std::optional<PhonebookRef>();
}

// Where a new section goes: after everything, on a line of its own, after a blank line
// (the way Windows separates entries).
Splice append_section(const Snapshot& snapshot, std::string section) {
  std::string_view text = snapshot.text();
  std::string prefix;
  std::string_view rest = text;
  if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);
  if (!rest.empty()) {
    if (rest.back() == '\r') prefix += '\n';  // a CRLF cut after its CR
    if (rest.back() != '\n' && rest.back() != '\r') prefix += snapshot.eol();
    std::string_view complete =
        rest.back() == '\n' || rest.back() == '\r' ? rest.substr(0, rest.size() - 1) : rest;
    if (!complete.empty() && complete.back() == '\r') complete.remove_suffix(1);
    size_t start = complete.rfind('\n');
    std::string_view last = complete.substr(start == std::string_view::npos ? 0 : start + 1);
    if (last.find_first_not_of(" \t\r") != std::string_view::npos) prefix += snapshot.eol();
  }
  return Splice{text.size(), text.size(), prefix + section};
}

}  // namespace

Result<std::vector<PhonebookRef>> phonebooks_for(const Caller& caller,
                                                 const PhonebookArg& phonebook) {
  std::vector<PhonebookRef> books;
  if (phonebook) {
    if (phonebook->empty()) return fail(Errc::kPhonebookCannotOpen, "the phone-book path is empty");
    std::string path = canonical_named(*phonebook);
    Scope scope = Scope::kOther;
    if (path == caller.all_users_phonebook) scope = Scope::kAllUsers;
    if (caller.user_phonebook && path == *caller.user_phonebook) scope = Scope::kUser;
    books.push_back(PhonebookRef{path, scope});
    return books;
  }
  if (caller.user_phonebook) books.push_back(PhonebookRef{*caller.user_phonebook, Scope::kUser});
  books.push_back(PhonebookRef{caller.all_users_phonebook, Scope::kAllUsers});
  return books;
}

Result<SnapshotPtr> read_phonebook(const Caller& caller, const PhonebookRef& ref) {
  return open_book(caller, ref, false);
}

Status check_writable(const Caller& caller, const PhonebookRef& ref) {
  if (ref.scope != Scope::kAllUsers || caller.admin) return {};
  return fail(Errc::kAccessDenied,
              "only an administrator (root) may change the all-users phone book " + ref.path +
                  "; use the per-user phone book instead");
}

Result<PhonebookRef> locate_entry(const Caller& caller, const PhonebookArg& phonebook,
                                  std::wstring_view name) {
  auto utf8 = name_utf8(name);
  if (!utf8) return fail(utf8.error());
  auto books = phonebooks_for(caller, phonebook);
  if (!books) return fail(books.error());
  auto found = search(caller, *books, *utf8, false);
  if (!found) return fail(found.error());
  if (!*found) return not_found(*utf8, *books);
  return **found;
}

Result<EntryRecord> find_entry(const Caller& caller, const PhonebookArg& phonebook,
                               std::wstring_view name) {
  auto utf8 = name_utf8(name);
  if (!utf8) return fail(utf8.error());
  auto books = phonebooks_for(caller, phonebook);
  if (!books) return fail(books.error());
  for (const PhonebookRef& book : *books) {
    auto snapshot = open_book(caller, book, false);
    if (!snapshot) return fail(snapshot.error());
    auto index = (*snapshot)->find(*utf8);
    if (!index) continue;
    auto fields = decoded_section(**snapshot, *index);
    if (!fields) return fail(fields.error());
    auto stored_name = utf8_to_wide((*snapshot)->name(*index));
    return EntryRecord{stored_name ? *stored_name : std::wstring(name), book, std::move(*fields)};
  }
  return not_found(*utf8, *books);
}

Status update_entry(const Caller& caller, const PhonebookArg& phonebook, std::wstring_view name,
                    const EntryPatch& patch, IfMissing if_missing) {
  auto utf8 = name_utf8(name);
  if (!utf8) return fail(utf8.error());
  auto books = phonebooks_for(caller, phonebook);
  if (!books) return fail(books.error());
  auto located = search(caller, *books, *utf8, true);
  if (!located) return fail(located.error());
  if (!*located && if_missing == IfMissing::kFail) return not_found(*utf8, *books);
  if (!*located) {
    if (auto ok = check_storable_entry_name(name); !ok) return ok;
    if (!phonebook && !caller.user_phonebook) {
      return fail(Errc::kPhonebookCannotOpen,
                  "no per-user phone book for a new entry: " +
                      (caller.user_problem ? caller.user_problem->message
                                           : std::string("no home directory")));
    }
  }
  const PhonebookRef& target = *located ? **located : books->front();
  if (auto ok = check_writable(caller, target); !ok) return ok;
  // search() has read `target`: for an administrator the all-users phone book only if
  // it is trusted, so a write never starts from a file others could have changed.
  auto mode = prepare_write(caller, target);
  if (!mode) return fail(mode.error());
  return modify_phonebook(
      target.path, *mode, [&](const Snapshot& snapshot) -> Result<std::optional<Splice>> {
        auto index = snapshot.find(*utf8);
        if (!index) {
          if (if_missing == IfMissing::kFail) return not_found(*utf8, {target});
          EntryFields fields = EntryFields::defaults();
          if (auto ok = patch(fields); !ok) return fail(ok.error());
          auto section = render_entry(*utf8, fields, snapshot.eol());
          if (!section) return fail(section.error());
          return append_section(snapshot, std::move(*section));
        }
        const Section& section = snapshot.sections()[*index];
        if (auto unique = snapshot.check_unique(*index); !unique) return fail(unique.error());
        auto layout = parse_layout(snapshot.text(), section);
        if (!layout) return in_file(snapshot, layout.error());
        auto current = decode_entry(snapshot.text(), *layout);
        if (!current) return in_file(snapshot, current.error());
        EntryFields updated = *current;
        if (auto ok = patch(updated); !ok) return fail(ok.error());
        auto text =
            edit_entry(snapshot.text(), section, *layout, *current, updated, snapshot.eol());
        if (!text) return fail(text.error());
        if (*text == snapshot.text().substr(section.begin, section.end - section.begin))
          return std::nullopt;
        return Splice{section.begin, section.end, std::move(*text)};
      });
}

Status delete_entry(const Caller& caller, const PhonebookRef& ref, std::wstring_view name) {
  if (auto ok = check_writable(caller, ref); !ok) return ok;
  auto utf8 = name_utf8(name);
  if (!utf8) return fail(utf8.error());
  return modify_phonebook(ref.path, 0644,
                          [&](const Snapshot& snapshot) -> Result<std::optional<Splice>> {
                            auto index = snapshot.find(*utf8);
                            if (!index) return not_found(*utf8, {ref});
                            // Which of two same-named sections the caller means is unknown: delete
                            // neither.
                            if (auto unique = snapshot.check_unique(*index); !unique)
                              return fail(unique.error());
                            const Section& section = snapshot.sections()[*index];
                            return Splice{section.begin, section.end, std::string()};
                          });
}

Result<PhonebookRef> rename_entry(const Caller& caller, const PhonebookArg& phonebook,
                                  std::wstring_view old_name, std::wstring_view new_name) {
  if (auto ok = check_storable_entry_name(new_name); !ok) return fail(ok.error());
  auto old_utf8 = name_utf8(old_name);
  auto new_utf8 = name_utf8(new_name);
  if (!old_utf8) return fail(old_utf8.error());
  if (!new_utf8) return fail(new_utf8.error());
  auto located = locate_entry(caller, phonebook, old_name);
  if (!located) return fail(located.error());
  if (auto ok = check_writable(caller, *located); !ok) return fail(ok.error());
  auto done = modify_phonebook(
      located->path, 0644, [&](const Snapshot& snapshot) -> Result<std::optional<Splice>> {
        auto index = snapshot.find(*old_utf8);
        if (!index) return not_found(*old_utf8, {*located});
        if (auto unique = snapshot.check_unique(*index); !unique) return fail(unique.error());
        auto clash = snapshot.find(*new_utf8);
        if (clash && *clash != *index) {
          return fail(Errc::kAlreadyExists,
                      "an entry " + quoted(*new_utf8) + " already exists in " + located->path);
        }
        const Section& section = snapshot.sections()[*index];
        return Splice{section.name_begin, section.name_begin + section.name_size, *new_utf8};
      });
  if (!done) return fail(done.error());
  return *located;
}

Result<std::vector<PhonebookEntries>> list_entries(const Caller& caller,
                                                   const PhonebookArg& phonebook) {
  auto books = phonebooks_for(caller, phonebook);
  if (!books) return fail(books.error());
  std::vector<PhonebookEntries> out;
  for (const PhonebookRef& book : *books) {
    auto snapshot = open_book(caller, book, false);
    if (!snapshot) return fail(snapshot.error());
    PhonebookEntries entries{book, *snapshot, {}};
    entries.sections.reserve((*snapshot)->sections().size());
    for (size_t i = 0; i < (*snapshot)->sections().size(); ++i) {
      // A name given twice is listed once, at its first section.
      if ((*snapshot)->find((*snapshot)->name(i)) == i) entries.sections.push_back(i);
    }
    out.push_back(std::move(entries));
  }
  return out;
}

}  // namespace openras::phonebook
