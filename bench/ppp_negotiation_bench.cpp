// ppp_negotiation_bench: how long PPP takes from "CONNECT" (the client's first LCP
// Configure-Request) to network-up (both IPCP Configure-Acks have crossed the line), in
// milliseconds and in round trips (the times the line turned around, halved), against
// real peers on ptys:
//   BM_SessionVsSlirp     our Session against slirp-fullbolt (as ppp.slirp_interop)
//   BM_PppdVsSlirp        Debian's pppd, in UML (tests/peers/uml-pppd), against the same
//                         slirp: the reference implementation for the same exchange; this
//                         process relays the two lines and times them the same way
//   BM_SessionVsPppd      our Session against pppd in UML as the server
// and the line's own round-trip time, an ICMP echo to slirp's 10.0.2.2 after network-up.
// A passive tap decodes both directions of every line, so all three are measured alike.
// At the end it prints ratios: ours / pppd's against slirp, and ours in echo round trips.
// Needs root (UML) and a private network namespace (slirp opens real sockets for unknown
// destinations): it re-runs itself under `unshare -n` when started outside one.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "ppp/framing.h"
#include "ppp/interop_test_util.h"
#include "ppp/protocols.h"

using namespace openras;
using namespace openras::ppp;
using namespace openras::ppp::interop;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

// Decodes both directions of a line; direction 0 is the client's.
class Tap {
 public:
  Tap() {
    for (auto& d : decoders_) d.set_receive_accm(0);  // raw control characters are data
  }
  void saw(int dir, Bytes bytes) {
    decoders_[dir].feed(bytes, [&](Bytes frame) { on_frame(dir, frame); });
  }
  [[nodiscard]] bool started() const { return started_; }
  [[nodiscard]] bool done() const { return acked_[0] && acked_[1]; }
  [[nodiscard]] double ms() const {
    return std::chrono::duration<double, std::milli>(end_ - start_).count();
  }
  [[nodiscard]] int round_trips() const { return (turns_ + 1) / 2; }
  int frames[2] = {0, 0};

 private:
  void on_frame(int dir, Bytes frame) {
    FrameHeader h;
    if (!parse_frame_header(frame, h) || h.info.empty()) return;
    const auto now = Clock::now();
    if (!started_) {
      if (dir != 0 || h.protocol != kProtoLcp || h.info[0] != 1) return;
      started_ = true;
      start_ = now;
    }
    if (done()) return;
    if (trace_) {
      std::fprintf(stderr, "%8.3f ms %s %04x code %u\n",
                   std::chrono::duration<double, std::milli>(now - start_).count(),
                   dir == 0 ? ">>" : "<<", h.protocol, h.info[0]);
    }
    ++frames[dir];
    if (dir != last_dir_) ++turns_;
    last_dir_ = dir;
    if (h.protocol == kProtoIpcp && h.info[0] == 2) {
      acked_[dir] = true;
      end_ = now;
    }
  }

  FrameDecoder decoders_[2] = {FrameDecoder(4096), FrameDecoder(4096)};
  // PPP_BENCH_TRACE=1: each frame of the exchange with its time, to see where it goes.
  bool trace_ = getenv("PPP_BENCH_TRACE") != nullptr;
  bool started_ = false;
  bool acked_[2] = {false, false};
  int last_dir_ = 1;
  int turns_ = 0;
  Clock::time_point start_, end_;
};

// A Session whose line goes through a tap.
class TapHost final : public EventRecorder {
 public:
  int fd = -1;
  Tap* tap = nullptr;
  std::vector<std::vector<uint8_t>> ip;
  void send_line(Bytes b) override {
    tap->saw(0, b);
    size_t done = 0;
    while (done < b.size()) {
      ssize_t n = ::write(fd, b.data() + done, b.size() - done);
      if (n <= 0 && errno != EINTR) return;
      if (n > 0) done += static_cast<size_t>(n);
    }
  }
  void receive_ip(uint16_t, Bytes b) override { ip.emplace_back(b.begin(), b.end()); }
};

// Per-run figures; the shared machine is noisy, so the ratios use medians.
struct Figures {
  std::vector<double> ms, round_trips, frames_out, frames_in, echo_ms;
};
std::map<std::string, Figures> g_figures;

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

void record(benchmark::State& state, const std::string& name, const Tap& tap) {
  Figures& f = g_figures[name];
  f.ms.push_back(tap.ms());
  f.round_trips.push_back(tap.round_trips());
  f.frames_out.push_back(tap.frames[0]);
  f.frames_in.push_back(tap.frames[1]);
  state.SetIterationTime(tap.ms() / 1000.0);
}

