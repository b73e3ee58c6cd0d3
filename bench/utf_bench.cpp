// utf_bench.cpp: conversion throughput of the text paths every API call crosses.
#include <benchmark/benchmark.h>

#include <string>

#include "base/utf.h"

namespace {

void BM_Utf8ToWide(benchmark::State& state) {
  std::string text(static_cast<size_t>(state.range(0)), 'a');
  text += "\xc3\xa9\xe2\x82\xac";
  for (auto _ : state) benchmark::DoNotOptimize(openras::utf8_to_wide(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_Utf8ToWide)->Arg(64)->Arg(4096);

void BM_WideToUtf16le(benchmark::State& state) {
  std::wstring text(static_cast<size_t>(state.range(0)), L'a');
  for (auto _ : state) benchmark::DoNotOptimize(openras::wide_to_utf16le(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0) * 4);
}
BENCHMARK(BM_WideToUtf16le)->Arg(64)->Arg(4096);

}  // namespace

BENCHMARK_MAIN();
