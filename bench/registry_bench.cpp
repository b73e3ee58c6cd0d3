// registry_bench.cpp: what the registry costs the callers that matter: a dialer's
// RegQueryValueExW of CustomDLL (warm: hive unchanged; cold: reopened and reparsed),
// the loader's allow-list check, parsing a hive, and one locked, fsynced write. Each
// figure is reported beside a physical reference measured in the same run (ratio.h):
// x_stat (a stat() of the hive), x_read (open, read and close the hive file),
// x_rewrite (a crash-safe rewrite of a file of the hive's size: write, fsync, rename, fsync
// the directory). Target (issue 17): warm RegQueryValueExW x_stat <= 3.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "base/fs.h"
#include "ratio.h"

#include "base/paths.h"
#include "registry/allowlist.h"
#include "registry/hive.h"
#include "registry/reg_format.h"
#include "registry/value_data.h"
#include "windows.h"

namespace reg = openras::registry;

namespace {

// A private root with CustomDLL listing two real files, for the whole run.
class Fixture {
 public:
  Fixture() {
    // The allow-list trusts a dialer only below directories nobody else can write, from
    // "/" down: not /tmp. As root, /var/lib; otherwise the dialers are not allowed (and
    // BM_IsDialerAllowed says so).
    std::string pattern =
        ::geteuid() == 0 ? "/var/lib/openras-bench.XXXXXX" : "/tmp/openras-bench.XXXXXX";
    root_ = ::mkdtemp(pattern.data());
    std::filesystem::permissions(root_, std::filesystem::perms(0755));
    ::setenv("OPENRAS_ROOT", root_.c_str(), 1);
    paths_ = std::make_unique<openras::Paths>(*openras::Paths::with_root(root_));
    for (const char* name : {"/a.so", "/b.so"}) {
      std::string path = root_ + name;
      FILE* f = std::fopen(path.c_str(), "w");
      if (f) std::fclose(f);
    }
    HKEY key = nullptr;
    RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"System\\CurrentControlSet\\Services\\Rasman\\Parameters",
                    0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &key, nullptr);
    std::wstring wide_root(root_.begin(), root_.end());
    std::wstring list = wide_root + L"/a.so" + L'\0' + wide_root + L"/b.so" + L'\0' + L'\0';
    RegSetValueExW(key, L"CustomDLL", 0, REG_MULTI_SZ, reinterpret_cast<const BYTE*>(list.data()),
                   static_cast<DWORD>(list.size() * sizeof(wchar_t)));
    RegCloseKey(key);
  }
  ~Fixture() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  const openras::Paths& paths() const { return *paths_; }
  const std::string& root() const { return root_; }
  std::string hive() const { return paths_->machine_hive(); }

 private:
  std::string root_;
  std::unique_ptr<openras::Paths> paths_;
};

Fixture& fixture() {
  static Fixture instance;
  return instance;
}

// The references.
void stat_hive() {
  static const std::string path = fixture().hive();
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) std::abort();
  benchmark::DoNotOptimize(st);
}

void read_hive() {
  static const std::string path = fixture().hive();
  auto text = openras::read_file(path);
  if (!text) std::abort();
  benchmark::DoNotOptimize(text);
}

// What any crash-safe replacement of a file of the hive's size costs, without parsing or
// locking: write a temporary file, fsync, rename, fsync the directory.
void rewrite_like_hive() {
  static const std::string text = *openras::read_file(fixture().hive());
  static const std::string dir = fixture().root() + "/etc/openras/registry";
  std::string tmp = dir + "/.reference.tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()) ||
      ::fsync(fd) != 0 || ::close(fd) != 0 ||
      ::rename(tmp.c_str(), (dir + "/reference.reg").c_str()) != 0) {
    std::abort();
  }
  int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ::fsync(dir_fd);
  ::close(dir_fd);
}

void BM_QueryCustomDllWarm(benchmark::State& state) {
  fixture();
  HKEY key = nullptr;
  RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"System\\CurrentControlSet\\Services\\Rasman\\Parameters", 0,
                KEY_READ, &key);
  WCHAR buffer[512];
  bool failed = false;
  auto query = [&] {
    DWORD size = sizeof buffer;
    DWORD type = 0;
    LSTATUS rc =
        RegQueryValueExW(key, L"CustomDLL", nullptr, &type, reinterpret_cast<BYTE*>(buffer), &size);
    failed |= rc != ERROR_SUCCESS;
    benchmark::DoNotOptimize(buffer);
  };
  openras::bench::measure_against(state, "stat", query, stat_hive);
  if (failed) state.SkipWithError("RegQueryValueExW failed");
  RegCloseKey(key);
}
BENCHMARK(BM_QueryCustomDllWarm)->UseManualTime();

