// dial_bench.cpp: what a built-in dial costs through the real rasmand and its link
// processes, on test devices (docs/devices.md): RasDialW → RASCS_Connected notifier
// latency (p50, p99) for 1 dial at a time, with and without 50 idle clients connected
// (and with 1,000, with rasmand's CPU per dial then), and for 200 at once (and, for those,
// when RasDialW returned); CPU per dial, of this process and of rasmand;
// RasEnumConnectionsW with 1,000 built-in connections; rasmand's RSS per connection, each
// link process's RSS and PSS, and the link zygote's (links are the zygote's children, the
// zygote rasmand's).
// Every time is also given as a ratio to a reference measured in the same run: a D-Bus
// round trip to rasmand (Peer.Ping on a raw sd-bus connection) for the dials, a raw
// ListConnections of the same records (read in place, nothing converted) for the listing,
// and for the 200-dial burst's slope also a fork (+ _exit + waitpid, from a small process)
// and the floor one process per connection sets: the zygote's and the new links' CPU per
// dial, shared out over the CPUs.
// The clients are raw sd-bus connections, so the same file measures an older rasmand too
// (bench/before_after.sh's way: build it in the old tree and run both in turn).
// A small timing main (each figure is one distribution, not a loop to tune).
// Runs tools/rasmand/rasmand of this build in a private root of its own; as root the root
// goes under /var/lib (the HKLM hive must sit in a root-owned tree to be trusted).
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <systemd/sd-bus.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <latch>
#include <mutex>
#include <sstream>
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

// `n` dials of Bench0, each hung up before the next; the latency of each that connected.
void dial_one_at_a_time(int n, std::vector<double>& out) {
  for (int i = 0; i < n; ++i) {
    HRASCONN conn = nullptr;
    double us = dial(0, &conn);
    if (us >= 0) out.push_back(us);
    RasHangUpW(conn);
  }
}

double quantile(std::vector<double> us, double q) {
  if (us.empty()) return 0;
  std::sort(us.begin(), us.end());
  return us[static_cast<size_t>(q * static_cast<double>(us.size() - 1))];
}

// The reference every time is divided by: the p50 of a D-Bus round trip to rasmand.
double g_round_trip_us = 0;

void report(const char* what, std::vector<double> us) {
  if (us.empty()) {
    std::printf("%-44s no sample\n", what);
    return;
  }
  double p50 = quantile(us, 0.5);
  double p99 = quantile(us, 0.99);
  std::printf("%-44s n=%-5zu p50 %8.1f us (%6.1fx rt)   p99 %8.1f us (%6.1fx rt)   max %8.1f us\n",
              what, us.size(), p50, p50 / g_round_trip_us, p99, p99 / g_round_trip_us,
              *std::max_element(us.begin(), us.end()));
}

// A raw peer-to-peer sd-bus connection to rasmand's socket.
sd_bus* raw_bus(const std::string& socket) {
  sd_bus* bus = nullptr;
  if (sd_bus_new(&bus) < 0 || sd_bus_set_address(bus, ("unix:path=" + socket).c_str()) < 0 ||
      sd_bus_start(bus) < 0) {
    std::fprintf(stderr, "dial_bench: cannot connect to %s\n", socket.c_str());
    std::exit(1);
  }
  return bus;
}