void publish(benchmark::State& state, const std::string& name) {
  const Figures& f = g_figures[name];
  if (f.ms.empty()) return;
  state.counters["median_ms"] = median(f.ms);
  state.counters["round_trips"] = median(f.round_trips);
  state.counters["frames_out"] = median(f.frames_out);
  state.counters["frames_in"] = median(f.frames_in);
  if (!f.echo_ms.empty()) state.counters["echo_ms"] = median(f.echo_ms);
}

// Reads from `fd` until `text` has been seen (slirp's banner) or `limit` passes.
bool read_until(int fd, std::string_view text, std::chrono::milliseconds limit) {
  const auto give_up = Clock::now() + limit;
  std::string seen;
  char buf[512];
  while (seen.find(text) == std::string::npos) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(give_up - Clock::now());
    pollfd p{fd, POLLIN, 0};
    if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) != 1) return false;
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) return false;
    seen.append(buf, static_cast<size_t>(n));
  }
  return true;
}

struct Scratch {
  fs::path dir;
  Scratch() {
    char tmpl[] = "/tmp/ppp-negotiation-XXXXXX";
    if (mkdtemp(tmpl) != nullptr) dir = tmpl;
    std::ofstream(dir / ".slirprc") << "ppp\n-bsdcomp\ndns 127.0.0.1\nppp_exit\nnozeros\n";
  }
  ~Scratch() { fs::remove_all(dir); }
};

Peer ready_slirp(const Scratch& s, benchmark::State& state) {
  Peer slirp = spawn_slirp(s.dir.string());
  // slirp talks once its banner is out (reference/ppp-peers.md 1.3): that is its CONNECT.
  if (slirp.pid < 0 || !read_until(slirp.fd, "SLiRP Ready", std::chrono::seconds(5))) {
    state.SkipWithError("slirp-fullbolt did not start");
  }
  return slirp;
}

// Our Session on `fd` until network-up, then (slirp only) three ICMP echoes for the RTT.
void session_run(benchmark::State& state, const std::string& name, int fd, bool wait_for_peer,
                 uint32_t echo_to) {
  Tap tap;
  TapHost host;
  host.fd = fd;
  host.tap = &tap;
  base::SystemClock clock;
  SystemRandom random;
  SessionConfig config;
  Session session(config, Credentials(), host, clock, random);
  uint8_t buf[4096];
  ssize_t first = 0;
  if (wait_for_peer) {
    // pppd flushes its line when it opens it: start when its first frame shows it listens
    // (and hand that frame to the session, which must see pppd's request).
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 30000) != 1 || (first = read(fd, buf, sizeof buf)) <= 0) {
      state.SkipWithError("the peer never spoke");
      return;
    }
  }
  session.start();
  // interop::run() feeds the session directly; this loop also shows the tap what arrives.
  auto feed = [&](Bytes b) {
    tap.saw(1, b);
    session.feed(b);
  };
  if (first > 0) feed(Bytes(buf, static_cast<size_t>(first)));
  auto pump = [&](auto done, std::chrono::milliseconds limit) {
    const auto give_up = Clock::now() + limit;
    while (!done()) {
      auto now = Clock::now();
      if (now >= give_up) return false;
      auto wake = std::min(give_up, session.next_deadline().value_or(give_up));
      pollfd p{fd, POLLIN, 0};
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(wake - now).count();
      if (poll(&p, 1, static_cast<int>(ms) + 1) > 0) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) return false;
        feed(Bytes(buf, static_cast<size_t>(n)));
      }
      session.on_timer(clock.now());
    }
    return true;
  };
  if (!pump([&] { return tap.done() && host.find<NetworkUp>(); }, std::chrono::seconds(30))) {
    state.SkipWithError("no network-up");
    return;
  }
  record(state, name, tap);
  if (echo_to != 0) {
    Figures& f = g_figures[name];
    double best = 0;
    for (int i = 0; i < 3; ++i) {
      host.ip.clear();
      const auto sent = Clock::now();
      if (!session.send_ip(icmp_echo(host.find<NetworkUp>()->ipv4.local, echo_to))) break;
      if (!pump([&] { return !host.ip.empty(); }, std::chrono::seconds(1))) continue;
      double ms = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
      if (best == 0 || ms < best) best = ms;
    }
    if (best > 0) f.echo_ms.push_back(best);
  }
  session.close();
  pump([&] { return host.find<LinkTerminated>() != nullptr; }, std::chrono::seconds(5));
}

