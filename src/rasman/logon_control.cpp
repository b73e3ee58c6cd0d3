// logon_control.cpp: a logon host's control messages (see logon_control.h).
#include "rasman/logon_control.h"

#include <charconv>

namespace openras::rasman {

namespace {

// Reads a decimal number up to the next space (or the end) from `rest`, which then
// starts after that space; false unless it is all digits and fits.
template <class T>
bool take_number(std::string_view& rest, T& value, bool last) {
  size_t end = rest.find(' ');
  if (end == std::string_view::npos) {
    if (!last) return false;
    end = rest.size();
  }
  std::string_view digits = rest.substr(0, end);
  if (digits.empty() || digits.size() > 20) return false;
  for (char ch : digits) {
    if (ch < '0' || ch > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) return false;
  rest.remove_prefix(end == rest.size() ? end : end + 1);
  return true;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

HostMessage parse_host_message(std::string_view message) {
  HostMessage out;
  if (starts_with(message, "violation ")) {
    out.kind = HostMessage::Kind::kViolation;
    out.text = message.substr(10);
  } else if (starts_with(message, "log ")) {
    out.kind = HostMessage::Kind::kLog;
    out.text = message.substr(4);
  } else if (starts_with(message, "dialed ")) {
    std::string_view rest = message.substr(7);
    if (take_number(rest, out.result, false) && take_number(rest, out.handle, true) &&
        rest.empty() && message.back() != ' ') {
      out.kind = HostMessage::Kind::kDialed;
    }
  } else if (starts_with(message, "ask ")) {
    std::string_view rest = message.substr(4);
    size_t before = rest.size();
    if (take_number(rest, out.question, false) && take_number(rest, out.style, false) &&
        out.style >= 1 && out.style <= 4 && rest.size() < before) {
      out.kind = HostMessage::Kind::kAsk;
      out.text = rest;
    }
  }
  if (out.kind == HostMessage::Kind::kMalformed) out = HostMessage{};
  return out;
}

}  // namespace openras::rasman
