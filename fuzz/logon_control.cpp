// logon_control.cpp (fuzz): a logon host's control messages (src/rasman/logon_control.h)
// on any bytes never crash, and what is accepted is what the host would have written:
// formatting it again and reading that gives the same message (the same bytes for text
// messages), and a question's style is PAM's 1..4.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "rasman/logon_control.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto m = openras::rasman::parse_host_message(input);
  using Kind = openras::rasman::HostMessage::Kind;
  std::string again;
  switch (m.kind) {
    case Kind::kMalformed:
      if (!m.text.empty() || m.question || m.style || m.result || m.handle) std::abort();
      return 0;
    case Kind::kDialed:
      again = "dialed " + std::to_string(m.result) + " " + std::to_string(m.handle);
      break;
    case Kind::kViolation:
      again = "violation " + m.text;
      break;
    case Kind::kLog:
      again = "log " + m.text;
      break;
    case Kind::kAsk:
      if (m.style < 1 || m.style > 4) std::abort();
      again = "ask " + std::to_string(m.question) + " " + std::to_string(m.style) + " " + m.text;
      break;
  }
  // Text messages come back byte for byte; numbers may have had leading zeros, so those
  // come back as the same values.
  if ((m.kind == Kind::kViolation || m.kind == Kind::kLog) && again != input) std::abort();
  auto back = openras::rasman::parse_host_message(again);
  if (back.kind != m.kind || back.result != m.result || back.handle != m.handle ||
      back.question != m.question || back.style != m.style || back.text != m.text) {
    std::abort();
  }
  return 0;
}
