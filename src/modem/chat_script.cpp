// chat_script.cpp: the post-connect script language (chat_script.h) and its runner.
#include "modem/chat_script.h"

#include <algorithm>
#include <cstdio>

namespace openras::modem {

namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// A token of the script as written: its text with quotes removed (escapes not yet read),
// where it began and whether it was quoted (a quoted ABORT is a string, not a keyword).
struct Token {
  std::string raw;
  std::size_t line = 0;
  std::size_t column = 0;
  bool quoted = false;
};

std::string where(std::size_t line, std::size_t column) {
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

Result<std::vector<Token>> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t line = 1;
  std::size_t column = 1;
  bool line_start = true;  // only blanks so far on this line
  std::size_t i = 0;
  auto advance = [&](char c) {
    ++i;
    if (c == '\n') {
      ++line;
      column = 1;
      line_start = true;
    } else {
      ++column;
    }
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      advance(c);
      continue;
    }
    if (c == '#' && line_start) {  // a comment to the end of the line
      while (i < text.size() && text[i] != '\n') advance(text[i]);
      continue;
    }
    line_start = false;
    Token token{{}, line, column, false};
    if (c == '\'' || c == '"') {
      token.quoted = true;
      advance(c);
      bool closed = false;
      while (i < text.size()) {
        const char d = text[i];
        if (d == '\n') break;
        if (d == c) {
          closed = true;
          advance(d);
          break;
        }
        if (d == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
          token.raw += d;
          advance(d);
          token.raw += text[i];
          advance(text[i]);
          continue;
        }
        token.raw += d;
        advance(d);
      }
      if (!closed) {
        return fail(Errc::kInvalidData, where(token.line, token.column) +
                                            ": the string has no closing " + std::string(1, c) +
                                            " on its line");
      }
    } else {
      while (i < text.size()) {
        const char d = text[i];
        if (d == ' ' || d == '\t' || d == '\r' || d == '\n') break;
        if (d == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
          token.raw += d;
          advance(d);
        }
        token.raw += text[i];
        advance(text[i]);
      }
    }
    if (token.raw.size() > 4 * kMaxScriptString) {
      return fail(Errc::kInvalidData, where(token.line, token.column) + ": a string longer than " +
                                          std::to_string(kMaxScriptString) + " bytes");
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

// Reads the escapes of one string (or one part of an expect). `send`: in a string to send,
// where pauses, \c and the dial's values are allowed.
class StringReader {
 public:
  StringReader(const Token& token, std::size_t offset, bool send)
      : token_(token), offset_(offset), send_(send) {}

  Result<std::vector<SendPiece>> read(std::string_view raw, bool& no_cr) {
    std::vector<SendPiece> pieces;
    auto text = [&](char c) {
      if (pieces.empty() || pieces.back().kind != SendPiece::Kind::kText) pieces.push_back({});
      pieces.back().text += c;
    };
    no_cr = false;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      const char c = raw[i];
      const std::size_t at = i;
      if (c == '^') {
        if (i + 1 >= raw.size()) return error(at, "^ ends the string; write \\^ for a ^");
        const char d = raw[++i];
        if ((d >= '@' && d <= '_') || (d >= 'a' && d <= 'z')) {
          text(static_cast<char>(d & 0x1f));
          continue;
        }
        return error(at, std::string("^") + d + " is no control character; write \\^ for a ^");
      }
      if (c != '\\') {
        text(c);
        continue;
      }
      if (i + 1 >= raw.size()) return error(at, "\\ ends the string; write \\\\ for a \\");
      const char e = raw[++i];
      switch (e) {
        case 'b':
          text('\b');
          break;
        case 'n':
          text('\n');
          break;
        case 'r':
          text('\r');
          break;
        case 's':
          text(' ');
          break;
        case 't':
          text('\t');
          break;
        case 'N':
          text('\0');
          break;
        case '\\':
        case '^':
        case '-':
        case '\'':
        case '"':
          text(e);
          break;
        case 'c':
          if (!send_) return error(at, "\\c is for strings to send");
          if (i + 1 < raw.size()) return error(at, "\\c may only end a string to send");
          no_cr = true;
          break;
        case 'd':
        case 'p':
          if (!send_) return error(at, std::string("\\") + e + " (a pause) is for strings to send");
          pieces.push_back({SendPiece::Kind::kPause, {}, milliseconds(e == 'd' ? 1000 : 100)});
          break;
        case 'T':
        case 'L':
        case 'P': {
          if (!send_) return error(at, std::string("\\") + e + " is for strings to send");
          const auto kind = e == 'T'   ? SendPiece::Kind::kNumber
                            : e == 'L' ? SendPiece::Kind::kUser
                                       : SendPiece::Kind::kPassword;
          pieces.push_back({kind, {}, milliseconds(0)});
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            unsigned value = static_cast<unsigned>(e - '0');
            for (int n = 0; n < 2 && i + 1 < raw.size() && raw[i + 1] >= '0' && raw[i + 1] <= '7';
                 ++n) {
              value = value * 8 + static_cast<unsigned>(raw[++i] - '0');
            }
            if (value > 0xff) return error(at, "an octal escape above \\377");
            text(static_cast<char>(value));
            break;
          }
          return error(at, std::string("\\") + e +
                               " is not an escape OpenRAS scripts know (\\b \\c \\d \\n \\N "
                               "\\p \\r \\s \\t \\\\ \\ddd \\T \\L \\P)");
      }
    }
    std::size_t length = 0;
    for (const SendPiece& p : pieces) length += p.text.size();
    if (length > kMaxScriptString) {
      return error(0, "a string longer than " + std::to_string(kMaxScriptString) + " bytes");
    }
    return pieces;
  }

 private:
  tl::unexpected<Error> error(std::size_t at, const std::string& what) const {
    // The column of the character in the token as written (quotes count one).
    const std::size_t column = token_.column + offset_ + at + (token_.quoted ? 1 : 0);
    return fail(Errc::kInvalidData, where(token_.line, column) + ": " + what);
  }

  const Token& token_;
  std::size_t offset_;
  bool send_;
};

Result<std::string> read_plain(const Token& token, std::string_view raw, std::size_t offset) {
  bool no_cr = false;
  auto pieces = StringReader(token, offset, false).read(raw, no_cr);
  if (!pieces) return fail(pieces.error());
  return pieces->empty() ? std::string() : pieces->front().text;
}

Result<std::vector<SendPiece>> read_send(const Token& token, std::string_view raw,
                                         std::size_t offset) {
  bool no_cr = false;
  auto pieces = StringReader(token, offset, true).read(raw, no_cr);
  if (!pieces) return pieces;
  if (!no_cr) {
    if (pieces->empty() || pieces->back().kind != SendPiece::Kind::kText) pieces->push_back({});
    pieces->back().text += '\r';
  }
  return pieces;
}

// Splits an expect at its unescaped dashes.
std::vector<std::pair<std::string_view, std::size_t>> split_dashes(std::string_view raw) {
  std::vector<std::pair<std::string_view, std::size_t>> parts;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\') {
      ++i;
      continue;
    }
    if (raw[i] == '-') {
      parts.emplace_back(raw.substr(begin, i - begin), begin);
      begin = i + 1;
    }
  }
  parts.emplace_back(raw.substr(begin), begin);
  return parts;
}