// What a dialer installer or the loader does each time: open the key from HKLM, query,
// close (the root is resolved from OPENRAS_ROOT on every open).
void BM_OpenQueryClose(benchmark::State& state) {
  fixture();
  WCHAR buffer[512];
  bool failed = false;
  auto open_query_close = [&] {
    HKEY key = nullptr;
    DWORD size = sizeof buffer;
    failed |= RegOpenKeyExW(HKEY_LOCAL_MACHINE,
                            L"System\\CurrentControlSet\\Services\\Rasman\\Parameters", 0, KEY_READ,
                            &key) != ERROR_SUCCESS;
    failed |= RegQueryValueExW(key, L"CustomDLL", nullptr, nullptr, reinterpret_cast<BYTE*>(buffer),
                               &size) != ERROR_SUCCESS;
    RegCloseKey(key);
  };
  openras::bench::measure_against(state, "stat", open_query_close, stat_hive);
  if (failed) state.SkipWithError("RegOpenKeyExW/RegQueryValueExW failed");
}
BENCHMARK(BM_OpenQueryClose)->UseManualTime();

// A fresh Hive has an empty cache: trust walk, read, parse, every time.
void BM_ReadHiveCold(benchmark::State& state) {
  const auto& paths = fixture().paths();
  bool failed = false;
  auto cold = [&] {
    reg::Hive hive(paths, reg::RootKey::kLocalMachine);
    auto snapshot = hive.read();
    failed |= !snapshot;
    benchmark::DoNotOptimize(snapshot);
  };
  openras::bench::measure_against(state, "read", cold, read_hive, 8);
  if (failed) state.SkipWithError("read failed");
}
BENCHMARK(BM_ReadHiveCold)->UseManualTime();

void BM_IsDialerAllowed(benchmark::State& state) {
  const auto& paths = fixture().paths();
  std::string dialer = fixture().root() + "/b.so";
  bool failed = false;
  auto check = [&] {
    auto allowed = reg::is_dialer_allowed(paths, dialer);
    failed |= !allowed || !*allowed;
  };
  openras::bench::measure_against(state, "stat", check, stat_hive, 8);
  if (failed) state.SkipWithError("not allowed (run as root: the root must be trusted)");
}
BENCHMARK(BM_IsDialerAllowed)->UseManualTime();

void BM_ParseHive(benchmark::State& state) {
  reg::Key tree;
  reg::Key& key = tree.ensure({L"Software", L"Bench"});
  for (int64_t i = 0; i < state.range(0); ++i) {
    key.set_value(reg::Value{L"value" + std::to_wstring(i), reg::kRegMultiSz,
                             *reg::utf16_multi_string({L"/usr/lib/dialer.so", L"/opt/x.so"})});
  }
  std::string text = reg::write_reg(reg::RootKey::kLocalMachine, {}, tree, reg::RegEncoding::kUtf8);
  for (auto _ : state) {
    auto file = reg::parse_reg(text, "bench.reg");
    benchmark::DoNotOptimize(file);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_ParseHive)->Arg(10)->Arg(1000);

// One RegSetValueExW: lock, parse, write a temporary file, fsync, rename, fsync the directory.
void BM_SetValue(benchmark::State& state) {
  fixture();
  HKEY key = nullptr;
  RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"Software\\Bench", 0, nullptr, 0, KEY_ALL_ACCESS, nullptr,
                  &key, nullptr);
  DWORD counter = 0;
  bool failed = false;
  auto set = [&] {
    ++counter;
    failed |= RegSetValueExW(key, L"counter", 0, REG_DWORD, reinterpret_cast<const BYTE*>(&counter),
                             sizeof counter) != ERROR_SUCCESS;
  };
  openras::bench::measure_against(state, "rewrite", set, rewrite_like_hive, 1);
  if (failed) state.SkipWithError("RegSetValueExW failed");
  RegCloseKey(key);
}
BENCHMARK(BM_SetValue)->Iterations(100)->UseManualTime();

}  // namespace

BENCHMARK_MAIN();
