// at_dialogue.cpp: see at_dialogue.h.
#include "modem/at_dialogue.h"

#include <strings.h>

namespace openras::modem {

namespace {

bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::optional<DialFailure> line_condition(ReplyKind kind) {
  switch (kind) {
    case ReplyKind::kBusy:
      return DialFailure::kBusy;
    case ReplyKind::kNoCarrier:
      return DialFailure::kNoCarrier;
    case ReplyKind::kNoDialtone:
      return DialFailure::kNoDialtone;
    case ReplyKind::kNoAnswer:
      return DialFailure::kNoAnswer;
    default:
      return std::nullopt;
  }
}

template <class Rep, class Period>
std::string seconds_text(std::chrono::duration<Rep, Period> d) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
  return std::to_string(ms) + " ms";
}

}  // namespace

std::string_view dial_failure_name(DialFailure failure) {
  switch (failure) {
    case DialFailure::kBusy:
      return "busy";
    case DialFailure::kNoCarrier:
      return "no carrier";
    case DialFailure::kNoDialtone:
      return "no dial tone";
    case DialFailure::kNoAnswer:
      return "no answer";
    case DialFailure::kDeviceError:
      return "error from the device";
    case DialFailure::kUnrecognizedResponse:
      return "unrecognised response";
    case DialFailure::kNoResponse:
      return "no response";
  }
  return "?";
}

std::string AtDialogue::dial_command(const DialPlan& plan, const std::string& number) {
  return std::string("ATD") + (plan.pulse ? "P" : "T") + number;
}

void AtDialogue::select_number(std::size_t index) {
  number_ = index;
  steps_.back().command =
      dial_command(plan_, index == 0 ? plan_.number : plan_.alternates[index - 1]);
}

AtDialogue::AtDialogue(const base::Clock& clock, DialPlan plan, Sink& sink)
    : clock_(clock), plan_(std::move(plan)), sink_(sink) {
  // The table: reset to the stored profile, the device's init strings, then the dial.
  steps_.push_back(Step{"ATZ", plan_.command_timeout, Expect::kOk});
  for (const std::string& init : plan_.init) {
    if (init.empty()) continue;
    steps_.push_back(Step{init, plan_.command_timeout, Expect::kOk});
  }
  steps_.push_back(Step{dial_command(plan_, plan_.number),
                        std::chrono::duration_cast<std::chrono::milliseconds>(plan_.dial_timeout),
                        Expect::kConnect});
}

void AtDialogue::start() {
  step_ = 0;
  send_step();
}

std::string AtDialogue::where() const {
  return "port " + plan_.port + ", command " + quoted(steps_[step_].command);
}

void AtDialogue::send_step() {
  const Step& step = steps_[step_];
  phase_ = Phase::kCommand;
  unrecognised_.clear();
  lines_.clear();  // what came before this command answers nothing of it
  deadline_ = clock_.now() + step.timeout;
  sink_.write(step.command + "\r");
  if (step.expect == Expect::kConnect) sink_.dialing(++dials_);
}

void AtDialogue::finish(DialFailure failure, const std::string& what) {
  phase_ = Phase::kDone;
  deadline_.reset();
  sink_.failed(failure, where() + ": " + what);
}

void AtDialogue::on_bytes(std::string_view bytes) {
  if (phase_ != Phase::kCommand && phase_ != Phase::kHangUp) return;
  lines_.feed(bytes);
  while (phase_ == Phase::kCommand || phase_ == Phase::kHangUp) {
    auto line = lines_.next();
    if (!line) return;
    // With echo on (E1) the modem repeats the command first.
    std::string_view sent = phase_ == Phase::kHangUp ? std::string_view("ATH")
                                                     : std::string_view(steps_[step_].command);
    if (same_text(*line, sent)) continue;
    on_reply(classify_reply(*line));
  }
}

