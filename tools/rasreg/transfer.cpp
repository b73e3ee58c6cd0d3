// transfer.cpp: rasreg import and rasreg export.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <random>

#include "base/fs.h"
#include "rasreg.h"

namespace openras::rasreg {

namespace reg = registry;

namespace {

// Writes `content` to `path` without ever following a link at `path` and without
// opening an existing file there: root exporting into a shared directory such as /tmp
// would otherwise write wherever a symlink planted under the export's name points. The
// content goes to a new temporary file (O_EXCL | O_NOFOLLOW) in the same directory, held
// by descriptor, and renameat() replaces the name itself (a planted link is replaced, its
// target untouched). A failure leaves no temporary behind.
Status write_whole_file(const std::string& path, std::string_view content) {
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.empty() || name == "." || name == "..") {
    return fail(Errc::kInvalidArgument, "\"" + path + "\" names a directory, not a file");
  }
  UniqueFd dirfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dirfd) return fail_errno(errno, dir);
  std::random_device random;
  std::string tmp;
  UniqueFd fd;
  for (int attempt = 0; attempt < 100 && !fd; ++attempt) {
    tmp = "." + name + ".rasreg." + std::to_string(::getpid()) + "." + std::to_string(random());
    fd.reset(::openat(dirfd.get(), tmp.c_str(),
                      O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (!fd && errno != EEXIST) return fail_errno(errno, dir + "/" + tmp);
  }
  if (!fd) return fail_errno(EEXIST, dir + "/" + tmp);
  ScopeExit remove_tmp([&] { ::unlinkat(dirfd.get(), tmp.c_str(), 0); });
  while (!content.empty()) {
    ssize_t n = ::write(fd.get(), content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail_errno(errno, dir + "/" + tmp);
    }
    content.remove_prefix(static_cast<size_t>(n));
  }
  if (::fsync(fd.get()) != 0) return fail_errno(errno, dir + "/" + tmp);
  if (::renameat(dirfd.get(), tmp.c_str(), dirfd.get(), name.c_str()) != 0) {
    return fail_errno(errno, "replacing " + path);
  }
  remove_tmp.dismiss();
  ::fsync(dirfd.get());
  return {};
}

// Whether something (a file, a link, anything) is at `path`, the link itself not followed.
bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

int done(const Status& status, cli::Json object = cli::Json::object()) {
  if (!status) {
    report(status.error());
    return 1;
  }
  return succeeded(std::move(object));
}

}  // namespace

int run_import(reg::Registry& registry, const Options& options) {
  const std::string& file = options.positional[0];
  auto bytes = read_file(file);
  if (!bytes) return done(fail(bytes.error()));
  // A Windows export of a whole machine holds HKEY_CLASSES_ROOT, HKEY_USERS, ...: those
  // sections are skipped and named, and the rest is imported.
  std::vector<std::string> skipped;
  Status status = reg::import_reg(registry, *bytes, file, &skipped);
  if (status && !json_output()) {
    for (const auto& section : skipped) {
      note(file + " " + section +
           " skipped: OpenRAS keeps only HKEY_LOCAL_MACHINE and HKEY_CURRENT_USER");
    }
  }
  cli::Json sections = cli::Json::array();
  for (const auto& section : skipped) sections.push_back(section);
  return done(status, {{"file", file}, {"skipped", sections}});
}

int run_export(reg::Registry& registry, const Options& options) {
  auto key = parse_key_name(options.positional[0]);
  if (!key) return done(fail(key.error()));
  const std::string& file = options.positional[1];
  warn_if_untrusted(registry, key->root);
  // Windows' reg export writes UTF-16LE with a BOM and CRLF; so do we, so that the file
  // imports on Windows as it is.
  auto text = reg::export_reg(registry, key->root, key->path, reg::RegEncoding::kUtf16le);
  if (!text) return done(fail(text.error()));
  if (!options.overwrite && exists(file) &&
      !confirm("File " + file + " already exists. Overwrite (Yes/No)?")) {
    return cancelled();
  }
  return done(write_whole_file(file, *text),
              {{"key", key_text(key->root, key->path)}, {"file", file}});
}

}  // namespace openras::rasreg
