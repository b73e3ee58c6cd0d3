// modem.cpp: the Hayes modem state machine (see modem.h). Command-line execution follows
// the original Hayes Smartmodem behaviour: commands run left to right, the first bad one
// answers ERROR and abandons the rest of the line, settings changed before it stay changed,
// and the final result code is formatted with the settings in force after the line.
#include "modemsim/modem.h"

#include <cctype>

namespace openras::modemsim {
namespace {

using std::chrono::steady_clock;

// S0..S12 after ATZ / AT&F: S2 '+' escape, S3 CR, S4 LF, S5 BS, S7 50 s for carrier,
// S12 50/50 s = 1 s guard time.
constexpr std::array<int, Modem::kRegisterCount> kDefaultRegisters = {0,  0, 43, 13, 10, 8, 2,
                                                                      50, 2, 6,  14, 95, 50};

char upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }

// The decimal number at `pos`, if any (at most 3 digits, as registers and values need).
std::optional<int> number_at(const std::string& line, size_t& pos) {
  if (pos >= line.size() || !std::isdigit(static_cast<unsigned char>(line[pos]))) return {};
  int value = 0;
  for (int digits = 0;
       pos < line.size() && digits < 3 && std::isdigit(static_cast<unsigned char>(line[pos]));
       ++digits) {
    value = value * 10 + (line[pos++] - '0');
  }
  return value;
}

}  // namespace

ModemHost::~ModemHost() = default;

std::string_view result_text(ResultCode code) {
  switch (code) {
    case ResultCode::kOk:
      return "OK";
    case ResultCode::kConnect:
      return "CONNECT";
    case ResultCode::kRing:
      return "RING";
    case ResultCode::kNoCarrier:
      return "NO CARRIER";
    case ResultCode::kError:
      return "ERROR";
    case ResultCode::kNoDialtone:
      return "NO DIALTONE";
    case ResultCode::kBusy:
      return "BUSY";
    case ResultCode::kNoAnswer:
      return "NO ANSWER";
  }
  return "ERROR";
}

Modem::Modem(const AnswerTable& answers, const base::Clock& clock, ModemHost& host, uint32_t speed)
    : answers_(answers), clock_(clock), host_(host), speed_(speed) {
  reset_settings();
}

void Modem::reset_settings() {
  settings_ = Settings{};
  registers_ = kDefaultRegisters;
  selected_register_ = 0;
}

steady_clock::duration Modem::guard_time() const {
  return std::chrono::milliseconds(20 * registers_[12]);  // S12 counts fiftieths of a second
}

void Modem::on_line_data(std::string_view bytes) {
  on_timer();  // a guard time that ended before these bytes arrived counts first
  steady_clock::time_point now = clock_.now();
  for (char c : bytes) {
    if (state_ == ModemState::kOnline) {
      online_byte(c, now);
    } else {
      command_byte(c);
    }
  }
}

void Modem::on_far_end_data(std::string_view bytes) {
  on_timer();
  // Like a real modem without buffering, data from the far end is lost while the line is
  // in (online) command mode.
  if (state_ == ModemState::kOnline) host_.to_line(bytes);
}

void Modem::on_far_end_closed() {
  on_timer();
  if (state_ != ModemState::kCommand && call_.kind == ActionKind::kExec) {
    end_call(ResultCode::kNoCarrier, "carrier lost: the far end closed the line");
  }
}

void Modem::on_dtr_drop() {
  on_timer();
  if (state_ == ModemState::kCommand || settings_.dtr == 0) return;
  if (settings_.dtr == 1) {
    if (state_ == ModemState::kOnline) {
      flush_escape();
      state_ = ModemState::kOnlineCommand;
      prefix_ = Prefix::kNone;
      host_.log('*', "DTR dropped (&D1): online command mode");
    }
    return;
  }
  end_call(std::nullopt, "hang-up: DTR dropped (&D" + std::to_string(settings_.dtr) + ")");
  if (settings_.dtr == 3) reset_settings();
}

void Modem::on_timer() {
  steady_clock::time_point now = clock_.now();
  if (drop_at_ && now >= *drop_at_) {
    end_call(ResultCode::kNoCarrier, "carrier lost: " + describe(call_));
    return;
  }
  if (state_ != ModemState::kOnline || escape_count_ == 0) return;
  if (now - last_escape_char_ < guard_time()) return;
  if (escape_count_ < 3) {
    flush_escape();  // one or two escape characters and then silence: they were data
    return;
  }
  escape_count_ = 0;
  state_ = ModemState::kOnlineCommand;
  prefix_ = Prefix::kNone;
  host_.log('*', "escape: online command mode");
  send_result(ResultCode::kOk);
}

std::optional<steady_clock::time_point> Modem::next_deadline() const {
  std::optional<steady_clock::time_point> next = drop_at_;
  if (state_ == ModemState::kOnline && escape_count_ > 0) {
    steady_clock::time_point escape = last_escape_char_ + guard_time();
    if (!next || escape < *next) next = escape;
  }
  return next;
}

