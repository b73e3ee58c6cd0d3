// pbk_credentials.cpp (fuzz): a user's saved-credentials file (src/phonebook/credentials.cpp)
// holding arbitrary bytes, as RasGetEntryDialParams / RasSetCredentials read and change it.
//
// Never crashes; a refusal names the file. When the file reads, a password saved with
// update_credentials reads back exactly, and another entry's credentials read the same
// after that save as before it (a save touches only its own section).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "phonebook/credentials.h"

namespace {

using namespace openras;
using namespace openras::phonebook;

void check(bool condition) {
  if (!condition) std::abort();
}

// A private root (never the real home) with its caller, made once per process.
struct Setup {
  std::string root;
  std::optional<Caller> caller;
  PhonebookRef book;
  std::string file;

  Setup() {
    std::string pattern = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") +
                          "/openras-fuzz.XXXXXX";
    check(::mkdtemp(pattern.data()) != nullptr);
    root = pattern;
    auto paths = Paths::with_root(root);
    check(paths.has_value());
    caller = Caller::for_user(*paths, ::geteuid());
    check(caller->user_phonebook.has_value());
    book = PhonebookRef{*caller->user_phonebook, Scope::kUser};
    // One save makes the 0700 directory and names the file.
    check(
        update_credentials(*caller, book, L"VPN", CredentialStore::kUser, [](StoredCredentials& c) {
          c.password = L"x";
        }).has_value());
    auto path = credentials_path(*caller, book, CredentialStore::kUser);
    check(path.has_value());
    file = *path;
  }
  ~Setup() {
    std::error_code ignored;
    std::filesystem::remove_all(root, ignored);
  }
};

bool same(const StoredCredentials& a, const StoredCredentials& b) {
  return a.user_name == b.user_name && a.password == b.password && a.domain == b.domain &&
         a.callback_number == b.callback_number && a.pre_shared_key == b.pre_shared_key &&
         a.server_pre_shared_key == b.server_pre_shared_key &&
         a.ddm_pre_shared_key == b.ddm_pre_shared_key && a.sub_entry == b.sub_entry &&
         a.callback_id == b.callback_id;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Setup setup;
  int fd = ::open(setup.file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  check(fd >= 0);
  check(::fchmod(fd, 0600) == 0);
  check(::write(fd, data, size) == static_cast<ssize_t>(size));
  ::close(fd);

  const Caller& caller = *setup.caller;
  auto vpn = load_credentials(caller, setup.book, L"VPN", CredentialStore::kUser);
  auto other = load_credentials(caller, setup.book, L"Other", CredentialStore::kUser);
  if (!vpn) {
    check(vpn.error().message.find(setup.file) != std::string::npos);
    return 0;
  }
  // A password made of the input's first bytes (blanks, '%', '=' and non-ASCII included).
  std::wstring password;
  for (size_t i = 0; i < size && i < 24; ++i)
    password += static_cast<wchar_t>(data[i] ? data[i] : '0');
  auto saved = update_credentials(caller, setup.book, L"VPN", CredentialStore::kUser,
                                  [&](StoredCredentials& c) { c.password = password; });
  if (!saved) {
    check(saved.error().message.find(setup.file) != std::string::npos);
    return 0;
  }
  auto again = load_credentials(caller, setup.book, L"VPN", CredentialStore::kUser);
  check(again && again->password == password);
  if (other) {
    auto other_again = load_credentials(caller, setup.book, L"Other", CredentialStore::kUser);
    check(other_again && same(*other, *other_again));
  }
  return 0;
}