void BM_SessionVsSlirp(benchmark::State& state) {
  Scratch scratch;
  for (auto _ : state) {
    Peer slirp = ready_slirp(scratch, state);
    if (slirp.pid > 0) session_run(state, "session-slirp", slirp.fd, false, 0x0A000202);
    stop_peer(slirp, std::chrono::seconds(5));
  }
  publish(state, "session-slirp");
}

void BM_PppdVsSlirp(benchmark::State& state) {
  Scratch scratch;
  for (auto _ : state) {
    Peer slirp = ready_slirp(scratch, state);
    // pppd as a client: take the address slirp gives, let slirp have the one pppd names.
    Peer pppd = spawn_uml_pppd(OPENRAS_UML_PPPD, (scratch.dir / "pppd.log").string(),
                               {"noipv6", "noccp", "ipcp-accept-local", "ipcp-accept-remote"});
    Tap tap;
    uint8_t buf[4096];
    const auto give_up = Clock::now() + std::chrono::seconds(40);
    while (!tap.done() && Clock::now() < give_up && slirp.pid > 0 && pppd.pid > 0) {
      pollfd p[2] = {{pppd.fd, POLLIN, 0}, {slirp.fd, POLLIN, 0}};
      if (poll(p, 2, 1000) <= 0) continue;
      for (int dir = 0; dir < 2; ++dir) {
        if (!(p[dir].revents & POLLIN)) continue;
        ssize_t n = read(p[dir].fd, buf, sizeof buf);
        if (n <= 0) continue;
        tap.saw(dir, Bytes(buf, static_cast<size_t>(n)));
        if (write(p[1 - dir].fd, buf, static_cast<size_t>(n)) != n) break;
      }
    }
    if (tap.done()) {
      record(state, "pppd-slirp", tap);
    } else {
      state.SkipWithError("pppd in UML did not reach network-up with slirp");
    }
    stop_peer(pppd, std::chrono::seconds(20));
    stop_peer(slirp, std::chrono::seconds(5));
  }
  publish(state, "pppd-slirp");
}

void BM_SessionVsPppd(benchmark::State& state) {
  Scratch scratch;
  for (auto _ : state) {
    Peer pppd = spawn_uml_pppd(OPENRAS_UML_PPPD, (scratch.dir / "pppd.log").string(), {"noipv6"});
    if (pppd.pid > 0) session_run(state, "session-pppd", pppd.fd, true, 0);
    stop_peer(pppd, std::chrono::seconds(20));
  }
  publish(state, "session-pppd");
}

BENCHMARK(BM_SessionVsSlirp)->UseManualTime()->Iterations(20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PppdVsSlirp)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SessionVsPppd)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

double median_of(const std::string& name, std::vector<double> Figures::*field) {
  return median(g_figures[name].*field);
}

}  // namespace

int main(int argc, char** argv) {
  if (geteuid() != 0) {
    std::fprintf(stderr, "ppp_negotiation_bench: needs root (UML, a private network namespace)\n");
    return 2;
  }
  if (!isolated_network()) {
    // slirp must not reach the host's network: go again in a namespace of our own.
    std::vector<char*> args = {const_cast<char*>("unshare"), const_cast<char*>("-n")};
    args.insert(args.end(), argv, argv + argc);
    args.push_back(nullptr);
    execvp("unshare", args.data());
    std::fprintf(stderr, "ppp_negotiation_bench: cannot run unshare -n: %s\n", strerror(errno));
    return 2;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  const double ours = median_of("session-slirp", &Figures::ms);
  const double pppd = median_of("pppd-slirp", &Figures::ms);
  const double echo = median_of("session-slirp", &Figures::echo_ms);
  const double vs_pppd = median_of("session-pppd", &Figures::ms);
  if (ours > 0 && pppd > 0) {
    std::printf(
        "ratio against slirp, ours/pppd (medians): %.3f ms / %.3f ms = %.3fx; round "
        "trips %.1f vs %.1f\n",
        ours, pppd, ours / pppd, median_of("session-slirp", &Figures::round_trips),
        median_of("pppd-slirp", &Figures::round_trips));
  }
  if (ours > 0 && echo > 0) {
    std::printf(
        "ratio against slirp, negotiation / ICMP echo round trip (medians): %.3f ms / "
        "%.3f ms = %.1f echo round trips\n",
        ours, echo, ours / echo);
  }
  if (vs_pppd > 0 && pppd > 0) {
    std::printf(
        "ratio ours-against-pppd / pppd-against-slirp (medians): %.2f ms / %.2f ms = "
        "%.2fx (pppd's own wait before IPCP dominates; PPP_BENCH_TRACE=1 shows it)\n",
        vs_pppd, pppd, vs_pppd / pppd);
  }
  benchmark::Shutdown();
  return 0;
}
