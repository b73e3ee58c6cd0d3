// scripted.cpp: the scripted renderer (scripted.h).
#include "dialog/scripted.h"

#include <fcntl.h>

#include <fstream>
#include <map>
#include <sstream>

#include "base/utf.h"
#include "dialog/window.h"

namespace openras::dialog {

namespace {

const std::map<std::string, int>& id_names() {
  static const std::map<std::string, int> names = {{"IDOK", IDOK},
                                                   {"IDCANCEL", IDCANCEL},
                                                   {"IDABORT", IDABORT},
                                                   {"IDRETRY", IDRETRY},
                                                   {"IDIGNORE", IDIGNORE},
                                                   {"IDYES", IDYES},
                                                   {"IDNO", IDNO},
                                                   {"IDCLOSE", IDCLOSE},
                                                   {"IDHELP", IDHELP},
                                                   {"IDTRYAGAIN", IDTRYAGAIN},
                                                   {"IDCONTINUE", IDCONTINUE}};
  return names;
}

const std::map<std::string, std::pair<UINT, bool>>& key_names() {
  static const std::map<std::string, std::pair<UINT, bool>> keys = {
      {"Tab", {VK_TAB, false}},        {"Shift+Tab", {VK_TAB, true}},
      {"Enter", {VK_RETURN, false}},   {"Escape", {VK_ESCAPE, false}},
      {"Up", {VK_UP, false}},          {"Down", {VK_DOWN, false}},
      {"Left", {VK_LEFT, false}},      {"Right", {VK_RIGHT, false}},
      {"Home", {VK_HOME, false}},      {"End", {VK_END, false}},
      {"Backspace", {VK_BACK, false}}, {"Delete", {VK_DELETE, false}}};
  return keys;
}

std::string unquote(std::string s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
  return s;
}

const char* kind_name(const ControlView& c) {
  switch (c.kind) {
    case ControlKind::kButton:
      switch (c.style & BS_TYPEMASK) {
        case BS_CHECKBOX:
        case BS_AUTOCHECKBOX:
        case BS_3STATE:
        case BS_AUTO3STATE:
          return "checkbox";
        case BS_RADIOBUTTON:
        case BS_AUTORADIOBUTTON:
          return "radio";
        case BS_GROUPBOX:
          return "groupbox";
        default:
          return "button";
      }
    case ControlKind::kEdit:
      return "edit";
    case ControlKind::kStatic:
      return "static";
    case ControlKind::kListBox:
      return "listbox";
    case ControlKind::kComboBox:
      return "combobox";
    default:
      return "control";
  }
}

std::string utf8(const std::wstring& s) { return wide_to_utf8(s).value_or("?"); }

}  // namespace

Result<std::deque<ScriptStep>> parse_script(std::string_view text, std::string_view source) {
  std::deque<ScriptStep> steps;
  std::istringstream in{std::string(text)};
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    std::istringstream words(line.substr(start));
    ScriptStep s;
    s.line = number;
    words >> s.command;
    auto where = [&] { return std::string(source) + ":" + std::to_string(number) + ": "; };
    auto rest = [&] {
      std::string r;
      std::getline(words >> std::ws, r);
      return r;
    };
    auto target = [&]() -> std::string {
      words >> std::ws;
      if (words.peek() == '"') {
        std::string t;
        std::getline(words.ignore(), t, '"');
        return "\"" + t + "\"";
      }
      std::string t;
      words >> t;
      return t;
    };
    if (s.command == "set" || s.command == "choose") {
      s.target = target();
      s.argument = unquote(rest());
    } else if (s.command == "check" || s.command == "uncheck" || s.command == "press") {
      s.target = target();
    } else if (s.command == "type" || s.command == "alt") {
      s.argument = unquote(rest());
    } else if (s.command == "key") {
      s.argument = rest();
      if (!key_names().count(s.argument)) {
        return fail(Errc::kInvalidData, where() + "unknown key \"" + s.argument +
                                            "\" (Tab, Shift+Tab, Enter, Escape, Up, Down, Left, "
                                            "Right, Home, End, Backspace, Delete)");
      }
    } else if (s.command == "wait") {
      s.argument = rest();
      if (s.argument.empty() || s.argument.find_first_not_of("0123456789") != std::string::npos) {
        return fail(Errc::kInvalidData,
                    where() + "wait takes milliseconds, not \"" + s.argument + "\"");
      }
    } else {
      return fail(Errc::kInvalidData,
                  where() + "unknown step \"" + s.command +
                      "\" (set, type, alt, choose, check, uncheck, press, key, wait)");
    }
    if ((s.command != "type" && s.command != "alt" && s.command != "key" && s.command != "wait") &&
        s.target.empty()) {
      return fail(Errc::kInvalidData, where() + s.command + " needs a control");
    }
    steps.push_back(std::move(s));
  }
  return steps;
}

