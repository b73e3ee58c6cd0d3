// at_dialogue.h: the AT dialogue of a Hayes modem as a table-driven automaton (STYLE.md,
// after ModemManager's {command, timeout, expected replies}): reset, the device's init
// strings, ATD, redials, and the escape-and-ATH hang-up for lines without DTR.
//
// The automaton does no I/O and reads time only from the injected clock: the caller feeds
// it the line's bytes (on_bytes), calls on_timer() once deadline() has passed, and
// carries out what it asks through Sink. Each command goes out as soon as the reply to
// the previous one is in: no fixed waits except the guard times around "+++", which the
// escape sequence requires. Thread: the caller's; not synchronised.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "modem/at_reply.h"

namespace openras::modem {

enum class DialFailure {
  kBusy,
  kNoCarrier,
  kNoDialtone,
  kNoAnswer,
  kDeviceError,           // ERROR (or +CME ERROR …) to a command
  kUnrecognizedResponse,  // a reply that is none of the result codes
  kNoResponse,            // nothing within the time-out
};

struct DialPlan {
  std::string port;               // for messages: "port /dev/ttyS0: …"
  std::vector<std::string> init;  // the device's Init strings, sent after ATZ, in order
  std::string number;             // the final dial string (docs/devices.md "Dialing")
  // Dialled in order, at once, after `number` fails with busy, no carrier, no answer or
  // no dial tone; a redial starts again from `number` (docs/devices.md "Dialing").
  std::vector<std::string> alternates;
  bool pulse = false;         // ATDP instead of ATDT
  uint32_t redial_count = 0;  // extra rounds of every number after the last fails
  std::chrono::seconds redial_pause{0};
  std::chrono::seconds dial_timeout{60};            // ATD → CONNECT
  std::chrono::milliseconds command_timeout{3000};  // any other command → its reply
  std::chrono::milliseconds guard_time{1000};       // around "+++" (S12 = 50)
};

class AtDialogue {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  class Sink {
   public:
    virtual ~Sink() = default;
    // Bytes for the line, in order.
    virtual void write(std::string_view bytes) = 0;
    // ATD went out (attempt 1, 2, … with redials).
    virtual void dialing(unsigned attempt) = 0;
    virtual void connected(uint32_t speed, const std::string& reply) = 0;
    // The dialogue is over; `message` names the port and the command.
    virtual void failed(DialFailure failure, const std::string& message) = 0;
    // The escape sequence's ATH was answered (or timed out): the line is on hook.
    virtual void hung_up() {}
  };

  AtDialogue(const base::Clock& clock, DialPlan plan, Sink& sink);

  // Sends the first command (ATZ).
  void start();
  void on_bytes(std::string_view bytes);
  // Acts on a deadline that has passed; nothing when none has.
  void on_timer();
  // When on_timer() next has something to do; nullopt: nothing is timed.
  [[nodiscard]] std::optional<TimePoint> deadline() const { return deadline_; }
  // Stops at once. While ATD runs, a carriage return aborts the dial (any character
  // does, on a Hayes modem); nothing else is sent, nothing reported.
  void cancel();
  // The fallback hang-up for a line without DTR: guard time, "+++", guard time, ATH.
  void hang_up_by_escape();
  [[nodiscard]] unsigned dials() const { return dials_; }
  // The number the dial step dials now, as in the plan (`number` or an alternate); once
  // connected(), the number that answered.
  [[nodiscard]] const std::string& dialled_number() const {
    return number_ == 0 ? plan_.number : plan_.alternates[number_ - 1];
  }
  [[nodiscard]] bool done() const { return phase_ == Phase::kDone; }

  // The dial command for `number` of `plan`: "ATDT<number>" or "ATDP<number>".
  [[nodiscard]] static std::string dial_command(const DialPlan& plan, const std::string& number);

 private:
  enum class Expect { kOk, kConnect };
  struct Step {
    std::string command;
    std::chrono::milliseconds timeout;
    Expect expect;
  };
  enum class Phase { kIdle, kCommand, kRedialPause, kEscapeBefore, kEscapeAfter, kHangUp, kDone };

  void send_step();
  void on_reply(const Reply& reply);
  void finish(DialFailure failure, const std::string& what);
  // Points the dial step at number `index` (0: the first, then the alternates).
  void select_number(std::size_t index);
  [[nodiscard]] std::string where() const;  // "port P: command C"

  const base::Clock& clock_;
  DialPlan plan_;
  Sink& sink_;
  std::vector<Step> steps_;  // ATZ, the init strings, ATD
  std::size_t step_ = 0;
  Phase phase_ = Phase::kIdle;
  std::optional<TimePoint> deadline_;
  LineSplitter lines_;
  std::string unrecognised_;  // the first line no step understood, for the message
  unsigned dials_ = 0;
  std::size_t number_ = 0;  // 0: plan_.number; n: plan_.alternates[n - 1]
  uint32_t round_ = 0;      // redials done
};

[[nodiscard]] std::string_view dial_failure_name(DialFailure failure);

}  // namespace openras::modem
