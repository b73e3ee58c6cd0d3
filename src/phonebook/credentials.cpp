// credentials.cpp: the owner-only credentials files, and the session keyring for the
// user's own secrets (see credentials.h).
#include "phonebook/credentials.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "base/fs.h"
#include "base/log.h"
#include "base/utf.h"
#include "phonebook/field_codec.h"
#include "phonebook/ini_scan.h"
#include "phonebook/keyring.h"
#include "phonebook/name_index.h"
#include "phonebook/section_layout.h"

namespace openras::phonebook {

namespace {

// Entry names cannot start with '.', so this section can never be an entry's.
constexpr std::string_view kMetaSection = ".openras";
constexpr std::string_view kPhonebookKey = "Phonebook";

struct TextKey {
  std::string_view key;
  std::optional<std::wstring> StoredCredentials::*member;
};
constexpr TextKey kTextKeys[] = {
    {"UserName", &StoredCredentials::user_name},
    {"Password", &StoredCredentials::password},
    {"Domain", &StoredCredentials::domain},
    {"CallbackNumber", &StoredCredentials::callback_number},
    {"PreSharedKey", &StoredCredentials::pre_shared_key},
    {"ServerPreSharedKey", &StoredCredentials::server_pre_shared_key},
    {"DDMPreSharedKey", &StoredCredentials::ddm_pre_shared_key},
};

// The secrets among them: what goes to the session keyring when there is one.
bool is_secret(std::string_view key) { return key == "Password" || key.ends_with("PreSharedKey"); }
// The file's line naming the secrets kept in the keyring ("Keyring=Password,PreSharedKey").
constexpr std::string_view kKeyringKey = "Keyring";
// Stands, during update_credentials' patch, for a secret the keyring holds but cannot
// give now (locked, or gone): a patch that leaves it keeps the keyring's copy. Never
// returned by load_credentials, never written.
const std::wstring kUnreadable = L"\x01openras: in the session keyring, not readable now";

// A section's fields, and which of its secrets the keyring holds.
struct Decoded {
  StoredCredentials credentials;
  std::vector<std::string> in_keyring;
};

// Whether `caller`'s own secrets go to the session keyring: the calling process's user
// only (a service acting for a user has no business on that user's session bus), unless
// OPENRAS_KEYRING=off.
bool keyring_readable(const Caller& caller, CredentialStore store) {
  return store == CredentialStore::kUser && caller.uid == ::geteuid();
}
bool keyring_wanted(const Caller& caller, CredentialStore store) {
  if (!keyring_readable(caller, store)) return false;
  const char* setting = ::secure_getenv("OPENRAS_KEYRING");
  return setting == nullptr || std::string_view(setting) != "off";
}

KeyringAttributes keyring_attributes(const PhonebookRef& phonebook, const std::string& entry,
                                     std::string_view key) {
  return {{"phonebook", phonebook.path}, {"entry", entry}, {"field", std::string(key)}};
}

// Values are percent-encoded where a line could not hold them or editors would change
// them: blanks, control characters, and '%' itself.
std::string encode_value(std::string_view utf8) {
  std::string out;
  for (char c : utf8) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F || c == '%') {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::string> decode_value(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    int hi = i + 2 < text.size() ? hex_digit(text[i + 1]) : -1;
    int lo = hi >= 0 ? hex_digit(text[i + 2]) : -1;
    if (lo < 0) return fail(Errc::kInvalidData, "bad %-escape");
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

uint64_t fnv1a(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

Result<std::string> store_dir(const Caller& caller, CredentialStore store) {
  if (store == CredentialStore::kShared) {
    if (!caller.admin) {
      return fail(Errc::kAccessDenied,
                  "credentials shared by all users (default credentials, pre-shared keys of "
                  "all-users entries) are kept by the administrator");
    }
    return caller.paths.credentials_dir();
  }
  if (!caller.user_config_dir) {
    return fail(Errc::kNotFound, "no per-user directory for credentials: " +
                                     (caller.user_problem ? caller.user_problem->message : ""));
  }
  return *caller.user_config_dir + "/credentials";
}

Status check_private(const struct stat& st, const std::string& path) {
  if (st.st_uid != ::geteuid()) {
    return fail(Errc::kAccessDenied, "credentials file " + path + " is owned by uid " +
                                         std::to_string(st.st_uid) + ", not by the caller");
  }
  if (st.st_mode & 077) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return fail(Errc::kAccessDenied, "credentials file " + path + " has mode " + mode +
                                         ", readable by others; run chmod 600 " + path);
  }
  return {};
}

std::optional<size_t> find_section(std::string_view text, const ScanResult& scan,
                                   std::string_view name) {
  for (size_t i = 0; i < scan.sections.size(); ++i) {
    const Section& s = scan.sections[i];
    if (names_equal(text.substr(s.name_begin, s.name_size), name)) return i;
  }
  return std::nullopt;
}

Result<Decoded> decode_section(std::string_view text, const Section& section,
                               const std::string& path) {
  auto layout = parse_layout(text, section);
  if (!layout) return fail(layout.error().with_context(path));
  Decoded decoded;
  StoredCredentials& out = decoded.credentials;
  for (const Line& line : layout->lines) {
    if (line.kind != LineKind::kKeyValue) continue;
    auto value = decode_value(line.value);
    if (!value)
      return fail(Errc::kInvalidData, path + " " + line_label(text, line.begin) + ": bad %-escape");
    for (const TextKey& k : kTextKeys) {
      if (line.key != k.key) continue;
      auto wide = utf8_to_wide(*value);
      if (!wide) return fail(wide.error().with_context(path));
      out.*k.member = std::move(*wide);
    }
    if (line.key == "SubEntry")
      out.sub_entry = static_cast<uint32_t>(std::strtoul(value->c_str(), nullptr, 10));
    if (line.key == "CallbackId") out.callback_id = std::strtoull(value->c_str(), nullptr, 10);
    if (line.key == kKeyringKey) {
      std::string_view list = *value;
      while (!list.empty()) {
        size_t comma = list.find(',');
        std::string_view key = list.substr(0, comma);
        if (is_secret(key)) decoded.in_keyring.emplace_back(key);
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      }
    }
  }
  return decoded;
}

// Fills the secrets `decoded` says the keyring holds; those it cannot give become
// `unreadable` (nullopt: absent, as if not saved).
void fill_from_keyring(Decoded& decoded, const PhonebookRef& phonebook, const std::string& entry,
                       const std::optional<std::wstring>& unreadable) {
  if (decoded.in_keyring.empty()) return;
  auto keyring = SessionKeyring::open();
  for (const TextKey& k : kTextKeys) {
    bool held = false;
    for (const auto& key : decoded.in_keyring) held = held || key == k.key;
    if (!held) continue;
    std::optional<std::wstring>& member = decoded.credentials.*k.member;
    member = unreadable;
    if (!keyring) {
      LOG_DEBUG("%s of \"%s\": %s", std::string(k.key).c_str(), entry.c_str(),
                keyring.error().message.c_str());
      continue;
    }
    auto secret = keyring->lookup(keyring_attributes(phonebook, entry, k.key));
    if (!secret || !*secret) {
      LOG_DEBUG("%s of \"%s\": not in the session keyring%s", std::string(k.key).c_str(),
                entry.c_str(), secret ? "" : (": " + secret.error().message).c_str());
      continue;
    }
    auto wide = utf8_to_wide(**secret);
    if (wide) member = std::move(*wide);
  }
}

Result<std::string> render_section(std::string_view name, const StoredCredentials& c,
                                   const std::vector<std::string>& in_keyring) {
  std::string out = "[" + std::string(name) + "]\n";
  std::string keyring_line;
  for (const auto& key : in_keyring) keyring_line += (keyring_line.empty() ? "" : ",") + key;
  if (!keyring_line.empty()) out += std::string(kKeyringKey) + "=" + keyring_line + "\n";
  for (const TextKey& k : kTextKeys) {
    if (!(c.*k.member)) continue;
    bool kept_there = false;
    for (const auto& key : in_keyring) kept_there = kept_there || key == k.key;
    if (kept_there) continue;
    auto utf8 = wide_to_utf8(*(c.*k.member));
    if (!utf8) return fail(utf8.error().with_context(std::string(k.key)));
    out += std::string(k.key) + "=" + encode_value(*utf8) + "\n";
  }
  if (c.sub_entry) out += "SubEntry=" + std::to_string(*c.sub_entry) + "\n";
  if (c.callback_id) out += "CallbackId=" + std::to_string(*c.callback_id) + "\n";
  return out;
}

// A credentials file's text ("" if it does not exist) and its sections, scanned once.
struct PrivateFile {
  std::string text;
  ScanResult scan;
};

// Reads and scans the file; `phonebook` must be the one it was made for.
Result<PrivateFile> read_private(const std::string& path, const PhonebookRef& phonebook) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd) {
    if (errno == ENOENT) return PrivateFile{};
    return fail_errno(errno, path);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return fail_errno(errno, path);
  if (auto ok = check_private(st, path); !ok) return fail(ok.error());
  auto text = read_all(fd.get());
  if (!text) return fail(text.error().with_context(path));
  // Nothing in it can be read, so nothing saved into it could be read back either.
  if (utf16_marked(*text)) {
    return fail(Errc::kInvalidData,
                "credentials file " + path +
                    " is UTF-16 (it starts with a UTF-16 byte-order mark), which OpenRAS does "
                    "not read: convert it (iconv -f UTF-16 -t UTF-8) or remove it, which "
                    "forgets the credentials saved in it");
  }
  ScanResult scan = scan_text(*text);
  if (auto meta = find_section(*text, scan, kMetaSection)) {
    auto layout = parse_layout(*text, scan.sections[*meta]);
    for (const Line& line : layout ? layout->lines : std::vector<Line>{}) {
      if (line.kind == LineKind::kKeyValue && line.key == kPhonebookKey &&
          line.value != phonebook.path) {
        return fail(Errc::kInvalidData, "credentials file " + path + " belongs to phone book " +
                                            std::string(line.value) + ", not " + phonebook.path);
      }
    }
  }
  return PrivateFile{std::move(*text), std::move(scan)};
}

Status ensure_private_dir(const std::string& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) return {};
  std::string parent = dir.substr(0, dir.rfind('/'));
  if (auto ok = make_directories(parent, 0755); !ok) return ok;
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return fail_errno(errno, dir);
  return {};
}

// Whether the file keeps a section for `entry` (secrets in the keyring included).
Result<bool> has_section(const Caller& caller, const PhonebookRef& phonebook,
                         std::wstring_view entry, CredentialStore store);

}  // namespace

bool StoredCredentials::empty() const {
  for (const TextKey& k : kTextKeys) {
    if (this->*k.member) return false;
  }
  return !sub_entry && !callback_id;
}

Result<std::string> credentials_path(const Caller& caller, const PhonebookRef& phonebook,
                                     CredentialStore store) {
  auto dir = store_dir(caller, store);
  if (!dir) return fail(dir.error());
  char hash[20];
  std::snprintf(hash, sizeof hash, "%016llx",
                static_cast<unsigned long long>(fnv1a(phonebook.path)));
  std::string base = phonebook.path.substr(phonebook.path.rfind('/') + 1);
  return *dir + "/" + base + "-" + hash + ".cred";
}

Result<StoredCredentials> load_credentials(const Caller& caller, const PhonebookRef& phonebook,
                                           std::wstring_view entry, CredentialStore store) {
  auto path = credentials_path(caller, phonebook, store);
  if (!path) return fail(path.error());
  auto name = wide_to_utf8(entry);
  if (!name) return fail(Errc::kInvalidName, name.error().message);
  auto file = read_private(*path, phonebook);
  if (!file) return fail(file.error());
  auto index = find_section(file->text, file->scan, *name);
  if (!index) return StoredCredentials{};
  auto decoded = decode_section(file->text, file->scan.sections[*index], *path);
  if (!decoded) return fail(decoded.error());
  if (keyring_readable(caller, store)) fill_from_keyring(*decoded, phonebook, *name, std::nullopt);
  return std::move(decoded->credentials);
}

Status update_credentials(const Caller& caller, const PhonebookRef& phonebook,
                          std::wstring_view entry, CredentialStore store,
                          const std::function<void(StoredCredentials&)>& patch) {
  auto path = credentials_path(caller, phonebook, store);
  if (!path) return fail(path.error());
  auto name = wide_to_utf8(entry);
  if (!name) return fail(Errc::kInvalidName, name.error().message);
  if (auto ok = ensure_private_dir(path->substr(0, path->rfind('/'))); !ok) return ok;
  auto tx = FileTransaction::begin(*path, 0600);
  if (!tx) return fail(tx.error());
  // Checked under the lock, on the bytes about to be rewritten.
  auto file = read_private(*path, phonebook);
  if (!file) return fail(file.error());
  const std::string& text = file->text;
  auto index = find_section(text, file->scan, *name);
  Decoded current;
  if (index) {
    auto decoded = decode_section(text, file->scan.sections[*index], *path);
    if (!decoded) return fail(decoded.error());
    current = std::move(*decoded);
    if (keyring_readable(caller, store)) fill_from_keyring(current, phonebook, *name, kUnreadable);
  }
  std::vector<std::string> held_before = std::move(current.in_keyring);
  current.in_keyring.clear();
  patch(current.credentials);
  // The secrets go to the keyring when it takes them; else to this file, as before.
  std::optional<SessionKeyring> keyring;
  if (keyring_wanted(caller, store)) {
    auto opened = SessionKeyring::open();
    if (opened) {
      keyring.emplace(std::move(*opened));
    } else {
      LOG_DEBUG("saving \"%s\" in %s: %s", name->c_str(), path->c_str(),
                opened.error().message.c_str());
    }
  }
  std::vector<std::string>& held = current.in_keyring;
  for (const TextKey& k : kTextKeys) {
    if (!is_secret(k.key)) continue;
    std::optional<std::wstring>& member = current.credentials.*k.member;
    auto attributes = keyring_attributes(phonebook, *name, k.key);
    bool was_held = false;
    for (const auto& key : held_before) was_held = was_held || key == k.key;
    if (member && *member == kUnreadable) {
      held.emplace_back(k.key);  // left as it was: the keyring keeps it
      continue;
    }
    if (member && keyring) {
      auto utf8 = wide_to_utf8(*member);
      if (!utf8) return fail(utf8.error().with_context(std::string(k.key)));
      std::string label =
          "OpenRAS " + std::string(k.key) + " for \"" + *name + "\" (" + phonebook.path + ")";
      if (auto stored = keyring->store(attributes, label, *utf8); stored) {
        held.emplace_back(k.key);
        continue;
      } else {
        LOG_DEBUG("%s of \"%s\" kept in %s: %s", std::string(k.key).c_str(), name->c_str(),
                  path->c_str(), stored.error().message.c_str());
      }
    }
    // In the file now, or gone: the keyring's old copy goes.
    if (was_held && keyring) (void)keyring->remove(attributes);
  }
  std::string section;
  if (!current.credentials.empty()) {
    auto rendered = render_section(*name, current.credentials, held);
    if (!rendered) return fail(rendered.error());
    section = std::move(*rendered);
  }
  std::string next;
  if (index) {
    const Section& s = file->scan.sections[*index];
    next = text.substr(0, s.begin) + section + text.substr(s.end);
  } else if (!section.empty()) {
    next =
        text.empty()
            ? "; OpenRAS saved credentials. Readable by its owner only; never in a phone book.\n[" +
                  std::string(kMetaSection) + "]\n" + std::string(kPhonebookKey) + "=" +
                  phonebook.path + "\n"
            : text;
    // A file saved by an editor may end without a newline: the new section must still
    // start on a line of its own, or it would become part of the last value.
    if (!next.empty() && next.back() != '\n') next += '\n';
    next += section;
  } else {
    return {};
  }
  return tx->commit(next);
}

namespace {

Result<bool> has_section(const Caller& caller, const PhonebookRef& phonebook,
                         std::wstring_view entry, CredentialStore store) {
  auto path = credentials_path(caller, phonebook, store);
  if (!path) return fail(path.error());
  auto name = wide_to_utf8(entry);
  if (!name) return fail(Errc::kInvalidName, name.error().message);
  auto file = read_private(*path, phonebook);
  if (!file) return fail(file.error());
  return find_section(file->text, file->scan, *name).has_value();
}

}  // namespace

Status forget_credentials(const Caller& caller, const PhonebookRef& phonebook,
                          std::wstring_view entry) {
  for (CredentialStore store : {CredentialStore::kUser, CredentialStore::kShared}) {
    if (store == CredentialStore::kShared && !caller.admin) continue;
    // Only a file that has something for the entry is touched (or created).
    auto saved = has_section(caller, phonebook, entry, store);
    if (!saved && saved.error().code == Errc::kNotFound) continue;
    if (!saved) return fail(saved.error());
    if (!*saved) continue;
    if (auto ok = update_credentials(caller, phonebook, entry, store,
                                     [](StoredCredentials& c) { c = StoredCredentials{}; });
        !ok) {
      return ok;
    }
  }
  return {};
}

Status move_credentials(const Caller& caller, const PhonebookRef& phonebook,
                        std::wstring_view old_name, std::wstring_view new_name) {
  for (CredentialStore store : {CredentialStore::kUser, CredentialStore::kShared}) {
    if (store == CredentialStore::kShared && !caller.admin) continue;
    auto saved = load_credentials(caller, phonebook, old_name, store);
    if (!saved) {
      if (saved.error().code == Errc::kNotFound) continue;
      return fail(saved.error());
    }
    if (saved->empty()) continue;
    if (auto ok = update_credentials(caller, phonebook, new_name, store,
                                     [&](StoredCredentials& c) { c = *saved; });
        !ok) {
      return ok;
    }
    if (auto ok = update_credentials(caller, phonebook, old_name, store,
                                     [](StoredCredentials& c) { c = StoredCredentials{}; });
        !ok) {
      return ok;
    }
  }
  return {};
}

}  // namespace openras::phonebook
