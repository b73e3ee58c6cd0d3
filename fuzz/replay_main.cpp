// replay_main.cpp: runs a libFuzzer target without libFuzzer, so every fuzz target also
// runs as an ordinary test under gcc and the sanitizers.
//
//   NAME_replay CORPUS_DIR [--mutate=N] [--seed=S]
// feeds every file of CORPUS_DIR to LLVMFuzzerTestOneInput, then N inputs made by
// byte-level mutations of those files (flips, inserts, deletes, splices, truncations), so
// a replay explores a little beyond the checked-in corpus. The mutations follow a seed
// that differs from run to run (so CI explores anew each time) unless --seed or
// OPENRAS_FUZZ_SEED gives one; it is printed first, so a failing run can be replayed
// exactly: NAME_replay CORPUS_DIR --mutate=N --seed=S.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

std::string mutate(const std::vector<std::string>& corpus, std::mt19937_64& rng) {
  auto pick = [&](size_t n) { return n == 0 ? size_t{0} : static_cast<size_t>(rng() % n); };
  std::string s = corpus.empty() ? std::string() : corpus[pick(corpus.size())];
  int steps = 1 + static_cast<int>(pick(4));
  for (int i = 0; i < steps; ++i) {
    switch (pick(6)) {
      case 0:  // flip a bit
        if (!s.empty()) s[pick(s.size())] ^= static_cast<char>(1 << pick(8));
        break;
      case 1:  // insert an interesting byte
        s.insert(pick(s.size() + 1), 1, "\0\n\r=[]\\\"\xff\x80,:"[pick(13)]);
        break;
      case 2:  // delete a run
        if (!s.empty()) {
          size_t at = pick(s.size());
          s.erase(at, 1 + pick(std::min<size_t>(16, s.size() - at)));
        }
        break;
      case 3:  // splice in part of another input
        if (!corpus.empty()) {
          const std::string& other = corpus[pick(corpus.size())];
          if (!other.empty()) {
            size_t from = pick(other.size());
            s.insert(pick(s.size() + 1), other.substr(from, 1 + pick(64)));
          }
        }
        break;
      case 4:  // truncate
        s.resize(pick(s.size() + 1));
        break;
      default:  // duplicate a run
        if (!s.empty()) {
          size_t at = pick(s.size());
          s.insert(at, s.substr(at, 1 + pick(32)));
        }
        break;
    }
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR [--mutate=N]\n", argv[0]);
    return 2;
  }
  long mutations = 0;
  const char* seed_text = std::getenv("OPENRAS_FUZZ_SEED");
  for (int i = 2; i < argc; ++i) {
    if (std::strncmp(argv[i], "--mutate=", 9) == 0) mutations = std::atol(argv[i] + 9);
    if (std::strncmp(argv[i], "--seed=", 7) == 0) seed_text = argv[i] + 7;
  }
  uint64_t seed = 0;
  if (seed_text && *seed_text) {
    seed = std::strtoull(seed_text, nullptr, 0);
  } else {
    std::random_device device;
    seed = (static_cast<uint64_t>(device()) << 32) | device();
  }
  // Printed (and flushed) before any input runs: a crash below still leaves it in the log.
  std::printf("seed %llu (replay: %s %s --mutate=%ld --seed=%llu)\n",
              static_cast<unsigned long long>(seed), argv[0], argv[1], mutations,
              static_cast<unsigned long long>(seed));
  std::fflush(stdout);
  std::vector<std::string> corpus;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1], ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    corpus.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (ec) {
    std::fprintf(stderr, "%s: cannot read corpus %s: %s\n", argv[0], argv[1], ec.message().c_str());
    return 2;
  }
  for (const std::string& input : corpus) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  }
  std::mt19937_64 rng(seed);
  for (long i = 0; i < mutations; ++i) {
    std::string input = mutate(corpus, rng);
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  }
  std::printf("replayed %zu corpus inputs and %ld mutations of seed %llu\n", corpus.size(),
              mutations, static_cast<unsigned long long>(seed));
  return 0;
}
