// rasman_bench.cpp: what rasmand costs its clients, measured through the real daemon
// (tools/rasmand/rasmand beside this binary, or $OPENRAS_RASMAND) over its socket:
// register + unregister round trips, ListConnections with 1,000 connections, and the
// daemon's resident memory per registered connection (VmRSS before and after 1,000).
// Latency percentiles are reported as counters (p50_us, p99_us).
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "rasman/client.h"

namespace rasman = openras::rasman;

namespace {

// A rasmand in a private root of its own; stopped (SIGTERM) when destroyed.
class Daemon {
 public:
  Daemon() {
    char pattern[] = "/tmp/openras-bench-rasman.XXXXXX";
    root_ = ::mkdtemp(pattern);
    std::filesystem::permissions(root_, std::filesystem::perms(0755));
    std::string binary = daemon_binary();
    pid_ = ::fork();
    if (pid_ == 0) {
      // rasmand logs each connection dropped at the end of a run; keep the report readable.
      if (::getenv("OPENRAS_DEBUG") == nullptr) {
        int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (null >= 0) ::dup2(null, STDERR_FILENO);
      }
      ::execl(binary.c_str(), "rasmand", "--root", root_.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    socket_ = root_ + "/run/openras/rasman.sock";
    for (int i = 0; i < 100 && !client_; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (auto c = rasman::Client::connect(socket_)) client_ = std::move(*c);
    }
    if (!client_) {
      std::fprintf(stderr, "rasman_bench: %s did not start\n", binary.c_str());
      std::exit(1);
    }
  }
  ~Daemon() {
    client_.reset();
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    std::filesystem::remove_all(root_);
  }
  rasman::Client& client() { return *client_; }
  // rasmand's VmRSS in bytes.
  long rss() const {
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(status, line)) {
      if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6)) * 1024;
    }
    return -1;
  }

 private:
  static std::string daemon_binary() {
    if (const char* env = ::getenv("OPENRAS_RASMAND")) return env;
    auto self = std::filesystem::read_symlink("/proc/self/exe");
    return (self.parent_path().parent_path() / "tools/rasmand/rasmand").string();
  }
  std::string root_;
  std::string socket_;
  pid_t pid_ = -1;
  std::unique_ptr<rasman::Client> client_;
};

// The one shared by the latency benchmarks.
Daemon& daemon() {
  static Daemon d;
  return d;
}

rasman::CustomRegistration registration(uint64_t handle) {
  rasman::CustomRegistration r;
  r.handle = handle;
  r.dialer = "/usr/lib/openras/dialers/example.so";
  r.phonebook = "/etc/openras/pbk/rasphone.pbk";
  r.entry = "Office " + std::to_string(handle);
  r.device_type = "modem";
  r.device_name = "Test Modem";
  r.phone_number = "555-0100";
  return r;
}

void report_percentiles(benchmark::State& state, std::vector<double>& us) {
  if (us.empty()) return;
  std::sort(us.begin(), us.end());
  state.counters["p50_us"] = us[us.size() / 2];
  state.counters["p99_us"] = us[std::min(us.size() - 1, us.size() * 99 / 100)];
}

template <class F>
double time_us(F f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
      .count();
}

void BM_RegisterUnregister(benchmark::State& state) {
  auto& client = daemon().client();
  std::vector<double> us;
  uint64_t handle = 0x100000;
  for (auto _ : state) {
    ++handle;
    us.push_back(time_us([&] {
      if (!client.register_custom(registration(handle)) || !client.unregister(handle)) {
        state.SkipWithError("register/unregister failed");
      }
    }));
  }
  report_percentiles(state, us);
}
BENCHMARK(BM_RegisterUnregister)->Unit(benchmark::kMicrosecond);

void BM_ListConnections(benchmark::State& state) {
  auto& client = daemon().client();
  auto count = static_cast<uint64_t>(state.range(0));
  for (uint64_t h = 1; h <= count; ++h) (void)client.register_custom(registration(h));
  std::vector<double> us;
  for (auto _ : state) {
    us.push_back(time_us([&] {
      auto list = client.list_connections();
      if (!list || list->size() != count) state.SkipWithError("wrong list");
    }));
  }
  for (uint64_t h = 1; h <= count; ++h) (void)client.unregister(h);
  report_percentiles(state, us);
}
BENCHMARK(BM_ListConnections)->Arg(1)->Arg(1000)->Unit(benchmark::kMicrosecond);

// rasmand's RSS growth per registered connection, in a fresh daemon (so that no memory
// freed by earlier benchmarks is reused): VmRSS before and after `count` registrations.
double rss_per_connection(uint64_t count) {
  Daemon fresh;
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  long before = fresh.rss();
  for (uint64_t h = 1; h <= count; ++h) (void)fresh.client().register_custom(registration(h));
  long after = fresh.rss();
  return static_cast<double>(after - before) / static_cast<double>(count);
}

// Registers 1,000 connections per iteration (then unregisters them, untimed).
void BM_RegisterThousand(benchmark::State& state) {
  static const double per_1000 = rss_per_connection(1000);
  static const double per_10000 = rss_per_connection(10000);
  auto& client = daemon().client();
  constexpr uint64_t kCount = 1000;
  uint64_t base = 0x200000;
  for (auto _ : state) {
    for (uint64_t h = 0; h < kCount; ++h) {
      if (auto ok = client.register_custom(registration(base + h)); !ok) {
        state.SkipWithError(ok.error().message.c_str());
        return;
      }
    }
    state.PauseTiming();
    for (uint64_t h = 0; h < kCount; ++h) (void)client.unregister(base + h);
    base += kCount;
    state.ResumeTiming();
  }
  state.counters["rss_B_per_conn_1k"] = per_1000;
  state.counters["rss_B_per_conn_10k"] = per_10000;
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(kCount));
}
BENCHMARK(BM_RegisterThousand)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
