// conversation.cpp: dialogs as PAM conversation questions (see conversation.h).
#include "logon/conversation.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "base/utf.h"

namespace openras::logon {

namespace {

// The most questions one round of a dialog may ask before it is taken as a loop.
constexpr int kMaxButtonTries = 3;
// The answer that stands for "the conversation failed" (logon_client.cpp sends it).
constexpr std::string_view kCancelAnswer = "\x1b";

std::string utf8(const std::wstring& text) {
  auto converted = wide_to_utf8(text);
  return converted ? *converted : std::string("?");
}

std::string shown(const std::wstring& text) {
  std::string out = utf8(dialog::strip_mnemonic(text));
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  return out;
}

bool is_push_button(const dialog::ControlView& c) {
  DWORD type = c.style & BS_TYPEMASK;
  return c.kind == dialog::ControlKind::kButton &&
         (type == BS_PUSHBUTTON || type == BS_DEFPUSHBUTTON);
}

bool is_check_box(const dialog::ControlView& c) {
  DWORD type = c.style & BS_TYPEMASK;
  return c.kind == dialog::ControlKind::kButton && (type == BS_CHECKBOX || type == BS_AUTOCHECKBOX);
}

bool usable(const dialog::ControlView& c) { return c.visible && c.enabled; }

// The label of control `i`: the nearest static text before it, as a question.
std::string label_of(const dialog::DialogView& view, size_t i, const char* fallback) {
  for (size_t j = i; j-- > 0;) {
    const auto& c = view.controls[j];
    if (c.kind == dialog::ControlKind::kStatic && c.visible && !c.text.empty()) {
      std::string label = shown(c.text);
      if (!label.empty() && label.back() != ':' && label.back() != '?') label += ':';
      return label;
    }
    if (c.kind == dialog::ControlKind::kEdit) break;  // that static belongs to another
  }
  return fallback;
}

// Whether static control `i` labels the edit control right after it.
bool labels_an_edit(const dialog::DialogView& view, size_t i) {
  for (size_t j = i + 1; j < view.controls.size(); ++j) {
    const auto& c = view.controls[j];
    if (c.kind == dialog::ControlKind::kStatic && c.visible && !c.text.empty()) return false;
    if (c.kind == dialog::ControlKind::kEdit || c.kind == dialog::ControlKind::kComboBox ||
        c.kind == dialog::ControlKind::kListBox) {
      return true;
    }
  }
  return false;
}

std::string lower(std::string text) {
  for (char& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return text;
}

tl::unexpected<Error> conversation_ended() {
  return fail(Errc::kCancelled, "the logon conversation ended: no answer can come");
}

// A list or combo box (control `i`): its items by number or text, Enter keeping the
// selection; a new one is selected and the dialog told, as a click would.
template <class Ask>
Status choose_item(const dialog::DialogView& view, size_t i, Ask& ask) {
  const auto& c = view.controls[i];
  bool combo = c.kind == dialog::ControlKind::kComboBox;
  std::string question = label_of(view, i, "Choose:");
  for (size_t k = 0; k < c.items.size(); ++k) {
    question += " " + std::to_string(k + 1) + ") " + utf8(c.items[k]);
  }
  if (c.selection >= 0 && static_cast<size_t>(c.selection) < c.items.size()) {
    question += " [" + utf8(c.items[static_cast<size_t>(c.selection)]) + "]";
  }
  auto answer = ask(kAskEchoed, question + " ");
  if (!answer) return fail(answer.error());
  if (!*answer || (*answer)->empty()) return {};  // the deadline, or Enter: keep it
  int index = -1;
  char* end = nullptr;
  unsigned long n = std::strtoul((*answer)->c_str(), &end, 10);
  if (end && *end == '\0' && n >= 1 && n <= c.items.size()) index = static_cast<int>(n - 1);
  for (size_t k = 0; index < 0 && k < c.items.size(); ++k) {
    if (utf8(c.items[k]) == **answer) index = static_cast<int>(k);
  }
  if (index < 0 || index == c.selection) return {};
  SendMessageW(c.hwnd, combo ? CB_SETCURSEL : LB_SETCURSEL, static_cast<WPARAM>(index), 0);
  if (combo || (c.style & LBS_NOTIFY)) {
    SendMessageW(view.hwnd, WM_COMMAND,
                 MAKEWPARAM(static_cast<WORD>(c.id), combo ? CBN_SELCHANGE : LBN_SELCHANGE),
                 reinterpret_cast<LPARAM>(c.hwnd));
  }
  return {};
}

}  // namespace

std::string describe(const dialog::DialogView& view) {
  std::string text = shown(view.caption);
  for (size_t i = 0; i < view.controls.size(); ++i) {
    const auto& c = view.controls[i];
    if (c.kind != dialog::ControlKind::kStatic || !c.visible || c.text.empty()) continue;
    if (labels_an_edit(view, i)) continue;
    std::string line = shown(c.text);
    if (line.empty()) continue;
    if (!text.empty()) text += '\n';
    text += line;
  }
  return text;
}

void Conversation::tell(uint32_t style, const std::string& text) {
  std::string message = "ask " + std::to_string(next_++) + " " + std::to_string(style) + " " + text;
  (void)::send(fd_, message.data(), message.size(), MSG_NOSIGNAL);
}

Result<std::optional<std::string>> Conversation::ask(uint32_t style, const std::string& text,
                                                     std::optional<dialog::TimePoint> deadline,
                                                     dialog::Clock* clock) {
  auto now = [&] { return clock ? clock->now() : std::chrono::steady_clock::now(); };
  if (deadline && now() >= *deadline) return std::optional<std::string>{};  // not asked
  uint32_t id = next_++;
  std::string message = "ask " + std::to_string(id) + " " + std::to_string(style) + " " + text;
  if (::send(fd_, message.data(), message.size(), MSG_NOSIGNAL) < 0) {
    return fail_errno(errno, "sending a logon question");
  }
  std::string prefix = "answer " + std::to_string(id) + " ";
  std::vector<char> buffer(64 * 1024);
  for (;;) {
    int timeout_ms = -1;
    if (deadline) {
      auto at = now();
      if (at >= *deadline) return std::optional<std::string>{};
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - at).count();
      timeout_ms = static_cast<int>(std::min<long long>(left + 1, 60'000));
    }
    pollfd p{fd_, POLLIN, 0};
    int n = ::poll(&p, 1, timeout_ms);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail_errno(errno, "waiting for a logon answer");
    if (n == 0) continue;  // the deadline is checked above
    ssize_t got = ::recv(fd_, buffer.data(), buffer.size(), 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return conversation_ended();  // rasmand closed the socket
    std::string answer(buffer.data(), static_cast<size_t>(got));
    if (answer.rfind(prefix, 0) != 0) continue;  // a late answer to a question given up on
    answer.erase(0, prefix.size());
    ::explicit_bzero(buffer.data(), static_cast<size_t>(got));
    if (answer == kCancelAnswer) return conversation_ended();
    return std::optional<std::string>(std::move(answer));
  }
}

Status ConversationRenderer::wait_input(const dialog::InputContext& ctx) {
  if (ctx.dialogs.empty()) {
    // Nothing to show: the dialer's own wait (a timer, another thread).
    if (ctx.clock && !ctx.clock->wait(ctx.deadline, ctx.wake_fds)) return conversation_ended();
    return {};
  }
  HWND top = ctx.dialogs.back();
  auto view = dialog::snapshot(top);
  if (!view) return fail(view.error());
  // The caption and texts, when they are new: a first dialog, or a status line changed.
  if (std::string text = describe(*view); introduced_ != top || told_ != text) {
    introduced_ = top;
    told_ = text;
    if (!text.empty()) conversation_->tell(kTellInfo, text);
  }
  // Every answer may end the wait early: the deadline (the logon time-out) stops here,
  // and the runtime then cancels the dialog.
  auto ask = [&](uint32_t style, const std::string& question) {
    return conversation_->ask(style, question, ctx.deadline, ctx.clock);
  };
  bool has_buttons = false;
  for (size_t i = 0; i < view->controls.size(); ++i) {
    const auto& c = view->controls[i];
    if (!usable(c)) continue;
    if (is_push_button(c)) has_buttons = true;
    if (c.kind == dialog::ControlKind::kEdit && !(c.style & ES_READONLY)) {
      std::string question = label_of(*view, i, "Text:");
      if (!c.password && !c.text.empty()) question += " [" + utf8(c.text) + "]";
      auto answer = ask(c.password ? kAskSecret : kAskEchoed, question + " ");
      if (!answer) return fail(answer.error());
      if (!*answer) return {};
      if ((*answer)->empty() && !c.password) continue;  // Enter keeps what it holds
      auto wide = utf8_to_wide(**answer);
      ::explicit_bzero((*answer)->data(), (*answer)->size());
      if (!wide) {
        conversation_->tell(kTellError, "That answer is not valid UTF-8; it was not used.");
        continue;
      }
      SetWindowTextW(c.hwnd, wide->c_str());
    } else if ((c.kind == dialog::ControlKind::kComboBox ||
                c.kind == dialog::ControlKind::kListBox) &&
               !c.items.empty()) {
      if (auto ok = choose_item(*view, i, ask); !ok) return ok;
    } else if (is_check_box(c)) {
      bool checked = c.check == BST_CHECKED;
      auto answer = ask(kAskEchoed, shown(c.text) + (checked ? " [Y/n] " : " [y/N] "));
      if (!answer) return fail(answer.error());
      if (!*answer) return {};
      std::string yes = lower(**answer);
      bool want = yes.empty() ? checked : (yes == "y" || yes == "yes");
      if (want != checked) SendMessageW(c.hwnd, BM_CLICK, 0, 0);
    }
  }
  if (!has_buttons) {
    if (ctx.clock && !ctx.clock->wait(ctx.deadline, ctx.wake_fds)) return conversation_ended();
    return {};
  }
  // The buttons, fresh: the questions above may have changed what is enabled.
  view = dialog::snapshot(top);
  if (!view) return fail(view.error());
  std::vector<const dialog::ControlView*> buttons;
  const dialog::ControlView* preferred = nullptr;
  std::string question = "Choose:";
  for (const auto& c : view->controls) {
    if (!usable(c) || !is_push_button(c)) continue;
    buttons.push_back(&c);
    question += " " + std::to_string(buttons.size()) + ") " + shown(c.text);
    if (c.is_default && !preferred) preferred = &c;
  }
  if (buttons.empty()) return {};  // all disabled now: the procedure changes them
  if (preferred) question += " (Enter: " + shown(preferred->text) + ")";
  for (int tries = 0; tries < kMaxButtonTries; ++tries) {
    auto answer = ask(kAskEchoed, question + " ");
    if (!answer) return fail(answer.error());
    if (!*answer) return {};
    const dialog::ControlView* chosen = nullptr;
    char* end = nullptr;
    unsigned long n = std::strtoul((*answer)->c_str(), &end, 10);
    if ((*answer)->empty()) {
      chosen = preferred;
    } else if (end && *end == '\0' && n >= 1 && n <= buttons.size()) {
      chosen = buttons[n - 1];
    } else {
      for (const auto* b : buttons) {
        if (lower(shown(b->text)) == lower(**answer)) chosen = b;
      }
    }
    if (chosen) {
      SendMessageW(chosen->hwnd, BM_CLICK, 0, 0);
      return {};
    }
    conversation_->tell(kTellError,
                        "Answer with a number from 1 to " + std::to_string(buttons.size()) + ".");
  }
  return conversation_ended();
}

}  // namespace openras::logon
