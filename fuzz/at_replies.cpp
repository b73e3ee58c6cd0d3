// at_replies.cpp (fuzz): bytes from a modem line (src/modem/at_reply.h, at_dialogue.h) never
// crash the line splitter, the reply classifier or the AT automaton; lines never hold a
// CR or LF or exceed kMaxLine; the automaton reports at most one end (connected or
// failed) and nothing after it, however the bytes and the clock interleave.
// Input: the bytes the modem sends; a 0xff byte advances the fake clock by a second and
// fires the automaton's timer (so time-outs and redial pauses are reached).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "modem/at_dialogue.h"
#include "modem/at_reply.h"

namespace {

using namespace openras;

struct Sink : modem::AtDialogue::Sink {
  int ends = 0;
  void write(std::string_view) override {}
  void dialing(unsigned) override {
    if (ends != 0) std::abort();
  }
  void connected(uint32_t, const std::string&) override { ++ends; }
  void failed(modem::DialFailure, const std::string& message) override {
    if (message.find("port /dev/ttyFUZZ") != 0) std::abort();
    ++ends;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  modem::LineSplitter lines;
  lines.feed(bytes);
  while (auto line = lines.next()) {
    if (line->find_first_of("\r\n") != std::string::npos) std::abort();
    if (line->size() > modem::LineSplitter::kMaxLine || line->empty()) std::abort();
    auto reply = modem::classify_reply(*line);
    if (reply.text != *line) std::abort();
    if (reply.kind != modem::ReplyKind::kConnect && reply.speed != 0) std::abort();
    (void)modem::reply_name(reply.kind);
  }
  base::FakeClock clock;
  Sink sink;
  modem::DialPlan plan;
  plan.port = "/dev/ttyFUZZ";
  plan.init = {"AT&F", "ATE1V1"};
  plan.number = "5550100";
  plan.redial_count = 2;
  plan.redial_pause = std::chrono::seconds(2);
  modem::AtDialogue dialogue(clock, plan, sink);
  dialogue.start();
  std::size_t from = 0;
  for (std::size_t i = 0; i <= size; ++i) {
    if (i < size && data[i] != 0xff) continue;
    dialogue.on_bytes(bytes.substr(from, i - from));
    clock.advance(std::chrono::seconds(1));
    dialogue.on_timer();
    from = i + 1;
  }
  if (sink.ends > 1) std::abort();
  if (sink.ends == 1 && (!dialogue.done() || dialogue.deadline())) std::abort();
  return 0;
}