// ---- online mode -------------------------------------------------------------------

void Modem::online_byte(char c, steady_clock::time_point now) {
  const int escape_char = registers_[2];  // S2 above 127 disables the escape
  const bool is_escape = escape_char <= 127 && c == static_cast<char>(escape_char);
  const steady_clock::duration guard = guard_time();
  const bool zero_guard = guard == steady_clock::duration::zero();
  if (is_escape && escape_count_ == 0 && now - last_rx_ >= guard) {
    escape_count_ = 1;
  } else if (is_escape && escape_count_ > 0 && escape_count_ < 3 &&
             (zero_guard || now - last_escape_char_ < guard)) {
    ++escape_count_;
  } else {
    flush_escape();
    pass_data(std::string_view(&c, 1));
    last_rx_ = now;
    return;
  }
  last_escape_char_ = now;
  last_rx_ = now;
  if (escape_count_ == 3 && zero_guard) on_timer();  // S12=0: no guard time after either
}

void Modem::pass_data(std::string_view bytes) {
  if (bytes.empty()) return;
  if (call_.kind == ActionKind::kExec) {
    host_.to_far_end(bytes);
  } else {
    host_.to_line(bytes);  // connect: the far end echoes
  }
}

void Modem::flush_escape() {
  std::string held(static_cast<size_t>(escape_count_), static_cast<char>(registers_[2]));
  escape_count_ = 0;
  pass_data(held);
}

// ---- command mode ------------------------------------------------------------------

void Modem::command_byte(char c) {
  if (settings_.echo) host_.to_line(std::string_view(&c, 1));
  const char u = upper(c);
  switch (prefix_) {
    case Prefix::kNone:
    case Prefix::kA:
      if (u == 'A') {
        prefix_ = Prefix::kA;
        typed_prefix_ = std::string(1, c);
      } else if (prefix_ == Prefix::kA && u == 'T') {
        prefix_ = Prefix::kAt;
        typed_prefix_ += c;
        line_.clear();
        line_overflow_ = false;
      } else if (prefix_ == Prefix::kA && c == '/') {
        prefix_ = Prefix::kNone;
        host_.log('<', typed_prefix_ + c);
        run_command_line(last_line_);
      } else {
        prefix_ = Prefix::kNone;
      }
      return;
    case Prefix::kAt:
      break;
  }
  if (c == static_cast<char>(registers_[3])) {
    prefix_ = Prefix::kNone;
    host_.log('<', typed_prefix_ + line_);
    if (line_overflow_) {
      send_result(ResultCode::kError);
      return;
    }
    last_line_ = line_;
    run_command_line(line_);
  } else if (c == static_cast<char>(registers_[5])) {
    if (!line_.empty()) line_.pop_back();
  } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
    // other control characters (the LF of a CR LF, XON/XOFF) are not part of commands
  } else if (line_.size() >= kMaxCommandLine) {
    line_overflow_ = true;
  } else {
    line_ += c;
  }
}

void Modem::run_command_line(const std::string& line) {
  size_t pos = 0;
  bool done = false;
  while (pos < line.size()) {
    if (!run_one(line, pos, done)) {
      send_result(ResultCode::kError);
      return;
    }
    if (done) return;
  }
  send_result(ResultCode::kOk);
}

bool Modem::run_one(const std::string& line, size_t& pos, bool& done) {
  const char command = upper(line[pos++]);
  if (command == ' ') return true;
  if (command == 'D') {
    if (state_ != ModemState::kCommand) return false;  // a call is already up
    done = true;
    dial(std::string_view(line).substr(pos));
    pos = line.size();
    return true;
  }
  if (command == 'S') return run_register(line, pos);
  if (command == '?') {
    send_info(std::to_string(registers_[static_cast<size_t>(selected_register_)]));
    return true;
  }
  if (command == '&') {
    if (pos >= line.size()) return false;
    const char sub = upper(line[pos++]);
    const int value = number_at(line, pos).value_or(0);
    if (sub == 'F') {
      if (value != 0) return false;
      reset_settings();
      return true;
    }
    if (sub == 'D') {
      if (value > 3) return false;
      settings_.dtr = value;
      return true;
    }
    // &C carrier detect, &K flow control, &S DSR, &W store, &Y profile: accepted so
    // common init strings work; a pty has no such lines to act on.
    constexpr std::string_view kAccepted = "CKSWY";
    return kAccepted.find(sub) != std::string_view::npos && value <= 9;
  }
  const int value = number_at(line, pos).value_or(0);
  switch (command) {
    case 'E':
      settings_.echo = value == 1;
      return value <= 1;
    case 'V':
      settings_.verbose = value == 1;
      return value <= 1;
    case 'Q':
      settings_.quiet = value == 1;
      return value <= 1;
    case 'X':
      if (value > 4) return false;
      settings_.extended = value;
      return true;
    case 'Z':
      end_call(std::nullopt, "hang-up: ATZ");
      reset_settings();
      return value <= 1;
    case 'H':
      if (value == 0) end_call(std::nullopt, "hang-up: ATH");
      return value <= 1;
    case 'O':
      done = true;
      if (state_ == ModemState::kOnlineCommand) {
        host_.log('*', "back online: ATO");
        go_online();
      } else {
        send_result(ResultCode::kNoCarrier);  // no call to return to
      }
      return true;
    case 'A':
      done = true;  // no call is ever ringing
      send_result(ResultCode::kNoCarrier);
      return true;
    case 'I':
      if (value > 9) return false;
      send_info(value == 0 ? "rasmodem-sim" : "OpenRAS rasmodem-sim, a Hayes modem on a pty");
      return true;
    // Speaker (L, M), protocol and dial-mode defaults (B, C, N, P, T, W, Y): nothing to do.
    case 'L':
    case 'M':
      return value <= 3;
    case 'B':
    case 'C':
    case 'N':
    case 'P':
    case 'T':
    case 'W':
    case 'Y':
      return value <= 2;
    default:
      return false;
  }
}

