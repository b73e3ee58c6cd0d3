// entries.cpp: the all-users entries for the logon prompt (see entries.h).
#include "logon/entries.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/unique_fd.h"
#include "phonebook/ini_scan.h"

namespace openras::logon {

namespace {

constexpr off_t kMaxPhonebookBytes = 64 << 20;  // as every trusted read in OpenRAS

// fail_errno without base's error table, which the PAM module does not link.
tl::unexpected<Error> io_error(int err, const std::string& what) {
  return fail(Error{err == EACCES || err == EPERM ? Errc::kAccessDenied : Errc::kIo,
                    what + ": " + std::strerror(err), err});
}

}  // namespace

Result<std::vector<std::string>> entry_names(std::string_view text) {
  auto scan = phonebook::scan_text(text);
  if (scan.problem) {
    return fail(Errc::kPhonebookCorrupt,
                "line " + std::to_string(phonebook::line_number(text, scan.problem->offset)) +
                    ": " + scan.problem->reason);
  }
  std::vector<std::string> names;
  for (const auto& section : scan.sections) {
    names.emplace_back(text.substr(section.name_begin, section.name_size));
  }
  return names;
}

Result<std::vector<std::string>> all_users_entries(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (!fd) {
    if (errno == ENOENT) return std::vector<std::string>{};
    return io_error(errno, "opening the all-users phone book " + path);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return io_error(errno, "reading " + path);
  if (!S_ISREG(st.st_mode) || st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    return fail(Errc::kAccessDenied,
                "the all-users phone book " + path +
                    " is not a regular file of root's that only root can write; fix its owner "
                    "and mode (chown root:root, chmod 0644)");
  }
  if (st.st_size > kMaxPhonebookBytes) {
    return fail(Errc::kPhonebookCorrupt, path + " is larger than 64 MiB");
  }
  std::string text(static_cast<size_t>(st.st_size), '\0');
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::read(fd.get(), text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  text.resize(done);
  auto names = entry_names(text);
  if (!names) return fail(Errc::kPhonebookCorrupt, path + ": " + names.error().message);
  return names;
}

}  // namespace openras::logon
