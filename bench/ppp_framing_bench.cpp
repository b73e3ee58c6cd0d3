// ppp_framing_bench: RFC 1662 framing throughput (MB/s of line bytes) of FrameDecoder and
// FrameEncoder against a classic byte-at-a-time deframer/framer with a one-table FCS (the
// shape of RFC 1662's appendix and of pppd-era code), on three lines of 1,000 frames of
// 1,500 bytes: random payload sent with ACCM 0 (what pppd negotiates), random payload with
// the default ACCM (slirp asks none: every control character escaped), and the worst case,
// every byte a flag (all escaped). Prints "ratio" lines: ours / baseline.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "ppp/fcs.h"
#include "ppp/framing.h"

using namespace openras::ppp;

namespace {

constexpr size_t kFrames = 1000;
constexpr size_t kPayload = 1500;

struct Line {
  uint32_t accm;
  std::vector<uint8_t> bytes;
};

Line make_line(int kind) {
  std::mt19937 rng(1662);
  Line line{kind == 0 ? 0U : kDefaultAccm, {}};
  FrameEncoder e;
  e.set_send_accm(line.accm);
  std::vector<uint8_t> payload(kPayload);
  for (size_t f = 0; f < kFrames; ++f) {
    for (auto& b : payload) b = kind == 2 ? 0x7E : static_cast<uint8_t>(rng());
    e.encode(0x0021, payload, line.bytes);
  }
  return line;
}

const Line& line(int kind) {
  static const std::array<Line, 3> lines{make_line(0), make_line(1), make_line(2)};
  return lines[static_cast<size_t>(kind)];
}

constexpr std::array<uint16_t, 256> make_table() {
  std::array<uint16_t, 256> t{};
  for (unsigned b = 0; b < 256; ++b) {
    uint16_t v = static_cast<uint16_t>(b);
    for (int i = 0; i < 8; ++i) v = (v & 1) ? static_cast<uint16_t>((v >> 1) ^ 0x8408) : v >> 1;
    t[b] = v;
  }
  return t;
}
constexpr std::array<uint16_t, 256> kTable = make_table();

// The reference: one branchy step and one table lookup per line byte.
size_t baseline_decode(const Line& l, std::vector<uint8_t>& buf) {
  size_t frames = 0, len = 0;
  uint16_t fcs = kFcs16Init;
  bool esc = false;
  for (uint8_t c : l.bytes) {
    if (c == 0x7E) {
      if (len >= 3 && fcs == kFcs16Good) ++frames;
      len = 0;
      fcs = kFcs16Init;
      esc = false;
      continue;
    }
    if (c == 0x7D) {
      esc = true;
      continue;
    }
    if (c < 0x20 && ((l.accm >> c) & 1U)) continue;
    if (esc) {
      c ^= 0x20;
      esc = false;
    }
    if (len < buf.size()) {
      buf[len++] = c;
      fcs = static_cast<uint16_t>((fcs >> 8) ^ kTable[(fcs ^ c) & 0xFF]);
    }
  }
  return frames;
}

void baseline_encode(uint32_t accm, const std::vector<uint8_t>& info, std::vector<uint8_t>& out) {
  uint16_t fcs = kFcs16Init;
  out.push_back(0x7E);
  auto put = [&](uint8_t c) {
    if (c == 0x7E || c == 0x7D || (c < 0x20 && ((accm >> c) & 1U))) {
      out.push_back(0x7D);
      out.push_back(c ^ 0x20);
    } else {
      out.push_back(c);
    }
  };
  for (uint8_t c : {uint8_t{0xFF}, uint8_t{0x03}, uint8_t{0x00}, uint8_t{0x21}}) {
    fcs = static_cast<uint16_t>((fcs >> 8) ^ kTable[(fcs ^ c) & 0xFF]);
    put(c);
  }
  for (uint8_t c : info) {
    fcs = static_cast<uint16_t>((fcs >> 8) ^ kTable[(fcs ^ c) & 0xFF]);
    put(c);
  }
  fcs ^= 0xFFFF;
  put(static_cast<uint8_t>(fcs));
  put(static_cast<uint8_t>(fcs >> 8));
  out.push_back(0x7E);
}

std::vector<uint8_t> payload_of(int kind) {
  std::mt19937 rng(7);
  std::vector<uint8_t> p(kPayload);
  for (auto& b : p) b = kind == 2 ? 0x7E : static_cast<uint8_t>(rng());
  return p;
}

void BM_Decode(benchmark::State& state) {
  const Line& l = line(static_cast<int>(state.range(0)));
  FrameDecoder d(kPayload);
  d.set_receive_accm(l.accm);
  size_t frames = 0;
  for (auto _ : state) {
    d.feed(l.bytes, [&](Bytes f) { frames += f.size() > 0; });
  }
  if (static_cast<int64_t>(frames) != static_cast<int64_t>(kFrames) * state.iterations())
    state.SkipWithError("frames lost");
  state.SetBytesProcessed(static_cast<int64_t>(l.bytes.size()) * state.iterations());
}

void BM_BaselineDecode(benchmark::State& state) {
  const Line& l = line(static_cast<int>(state.range(0)));
  std::vector<uint8_t> buf(kPayload + 8);
  size_t frames = 0;
  for (auto _ : state) frames += baseline_decode(l, buf);
  if (static_cast<int64_t>(frames) != static_cast<int64_t>(kFrames) * state.iterations())
    state.SkipWithError("frames lost");
  state.SetBytesProcessed(static_cast<int64_t>(l.bytes.size()) * state.iterations());
}

void BM_Encode(benchmark::State& state) {
  const int kind = static_cast<int>(state.range(0));
  auto payload = payload_of(kind);
  FrameEncoder e;
  e.set_send_accm(kind == 0 ? 0 : kDefaultAccm);
  std::vector<uint8_t> out;
  out.reserve(4 * kPayload);
  for (auto _ : state) {
    out.clear();
    e.encode(0x0021, payload, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(out.size()) * state.iterations());
}

void BM_BaselineEncode(benchmark::State& state) {
  const int kind = static_cast<int>(state.range(0));
  auto payload = payload_of(kind);
  std::vector<uint8_t> out;
  out.reserve(4 * kPayload);
  for (auto _ : state) {
    out.clear();
    baseline_encode(kind == 0 ? 0 : kDefaultAccm, payload, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(out.size()) * state.iterations());
}

void BM_Fcs16Sliced(benchmark::State& state) {
  auto p = payload_of(0);
  for (auto _ : state) benchmark::DoNotOptimize(fcs16(kFcs16Init, p));
  state.SetBytesProcessed(static_cast<int64_t>(p.size()) * state.iterations());
}

void BM_Fcs16Bytewise(benchmark::State& state) {
  auto p = payload_of(0);
  for (auto _ : state) benchmark::DoNotOptimize(fcs16_bytewise(kFcs16Init, p));
  state.SetBytesProcessed(static_cast<int64_t>(p.size()) * state.iterations());
}

// Argument: 0 = random payload, ACCM 0; 1 = random payload, default ACCM; 2 = all escaped.
BENCHMARK(BM_Decode)->Arg(0)->Arg(1)->Arg(2);
BENCHMARK(BM_BaselineDecode)->Arg(0)->Arg(1)->Arg(2);
BENCHMARK(BM_Encode)->Arg(0)->Arg(1)->Arg(2);
BENCHMARK(BM_BaselineEncode)->Arg(0)->Arg(1)->Arg(2);
BENCHMARK(BM_Fcs16Sliced);
BENCHMARK(BM_Fcs16Bytewise);

// Remembers each run's bytes per second so main() can print the ratios.
class RatioReporter final : public benchmark::ConsoleReporter {
 public:
  std::map<std::string, double> rates;
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      auto it = r.counters.find("bytes_per_second");
      if (it != r.counters.end()) rates[r.benchmark_name()] = it->second;
    }
    ConsoleReporter::ReportRuns(runs);
  }
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  const char* names[] = {"random, ACCM 0", "random, default ACCM", "every byte escaped"};
  for (const char* op : {"Decode", "Encode"}) {
    for (int k = 0; k < 3; ++k) {
      std::string ours = std::string("BM_") + op + "/" + std::to_string(k);
      std::string base = std::string("BM_Baseline") + op + "/" + std::to_string(k);
      if (!reporter.rates.count(ours) || !reporter.rates.count(base)) continue;
      std::printf("ratio %s (%s): %.0f MB/s vs baseline %.0f MB/s = %.2fx\n", op, names[k],
                  reporter.rates[ours] / 1e6, reporter.rates[base] / 1e6,
                  reporter.rates[ours] / reporter.rates[base]);
    }
  }
  if (reporter.rates.count("BM_Fcs16Sliced") && reporter.rates.count("BM_Fcs16Bytewise")) {
    std::printf("ratio FCS-16 sliced/bytewise: %.2fx\n",
                reporter.rates["BM_Fcs16Sliced"] / reporter.rates["BM_Fcs16Bytewise"]);
  }
  benchmark::Shutdown();
  return 0;
}