ScriptedRenderer::ScriptedRenderer(std::deque<ScriptStep> steps, std::string transcript)
    : steps_(std::move(steps)) {
  if (!transcript.empty()) file_ = std::fopen(transcript.c_str(), "we");
}

ScriptedRenderer::~ScriptedRenderer() {
  if (file_) std::fclose(file_);
}

Result<std::shared_ptr<ScriptedRenderer>> ScriptedRenderer::from_file(const std::string& path,
                                                                      std::string transcript) {
  std::ifstream in(path);
  if (!in) return fail(Errc::kNotFound, "answer script " + path + " cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  auto steps = parse_script(text.str(), path);
  if (!steps) return fail(steps.error());
  auto r = std::make_shared<ScriptedRenderer>(std::move(*steps), transcript);
  if (!r->file_ && !transcript.empty()) {
    return fail_errno(errno, "transcript " + transcript);
  }
  return r;
}

void ScriptedRenderer::write(const std::string& line) {
  std::lock_guard lock(mutex_);
  record_ += line + "\n";
  if (file_) {
    std::fputs((line + "\n").c_str(), file_);
    std::fflush(file_);
  }
}

std::string ScriptedRenderer::record() const {
  std::lock_guard lock(mutex_);
  return record_;
}

void ScriptedRenderer::dump(const DialogView& v) {
  write("dialog \"" + utf8(v.caption) + "\"");
  for (const ControlView& c : v.controls) {
    std::string line = std::string("  ") + kind_name(c) + " " + std::to_string(c.id);
    if (c.password) {
      line += " password (" + std::to_string(c.text.size()) + " characters)";
    } else if (c.kind == ControlKind::kListBox || c.kind == ControlKind::kComboBox) {
      line += " [";
      for (size_t i = 0; i < c.items.size(); ++i) {
        line += (i ? ", \"" : "\"") + utf8(c.items[i]) + "\"";
        if (static_cast<int>(i) == c.selection) line += "*";
      }
      line += "]";
    } else {
      line += " \"" + utf8(c.text) + "\"";
    }
    if (c.check == BST_CHECKED) line += " checked";
    if (c.is_default) line += " default";
    if (c.focused) line += " focused";
    if (!c.enabled) line += " disabled";
    if (!c.visible) line += " hidden";
    write(line);
  }
}

void ScriptedRenderer::dialog_closed(const DialogView& view, INT_PTR result) {
  dump(view);
  write("closed \"" + utf8(view.caption) + "\" result " + std::to_string(result));
  seen_.erase(view.hwnd);
}

Status ScriptedRenderer::wait_input(const InputContext& ctx) {
  HWND top = ctx.dialogs.back();
  if (!seen_.count(top)) {
    seen_.insert(top);
    if (auto v = snapshot(top)) {
      write("shown");
      dump(*v);
    }
  }
  if (steps_.empty()) {
    std::string caption = "?";
    if (auto v = snapshot(top)) caption = utf8(v->caption);
    write("script ended; dialog \"" + caption + "\" still open");
    return fail(Errc::kCancelled,
                "the answer script ended while dialog \"" + caption + "\" was open");
  }
  const ScriptStep& step = steps_.front();
  if (step.command == "wait") {
    TimePoint now = ctx.clock->now();
    if (!waiting_until_) {
      write("step " + std::to_string(step.line) + ": wait " + step.argument);
      waiting_until_ = now + Milliseconds(std::stoll(step.argument));
      waiting_on_ = top;
    }
    // A wait is for its dialog: it ends early when that dialog is no longer on top (it
    // closed, e.g. a dial connected), so the next step goes to the dialog now shown.
    if (now >= *waiting_until_ || top != waiting_on_) {
      waiting_until_.reset();
      steps_.pop_front();
      return {};
    }
    std::optional<TimePoint> until = waiting_until_;
    if (ctx.deadline && *ctx.deadline < *until) until = ctx.deadline;
    (void)ctx.clock->wait(until, ctx.wake_fds);
    return {};
  }
  ScriptStep s = step;
  steps_.pop_front();
  // Typed and set text is recorded by length only: it may be a password.
  std::string argument = s.argument;
  if (s.command == "type" || s.command == "set") {
    argument = "(" + std::to_string(utf8_to_wide(s.argument).value_or(L"").size()) + " characters)";
  }
  write("step " + std::to_string(s.line) + ": " + s.command +
        (s.target.empty() ? "" : " " + s.target) + (argument.empty() ? "" : " " + argument));
  Status st = run(s, top);
  if (!st) write("  failed: " + st.error().message);
  return st;
}

Status ScriptedRenderer::run(const ScriptStep& s, HWND dialog) {
  auto v = snapshot(dialog);
  if (!v) return fail(v.error());
  const ControlView* control = nullptr;
  if (!s.target.empty()) {
    std::optional<int> id;
    if (auto it = id_names().find(s.target); it != id_names().end()) id = it->second;
    if (!id && s.target.find_first_not_of("-0123456789") == std::string::npos)
      id = std::stoi(s.target);
    std::wstring caption = strip_mnemonic(utf8_to_wide(unquote(s.target)).value_or(L""));
    for (const ControlView& c : v->controls) {
      if (id ? c.id == *id
             : (!s.target.empty() && s.target[0] == '"' && strip_mnemonic(c.text) == caption)) {
        control = &c;
        break;
      }
    }
    if (!control) {
      return fail(Errc::kNotFound, "line " + std::to_string(s.line) + ": dialog \"" +
                                       utf8(v->caption) + "\" has no control " + s.target);
    }
    if (!control->enabled) {
      return fail(Errc::kAccessDenied,
                  "line " + std::to_string(s.line) + ": control " + s.target + " is disabled");
    }
  }
  std::wstring argument = utf8_to_wide(s.argument).value_or(L"");
  if (s.command == "type") {
    for (wchar_t c : argument) post_char(dialog, c);
  } else if (s.command == "alt") {
    for (wchar_t c : argument) post_syschar(dialog, c);
  } else if (s.command == "key") {
    auto [vk, shift] = key_names().at(s.argument);
    post_key(dialog, vk, shift);
  } else if (s.command == "press") {
    SetFocus(control->hwnd);
    SendMessageW(control->hwnd, BM_CLICK, 0, 0);
  } else if (s.command == "check" || s.command == "uncheck") {
    UINT want = s.command == "check" ? BST_CHECKED : BST_UNCHECKED;
    if (control->check != want) SendMessageW(control->hwnd, BM_CLICK, 0, 0);
  } else if (s.command == "set") {
    SetFocus(control->hwnd);
    SendMessageW(control->hwnd, WM_SETTEXT, 0, reinterpret_cast<LPARAM>(argument.c_str()));
  } else if (s.command == "choose") {
    bool combo = control->kind == ControlKind::kComboBox;
    if (!combo && control->kind != ControlKind::kListBox) {
      return fail(Errc::kInvalidArgument, "line " + std::to_string(s.line) + ": control " +
                                              s.target + " is not a list or combo box");
    }
    int index = -1;
    for (size_t i = 0; i < control->items.size(); ++i) {
      if (control->items[i] == argument) index = static_cast<int>(i);
    }
    if (index < 0 && !s.argument.empty() &&
        s.argument.find_first_not_of("0123456789") == std::string::npos) {
      index = std::stoi(s.argument);
    }
    if (index < 0 || index >= static_cast<int>(control->items.size())) {
      return fail(Errc::kNotFound, "line " + std::to_string(s.line) + ": control " + s.target +
                                       " has no item \"" + s.argument + "\"");
    }
    SetFocus(control->hwnd);
    SendMessageW(control->hwnd, combo ? CB_SETCURSEL : LB_SETCURSEL, static_cast<WPARAM>(index), 0);
    if (WindowPtr w = find_window(control->hwnd); w && (combo || (w->style & LBS_NOTIFY))) {
      notify_parent(*w, combo ? CBN_SELCHANGE : LBN_SELCHANGE);
    }
  }
  return {};
}

}  // namespace openras::dialog
