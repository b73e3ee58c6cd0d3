// modem_bench.cpp: the AT dialogue against rasmodem-sim on a real pty, answering at once.
// BM_CommandRoundTrip is the reference: one "AT" → "OK" through the pty and the simulator,
// the floor of any exchange (run second: tens of thousands of commands before a dial
// once left the simulator silent to the next ATZ, not yet understood). BM_DialToConnect runs the
// link's automaton (src/modem) from ATZ through two init strings to CONNECT, as the link does (a
// command goes out when the previous reply is in) and counts the waits that ended on a time-out
// rather than on a reply ("idle_waits"; the target is none). Its time over 4 round trips is the
// figure to report: about 1 means no fixed waits. Between dials the line is hung up with "+++" and
// ATH, the guard time cut to 20 ms with S12, outside the timing.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "base/clock.h"
#include "base/unique_fd.h"
#include "modem/at_dialogue.h"
#include "modem/serial.h"

namespace {

using namespace openras;

// rasmodem-sim of this build, serving until the process ends.
struct Sim {
  pid_t pid = -1;
  std::string port;
  Sim() {
    char self[PATH_MAX];
    ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    std::string dir(self, n > 0 ? static_cast<std::size_t>(n) : 0);
    dir.resize(dir.rfind('/'));
    std::string sim = dir + "/../tools/rasmodem-sim/rasmodem-sim";
    int out[2];
    if (::pipe2(out, O_CLOEXEC) < 0) return;
    pid = ::fork();
    if (pid == 0) {
      ::dup2(out[1], 1);
      ::execl(sim.c_str(), sim.c_str(), "--default", "connect", "--speed", "115200", nullptr);
      ::_exit(127);
    }
    ::close(out[1]);
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n') port += c;
    ::close(out[0]);
  }
  ~Sim() {
    if (pid > 0) {
      ::kill(pid, SIGTERM);
      ::waitpid(pid, nullptr, 0);
    }
  }
};

Sim& sim() {
  static Sim s;
  return s;
}

// The line, opened once: closing it is a DTR drop to the simulator, and what it sends while
// it notices would land in the next benchmark.
int line() {
  static UniqueFd fd = [] {
    UniqueFd f(::open(sim().port.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC));
    if (f) (void)modem::configure_line(f.get(), {115200, modem::FlowControl::kNone});
    return f;
  }();
  return fd.get();
}

struct Driver : modem::AtDialogue::Sink {
  int fd;
  bool done = false;
  bool ok = false;
  bool hung = false;
  explicit Driver(int line) : fd(line) {}
  void write(std::string_view b) override { (void)modem::write_some(fd, b); }
  void dialing(unsigned) override {}
  void connected(uint32_t, const std::string&) override { done = ok = true; }
  void failed(modem::DialFailure, const std::string& m) override {
    done = true;
    std::fprintf(stderr, "modem_bench: %s\n", m.c_str());
  }
  void hung_up() override { hung = true; }
};

// Runs the automaton until `until` holds; the waits that ended on a time-out.
template <class Until>
int run(int fd, modem::AtDialogue& dialogue, const base::Clock& clock, Until until) {
  int idle = 0;
  while (!until()) {
    int timeout = -1;
    if (auto d = dialogue.deadline()) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*d - clock.now()).count();
      timeout = left < 0 ? 0 : static_cast<int>(left) + 1;
    }
    pollfd p{fd, POLLIN, 0};
    int r = ::poll(&p, 1, timeout);
    if (r == 0) {
      ++idle;
      dialogue.on_timer();
      continue;
    }
    auto got = modem::read_some(fd);
    if (!got || !*got) return -1;
    dialogue.on_bytes(**got);
  }
  return idle;
}

void BM_DialToConnect(benchmark::State& state) {
  if (line() < 0) return state.SkipWithError("cannot open rasmodem-sim's pty");
  struct {
    int value;
    int get() const { return value; }
  } fd{line()};
  base::SystemClock clock;
  modem::DialPlan plan;
  plan.port = sim().port;
  plan.init = {"ATE1V1", "ATS12=1"};  // S12=1: a 20 ms escape guard time, for the hang-up
  plan.number = "5550100";
  plan.guard_time = std::chrono::milliseconds(40);
  int64_t idle = 0;
  for (auto _ : state) {
    Driver sink(fd.get());
    modem::AtDialogue dialogue(clock, plan, sink);
    dialogue.start();
    int waits = run(fd.get(), dialogue, clock, [&] { return sink.done; });
    if (waits < 0 || !sink.ok) return state.SkipWithError("the dial did not connect");
    idle += waits;
    state.PauseTiming();
    dialogue.hang_up_by_escape();
    (void)run(fd.get(), dialogue, clock, [&] { return sink.hung; });
    state.ResumeTiming();
  }
  state.counters["idle_waits"] = static_cast<double>(idle);
}
// A fixed count: the paused hang-ups (two guard times each) do not count towards the
// benchmark's minimum time, which would otherwise ask for thousands of dials.
BENCHMARK(BM_DialToConnect)->Unit(benchmark::kMicrosecond)->Iterations(100);

void BM_CommandRoundTrip(benchmark::State& state) {
  if (line() < 0) return state.SkipWithError("cannot open rasmodem-sim's pty");
  struct {
    int value;
    int get() const { return value; }
  } fd{line()};
  for (auto _ : state) {
    (void)modem::write_some(fd.get(), "AT\r");
    std::string in;
    while (in.find("OK\r\n") == std::string::npos) {
      pollfd p{fd.get(), POLLIN, 0};
      if (::poll(&p, 1, 5000) <= 0) return state.SkipWithError("no OK from rasmodem-sim");
      auto got = modem::read_some(fd.get());
      if (!got || !*got) return state.SkipWithError("the pty hung up");
      in += **got;
    }
  }
}
BENCHMARK(BM_CommandRoundTrip)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
