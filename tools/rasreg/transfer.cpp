// transfer.cpp: rasreg import, rasreg export and rasreg allowlist.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>

#include "base/fs.h"
#include "rasreg.h"
#include "registry/allowlist.h"

namespace openras::rasreg {

namespace reg = registry;

namespace {

Status write_whole_file(const std::string& path, std::string_view content) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd) return fail_errno(errno, path);
  while (!content.empty()) {
    ssize_t n = ::write(fd.get(), content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail_errno(errno, path);
    }
    content.remove_prefix(static_cast<size_t>(n));
  }
  if (::fsync(fd.get()) != 0) return fail_errno(errno, path);
  return {};
}

int done(const Status& status) {
  if (!status) {
    report(status.error());
    return 1;
  }
  std::cout << kSuccess << "\n";
  return 0;
}

}  // namespace

int run_import(reg::Registry& registry, const Options& options) {
  if (options.positional.size() != 1) {
    report(Error{Errc::kInvalidArgument, "import takes one file name", 0});
    return 1;
  }
  const std::string& file = options.positional[0];
  auto bytes = read_file(file);
  if (!bytes) return done(fail(bytes.error()));
  return done(reg::import_reg(registry, *bytes, file));
}

int run_export(reg::Registry& registry, const Options& options) {
  if (options.positional.size() != 2) {
    report(Error{Errc::kInvalidArgument, "export takes a key name and a file name", 0});
    return 1;
  }
  auto key = parse_key_name(options.positional[0]);
  if (!key) return done(fail(key.error()));
  const std::string& file = options.positional[1];
  warn_if_untrusted(registry, key->root);
  // Windows' reg export writes UTF-16LE with a BOM and CRLF; so do we, so that the file
  // imports on Windows as it is.
  auto text = reg::export_reg(registry, key->root, key->path, reg::RegEncoding::kUtf16le);
  if (!text) return done(fail(text.error()));
  struct stat st {};
  if (!options.overwrite && ::stat(file.c_str(), &st) == 0 &&
      !confirm("File " + file + " already exists. Overwrite (Yes/No)?")) {
    std::cout << "The operation was cancelled by the user.\n";
    return 1;
  }
  return done(write_whole_file(file, *text));
}

int run_allowlist(reg::Registry& registry, const Options& options) {
  if (options.positional.size() > 1) {
    report(Error{Errc::kInvalidArgument, "allowlist takes at most one dialer path", 0});
    return 1;
  }
  const Paths& paths = registry.paths();
  if (options.positional.empty()) {
    reg::AllowList list = reg::read_allow_list(paths);
    for (const auto& entry : list.entries) std::cout << entry << "\n";
    for (const auto& note : list.notes) std::cerr << "rasreg: " << note << "\n";
    return 0;
  }
  auto allowed = reg::is_dialer_allowed(paths, options.positional[0]);
  if (!allowed) {
    report(allowed.error());
    return 1;
  }
  if (!*allowed) {
    for (const auto& note : reg::read_allow_list(paths).notes)
      std::cerr << "rasreg: " << note << "\n";
  }
  std::cout << options.positional[0] << (*allowed ? " is allowed" : " is not allowed") << "\n";
  return *allowed ? 0 : 1;
}

}  // namespace openras::rasreg