bool is_keyword(const Token& t, std::string_view word) { return !t.quoted && t.raw == word; }

}  // namespace

Result<ChatScript> parse_chat_script(std::string_view text) {
  if (text.size() > kMaxScriptBytes) {
    return fail(Errc::kInvalidData,
                "the script is larger than " + std::to_string(kMaxScriptBytes) + " bytes");
  }
  if (text.find('\0') != std::string_view::npos) {
    return fail(Errc::kInvalidData, "the script holds a NUL byte: it is not a text file");
  }
  auto tokens = tokenize(text);
  if (!tokens) return fail(tokens.error());
  ChatScript script;
  bool expect_position = true;
  for (std::size_t i = 0; i < tokens->size(); ++i) {
    const Token& t = (*tokens)[i];
    if (script.operations.size() >= kMaxScriptOperations) {
      return fail(Errc::kInvalidData, where(t.line, t.column) + ": more than " +
                                          std::to_string(kMaxScriptOperations) + " steps");
    }
    ScriptOperation op;
    op.line = t.line;
    if (expect_position) {
      for (std::string_view word : {"CLR_ABORT", "REPORT", "CLR_REPORT", "ECHO", "HANGUP"}) {
        if (is_keyword(t, word)) {
          return fail(Errc::kInvalidData, where(t.line, t.column) + ": " + std::string(word) +
                                              " is a chat(8) keyword OpenRAS scripts do not "
                                              "have (ABORT, TIMEOUT and SAY are there)");
        }
      }
      if (is_keyword(t, "ABORT") || is_keyword(t, "TIMEOUT") || is_keyword(t, "SAY")) {
        if (i + 1 >= tokens->size()) {
          return fail(Errc::kInvalidData,
                      where(t.line, t.column) + ": " + t.raw + " needs a value after it");
        }
        const Token& value = (*tokens)[++i];
        if (t.raw == "TIMEOUT") {
          unsigned long n = 0;
          bool digits = !value.raw.empty() && value.raw.size() <= 5 &&
                        value.raw.find_first_not_of("0123456789") == std::string::npos;
          if (digits) n = std::stoul(value.raw);
          if (!digits || n == 0 || seconds(n) > kMaxScriptTimeout) {
            return fail(Errc::kInvalidData, where(value.line, value.column) +
                                                ": TIMEOUT takes whole seconds from 1 to " +
                                                std::to_string(kMaxScriptTimeout.count()));
          }
          op.kind = ScriptOperation::Kind::kTimeout;
          op.timeout = seconds(n);
        } else {
          auto s = read_plain(value, value.raw, 0);
          if (!s) return fail(s.error());
          if (t.raw == "ABORT" && s->empty()) {
            return fail(Errc::kInvalidData,
                        where(value.line, value.column) + ": ABORT needs a non-empty string");
          }
          op.kind = t.raw == "ABORT" ? ScriptOperation::Kind::kAbort : ScriptOperation::Kind::kSay;
          op.text = std::move(*s);
        }
        script.operations.push_back(std::move(op));
        continue;
      }
      op.kind = ScriptOperation::Kind::kExpect;
      auto parts = split_dashes(t.raw);
      for (std::size_t p = 0; p < parts.size(); ++p) {
        if (p % 2 == 0) {
          auto s = read_plain(t, parts[p].first, parts[p].second);
          if (!s) return fail(s.error());
          op.expects.push_back(std::move(*s));
        } else {
          auto s = read_send(t, parts[p].first, parts[p].second);
          if (!s) return fail(s.error());
          op.subsends.push_back(std::move(*s));
        }
      }
      if (op.expects.size() == op.subsends.size()) {
        return fail(Errc::kInvalidData, where(t.line, t.column) +
                                            ": an expect ends in a string to send after a "
                                            "dash; end it with what to expect (or write \\-)");
      }
    } else {
      if (is_keyword(t, "BREAK")) {
        return fail(Errc::kInvalidData,
                    where(t.line, t.column) + ": BREAK is not supported by OpenRAS scripts");
      }
      op.kind = ScriptOperation::Kind::kSend;
      if (is_keyword(t, "EOT")) {
        op.send.push_back({SendPiece::Kind::kText, std::string(1, '\x04'), milliseconds(0)});
      } else {
        auto s = read_send(t, t.raw, 0);
        if (!s) return fail(s.error());
        op.send = std::move(*s);
      }
    }
    script.operations.push_back(std::move(op));
    expect_position = !expect_position;
  }
  return script;
}

