// modemsim.cpp (fuzz): the AT command parser and state machine of rasmodem-sim
// (src/modemsim) on any byte stream from the line, with time passing at chosen points and
// the far end talking and hanging up; and the --answer parser on the same bytes.
//
// Input: the bytes the dialling side sends, except 0xFF N, which advances the clock by
// N * 10 ms; 0xFE N, far end data of N bytes taken from what follows; 0xFD, far end closes.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "modemsim/modem.h"

namespace {

using namespace openras;

class NullHost : public modemsim::ModemHost {
 public:
  void to_line(std::string_view bytes) override { sent += bytes.size(); }
  Status start_far_end(const std::string& command) override {
    if (command.empty()) std::abort();  // parse_action never lets an empty command through
    return {};
  }
  void to_far_end(std::string_view) override {}
  void stop_far_end() override {}
  void log(char kind, std::string_view) override {
    if (kind != '<' && kind != '>' && kind != '*') std::abort();
  }
  size_t sent = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)modemsim::parse_action(input);
  modemsim::AnswerTable answers;
  (void)answers.add(input);
  (void)answers.add("1=connect");
  (void)answers.add("2=exec:cat");
  (void)answers.add("3=drop:0.05:connect");
  (void)answers.add("4=silent");

  base::FakeClock clock;
  NullHost host;
  modemsim::Modem modem(answers, clock, host);
  for (size_t i = 0; i < size; ++i) {
    const uint8_t byte = data[i];
    if (byte == 0xFF && i + 1 < size) {
      clock.advance(std::chrono::milliseconds(10 * data[++i]));
      auto deadline = modem.next_deadline();
      if (deadline && *deadline <= clock.now()) modem.on_timer();
    } else if (byte == 0xFE && i + 1 < size) {
      ++i;
      const size_t n = std::min<size_t>(data[i], size - i - 1);
      modem.on_far_end_data(input.substr(i + 1, n));
      i += n;
    } else if (byte == 0xFD) {
      modem.on_far_end_closed();
    } else {
      modem.on_line_data(input.substr(i, 1));
    }
    // Without a call nothing is timed, and the registers stay bytes.
    if (modem.state() == modemsim::ModemState::kCommand && modem.next_deadline()) std::abort();
    for (int r = 0; r < modemsim::Modem::kRegisterCount; ++r) {
      if (modem.reg(r) < 0 || modem.reg(r) > 255) std::abort();
    }
  }
  return 0;
}
