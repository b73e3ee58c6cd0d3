// dial_bench.cpp: what a built-in dial costs through the real rasmand and its link
// processes, on test devices (docs/devices.md): RasDialW → RASCS_Connected notifier
// latency (p50, p99) for 1 dial at a time and for 200 at once (and, for those, when
// RasDialW returned); RasEnumConnectionsW with
// 1,000 built-in connections; rasmand's RSS per connection, each link process's RSS and
// PSS, and the link zygote's (links are the zygote's children, the zygote rasmand's).
// A small timing main (each figure is one distribution, not a loop to tune).
// Runs tools/rasmand/rasmand of this build in a private root of its own; as root the root
// goes under /var/lib (the HKLM hive must sit in a root-owned tree to be trusted).
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/paths.h"
#include "base/utf.h"
#include "ras.h"
#include "registry/hive.h"
#include "registry/names.h"
#include "registry/value_data.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kDevices = 1000;

struct Pending {
  std::mutex mutex;
  std::condition_variable cv;
  Clock::time_point connected;
  bool done = false;
  DWORD error = 0;
};

// RASDIALFUNC2: dwCallbackId is the Pending of the dial.
DWORD WINAPI on_state(ULONG_PTR id, DWORD, HRASCONN, UINT, RASCONNSTATE state, DWORD error, DWORD) {
  auto* p = reinterpret_cast<Pending*>(id);
  if (state == RASCS_Connected || error != 0) {
    std::lock_guard lock(p->mutex);
    p->connected = Clock::now();
    p->done = true;
    p->error = error;
    p->cv.notify_all();
    return 0;
  }
  return 1;
}

long status_kb(pid_t pid, const char* file, const char* key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/" + file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0) return std::stol(line.substr(std::strlen(key)));
  }
  return 0;
}

std::string comm(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/comm");
  std::string name;
  std::getline(in, name);
  return name;
}

std::vector<pid_t> children(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
  std::vector<pid_t> out;
  pid_t child = 0;
  while (in >> child) out.push_back(child);
  return out;
}

// Dials entry `n` (device TestN); returns microseconds to RASCS_Connected, or -1, and
// in `returned_us` (if given) when RasDialW itself returned (rasmand accepted the dial).
double dial(int n, HRASCONN* conn, double* returned_us = nullptr) {
  Pending p;
  RASDIALPARAMSW params{};
  params.dwSize = sizeof params;
  std::swprintf(params.szEntryName, RAS_MaxEntryName, L"Bench%d", n);
  params.dwCallbackId = reinterpret_cast<ULONG_PTR>(&p);
  *conn = nullptr;
  auto start = Clock::now();
  DWORD rc = RasDialW(nullptr, nullptr, &params, 2, reinterpret_cast<LPVOID>(&on_state), conn);
  if (rc != 0) {
    std::fprintf(stderr, "dial_bench: RasDialW Bench%d: %u\n", n, rc);
    return -1;
  }
  if (returned_us != nullptr) {
    *returned_us = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
  }
  std::unique_lock lock(p.mutex);
  p.cv.wait(lock, [&] { return p.done; });
  if (p.error != 0) return -1;
  return std::chrono::duration<double, std::micro>(p.connected - start).count();
}

void report(const char* what, std::vector<double> us) {
  std::sort(us.begin(), us.end());
  auto at = [&](double q) {
    return us[static_cast<size_t>(q * static_cast<double>(us.size() - 1))];
  };
  std::printf("%-44s n=%-5zu p50 %8.1f us   p99 %8.1f us   max %8.1f us\n", what, us.size(),
              at(0.5), at(0.99), us.back());
}

void setup_root(const std::string& root) {
  auto paths = openras::Paths::with_root(root);
  openras::registry::Hive hive(*paths, openras::registry::RootKey::kLocalMachine);
  auto type = openras::wide_to_utf16le(std::wstring(L"test") + L'\0');
  (void)hive.modify([&](openras::registry::Key& tree) -> openras::Result<bool> {
    for (int i = 0; i < kDevices; ++i) {
      auto path = openras::registry::split_key_path(L"Software\\OpenRAS\\Devices\\Test" +
                                                    std::to_wstring(i));
      tree.ensure(*path).set_value(
          openras::registry::Value{L"Type", openras::registry::kRegSz, *type});
    }
    return true;
  });
  std::filesystem::create_directories(root + "/etc/openras/pbk");
  std::ofstream pbk(root + "/etc/openras/pbk/rasphone.pbk");
  for (int i = 0; i < kDevices; ++i) {
    pbk << "[Bench" << i << "]\nEncoding=1\nType=1\n\nMEDIA=serial\nDevice=Test" << i
        << "\n\nDEVICE=test\nPhoneNumber=555" << i << "\n\n";
  }
}

}  // namespace