bool Modem::run_register(const std::string& line, size_t& pos) {
  std::optional<int> index = number_at(line, pos);
  if (!index || *index >= kRegisterCount) return false;
  selected_register_ = *index;
  if (pos < line.size() && line[pos] == '=') {
    ++pos;
    const int value = number_at(line, pos).value_or(0);
    if (value > 255) return false;
    registers_[static_cast<size_t>(*index)] = value;
  } else if (pos < line.size() && line[pos] == '?') {
    ++pos;
    std::string text = std::to_string(registers_[static_cast<size_t>(*index)]);
    send_info(std::string(3 - std::min<size_t>(3, text.size()), '0') + text);
  }
  return true;
}

void Modem::dial(std::string_view dialled) {
  const Action& action = answers_.lookup(dialled);
  host_.log('*', "dial " + normalize_number(dialled) + ": " + describe(action));
  switch (action.kind) {
    case ActionKind::kConnect:
    case ActionKind::kExec:
      call_ = action;
      drop_at_.reset();
      if (action.drop_after) drop_at_ = clock_.now() + *action.drop_after;
      go_online();
      if (action.kind == ActionKind::kExec) {
        Status started = host_.start_far_end(action.command);
        if (!started) {
          end_call(ResultCode::kNoCarrier, "carrier lost: " + started.error().message);
        }
      }
      return;
    case ActionKind::kBusy:
      send_result(ResultCode::kBusy);
      return;
    case ActionKind::kNoAnswer:
      send_result(ResultCode::kNoAnswer);
      return;
    case ActionKind::kNoCarrier:
      send_result(ResultCode::kNoCarrier);
      return;
    case ActionKind::kNoDialtone:
      send_result(ResultCode::kNoDialtone);
      return;
    case ActionKind::kError:
      send_result(ResultCode::kError);
      return;
    case ActionKind::kSilent:
      return;  // no reply; the modem is back in command mode
  }
}

void Modem::go_online() {
  state_ = ModemState::kOnline;
  escape_count_ = 0;
  last_rx_ = clock_.now();  // the guard time before +++ runs from CONNECT
  send_result(ResultCode::kConnect);
}

void Modem::end_call(std::optional<ResultCode> code, std::string_view why) {
  if (state_ == ModemState::kCommand) return;
  host_.stop_far_end();
  host_.log('*', why);
  state_ = ModemState::kCommand;
  drop_at_.reset();
  escape_count_ = 0;
  prefix_ = Prefix::kNone;
  call_ = Action{};
  if (code) send_result(*code);
}

void Modem::send_result(ResultCode code) {
  std::string text;
  if (settings_.verbose) {
    text = result_text(code);
    if (code == ResultCode::kConnect && settings_.extended > 0) {
      text += " " + std::to_string(speed_);
    }
  } else {
    text = std::to_string(static_cast<int>(code));
  }
  if (settings_.quiet) {
    host_.log('*', "not sent (Q1): " + text);
    return;
  }
  const char cr = static_cast<char>(registers_[3]);
  const char lf = static_cast<char>(registers_[4]);
  host_.to_line(settings_.verbose ? std::string{cr, lf} + text + std::string{cr, lf}
                                  : text + std::string{cr});
  host_.log('>', text);
}

void Modem::send_info(std::string_view text) {
  const std::string crlf{static_cast<char>(registers_[3]), static_cast<char>(registers_[4])};
  host_.to_line(settings_.verbose ? crlf + std::string(text) + crlf : std::string(text) + crlf);
  host_.log('>', text);
}

}  // namespace openras::modemsim