void AtDialogue::on_reply(const Reply& reply) {
  if (reply.kind == ReplyKind::kRing || reply.kind == ReplyKind::kInfo) return;
  if (phase_ == Phase::kHangUp) {
    if (reply.kind == ReplyKind::kUnknown) return;
    phase_ = Phase::kDone;
    deadline_.reset();
    sink_.hung_up();
    return;
  }
  const Step& step = steps_[step_];
  if (reply.kind == ReplyKind::kError) {
    finish(DialFailure::kDeviceError, "the modem answered " + quoted(reply.text) +
                                          "; check the command (the device's Init values)");
    return;
  }
  if (step.expect == Expect::kOk) {
    if (reply.kind == ReplyKind::kOk) {
      ++step_;
      send_step();
    } else if (unrecognised_.empty()) {
      // Text the command prints before its OK, or a stale result from the line's last
      // call (a late NO CARRIER): judged only if no OK follows.
      unrecognised_ = reply.text;
    }
    return;
  }
  if (reply.kind == ReplyKind::kConnect) {
    phase_ = Phase::kDone;
    deadline_.reset();
    sink_.connected(reply.speed, reply.text);
    return;
  }
  if (auto failure = line_condition(reply.kind)) {
    // The modem is on hook again: the next alternate at once, as Windows tries them.
    if (number_ < plan_.alternates.size()) {
      select_number(number_ + 1);
      send_step();
      return;
    }
    if (round_ < plan_.redial_count) {
      // Redial every number from the first, after the pause (at once when it is 0).
      ++round_;
      select_number(0);
      phase_ = Phase::kRedialPause;
      deadline_ = clock_.now() + plan_.redial_pause;
      if (plan_.redial_pause.count() == 0) send_step();
      return;
    }
    std::string dialled = dials_ > 1 ? " (after " + std::to_string(dials_) + " dials)" : "";
    finish(*failure, "the modem answered " + quoted(reply.text) + dialled);
    return;
  }
  finish(DialFailure::kUnrecognizedResponse,
         "the modem answered " + quoted(reply.text) + ", which is not a result code");
}

void AtDialogue::on_timer() {
  if (!deadline_ || clock_.now() < *deadline_) return;
  switch (phase_) {
    case Phase::kCommand: {
      const Step& step = steps_[step_];
      if (step.expect == Expect::kConnect) {
        sink_.write("\r");  // abort the dial
        finish(DialFailure::kNoResponse, "no CONNECT or other result within the dial time-out (" +
                                             seconds_text(step.timeout) +
                                             "; the device's DialTimeout)");
      } else if (!unrecognised_.empty()) {
        finish(DialFailure::kUnrecognizedResponse, "the modem answered " + quoted(unrecognised_) +
                                                       " and no OK within " +
                                                       seconds_text(step.timeout));
      } else {
        finish(DialFailure::kNoResponse, "no reply within " + seconds_text(step.timeout) +
                                             "; is a modem connected and switched on?");
      }
      return;
    }
    case Phase::kRedialPause:
      send_step();
      return;
    case Phase::kEscapeBefore:
      sink_.write("+++");
      phase_ = Phase::kEscapeAfter;
      deadline_ = clock_.now() + plan_.guard_time;
      return;
    case Phase::kEscapeAfter:
      lines_.clear();
      sink_.write("ATH\r");
      phase_ = Phase::kHangUp;
      deadline_ = clock_.now() + plan_.command_timeout;
      return;
    case Phase::kHangUp:
      phase_ = Phase::kDone;
      deadline_.reset();
      sink_.hung_up();
      return;
    case Phase::kIdle:
    case Phase::kDone:
      deadline_.reset();
      return;
  }
}

void AtDialogue::cancel() {
  if (phase_ == Phase::kCommand && steps_[step_].expect == Expect::kConnect) sink_.write("\r");
  phase_ = Phase::kDone;
  deadline_.reset();
}

void AtDialogue::hang_up_by_escape() {
  lines_.clear();
  phase_ = Phase::kEscapeBefore;
  deadline_ = clock_.now() + plan_.guard_time;
}

}  // namespace openras::modem
