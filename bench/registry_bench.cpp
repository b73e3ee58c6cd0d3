// registry_bench.cpp: what the registry costs the callers that matter: a dialer's
// RegQueryValueExW of CustomDLL (warm: hive unchanged; cold: reopened and reparsed),
// the loader's allow-list check, parsing a hive, and one locked, fsynced write.
#include <benchmark/benchmark.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <string>

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
    char pattern[] = "/tmp/openras-bench.XXXXXX";
    root_ = ::mkdtemp(pattern);
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

 private:
  std::string root_;
  std::unique_ptr<openras::Paths> paths_;
};

Fixture& fixture() {
  static Fixture instance;
  return instance;
}

void BM_QueryCustomDllWarm(benchmark::State& state) {
  fixture();
  HKEY key = nullptr;
  RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"System\\CurrentControlSet\\Services\\Rasman\\Parameters", 0,
                KEY_READ, &key);
  WCHAR buffer[512];
  for (auto _ : state) {
    DWORD size = sizeof buffer;
    DWORD type = 0;
    LSTATUS rc =
        RegQueryValueExW(key, L"CustomDLL", nullptr, &type, reinterpret_cast<BYTE*>(buffer), &size);
    if (rc != ERROR_SUCCESS) state.SkipWithError("RegQueryValueExW failed");
    benchmark::DoNotOptimize(buffer);
  }
  RegCloseKey(key);
}
BENCHMARK(BM_QueryCustomDllWarm);

// A fresh Hive has an empty cache: trust walk, read, parse, every time.
void BM_ReadHiveCold(benchmark::State& state) {
  const auto& paths = fixture().paths();
  for (auto _ : state) {
    reg::Hive hive(paths, reg::RootKey::kLocalMachine);
    auto snapshot = hive.read();
    if (!snapshot) state.SkipWithError("read failed");
    benchmark::DoNotOptimize(snapshot);
  }
}
BENCHMARK(BM_ReadHiveCold);

void BM_IsDialerAllowed(benchmark::State& state) {
  const auto& paths = fixture().paths();
  std::string dialer = fixture().root() + "/b.so";
  for (auto _ : state) {
    auto allowed = reg::is_dialer_allowed(paths, dialer);
    if (!allowed || !*allowed) state.SkipWithError("not allowed");
  }
}
BENCHMARK(BM_IsDialerAllowed);

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
  for (auto _ : state) {
    ++counter;
    if (RegSetValueExW(key, L"counter", 0, REG_DWORD, reinterpret_cast<const BYTE*>(&counter),
                       sizeof counter) != ERROR_SUCCESS) {
      state.SkipWithError("RegSetValueExW failed");
    }
  }
  RegCloseKey(key);
}
BENCHMARK(BM_SetValue)->Iterations(200);

}  // namespace

BENCHMARK_MAIN();
