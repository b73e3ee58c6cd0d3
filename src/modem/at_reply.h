// at_reply.h: what a Hayes modem says, as typed values (STYLE.md: modem replies become
// typed errors where they are parsed). Two parts: LineSplitter cuts the byte stream into
// lines — a modem ends them with "\r\n" (verbose, V1), a lone "\r" (numeric, V0), and
// sometimes a lone "\n" or doubled breaks, so any run of CR/LF ends a line and empty
// lines vanish — and classify_reply() names each line. Verbose and numeric result codes
// are both understood (numeric: the Hayes/Rockwell table, 0-8 and 10-19). Lines of
// progress information (CARRIER, PROTOCOL, COMPRESSION, +MCR, +ER, +DR, RINGING) are kInfo;
// what is none of these is kUnknown, for the caller to judge (an echo of its command, an
// ATI banner, or garbage). Fuzzed: fuzz/at_replies.cpp. Thread: any.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace openras::modem {

enum class ReplyKind {
  kOk,
  kConnect,  // speed in Reply::speed (0: none given)
  kRing,     // unsolicited: ignored by a dialer
  kNoCarrier,
  kError,  // ERROR, +CME ERROR, DELAYED, BLACKLISTED: the modem refused the command
  kNoDialtone,
  kBusy,
  kNoAnswer,
  kInfo,
  kUnknown,
};

struct Reply {
  ReplyKind kind = ReplyKind::kUnknown;
  uint32_t speed = 0;  // kConnect: bits per second, 0 when the reply gives none
  std::string text;    // the line as received (printable bytes only)
};

[[nodiscard]] Reply classify_reply(std::string_view line);
[[nodiscard]] std::string_view reply_name(ReplyKind kind);

class LineSplitter {
 public:
  static constexpr std::size_t kMaxLine = 256;  // longer lines are cut into pieces

  void feed(std::string_view bytes);
  // The next complete line, without its breaks; nullopt when none is complete yet.
  [[nodiscard]] std::optional<std::string> next();
  // What has arrived after the last line break (a reply still coming, or a prompt).
  [[nodiscard]] const std::string& partial() const { return partial_; }
  void clear();

 private:
  std::string partial_;
  std::string ready_;  // complete lines, each followed by '\n'
};

}  // namespace openras::modem