// Microseconds of one Peer.Ping round trip, `n` times.
std::vector<double> ping(sd_bus* bus, int n) {
  std::vector<double> out;
  for (int i = 0; i < n; ++i) {
    auto start = Clock::now();
    sd_bus_error error{};
    int r = sd_bus_call_method(bus, nullptr, "/org/openras/RasMan1", "org.freedesktop.DBus.Peer",
                               "Ping", &error, nullptr, "");
    sd_bus_error_free(&error);
    if (r >= 0)
      out.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  return out;
}

// Microseconds of a ListConnections whose reply is walked in place (every field read, no
// string copied): the floor any listing of the same records has.
double raw_listing(sd_bus* bus, size_t* records) {
  auto start = Clock::now();
  sd_bus_message* reply = nullptr;
  sd_bus_error error{};
  int r = sd_bus_call_method(bus, nullptr, "/org/openras/RasMan1", "org.openras.RasMan1",
                             "ListConnections", &error, &reply, "");
  size_t n = 0;
  if (r >= 0) r = sd_bus_message_enter_container(reply, 'a', "(tuutuussssssb)");
  while (r >= 0 && sd_bus_message_enter_container(reply, 'r', "tuutuussssssb") > 0) {
    uint64_t handle = 0, start_time = 0;
    uint32_t uid = 0, pid = 0, state = 0, err = 0;
    const char* text[7] = {};
    int all = 0;
    r = sd_bus_message_read(reply, "tuutuussssssb", &handle, &uid, &pid, &start_time, &state, &err,
                            &text[0], &text[1], &text[2], &text[3], &text[4], &text[5], &text[6],
                            &all);
    if (r >= 0) r = sd_bus_message_exit_container(reply);
    ++n;
  }
  double us = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
  sd_bus_message_unref(reply);
  sd_bus_error_free(&error);
  *records = n;
  return us;
}

// Idle clients: connected, reading whatever rasmand sends them (as a monitor's event loop
// does), asking for nothing. Served by one thread until destroyed.
class IdleClients {
 public:
  IdleClients(const std::string& socket, int n) {
    for (int i = 0; i < n; ++i) {
      buses_.push_back(raw_bus(socket));
      (void)sd_bus_add_filter(buses_.back(), nullptr, count_signal, this);
    }
    thread_ = std::thread([this] {
      while (!stop_) {
        std::vector<pollfd> fds;
        for (sd_bus* bus : buses_) {
          while (sd_bus_process(bus, nullptr) > 0) {
          }
          fds.push_back({sd_bus_get_fd(bus), static_cast<short>(sd_bus_get_events(bus)), 0});
        }
        (void)::poll(fds.data(), fds.size(), 20);
      }
    });
  }
  ~IdleClients() {
    stop_ = true;
    thread_.join();
    for (sd_bus* bus : buses_) sd_bus_flush_close_unref(bus);
  }
  [[nodiscard]] long messages() const { return messages_; }

 private:
  static int count_signal(sd_bus_message* m, void* userdata, sd_bus_error*) {
    uint8_t type = 0;
    if (sd_bus_message_get_type(m, &type) >= 0 && type == SD_BUS_MESSAGE_SIGNAL) {
      ++static_cast<IdleClients*>(userdata)->messages_;
    }
    return 0;
  }
  std::vector<sd_bus*> buses_;
  std::atomic<bool> stop_{false};
  std::atomic<long> messages_{0};
  std::thread thread_;
};

// CPU time (user + system) in microseconds: of this process, and of `pid` from /proc.
double own_cpu_us() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e6 +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

// The fields of /proc/PID/stat after the process's name (the first is its state), as
// numbers (0 where one is not: the state); empty if the process is gone.
std::vector<double> stat_fields(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto close = text.rfind(')');
  std::vector<double> out;
  if (close == std::string::npos) return out;
  std::istringstream fields(text.substr(close + 1));
  std::string field;
  while (fields >> field) out.push_back(std::strtod(field.c_str(), nullptr));
  return out;
}

// Its own from each thread's schedstat (nanoseconds; /proc/PID/stat counts in ticks of
// 10 ms, coarser than a burst's share). With `children`, the CPU time of its children it
// has reaped (cutime + cstime, in ticks: nothing finer is kept) instead.
double process_cpu_us(pid_t pid, bool children = false) {
  if (!children) {
    double ns = 0;
    std::error_code ec;
    for (const auto& task :
         std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
      std::ifstream stat(task.path() / "schedstat");
      double on_cpu = 0;
      if (stat >> on_cpu) ns += on_cpu;
    }
    return ns / 1000;
  }
  // Fields 16 and 17 (cutime, cstime) are the 14th and 15th after the name.
  std::vector<double> fields = stat_fields(pid);
  if (fields.size() < 15) return 0;
  return (fields[13] + fields[14]) * 1e6 / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// Minor page faults of `pid` so far (/proc/PID/stat field 10): on this kind of machine each
// costs about 2 us, and a fork makes every page either side writes next cost one.
double minor_faults(pid_t pid) {
  std::vector<double> fields = stat_fields(pid);
  return fields.size() > 7 ? fields[7] : 0;  // the 8th after the name
}

// With OPENRAS_BENCH_PERF_CONTROL=FIFO, says "enable" and "disable" there around each
// 200-dial burst, for `perf record -D -1 --control fifo:FIFO`: a profile of the bursts only.
void profiler(const char* command) {
  static const int fd = [] {
    const char* fifo = std::getenv("OPENRAS_BENCH_PERF_CONTROL");
    return fifo != nullptr ? ::open(fifo, O_WRONLY | O_CLOEXEC) : -1;
  }();
  if (fd < 0) return;
  std::string line = std::string(command) + "\n";
  if (::write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) return;
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // perf acts on it, not at once
}

// The machine's CPU time from /proc/stat, busy and idle (idle and iowait), in ticks.
struct MachineTime {
  double busy = 0;
  double idle = 0;
};
MachineTime machine_time() {
  std::ifstream in("/proc/stat");
  std::string cpu;
  in >> cpu;  // "cpu": the sum over all CPUs
  MachineTime t;
  for (int i = 0; i < 8; ++i) {
    double ticks = 0;
    if (!(in >> ticks)) break;
    (i == 3 || i == 4 ? t.idle : t.busy) += ticks;
  }
  return t;
}

// The reference the burst's slope is set beside: a fork, an _exit and a wait, from a small
// process (forked at the start of main, before this one grows threads and connections),
// as one link per connection costs at least that. start_fork_reference() makes it; each
// fork_reference_us() asks it for the mean of 200, measured there and then.
struct ForkReference {
  int ask = -1;
  int answer = -1;
};
ForkReference start_fork_reference() {
  int to[2], from[2];
  if (::pipe2(to, O_CLOEXEC) < 0 || ::pipe2(from, O_CLOEXEC) < 0) return {};
  if (::fork() == 0) {
    ::close(to[1]);
    ::close(from[0]);
    char c = 0;
    while (::read(to[0], &c, 1) == 1) {
      constexpr int kForks = 200;
      auto start = Clock::now();
      for (int i = 0; i < kForks; ++i) {
        pid_t child = ::fork();
        if (child == 0) ::_exit(0);
        if (child > 0) ::waitpid(child, nullptr, 0);
      }
      double us = std::chrono::duration<double, std::micro>(Clock::now() - start).count() / kForks;
      if (::write(from[1], &us, sizeof us) != static_cast<ssize_t>(sizeof us)) break;
    }
    ::_exit(0);
  }
  ::close(to[0]);
  ::close(from[1]);
  return ForkReference{to[1], from[0]};
}
double fork_reference_us(const ForkReference& reference) {
  double us = 0;
  if (::write(reference.ask, "?", 1) != 1 ||
      ::read(reference.answer, &us, sizeof us) != static_cast<ssize_t>(sizeof us)) {
    return 0;
  }
  return us;
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

// With --burst, only the one-dial rounds and the 200-dial bursts run (for a profiler).
int main(int argc, char** argv) {
  const bool burst_only = argc > 1 && std::strcmp(argv[1], "--burst") == 0;
  const ForkReference fork_reference = start_fork_reference();  // while this process is small
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

  std::string socket = root + "/run/openras/rasman.sock";
  sd_bus* reference = raw_bus(socket);
  g_round_trip_us = quantile(ping(reference, 2000), 0.5);
  std::printf("reference: D-Bus round trip to rasmand (Peer.Ping) p50 %.1f us\n", g_round_trip_us);

  // 1. One dial at a time, in rounds: 50 dials with no other client, 50 with 50 idle clients
  // connected (each round connects them afresh), so both see the same load. The first dial
  // connects libopenras to rasmand and is not counted.
  HRASCONN first = nullptr;
  (void)dial(0, &first);
  RasHangUpW(first);
  std::vector<double> single;
  std::vector<double> with_idle;
  double cpu_self = 0, cpu_daemon = 0, cpu_zygote = 0, cpu_links = 0;
  pid_t zygote = 0;
  for (pid_t child : children(daemon)) {
    if (comm(child) == "openras-zygote") zygote = child;
  }
  long idle_messages = 0;
  for (int round = 0; round < 4; ++round) {
    double self_before = own_cpu_us(), daemon_before = process_cpu_us(daemon);
    double zygote_before = zygote ? process_cpu_us(zygote) : 0;
    double links_before = zygote ? process_cpu_us(zygote, true) : 0;
    dial_one_at_a_time(50, single);
    cpu_self += own_cpu_us() - self_before;
    cpu_daemon += process_cpu_us(daemon) - daemon_before;
    if (zygote) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the last link reaped
      cpu_zygote += process_cpu_us(zygote) - zygote_before;
      cpu_links += process_cpu_us(zygote, true) - links_before;
    }
    IdleClients idle(socket, 50);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    dial_one_at_a_time(50, with_idle);
    idle_messages += idle.messages();
  }
  report("RasDialW -> Connected, 1 dial", single);
  report("  the same with 50 idle clients connected", with_idle);
  std::printf(
      "  p99 with 50 idle clients / p99 with none: %.2f; signals the idle clients got: "
      "%.1f per dial\n",
      quantile(with_idle, 0.99) / quantile(single, 0.99),
      static_cast<double>(idle_messages) / static_cast<double>(with_idle.size()));
  std::printf(
      "  CPU per dial and hang-up: this process %.0f us (%.1fx rt), rasmand %.0f us "
      "(%.1fx rt)\n",
      cpu_self / 200, cpu_self / 200 / g_round_trip_us, cpu_daemon / 200,
      cpu_daemon / 200 / g_round_trip_us);
  std::printf(
      "  and for its link: the zygote %.0f us, the link process %.0f us (reaped by the "
      "zygote)\n",
      cpu_zygote / 200, cpu_links / 200);

  // 2. 200 dials at once, from 200 threads, three times (the machine is shared: the median
  // of the three slopes is the figure). Also when each RasDialW returned (rasmand accepted
  // the dial), which is the Dial round trips queueing, not the links starting.
  std::vector<double> slopes;
  std::vector<double> floors;
  const double cores = std::max(1U, std::thread::hardware_concurrency());
  const double fork_us = fork_reference_us(fork_reference);
  const double bursts_links_before = zygote ? process_cpu_us(zygote, true) : 0;
  for (int repeat = 0; repeat < 3; ++repeat) {
    std::vector<double> concurrent(200, -1);
    std::vector<double> returned(200, -1);
    std::vector<HRASCONN> conns(200, nullptr);
    double self_before = 0, daemon_before = 0, zygote_before = 0, zygote_faults_before = 0;
    double self_cpu = 0, daemon_cpu = 0, zygote_cpu = 0, zygote_faults = 0;
    MachineTime machine_before, machine_after;
    const std::vector<pid_t> links_before = zygote ? children(zygote) : std::vector<pid_t>{};
    {
      // The threads exist before the burst and start together, and end after it: making
      // and ending 200 threads is this harness's cost, not a dial's, and would be counted
      // in the slope otherwise.
      std::vector<std::thread> threads;
      std::latch ready(201);
      // A thread done with its dial sleeps (a condition variable: std::latch would spin
      // with sched_yield first, on the CPU the other dials need) until the burst is over.
      std::mutex done_mutex;
      std::condition_variable done_cv;   // the last dial tells the main thread
      std::condition_variable leave_cv;  // the main thread tells them all, after
      int dialled = 0;
      bool leave = false;
      for (int i = 0; i < 200; ++i) {
        auto at = static_cast<size_t>(i);
        threads.emplace_back([&, i, at] {
          ready.arrive_and_wait();
          concurrent[at] = dial(i, &conns[at], &returned[at]);
          std::unique_lock lock(done_mutex);
          if (++dialled == 200) done_cv.notify_one();
          leave_cv.wait(lock, [&] { return leave; });
        });
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));  // all of them waiting
      self_before = own_cpu_us();
      daemon_before = process_cpu_us(daemon);
      zygote_before = zygote ? process_cpu_us(zygote) : 0;
      zygote_faults_before = zygote ? minor_faults(zygote) : 0;
      machine_before = machine_time();
      profiler("enable");
      ready.arrive_and_wait();
      {
        std::unique_lock lock(done_mutex);
        done_cv.wait(lock, [&] { return dialled == 200; });
      }
      profiler("disable");
      machine_after = machine_time();
      self_cpu = own_cpu_us() - self_before;
      daemon_cpu = process_cpu_us(daemon) - daemon_before;
      zygote_cpu = zygote ? process_cpu_us(zygote) - zygote_before : 0;
      zygote_faults = zygote ? minor_faults(zygote) - zygote_faults_before : 0;
      {
        std::lock_guard lock(done_mutex);
        leave = true;
      }
      leave_cv.notify_all();
      for (auto& t : threads) t.join();
    }
    // The burst's links are still up (idle since Connected): their CPU is what starting
    // them took.
    double links_cpu = 0, links_faults = 0;
    for (pid_t link : zygote ? children(zygote) : std::vector<pid_t>{}) {
      if (std::find(links_before.begin(), links_before.end(), link) == links_before.end()) {
        links_cpu += process_cpu_us(link);
        links_faults += minor_faults(link);
      }
    }
    for (HRASCONN c : conns) RasHangUpW(c);
    std::erase_if(concurrent, [](double v) { return v < 0; });
    std::erase_if(returned, [](double v) { return v < 0; });
    report("RasDialW -> Connected, 200 concurrent", concurrent);
    report("  of which RasDialW returning", returned);
    // The links still run (their CPU is counted when the zygote reaps them): the burst's
    // share of the machine says whether it was bound by CPU or by waiting.
    const double busy = machine_after.busy - machine_before.busy;
    const double total = busy + machine_after.idle - machine_before.idle;
    std::printf(
        "  CPU per dial during the burst: this process %.0f us, rasmand %.0f us, the zygote "
        "%.0f us, the link up to Connected %.0f us; the machine was %.0f%% busy\n",
        self_cpu / 200, daemon_cpu / 200, zygote_cpu / 200, links_cpu / 200,
        total > 0 ? 100 * busy / total : 0);
    std::printf("  page faults per dial: the zygote %.1f, each link up to Connected %.1f\n",
                zygote_faults / 200, links_faults / 200);
    slopes.push_back((quantile(concurrent, 0.99) - quantile(single, 0.5)) / 199);
    // What the process of each connection alone adds per dial when the CPUs are shared out
    // perfectly: the floor of the slope with one process per connection (DESIGN.md §3).
    floors.push_back((zygote_cpu + links_cpu) / 200 / cores);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  std::printf("  p99 per added dial (median of 3): %.1f us (%.2fx rt, %.2fx a fork)\n",
              quantile(slopes, 0.5), quantile(slopes, 0.5) / g_round_trip_us,
              quantile(slopes, 0.5) / fork_us);
  std::printf(
      "  reference: a fork + _exit + waitpid from a small process %.1f us; the zygote's and "
      "the links' CPU per dial over %.0f CPUs (median of 3) %.1f us (%.2fx a fork)\n",
      fork_us, cores, quantile(floors, 0.5), quantile(floors, 0.5) / fork_us);
  if (zygote) {  // all 600 reaped by now; only ticks of 10 ms are kept for them
    std::printf("  each link process of the bursts, its whole life: %.0f us of CPU\n",
                (process_cpu_us(zygote, true) - bursts_links_before) / 600);
  }

  if (burst_only) {
    sd_bus_flush_close_unref(reference);
    ::kill(daemon, SIGTERM);
    ::waitpid(daemon, nullptr, 0);
    std::filesystem::remove_all(root);
    return 0;
  }

  // 2b. One dial at a time with 1,000 idle clients connected (about kMaxPeers): rasmand's
  // work for a dial must not grow with clients that asked to hear nothing.
  {
    IdleClients many(socket, 1000);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // all of them served
    std::vector<double> with_many;
    const double daemon_before = process_cpu_us(daemon);
    dial_one_at_a_time(50, with_many);
    const double daemon_per_dial = (process_cpu_us(daemon) - daemon_before) / 50;
    report("RasDialW -> Connected, 1,000 idle clients", with_many);
    std::printf(
        "  p99 / p99 with none: %.2f; rasmand CPU per dial and hang-up %.0f us, %.2fx with "
        "none; signals the idle clients got: %.1f per dial\n",
        quantile(with_many, 0.99) / quantile(single, 0.99), daemon_per_dial,
        daemon_per_dial / (cpu_daemon / 200),
        static_cast<double>(many.messages()) / static_cast<double>(with_many.size()));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // their sockets closed

  // 3. 1,000 connections: enumeration, memory.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  long rss_before = status_kb(daemon, "status", "VmRSS:");
  std::vector<HRASCONN> all(kDevices, nullptr);
  int up = 0;
  for (int i = 0; i < kDevices; ++i) up += dial(i, &all[static_cast<size_t>(i)]) >= 0;
  long rss_after = status_kb(daemon, "status", "VmRSS:");
  std::vector<RASCONNW> buffer(kDevices + 10);
  std::vector<double> enum_us;
  std::vector<double> raw_us;
  size_t raw_records = 0;
  for (int run = 0; run < 100; ++run) {  // each run also the reference, under the same load
    raw_us.push_back(raw_listing(reference, &raw_records));
    buffer[0].dwSize = sizeof(RASCONNW);
    DWORD cb = static_cast<DWORD>(buffer.size() * sizeof(RASCONNW)), count = 0;
    auto start = Clock::now();
    DWORD rc = RasEnumConnectionsW(buffer.data(), &cb, &count);
    enum_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    if (rc != 0 || count != static_cast<DWORD>(up))
      std::fprintf(stderr, "enum: rc %u count %u\n", rc, count);
  }
  report("RasEnumConnectionsW, 1,000 connections", enum_us);
  report("  raw ListConnections of the same records", raw_us);
  std::printf("  RasEnumConnectionsW / raw listing (p50): %.2f (%zu records)\n",
              quantile(enum_us, 0.5) / quantile(raw_us, 0.5), raw_records);
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
  sd_bus_flush_close_unref(reference);
  ::kill(daemon, SIGTERM);
  ::waitpid(daemon, nullptr, 0);
  std::filesystem::remove_all(root);
  return 0;
}
