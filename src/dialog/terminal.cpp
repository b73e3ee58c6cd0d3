// terminal.cpp: the terminal renderer (ncursesw). Dialogs are drawn centred, one cell per
// 4×8 dialog units; keys become WM_KEYDOWN/WM_CHAR for the focused control, so Tab order,
// Enter, Escape and arrows follow IsDialogMessage exactly as on Windows. Password fields
// show one '*' per character, never the text. Wide characters are measured with wcwidth.
#include "dialog/terminal.h"

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <ncursesw/curses.h>
#include <poll.h>
#include <unistd.h>

#include <clocale>
#include <cstring>
#include <cwchar>

#include "dialog/window.h"

namespace openras::dialog {

namespace {

// Writes `s` at (row, col) in at most `cols` cells; returns the cells used.
int put(int row, int col, const std::wstring& s, int cols, attr_t attr = A_NORMAL) {
  int used = 0;
  attron(attr);
  for (wchar_t c : s) {
    int w = ::wcwidth(c);
    if (w < 0) w = 1, c = L'?';
    if (used + w > cols) break;
    mvaddnwstr(row, col + used, &c, 1);
    used += w;
  }
  attroff(attr);
  return used;
}

int cells(const std::wstring& s) {
  int n = 0;
  for (wchar_t c : s) n += std::max(::wcwidth(c), 1);
  return n;
}

void frame(int top, int left, int height, int width) {
  if (height < 2 || width < 2) return;
  mvhline(top, left + 1, ACS_HLINE, width - 2);
  mvhline(top + height - 1, left + 1, ACS_HLINE, width - 2);
  mvvline(top + 1, left, ACS_VLINE, height - 2);
  mvvline(top + 1, left + width - 1, ACS_VLINE, height - 2);
  mvaddch(top, left, ACS_ULCORNER);
  mvaddch(top, left + width - 1, ACS_URCORNER);
  mvaddch(top + height - 1, left, ACS_LLCORNER);
  mvaddch(top + height - 1, left + width - 1, ACS_LRCORNER);
}

struct Cursor {
  int row = -1, col = -1;
};

void draw_control(const ControlView& c, int top, int left, Cursor& cursor) {
  if (!c.visible) return;
  int row = top + (static_cast<int>(c.units.top) + 4) / 8;
  int col = left + static_cast<int>(c.units.left) / 4;
  int width = std::max(1, static_cast<int>(c.units.right - c.units.left) / 4);
  int height = std::max(1, static_cast<int>(c.units.bottom - c.units.top) / 8);
  attr_t attr = c.enabled ? A_NORMAL : A_DIM;
  if (c.focused) attr |= A_REVERSE;
  std::wstring text = strip_mnemonic(c.text);
  switch (c.kind) {
    case ControlKind::kStatic: {
      int shift = 0;
      DWORD align = c.style & SS_TYPEMASK;
      if (align == SS_CENTER) shift = std::max(0, (width - cells(text)) / 2);
      if (align == SS_RIGHT) shift = std::max(0, width - cells(text));
      if (align <= SS_RIGHT || align == SS_SIMPLE || align == SS_LEFTNOWORDWRAP) {
        put(row, col + shift, text, width - shift, attr);
      }
      break;
    }
    case ControlKind::kEdit: {
      int inner = std::max(1, width - 2);
      // Scroll so the caret stays inside the field: the text before it and its own cell
      // fit in `inner` cells, a wide character counting as two.
      size_t first = std::min(c.caret, c.text.size());
      for (int used = 1; first > 0;) {
        int w = std::max(::wcwidth(c.text[first - 1]), 1);
        if (used + w > inner) break;
        used += w;
        --first;
      }
      std::wstring shown = c.text.substr(std::min(first, c.text.size()));
      put(row, col, L"[", 1, attr & ~A_REVERSE);
      std::wstring field = shown;
      int used = cells(field);
      if (used < inner) field += std::wstring(static_cast<size_t>(inner - used), L' ');
      put(row, col + 1, field, inner, (c.style & ES_READONLY) ? attr : attr | A_UNDERLINE);
      put(row, col + 1 + inner, L"]", 1, attr & ~A_REVERSE);
      if (c.focused) {
        cursor.row = row;
        cursor.col =
            col + 1 + cells(c.text.substr(std::min(first, c.text.size()), c.caret - first));
      }
      break;
    }
    case ControlKind::kButton: {
      DWORD type = c.style & BS_TYPEMASK;
      if (type == BS_GROUPBOX) {
        frame(row, col, std::max(2, height + 1), width);
        put(row, col + 2, L" " + text + L" ", width - 4, c.enabled ? A_NORMAL : A_DIM);
      } else if (type == BS_CHECKBOX || type == BS_AUTOCHECKBOX || type == BS_3STATE ||
                 type == BS_AUTO3STATE) {
        std::wstring mark = c.check == BST_CHECKED         ? L"[x] "
                            : c.check == BST_INDETERMINATE ? L"[-] "
                                                           : L"[ ] ";
        put(row, col, mark + text, width, attr);
      } else if (type == BS_RADIOBUTTON || type == BS_AUTORADIOBUTTON) {
        put(row, col, (c.check ? L"(*) " : L"( ) ") + text, width, attr);
      } else {
        std::wstring label = c.is_default ? L"<[" + text + L"]>" : L"< " + text + L" >";
        int pad = std::max(0, (width - cells(label)) / 2);
        put(row, col + pad, label, width, attr | (c.is_default ? A_BOLD : A_NORMAL));
      }
      break;
    }
    case ControlKind::kComboBox: {
      std::wstring item = c.selection >= 0 && static_cast<size_t>(c.selection) < c.items.size()
                              ? c.items[static_cast<size_t>(c.selection)]
                              : L"";
      int inner = std::max(1, width - 4);
      std::wstring field = item;
      if (cells(field) < inner)
        field += std::wstring(static_cast<size_t>(inner - cells(field)), L' ');
      put(row, col, L"[" + field.substr(0, static_cast<size_t>(inner)) + L" v]", width, attr);
      break;
    }
    case ControlKind::kListBox: {
      int rows = std::max(1, height);
      int first =
          std::max(0, std::min(c.selection - rows + 1, static_cast<int>(c.items.size()) - rows));
      first = std::max(first, 0);
      for (int i = 0; i < rows && first + i < static_cast<int>(c.items.size()); ++i) {
        attr_t a = c.enabled ? A_NORMAL : A_DIM;
        if (first + i == c.selection) a |= c.focused ? A_REVERSE : A_BOLD;
        put(row + i, col, c.items[static_cast<size_t>(first + i)], width, a);
      }
      break;
    }
    default:
      break;
  }
}

void draw_dialog(const DialogView& v, Cursor& cursor) {
  int width = static_cast<int>(v.units.right - v.units.left) / 4 + 2;
  int height = static_cast<int>(v.units.bottom - v.units.top) / 8 + 3;
  int top = std::max(0, (LINES - height) / 2);
  int left = std::max(0, (COLS - width) / 2);
  for (int r = 0; r < height; ++r) mvhline(top + r, left, ' ', width);
  frame(top, left, height, width);
  put(top, left + 2, L" " + v.caption + L" ", width - 4, A_BOLD);
  for (const ControlView& c : v.controls) draw_control(c, top + 1, left + 1, cursor);
}

}  // namespace

TerminalRenderer::TerminalRenderer(int in_fd, int out_fd, std::string terminal_type)
    : in_fd_(in_fd), out_fd_(out_fd), terminal_type_(std::move(terminal_type)) {}

TerminalRenderer::~TerminalRenderer() {
  stop();
  if (in_) std::fclose(in_);
  if (out_) std::fclose(out_);
}

Status TerminalRenderer::start() {
  if (screen_) return {};
  if (!in_) in_ = ::fdopen(::dup(in_fd_), "r");
  if (!out_) out_ = ::fdopen(::dup(out_fd_), "w");
  if (!in_ || !out_) return fail_errno(errno, "terminal renderer: cannot open the terminal");
  // ncursesw and wcwidth read the character set from LC_CTYPE; a program that never set
  // its locale is in "C", where every non-ASCII character is unprintable.
  const char* ctype = std::setlocale(LC_CTYPE, nullptr);
  if (!ctype || std::strcmp(ctype, "C") == 0 || std::strcmp(ctype, "POSIX") == 0) {
    if (!std::setlocale(LC_CTYPE, "") || std::strcmp(std::setlocale(LC_CTYPE, nullptr), "C") == 0) {
      std::setlocale(LC_CTYPE, "C.UTF-8");
    }
  }
  screen_ = ::newterm(terminal_type_.empty() ? nullptr : terminal_type_.c_str(), out_, in_);
  if (!screen_) {
    return fail(Errc::kNotSupported, "terminal renderer: terminal type \"" + terminal_type_ +
                                         "\" is unknown to terminfo");
  }
  ::set_term(static_cast<SCREEN*>(screen_));
  ::raw();
  ::noecho();
  ::nonl();
  ::keypad(stdscr, TRUE);
  ::nodelay(stdscr, TRUE);
  ::set_escdelay(25);
  return {};
}

void TerminalRenderer::stop() {
  if (!screen_) return;
  ::endwin();
  ::delscreen(static_cast<SCREEN*>(screen_));
  screen_ = nullptr;
}

void TerminalRenderer::draw(std::span<const HWND> dialogs) {
  ::erase();
  Cursor cursor;
  for (HWND h : dialogs) {
    if (auto v = snapshot(h)) draw_dialog(*v, cursor);
  }
  if (cursor.row >= 0) {
    ::curs_set(1);
    ::move(cursor.row, cursor.col);
  } else {
    ::curs_set(0);
  }
  ::refresh();
}

Status TerminalRenderer::wait_input(const InputContext& ctx) {
  if (Status st = start(); !st) return st;
  HWND top = ctx.dialogs.back();
  draw(ctx.dialogs);
  std::vector<pollfd> fds{pollfd{in_fd_, POLLIN, 0}};
  for (int fd : ctx.wake_fds) fds.push_back(pollfd{fd, POLLIN, 0});
  int timeout = -1;
  if (ctx.deadline) {
    auto left = std::chrono::ceil<Milliseconds>(*ctx.deadline - ctx.clock->now()).count();
    timeout = static_cast<int>(std::clamp<long long>(left, 0, 60'000));
  }
  if (::poll(fds.data(), fds.size(), timeout) <= 0 || !(fds[0].revents & (POLLIN | POLLHUP))) {
    return {};
  }
  bool any = false;
  for (;;) {
    wint_t key = 0;
    int kind = ::get_wch(&key);
    if (kind == ERR) break;
    any = true;
    if (kind == KEY_CODE_YES) {
      switch (key) {
        case KEY_BTAB:
          post_key(top, VK_TAB, true);
          break;
        case KEY_ENTER:
          post_key(top, VK_RETURN);
          break;
        case KEY_UP:
          post_key(top, VK_UP);
          break;
        case KEY_DOWN:
          post_key(top, VK_DOWN);
          break;
        case KEY_LEFT:
          post_key(top, VK_LEFT);
          break;
        case KEY_RIGHT:
          post_key(top, VK_RIGHT);
          break;
        case KEY_HOME:
          post_key(top, VK_HOME);
          break;
        case KEY_END:
          post_key(top, VK_END);
          break;
        case KEY_PPAGE:
          post_key(top, VK_PRIOR);
          break;
        case KEY_NPAGE:
          post_key(top, VK_NEXT);
          break;
        case KEY_DC:
          post_key(top, VK_DELETE);
          break;
        case KEY_BACKSPACE:
          post_key(top, VK_BACK);
          break;
        case KEY_RESIZE:
          break;  // redrawn on the next wait
        default:
          break;
      }
      continue;
    }
    switch (key) {
      case L'\t':
        post_key(top, VK_TAB);
        break;
      case L'\r':
      case L'\n':
        post_key(top, VK_RETURN);
        break;
      case 27: {
        // Alt+letter reaches a terminal as Escape then the letter at once.
        wint_t next = 0;
        if (::get_wch(&next) == OK && next > L' ') {
          post_syschar(top, static_cast<wchar_t>(next));
        } else {
          post_key(top, VK_ESCAPE);
        }
        break;
      }
      case 3:
        // Ctrl+C (a key in raw mode) interrupts, as SIGINT would: a host cancel, so a
        // dialog that ignores IDCANCEL is still torn down after the grace period.
        cancel_dialog(top, "Ctrl+C in the terminal");
        break;
      case 8:
      case 127:
        post_key(top, VK_BACK);
        break;
      default:
        if (key >= 0x20) post_char(top, static_cast<wchar_t>(key));
        break;
    }
  }
  if (!any && (fds[0].revents & POLLHUP)) {
    return fail(Errc::kCancelled, "the terminal closed");
  }
  return {};
}

void TerminalRenderer::dialog_closed(const DialogView& view, INT_PTR) {
  // The last dialog gone: give the terminal back to the program.
  for (const WindowPtr& d : thread_dialogs()) {
    if (d->handle() != view.hwnd && d->visible() && !d->ended) return;
  }
  stop();
}

}  // namespace openras::dialog