int main() {
  std::string base = ::geteuid() == 0 ? "/var/lib" : "/tmp";
  std::string pattern_text = base + "/openras-bench-dial.XXXXXX";
  std::vector<char> pattern(pattern_text.begin(), pattern_text.end());
  pattern.push_back('\0');
  std::string root = ::mkdtemp(pattern.data());
  std::filesystem::permissions(root, std::filesystem::perms(0755));
  setup_root(root);
  ::setenv("OPENRAS_ROOT", root.c_str(), 1);
  auto self = std::filesystem::read_symlink("/proc/self/exe");
  std::string rasmand = (self.parent_path().parent_path() / "tools/rasmand/rasmand").string();
  pid_t daemon = ::fork();
  if (daemon == 0) {
    int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null >= 0) ::dup2(null, STDERR_FILENO);
    ::execl(rasmand.c_str(), "rasmand", "--root", root.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  for (int i = 0; i < 100 && !std::filesystem::exists(root + "/run/openras/rasman.sock"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));

  // 1. One dial at a time (200 samples; the first connects libopenras to rasmand).
  std::vector<double> single;
  for (int i = 0; i < 201; ++i) {
    HRASCONN conn = nullptr;
    double us = dial(0, &conn);
    if (i > 0 && us >= 0) single.push_back(us);
    RasHangUpW(conn);
  }
  report("RasDialW -> Connected, 1 dial", single);

  // 2. 200 dials at once, from 200 threads.
  // Also when each RasDialW returned: the client library makes its calls to rasmand one at
  // a time, so that part is the 200 Dial round trips queueing, not the links starting.
  std::vector<double> concurrent(200, -1);
  std::vector<double> returned(200, -1);
  std::vector<HRASCONN> conns(200, nullptr);
  {
    std::vector<std::thread> threads;
    for (int i = 0; i < 200; ++i) {
      auto at = static_cast<size_t>(i);
      threads.emplace_back([&, i, at] { concurrent[at] = dial(i, &conns[at], &returned[at]); });
    }
    for (auto& t : threads) t.join();
  }
  for (HRASCONN c : conns) RasHangUpW(c);
  std::erase_if(concurrent, [](double v) { return v < 0; });
  std::erase_if(returned, [](double v) { return v < 0; });
  report("RasDialW -> Connected, 200 concurrent", concurrent);
  report("  of which RasDialW returning", returned);

  // 3. 1,000 connections: enumeration, memory.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  long rss_before = status_kb(daemon, "status", "VmRSS:");
  std::vector<HRASCONN> all(kDevices, nullptr);
  int up = 0;
  for (int i = 0; i < kDevices; ++i) up += dial(i, &all[static_cast<size_t>(i)]) >= 0;
  long rss_after = status_kb(daemon, "status", "VmRSS:");
  std::vector<RASCONNW> buffer(kDevices + 10);
  std::vector<double> enum_us;
  for (int run = 0; run < 100; ++run) {
    buffer[0].dwSize = sizeof(RASCONNW);
    DWORD cb = static_cast<DWORD>(buffer.size() * sizeof(RASCONNW)), count = 0;
    auto start = Clock::now();
    DWORD rc = RasEnumConnectionsW(buffer.data(), &cb, &count);
    enum_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    if (rc != 0 || count != static_cast<DWORD>(up))
      std::fprintf(stderr, "enum: rc %u count %u\n", rc, count);
  }
  report("RasEnumConnectionsW, 1,000 connections", enum_us);
  long link_rss = 0, link_pss = 0;
  std::vector<pid_t> links;
  for (pid_t child : children(daemon)) {
    if (comm(child) != "openras-zygote") {
      links.push_back(child);  // executed by rasmand, or orphaned by a dead zygote
      continue;
    }
    std::printf("link zygote: RSS %ld KB, PSS %ld KB\n", status_kb(child, "status", "VmRSS:"),
                status_kb(child, "smaps_rollup", "Pss:"));
    for (pid_t link : children(child)) links.push_back(link);
  }
  for (pid_t link : links) {
    link_rss += status_kb(link, "status", "VmRSS:");
    link_pss += status_kb(link, "smaps_rollup", "Pss:");
  }
  std::printf("connections up: %d; link processes: %zu\n", up, links.size());
  std::printf("rasmand RSS: %ld KB before, %ld KB with %d connections: %.1f KB per connection\n",
              rss_before, rss_after, up, static_cast<double>(rss_after - rss_before) / up);
  if (!links.empty()) {
    std::printf("link process: RSS %.1f KB, PSS %.1f KB each (mean)\n",
                static_cast<double>(link_rss) / static_cast<double>(links.size()),
                static_cast<double>(link_pss) / static_cast<double>(links.size()));
  }
  for (HRASCONN c : all) RasHangUpW(c);
  ::kill(daemon, SIGTERM);
  ::waitpid(daemon, nullptr, 0);
  std::filesystem::remove_all(root);
  return 0;
}
