// chat_script.h: an entry's post-connect script (szScript; docs/devices.md "Scripts"): the
// expect/send language of chat(8), which dial-up users already write for login prompts of
// terminal servers, parsed once and run on the line after CONNECT, before PPP.
//
// The caller (libopenras) reads the file as the user and parses it, so a syntax error is
// 752 before anything is dialled; rasmand parses the text again and the link runs it. The
// runner is an automaton like at_dialogue.h: no I/O, time only from the injected clock;
// the caller feeds it the line's bytes, calls on_timer() once deadline() has passed and
// carries out what it asks through Sink. Thread: the caller's; not synchronised.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"

namespace openras::modem {

// Limits (docs/devices.md "Scripts"): a script's text, one string, the operations.
inline constexpr std::size_t kMaxScriptBytes = 4096;  // chat scripts are a few lines
inline constexpr std::size_t kMaxScriptString = 256;
inline constexpr std::size_t kMaxScriptOperations = 1024;
inline constexpr std::chrono::seconds kDefaultScriptTimeout{45};  // chat(8)'s
inline constexpr std::chrono::seconds kMaxScriptTimeout{3600};

// Part of a string to send: literal bytes, a pause (\d one second, \p a tenth), or a value
// known only at dial time (\T the number, \L the user name, \P the password).
struct SendPiece {
  enum class Kind { kText, kPause, kNumber, kUser, kPassword };
  Kind kind = Kind::kText;
  std::string text;                    // kText
  std::chrono::milliseconds pause{0};  // kPause
};

struct ScriptOperation {
  enum class Kind { kAbort, kTimeout, kSay, kExpect, kSend };
  Kind kind = Kind::kSend;
  std::size_t line = 0;  // where it was written, for messages
  // kAbort: the string that ends the script as failed; kSay: text for the log.
  std::string text;
  std::chrono::seconds timeout{0};  // kTimeout
  // kExpect: "a-s-b" waits for a; after a time-out sends s and waits for b, and so on.
  // `expects` has one more element than `subsends`; "" expects nothing.
  std::vector<std::string> expects;
  std::vector<std::vector<SendPiece>> subsends;
  std::vector<SendPiece> send;  // kSend (a carriage return ends it unless it ended in \c)
};

struct ChatScript {
  std::vector<ScriptOperation> operations;
};

// Parses a script. Errors are kInvalidData with "line L, column C: what is wrong"; the
// caller names the file.
[[nodiscard]] Result<ChatScript> parse_chat_script(std::string_view text);

// What the script can send that only the dial knows.
struct ScriptValues {
  std::string number;
  std::string user;
  std::string password;
};

enum class ScriptFailure {
  kAborted,   // an ABORT string arrived
  kTimedOut,  // an expected string did not arrive in time
};

class ChatRun {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  class Sink {
   public:
    virtual ~Sink() = default;
    virtual void write(std::string_view bytes) = 0;
    // A SAY, or a step for the log ("expecting "login:""); never holds the password.
    virtual void note(const std::string& text) = 0;
    // The script ran to its end.
    virtual void finished() = 0;
    virtual void failed(ScriptFailure failure, const std::string& message) = 0;
  };

  // `script` must outlive the run.
  ChatRun(const base::Clock& clock, const ChatScript& script, ScriptValues values, Sink& sink);
  ~ChatRun();
  ChatRun(const ChatRun&) = delete;
  ChatRun& operator=(const ChatRun&) = delete;

  // Runs until the first wait (or to the end).
  void start();
  // Takes bytes from the line; returns how many it consumed. Once the script has ended the
  // rest belongs to what follows it (PPP), and so does everything after.
  std::size_t on_bytes(std::string_view bytes);
  void on_timer();
  [[nodiscard]] std::optional<TimePoint> deadline() const { return deadline_; }
  [[nodiscard]] bool done() const { return phase_ == Phase::kDone; }
  // Once the script has finished: bytes it had taken in but that came after its last match
  // (they arrived during a pause, or with the match), which belong to what follows.
  [[nodiscard]] std::string take_leftover() { return std::move(leftover_); }

 private:
  enum class Phase { kIdle, kRunning, kExpecting, kSending, kDone };

  void run();
  void begin_expect();
  void begin_send(const std::vector<SendPiece>& pieces);
  void continue_send();
  void finish_failed(ScriptFailure failure, const std::string& message);
  [[nodiscard]] std::string received_text() const;

  const base::Clock& clock_;
  const ChatScript& script_;
  ScriptValues values_;
  Sink& sink_;
  Phase phase_ = Phase::kIdle;
  std::size_t next_ = 0;  // the next operation
  std::vector<std::string> aborts_;
  std::chrono::seconds timeout_ = kDefaultScriptTimeout;
  // The expect being waited for: its operation and which alternative.
  const ScriptOperation* expect_ = nullptr;
  std::size_t alternative_ = 0;
  // The send in progress: its pieces and where it is.
  const std::vector<SendPiece>* sending_ = nullptr;
  std::size_t piece_ = 0;
  bool after_subsend_ = false;  // the send is a sub-send: back to the expect after it
  std::string received_;        // the tail of what arrived since the last match
  std::string leftover_;        // see take_leftover()
  std::optional<TimePoint> deadline_;
};

[[nodiscard]] std::string_view script_failure_name(ScriptFailure failure);

}  // namespace openras::modem
