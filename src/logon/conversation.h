// conversation.h: the logon host's dialogs through the PAM conversation (docs/logon.md
// "The entry's dialog at logon"). Before anyone has logged on there is no screen the host
// may draw on: what a dialer's RasCustomDialDlg shows is put, as questions, to the person
// at the login through the PAM module's conversation, relayed by rasmand (LogonQuestion
// and LogonAnswer, docs/protocol.md). The questions go out on the control socket as
// "ask ID STYLE TEXT" (STYLE as PAM's msg_style: 1 secret, 2 echoed, 4 information); the
// answers come back as "answer ID TEXT".
//
// ConversationRenderer renders the top dialog of the thread as the questions of a form:
// its caption and texts (again when they change), each visible enabled edit control
// (labelled by the static text before it; a password control asked without echo, an empty
// answer keeping what an echoed control holds), each check box (y/n), each list or combo
// box (its items by number or text; a new selection notified as a click's would be), then
// its push buttons ("1) Dial 2) Cancel", Enter: the default button), clicking the one
// chosen. The dialog procedure runs as usual between the questions. A dialog without push
// buttons (a progress window) waits for its own end. A conversation that fails (no answer
// can come: the person or rasmand went away, or the answer is a lone ESC) cancels the
// dialog with IDCANCEL, as does the logon time-out (the CancelToken the host gives the
// dialogs). Thread: the dialog's.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "base/result.h"
#include "dialog/dialog.h"

namespace openras::logon {

// PAM's msg_style values, which the questions carry to the PAM module unchanged.
inline constexpr uint32_t kAskSecret = 1;  // PAM_PROMPT_ECHO_OFF
inline constexpr uint32_t kAskEchoed = 2;  // PAM_PROMPT_ECHO_ON
inline constexpr uint32_t kTellError = 3;  // PAM_ERROR_MSG
inline constexpr uint32_t kTellInfo = 4;   // PAM_TEXT_INFO

// One question on the control socket; its answer, or nullopt when `deadline` passed first.
// An error when no answer can come (the socket closed, the conversation failed).
class Conversation {
 public:
  explicit Conversation(int control_fd) : fd_(control_fd) {}
  [[nodiscard]] Result<std::optional<std::string>> ask(
      uint32_t style, const std::string& text,
      std::optional<dialog::TimePoint> deadline = std::nullopt, dialog::Clock* clock = nullptr);
  // Information (kTellInfo, kTellError): no answer.
  void tell(uint32_t style, const std::string& text);

 private:
  int fd_;
  uint32_t next_ = 1;
};

class ConversationRenderer final : public dialog::Renderer {
 public:
  explicit ConversationRenderer(std::shared_ptr<Conversation> conversation)
      : conversation_(std::move(conversation)) {}
  [[nodiscard]] std::string_view name() const override { return "conversation"; }
  [[nodiscard]] Status wait_input(const dialog::InputContext& ctx) override;
  void dialog_closed(const dialog::DialogView&, INT_PTR) override {}

 private:
  std::shared_ptr<Conversation> conversation_;  // shared with the host's own questions
  HWND introduced_ = nullptr;                   // the dialog whose caption and texts were told last
  std::string told_;                            // what was told of it
};

// The form's text for a dialog's snapshot, as ConversationRenderer tells it (for tests).
[[nodiscard]] std::string describe(const dialog::DialogView& view);

}  // namespace openras::logon
