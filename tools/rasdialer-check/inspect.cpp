// inspect.cpp: the checks made on the library itself — where it lives, who may change it,
// whether the administrator allowed it, and what it exports.
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <string>
#include <vector>

#include "base/fs.h"
#include "base/result.h"
#include "checker.h"
#include "dialer/loader.h"
#include "dialer/symbols.h"
#include "ras.h"
#include "registry/allowlist.h"

namespace openras::check {

namespace {

// Names that the documentation or habit suggest but RAS never looks up, each with the
// undecorated name it shadows.
constexpr std::pair<const char*, const char*> kMisnamed[] = {
    {"RasCustomDialW", "RasCustomDial"},
    {"RasCustomDialA", "RasCustomDial"},
    {"RasCustomDialDlgW", "RasCustomDialDlg"},
    {"RasCustomDialDlgA", "RasCustomDialDlg"},
    {"RasCustomHangup", "RasCustomHangUp"},
    {"RasCustomHangUpW", "RasCustomHangUp"},
    {"RasCustomHangUpA", "RasCustomHangUp"},
    {"RasCustomEntryDlgW", "RasCustomEntryDlg"},
    {"RasCustomEntryDlgA", "RasCustomEntryDlg"},
    {"RasCustomDeleteEntryNotifyW", "RasCustomDeleteEntryNotify"},
    {"RasCustomDeleteEntryNotifyA", "RasCustomDeleteEntryNotify"},
};

}  // namespace

UniqueFd check_rules(const std::string& path, const Paths& paths, Report& report) {
  bool ok = true;
  char resolved[PATH_MAX];
  if (path.empty() || path.front() != '/') {
    report.fail("path", "\"" + path + "\" is relative; RAS entries name dialers by absolute path");
    ok = false;
  } else if (!::realpath(path.c_str(), resolved)) {
    report.fail("path", errno_error(errno, path).message);
    return UniqueFd();
  } else if (path != resolved) {
    report.fail("path", path + " resolves to " + resolved +
                            "; entries and CustomDLL must name the real file, not a link");
    ok = false;
  } else {
    report.pass("path", path + " is absolute and canonical");
  }

  UniqueFd fd;
  auto trusted = open_trusted_absolute(path, [&](uid_t uid) { return paths.trusted_owner(uid); });
  if (trusted) {
    report.pass("trust",
                "the file and every directory above it are owned by root and not "
                "writable by group or others");
    fd = std::move(*trusted);
  } else {
    report.fail("trust", trusted.error().message);
    ok = false;
  }

  auto allowed = registry::is_dialer_allowed(paths, path);
  if (!allowed) {
    report.fail("allowed", allowed.error().message);
    ok = false;
  } else if (*allowed) {
    report.pass("allowed", "listed in CustomDLL of " + paths.machine_hive());
  } else {
    report.fail("allowed",
                "not listed in HKLM\\System\\CurrentControlSet\\Services\\Rasman\\"
                "Parameters\\CustomDLL of " +
                    paths.machine_hive() + "; as root: rasreg allowlist add " + path);
    ok = false;
  }
  return ok ? std::move(fd) : UniqueFd();
}

void check_module(int fd, Report& report) {
  // The descriptor the trust check opened, not the path: the file cannot be swapped
  // between the check and the load (as the loader does, src/dialer/loader.cpp).
  std::string fd_path = "/proc/self/fd/" + std::to_string(fd);
  report.begin("load", "dlopen (the library's constructors)");
  ::dlerror();
  void* handle = ::dlopen(fd_path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = ::dlerror();
    report.fail("load", std::string("dlopen failed: ") + (why ? why : "unknown error"));
    return;
  }
  report.pass("load", "loads with RTLD_NOW | RTLD_LOCAL (every symbol it needs resolves)");
  const void* base = dialer::module_base(handle);

  std::string missing;
  for (const char* name : dialer::kEntryPointNames) {
    if (!dialer::own_symbol(handle, base, name))
      missing += std::string(missing.empty() ? "" : ", ") + name;
  }
  if (missing.empty()) {
    report.pass("exports",
                "exports RasCustomDial, RasCustomDialDlg, RasCustomHangUp, "
                "RasCustomEntryDlg and RasCustomDeleteEntryNotify");
  } else {
    report.fail("exports",
                "does not export " + missing + "; a dialer exports all five, by these exact names");
  }

  // C++ definitions of the entry points (or DllMain) that RAS cannot find by name.
  const char* const kCNames[] = {
      "RasCustomDial",     "RasCustomDialDlg",           "RasCustomHangUp",
      "RasCustomEntryDlg", "RasCustomDeleteEntryNotify", "DllMain"};
  std::vector<dialer::CxxDefinition> cxx;
  for (auto& d : dialer::cxx_definitions(handle, kCNames)) {
    if (!dialer::own_symbol(handle, base, d.function.c_str())) cxx.push_back(std::move(d));
  }
  if (cxx.empty()) {
    report.pass("linkage", "no entry point is defined under a C++ (mangled) name only");
  } else {
    report.fail("linkage", dialer::describe(cxx) +
                               ": RAS looks entry points up by their C names, so declare each "
                               "one extern \"C\" (extern \"C\" __declspec(dllexport) DWORD WINAPI "
                               "RasCustomDial(...)); DllMain gets C linkage from <windows.h> when "
                               "its parameters are (HINSTANCE, DWORD, LPVOID)");
  }

  std::string misnamed, extra;
  for (const auto& [wrong, right] : kMisnamed) {
    if (!dialer::own_symbol(handle, base, wrong)) continue;
    if (dialer::own_symbol(handle, base, right)) {
      extra += std::string(extra.empty() ? "" : ", ") + wrong;
    } else {
      misnamed +=
          std::string(misnamed.empty() ? "" : "; ") + "exports " + wrong + " but not " + right;
    }
  }
  if (!misnamed.empty()) {
    report.fail("names", misnamed +
                             ": RAS looks up the undecorated names only (the "
                             "documentation's W/A names are never called)");
  } else {
    report.pass("names", extra.empty() ? "no suffixed or misspelt variants"
                                       : "also exports " + extra + ", which RAS never calls");
  }

  auto* mark = static_cast<const unsigned*>(dialer::own_symbol(handle, base, "OpenRasSdkAbi"));
  if (!mark) {
    report.fail("abi", "no OpenRasSdkAbi mark: build it against the OpenRAS SDK (include <ras.h>)");
  } else if (*mark != OPENRAS_SDK_ABI) {
    report.fail("abi", "built against SDK ABI " + std::to_string(*mark) + "; this OpenRAS speaks " +
                           std::to_string(OPENRAS_SDK_ABI) + ": rebuild against the installed SDK");
  } else {
    report.pass("abi", "built against SDK ABI " + std::to_string(*mark));
  }
}

}  // namespace openras::check
