// ratio.h: a benchmark figure beside a physical reference measured in the same run.
//
// On a shared 2-core machine absolute times move by 2-5x from one minute to the next; a
// ratio to something the kernel does anyway (a stat(), a plain read of the same file, a
// fork, a D-Bus round trip) measured alongside does not. measure_against() alternates a
// batch of the operation with a batch of the reference, so both see the same load, and
// reports the medians of the batches:
//   ns          the operation, per call
//   <ref>_ns    the reference, per call
//   x_<ref>     their ratio, the figure to read
// The benchmark's own Time column is the operation alone (manual time); register it with
// ->UseManualTime().
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

namespace openras::bench {

inline double median(std::vector<double> values) {
  if (values.empty()) return 0;
  auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

template <class Op, class Reference>
void measure_against(benchmark::State& state, const std::string& reference_name, Op&& op,
                     Reference&& reference, int batch = 32) {
  using Clock = std::chrono::steady_clock;
  std::vector<double> op_ns;
  std::vector<double> reference_ns;
  for (auto _ : state) {
    auto start = Clock::now();
    for (int i = 0; i < batch; ++i) op();
    auto middle = Clock::now();
    for (int i = 0; i < batch; ++i) reference();
    auto end = Clock::now();
    std::chrono::duration<double> op_time = middle - start;
    state.SetIterationTime(op_time.count() / batch);
    op_ns.push_back(std::chrono::duration<double, std::nano>(middle - start).count() / batch);
    reference_ns.push_back(std::chrono::duration<double, std::nano>(end - middle).count() / batch);
  }
  double per_call = median(op_ns);
  double ref = median(reference_ns);
  state.counters["ns"] = per_call;
  state.counters[reference_name + "_ns"] = ref;
  state.counters["x_" + reference_name] = ref > 0 ? per_call / ref : 0;
}

}  // namespace openras::bench
