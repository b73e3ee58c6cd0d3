// rasman_credentials.cpp (fuzz): rasmand's all-users credentials file
// (src/rasman/credentials.cpp: one record a line, five tab-separated, percent-encoded
// fields) holding arbitrary bytes, as CredentialStore reads and rewrites it.
//
// Never crashes; a file it cannot parse is refused naming the file, and never rewritten;
// when it parses, a record stored from the input's bytes fetches back exactly, another
// record fetches the same after that store as before it, and the field encoding decodes
// to what it encoded.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/fs.h"
#include "rasman/credentials.h"

namespace {

using namespace openras;
using namespace openras::rasman;

void check(bool condition) {
  if (!condition) std::abort();
}

struct Setup {
  std::string dir;
  Setup() {
    std::string pattern = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") +
                          "/openras-fuzz.XXXXXX";
    check(::mkdtemp(pattern.data()) != nullptr);
    check(::chmod(pattern.c_str(), 0700) == 0);
    dir = pattern;
  }
  ~Setup() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Setup setup;
  CredentialStore store(setup.dir);
  std::string input(reinterpret_cast<const char*>(data), size);
  auto decoded = percent_decode(percent_encode(input));
  check(decoded && *decoded == input);

  int fd = ::open(store.file().c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  check(fd >= 0);
  check(::write(fd, data, size) == static_cast<ssize_t>(size));
  ::close(fd);

  auto other = store.fetch("/pbk", "Other");
  if (!other && other.error().code != Errc::kNotFound) {
    check(other.error().message.find(store.file()) != std::string::npos);
    // Unparsable: a store is refused and leaves the file as it was.
    check(!store.store("/pbk", "Office", Credentials{"u", "p", "d"}));
    auto after = read_file(store.file());
    check(after && *after == input);
    return 0;
  }
  // Fields made of the input's bytes: tabs, newlines, '%' and NULs all encoded.
  std::string half = input.substr(0, std::min<size_t>(input.size(), 40));
  Credentials mine{half, input.substr(half.size() / 2), "D\t%\n"};
  check(store.store(half, "Office\n", mine).has_value());
  auto back = store.fetch(half, "Office\n");
  check(back && back->user == mine.user && back->password == mine.password &&
        back->domain == mine.domain);
  auto other_again = store.fetch("/pbk", "Other");
  if (other) {
    check(other_again && other_again->user == other->user &&
          other_again->password == other->password && other_again->domain == other->domain);
  } else {
    check(!other_again && other_again.error().code == Errc::kNotFound);
  }
  return 0;
}