// ---- the runner ----

ChatRun::ChatRun(const base::Clock& clock, const ChatScript& script, ScriptValues values,
                 Sink& sink)
    : clock_(clock), script_(script), values_(std::move(values)), sink_(sink) {}

ChatRun::~ChatRun() { std::fill(values_.password.begin(), values_.password.end(), '\0'); }

void ChatRun::start() {
  phase_ = Phase::kRunning;
  run();
}

// Carries out operations until one waits (an expect, a pause) or the script ends.
void ChatRun::run() {
  while (phase_ == Phase::kRunning) {
    if (next_ >= script_.operations.size()) {
      phase_ = Phase::kDone;
      deadline_.reset();
      leftover_ = std::move(received_);  // arrived after the last match: not the script's
      received_.clear();
      std::fill(values_.password.begin(), values_.password.end(), '\0');
      sink_.finished();
      return;
    }
    const ScriptOperation& op = script_.operations[next_++];
    switch (op.kind) {
      case ScriptOperation::Kind::kAbort:
        aborts_.push_back(op.text);
        break;
      case ScriptOperation::Kind::kTimeout:
        timeout_ = op.timeout;
        break;
      case ScriptOperation::Kind::kSay:
        sink_.note("says: " + op.text);
        break;
      case ScriptOperation::Kind::kExpect:
        expect_ = &op;
        alternative_ = 0;
        begin_expect();
        break;
      case ScriptOperation::Kind::kSend:
        after_subsend_ = false;
        begin_send(op.send);
        break;
    }
  }
}

