// scratch.cpp: the private root rasdialer-check dials in, with a rasmand of its own.
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/utf.h"
#include "checker.h"
#include "child.h"
#include "ras.h"
#include "raserror.h"
#include "windows.h"
#include "winreg.h"

#ifndef OPENRAS_BINDIR
#define OPENRAS_BINDIR "/usr/bin"
#endif

namespace openras::check {

namespace {

constexpr const wchar_t* kEntry = L"rasdialer-check";
// The test device of the scratch root (docs/devices.md): connects at once, moves nothing.
constexpr const wchar_t* kDevice = L"rasdialer-check";
constexpr int kRasmandStartSeconds = 10;
constexpr int kRasmandStopSeconds = 5;

std::string describe(DWORD code) {
  char text[512];
  if (RasGetErrorStringA(code, text, sizeof text) != ERROR_SUCCESS) std::strcpy(text, "?");
  return std::to_string(code) + " (" + text + ")";
}

LSTATUS set_value(const std::wstring& key_name, const wchar_t* name, DWORD type,
                  const std::wstring& data) {
  HKEY key = nullptr;
  LSTATUS rc = RegCreateKeyExW(HKEY_LOCAL_MACHINE, key_name.c_str(), 0, nullptr, 0, KEY_ALL_ACCESS,
                               nullptr, &key, nullptr);
  if (rc != ERROR_SUCCESS) return rc;
  rc = RegSetValueExW(key, name, 0, type, reinterpret_cast<const BYTE*>(data.data()),
                      static_cast<DWORD>((data.size() + 1) * sizeof(WCHAR)));
  RegCloseKey(key);
  return rc;
}

// Allows the dialer (CustomDLL) and configures the test device.
bool configure(const std::wstring& path, Report& report) {
  LSTATUS rc = set_value(L"System\\CurrentControlSet\\Services\\Rasman\\Parameters", L"CustomDLL",
                         REG_MULTI_SZ, path + L'\0');
  if (rc == ERROR_SUCCESS) {
    rc = set_value(std::wstring(L"Software\\OpenRAS\\Devices\\") + kDevice, L"Type", REG_SZ,
                   L"test");
  }
  if (rc != ERROR_SUCCESS) {
    report.fail("setup", "cannot write the scratch root's registry: error " +
                             describe(static_cast<DWORD>(rc)));
    return false;
  }
  return true;
}

bool create_entry(const std::wstring& phonebook, const std::wstring& path, Report& report) {
  RASENTRYW entry{};
  entry.dwSize = sizeof entry;
  DWORD size = sizeof entry;
  DWORD rc = RasGetEntryPropertiesW(phonebook.c_str(), L"", &entry, &size, nullptr, nullptr);
  if (rc == ERROR_SUCCESS) {
    lstrcpynW(entry.szCustomDialDll, path.c_str(), MAX_PATH);
    lstrcpyW(entry.szDeviceType, L"modem");
    lstrcpyW(entry.szDeviceName, kDevice);
    lstrcpyW(entry.szLocalPhoneNumber, L"5550100");
    entry.dwType = RASET_Phone;
    rc = RasSetEntryPropertiesW(phonebook.c_str(), kEntry, &entry, sizeof entry, nullptr, 0);
  }
  if (rc != ERROR_SUCCESS) {
    report.fail("entry", "cannot create an entry naming the dialer: " + describe(rc));
    return false;
  }
  report.pass("entry",
              "created entry \"rasdialer-check\" with szCustomDialDll set, on the "
              "scratch root's test device");
  return true;
}

long long now_ms() {
  struct timespec ts {};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<long long>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

// rasmand beside this program: the build tree, the installed layout (every tool in one
// directory), then the configured bindir.
std::string find_rasmand() {
  char self[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  std::vector<std::string> candidates;
  if (n > 0) {
    std::string dir(self, static_cast<size_t>(n));
    dir.resize(dir.rfind('/'));
    candidates = {dir + "/../rasmand/rasmand", dir + "/rasmand"};
  }
  candidates.emplace_back(OPENRAS_BINDIR "/rasmand");
  for (const std::string& candidate : candidates) {
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::string();
}

std::string read_log(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string log = text.str();
  return log.size() > 2000 ? log.substr(log.size() - 2000) : log;
}

}  // namespace

bool Scratch::start_rasmand(Report& report) {
  std::string rasmand = find_rasmand();
  if (rasmand.empty()) {
    report.fail("setup", "rasmand is not installed beside rasdialer-check nor in " OPENRAS_BINDIR
                         "; the dial cannot be exercised without it");
    return false;
  }
  std::string log = root_ + "/rasmand.log";
  std::string socket = root_ + "/run/openras/rasman.sock";
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) {
    report.fail("setup", std::string("cannot start rasmand: fork: ") + std::strerror(errno));
    return false;
  }
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlives the check
    int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (out < 0 || in < 0 || ::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(out, 2) < 0) {
      ::_exit(127);
    }
    ::execl(rasmand.c_str(), "rasmand", "--root", root_.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  rasmand_ = pid;
  long long deadline = now_ms() + kRasmandStartSeconds * 1000;
  struct stat st {};
  // Polled: rasmand has no readiness notification outside systemd.
  while (::stat(socket.c_str(), &st) != 0 || !S_ISSOCK(st.st_mode)) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      rasmand_ = -1;
      report.fail("setup",
                  "the scratch root's rasmand " + describe_status(status) + ": " + read_log(log));
      return false;
    }
    if (interrupted()) {
      report.fail("setup", "rasdialer-check was interrupted by signal " +
                               std::to_string(interrupted()) + " while rasmand started");
      return false;
    }
    if (now_ms() > deadline) {
      report.fail("setup", "the scratch root's rasmand did not listen within " +
                               std::to_string(kRasmandStartSeconds) + " s: " + read_log(log));
      return false;
    }
    struct timespec pause {
      0, 20 * 1000 * 1000
    };
    ::nanosleep(&pause, nullptr);
  }
  return true;
}

bool Scratch::set_up(const std::string& dialer_path, Report& report) {
  std::vector<std::string> bases;
  if (const char* tmp = std::getenv("TMPDIR"); tmp && *tmp) bases.emplace_back(tmp);
  bases.emplace_back("/tmp");
  for (const std::string& base : bases) {
    std::string pattern = base + "/rasdialer-check.XXXXXX";
    if (::mkdtemp(pattern.data())) {
      root_ = pattern;
      break;
    }
  }
  if (root_.empty()) {
    report.fail("setup", "cannot create a scratch root in " + bases.front() + " or /tmp");
    return false;
  }
  ::chmod(root_.c_str(), 0755);
  ::setenv("OPENRAS_ROOT", root_.c_str(), 1);
  auto wide_path = utf8_to_wide(dialer_path);
  auto book = utf8_to_wide(root_ + "/etc/openras/pbk/rasphone.pbk");
  if (!wide_path || !book) {
    report.fail("setup", "the dialer path is not valid UTF-8");
    return false;
  }
  phonebook_ = *book;
  return configure(*wide_path, report) && create_entry(phonebook_, *wide_path, report) &&
         start_rasmand(report);
}

void Scratch::tear_down(bool keep, Report& report) {
  if (rasmand_ > 0) {
    ::kill(rasmand_, SIGTERM);
    long long deadline = now_ms() + kRasmandStopSeconds * 1000;
    int status = 0;
    while (::waitpid(rasmand_, &status, WNOHANG) == 0) {
      if (now_ms() > deadline) {
        ::kill(rasmand_, SIGKILL);
        ::waitpid(rasmand_, &status, 0);
        break;
      }
      struct timespec pause {
        0, 20 * 1000 * 1000
      };
      ::nanosleep(&pause, nullptr);
    }
    rasmand_ = -1;
  }
  if (root_.empty()) return;
  if (keep) {
    report.pass("scratch", "scratch root kept at " + root_);
  } else {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  root_.clear();
}

Scratch::~Scratch() {
  Report ignored;
  tear_down(false, ignored);
}

}  // namespace openras::check
