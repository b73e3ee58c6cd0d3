// at_reply.cpp: see at_reply.h.
#include "modem/at_reply.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace openras::modem {

namespace {

struct Verbose {
  std::string_view text;
  ReplyKind kind;
};

// Whole-line verbose codes (compared case-insensitively, surrounding blanks ignored).
constexpr Verbose kVerbose[] = {
    {"OK", ReplyKind::kOk},
    {"RING", ReplyKind::kRing},
    {"NO CARRIER", ReplyKind::kNoCarrier},
    {"ERROR", ReplyKind::kError},
    {"NO DIALTONE", ReplyKind::kNoDialtone},
    {"NO DIAL TONE", ReplyKind::kNoDialtone},
    {"BUSY", ReplyKind::kBusy},
    {"NO ANSWER", ReplyKind::kNoAnswer},
    {"DELAYED", ReplyKind::kError},
    {"BLACKLISTED", ReplyKind::kError},
    {"RINGING", ReplyKind::kInfo},
};

// Lines that start like this report progress; never a result.
constexpr std::string_view kInfoPrefixes[] = {
    "CARRIER ", "PROTOCOL:", "COMPRESSION:", "+MCR:",   "+MRR:",
    "+ER:",     "+DR:",      "+ILRR:",       "+FCERROR"};

struct Numeric {
  unsigned code;
  ReplyKind kind;
  uint32_t speed;
};

// V0 result codes: 0-8 as Hayes defined them, 10-19 the CONNECT rates most chipsets
// (Rockwell, Conexant) use. Vendors past 19 disagree, so those stay kUnknown.
constexpr Numeric kNumeric[] = {
    {0, ReplyKind::kOk, 0},
    {1, ReplyKind::kConnect, 0},
    {2, ReplyKind::kRing, 0},
    {3, ReplyKind::kNoCarrier, 0},
    {4, ReplyKind::kError, 0},
    {5, ReplyKind::kConnect, 1200},
    {6, ReplyKind::kNoDialtone, 0},
    {7, ReplyKind::kBusy, 0},
    {8, ReplyKind::kNoAnswer, 0},
    {10, ReplyKind::kConnect, 2400},
    {11, ReplyKind::kConnect, 4800},
    {12, ReplyKind::kConnect, 9600},
    {13, ReplyKind::kConnect, 7200},
    {14, ReplyKind::kConnect, 12000},
    {15, ReplyKind::kConnect, 14400},
    {16, ReplyKind::kConnect, 19200},
    {17, ReplyKind::kConnect, 38400},
    {18, ReplyKind::kConnect, 57600},
    {19, ReplyKind::kConnect, 115200},
};

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) !=
        std::toupper(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

bool istarts(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequal(s.substr(0, prefix.size()), prefix);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "CONNECT", "CONNECT 33600", "CONNECT 33600/ARQ/V42BIS", "CONNECT 28800 V42bis",
// "CONNECT 115200/LAPM": the first number after the word is the speed.
std::optional<uint32_t> connect_speed(std::string_view line) {
  if (!istarts(line, "CONNECT")) return std::nullopt;
  std::string_view rest = line.substr(7);
  if (rest.empty()) return 0u;
  if (rest.front() != ' ' && rest.front() != '/') return std::nullopt;  // "CONNECTED"
  rest = trim(rest);
  uint64_t speed = 0;
  std::size_t digits = 0;
  while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits])) &&
         digits < 10) {
    speed = speed * 10 + static_cast<uint64_t>(rest[digits] - '0');
    ++digits;
  }
  if (speed > UINT32_MAX) speed = 0;
  return static_cast<uint32_t>(speed);
}

}  // namespace

Reply classify_reply(std::string_view line) {
  Reply reply;
  reply.text.assign(line);
  std::string_view t = trim(line);
  if (!t.empty() && t.size() <= 2 &&
      std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    unsigned code = static_cast<unsigned>(std::stoul(std::string(t)));
    for (const Numeric& n : kNumeric) {
      if (n.code == code) {
        reply.kind = n.kind;
        reply.speed = n.speed;
        return reply;
      }
    }
    return reply;  // kUnknown
  }
  for (const Verbose& v : kVerbose) {
    if (iequal(t, v.text)) {
      reply.kind = v.kind;
      return reply;
    }
  }
  if (auto speed = connect_speed(t)) {
    reply.kind = ReplyKind::kConnect;
    reply.speed = *speed;
    return reply;
  }
  if (istarts(t, "+CME ERROR") || istarts(t, "+CMS ERROR")) {
    reply.kind = ReplyKind::kError;
    return reply;
  }
  for (std::string_view prefix : kInfoPrefixes) {
    if (istarts(t, prefix)) {
      reply.kind = ReplyKind::kInfo;
      return reply;
    }
  }
  return reply;
}

std::string_view reply_name(ReplyKind kind) {
  switch (kind) {
    case ReplyKind::kOk:
      return "OK";
    case ReplyKind::kConnect:
      return "CONNECT";
    case ReplyKind::kRing:
      return "RING";
    case ReplyKind::kNoCarrier:
      return "NO CARRIER";
    case ReplyKind::kError:
      return "ERROR";
    case ReplyKind::kNoDialtone:
      return "NO DIALTONE";
    case ReplyKind::kBusy:
      return "BUSY";
    case ReplyKind::kNoAnswer:
      return "NO ANSWER";
    case ReplyKind::kInfo:
      return "information";
    case ReplyKind::kUnknown:
      return "unrecognised";
  }
  return "?";
}

void LineSplitter::feed(std::string_view bytes) {
  for (char c : bytes) {
    if (c == '\r' || c == '\n') {
      if (!partial_.empty()) {
        ready_ += partial_;
        ready_ += '\n';
        partial_.clear();
      }
      continue;
    }
    // Parity noise, NULs and other controls are not part of any reply.
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) continue;
    partial_ += c;
    if (partial_.size() == kMaxLine) {
      ready_ += partial_;
      ready_ += '\n';
      partial_.clear();
    }
  }
}

std::optional<std::string> LineSplitter::next() {
  std::size_t end = ready_.find('\n');
  if (end == std::string::npos) return std::nullopt;
  std::string line = ready_.substr(0, end);
  ready_.erase(0, end + 1);
  return line;
}

void LineSplitter::clear() {
  partial_.clear();
  ready_.clear();
}

}  // namespace openras::modem