void ChatRun::begin_expect() {
  const std::string& wanted = expect_->expects[alternative_];
  if (wanted.empty()) {  // "" expects nothing
    phase_ = Phase::kRunning;
    return;
  }
  sink_.note("line " + std::to_string(expect_->line) + ": waiting for \"" + wanted + "\"");
  phase_ = Phase::kExpecting;
  deadline_ = clock_.now() + timeout_;
  // What is already in (it arrived during a pause or a send) may hold the match.
  std::string pending;
  pending.swap(received_);
  std::size_t used = on_bytes(pending);
  if (used < pending.size()) leftover_ += pending.substr(used);  // the script ended in it
}

void ChatRun::begin_send(const std::vector<SendPiece>& pieces) {
  sending_ = &pieces;
  piece_ = 0;
  phase_ = Phase::kSending;
  deadline_.reset();
  continue_send();
}

void ChatRun::continue_send() {
  while (piece_ < sending_->size()) {
    const SendPiece& p = (*sending_)[piece_++];
    switch (p.kind) {
      case SendPiece::Kind::kText:
        sink_.write(p.text);
        break;
      case SendPiece::Kind::kNumber:
        sink_.write(values_.number);
        break;
      case SendPiece::Kind::kUser:
        sink_.write(values_.user);
        break;
      case SendPiece::Kind::kPassword:
        sink_.write(values_.password);
        break;
      case SendPiece::Kind::kPause:
        deadline_ = clock_.now() + p.pause;
        return;  // on_timer() goes on
    }
  }
  sending_ = nullptr;
  deadline_.reset();
  if (after_subsend_) {  // back to the expect, its next alternative
    after_subsend_ = false;
    begin_expect();
    if (phase_ == Phase::kRunning) run();
    return;
  }
  phase_ = Phase::kRunning;
}

std::size_t ChatRun::on_bytes(std::string_view bytes) {
  std::size_t used = 0;
  for (; used < bytes.size(); ++used) {
    if (phase_ == Phase::kDone || phase_ == Phase::kIdle) return used;
    received_ += bytes[used];
    if (phase_ != Phase::kExpecting) {
      // Kept for the next expect; bounded, as only its tail can begin a match.
      if (received_.size() > 4 * kMaxScriptString) received_.erase(0, kMaxScriptString);
      continue;
    }
    for (const std::string& abort : aborts_) {
      if (received_.size() >= abort.size() &&
          received_.compare(received_.size() - abort.size(), abort.size(), abort) == 0) {
        finish_failed(ScriptFailure::kAborted, "line " + std::to_string(expect_->line) +
                                                   ": the far end sent \"" + abort +
                                                   "\", which the script aborts on");
        return used + 1;
      }
    }
    const std::string& wanted = expect_->expects[alternative_];
    if (received_.size() >= wanted.size() &&
        received_.compare(received_.size() - wanted.size(), wanted.size(), wanted) == 0) {
      received_.clear();
      deadline_.reset();
      phase_ = Phase::kRunning;
      run();
      continue;
    }
    if (received_.size() > 2 * kMaxScriptString) received_.erase(0, kMaxScriptString);
  }
  if (phase_ == Phase::kRunning) run();
  return used;
}

void ChatRun::on_timer() {
  if (!deadline_ || clock_.now() < *deadline_) return;
  deadline_.reset();
  if (phase_ == Phase::kSending) {
    continue_send();
    if (phase_ == Phase::kRunning) run();
    return;
  }
  if (phase_ != Phase::kExpecting) return;
  if (alternative_ < expect_->subsends.size()) {  // the sub-send, then the next expect
    after_subsend_ = true;
    const auto& subsend = expect_->subsends[alternative_++];
    sending_ = &subsend;
    piece_ = 0;
    phase_ = Phase::kSending;
    continue_send();
    return;
  }
  finish_failed(ScriptFailure::kTimedOut,
                "line " + std::to_string(expect_->line) + ": \"" + expect_->expects[alternative_] +
                    "\" did not arrive within " + std::to_string(timeout_.count()) +
                    " s (last received: \"" + received_text() + "\")");
}

void ChatRun::finish_failed(ScriptFailure failure, const std::string& message) {
  phase_ = Phase::kDone;
  deadline_.reset();
  std::fill(values_.password.begin(), values_.password.end(), '\0');
  sink_.failed(failure, message);
}

// The last of what arrived, printable.
std::string ChatRun::received_text() const {
  std::string out;
  std::string_view tail(received_);
  if (tail.size() > 64) tail = tail.substr(tail.size() - 64);
  for (char ch : tail) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c >= 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string_view script_failure_name(ScriptFailure failure) {
  switch (failure) {
    case ScriptFailure::kAborted:
      return "aborted";
    case ScriptFailure::kTimedOut:
      return "timed out";
  }
  return "failed";
}

}  // namespace openras::modem
