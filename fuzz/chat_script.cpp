// chat_script.cpp (fuzz): any text is either a script or an error naming a line and column,
// never a crash; a script that parses runs against any line without crashing, ends at most
// once and with nothing after, never takes more bytes than it was given nor any after its
// end, and never puts the password in its log notes.
// Input: the script, a NUL byte, then the bytes the far end sends; a 0xff byte there
// advances the fake clock by a second and fires the runner's timer.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "modem/chat_script.h"

namespace {

using namespace openras;

constexpr std::string_view kPassword = "PASSWORD-FUZZ";

// Whether the script's own literals spell the password (the fuzzer finds it by comparison,
// and escapes can spell it too): then a note may show it as the script's text, which is
// not the secret \P substitutes.
bool spells_password(const modem::ChatScript& script) {
  auto in = [](const std::string& text) { return text.find(kPassword) != std::string::npos; };
  auto joined = [&](const std::vector<modem::SendPiece>& pieces) {
    std::string text;
    for (const auto& piece : pieces) {
      if (piece.kind == modem::SendPiece::Kind::kText) text += piece.text;
    }
    return in(text);
  };
  for (const auto& op : script.operations) {
    if (in(op.text) || joined(op.send)) return true;
    for (const auto& expect : op.expects) {
      if (in(expect)) return true;
    }
    for (const auto& pieces : op.subsends) {
      if (joined(pieces)) return true;
    }
  }
  return false;
}

struct Sink : modem::ChatRun::Sink {
  int ends = 0;
  bool script_spells_password = false;  // spells_password()
  void write(std::string_view) override {
    if (ends != 0) std::abort();
  }
  void note(const std::string& text) override {
    if (!script_spells_password && text.find(kPassword) != std::string::npos) std::abort();
  }
  void finished() override { ++ends; }
  void failed(modem::ScriptFailure, const std::string& message) override {
    if (message.rfind("line ", 0) != 0) std::abort();
    ++ends;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  std::string_view text = input.substr(0, nul);
  std::string_view line =
      nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);
  auto script = modem::parse_chat_script(text);
  if (!script) {
    const std::string& m = script.error().message;
    if (m.empty()) std::abort();
    return 0;
  }
  base::FakeClock clock;
  Sink sink;
  sink.script_spells_password = spells_password(*script);
  modem::ChatRun run(clock, *script, {"5550100", "user", std::string(kPassword)}, sink);
  run.start();
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (static_cast<uint8_t>(line[i]) == 0xff) {
      clock.advance(std::chrono::seconds(1));
      run.on_timer();
      continue;
    }
    std::size_t end = line.find('\xff', i);
    if (end == std::string_view::npos) end = line.size();
    std::string_view chunk = line.substr(i, end - i);
    const bool was_done = run.done();
    std::size_t used = run.on_bytes(chunk);
    if (used > chunk.size() || (was_done && used != 0)) std::abort();
    i = end - 1;
  }
  if (sink.ends > 1 || (run.done() != (sink.ends == 1))) std::abort();
  return 0;
}
