// netif_bench.cpp: what giving a connection its IP side costs. One iteration of the main
// figure is a connection's whole interface life: create_tun(), configure_link() (MTU,
// address-generation off, up, point-to-point address, default route: five acknowledged
// requests) and closing the descriptor (the kernel tears the interface down). References in
// the same run: one RTM_GETLINK round trip (get_link: socket, request, answer, close), and
// a netlink socket()+close() alone. Wall-clock time: part of the work is the kernel's, off
// this thread. Runs in a network namespace of its own (unshare), so needs root.
#include <benchmark/benchmark.h>
#include <linux/netlink.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "netif/netif.h"

namespace netif = openras::netif;

namespace {

netif::LinkConfig slirp_like() {
  netif::LinkConfig c;
  c.ipv4 = netif::Ipv4Link{{10, 0, 2, 15}, {10, 0, 2, 2}};
  c.mtu = 1500;
  c.default_route = true;
  return c;
}

void BM_CreateConfigureDestroy(benchmark::State& state) {
  const auto config = slirp_like();
  for (auto _ : state) {
    auto tun = netif::create_tun();
    if (!tun) return state.SkipWithError(tun.error().message.c_str());
    if (auto s = netif::configure_link(tun->ifindex, config); !s) {
      return state.SkipWithError(s.error().message.c_str());
    }
  }  // the descriptor closes here: the interface goes with it
}
BENCHMARK(BM_CreateConfigureDestroy)->UseRealTime();

void BM_CreateDestroy(benchmark::State& state) {
  for (auto _ : state) {
    auto tun = netif::create_tun();
    if (!tun) return state.SkipWithError(tun.error().message.c_str());
  }
}
BENCHMARK(BM_CreateDestroy)->UseRealTime();

// configure_link() alone, on one interface over and over: the retry path, and what the five
// acknowledged requests cost without the interface's creation and teardown.
void BM_ConfigureAgain(benchmark::State& state) {
  auto tun = netif::create_tun();
  if (!tun) return state.SkipWithError(tun.error().message.c_str());
  const auto config = slirp_like();
  for (auto _ : state) {
    if (auto s = netif::configure_link(tun->ifindex, config); !s) {
      return state.SkipWithError(s.error().message.c_str());
    }
  }
}
BENCHMARK(BM_ConfigureAgain)->UseRealTime();

void BM_GetLinkRoundTrip(benchmark::State& state) {
  for (auto _ : state) {
    auto link = netif::get_link(1);  // lo
    if (!link) return state.SkipWithError(link.error().message.c_str());
    benchmark::DoNotOptimize(link->mtu);
  }
}
BENCHMARK(BM_GetLinkRoundTrip)->UseRealTime();

void BM_NetlinkSocketClose(benchmark::State& state) {
  for (auto _ : state) {
    int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0) return state.SkipWithError("socket(AF_NETLINK) failed");
    ::close(fd);
  }
}
BENCHMARK(BM_NetlinkSocketClose)->UseRealTime();

// Remembers each run's time per iteration so main() can print the ratios.
class RatioReporter final : public benchmark::ConsoleReporter {
 public:
  std::map<std::string, double> ns;
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      // "BM_X/real_time" → "BM_X"
      const std::string name = r.benchmark_name().substr(0, r.benchmark_name().find('/'));
      if (!r.error_occurred) ns[name] = r.GetAdjustedRealTime();
    }
    ConsoleReporter::ReportRuns(runs);
  }
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (::geteuid() != 0 || ::unshare(CLONE_NEWNET) != 0) {
    std::printf(
        "netif_bench: nothing measured: creating TUN interfaces in a private network "
        "namespace needs root (unshare(CLONE_NEWNET): %s)\n",
        std::strerror(errno));
    return 0;
  }
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  auto& ns = reporter.ns;
  for (const char* ours : {"BM_CreateConfigureDestroy", "BM_CreateDestroy", "BM_ConfigureAgain"}) {
    for (const char* base : {"BM_GetLinkRoundTrip", "BM_NetlinkSocketClose"}) {
      if (!ns.count(ours) || !ns.count(base)) continue;
      std::printf("ratio %s / %s: %.1f us / %.1f us = %.1fx\n", ours, base, ns[ours] / 1e3,
                  ns[base] / 1e3, ns[ours] / ns[base]);
    }
  }
  benchmark::Shutdown();
  return 0;
}
