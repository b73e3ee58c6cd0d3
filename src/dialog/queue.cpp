// queue.cpp: posting, sending across threads, timers, and the one message pump that
// GetMessage, PeekMessage and the modal loop share.
#include <poll.h>

#include <algorithm>

#include "base/log.h"
#include "dialog/window.h"

namespace openras::dialog {

namespace {

void run_sent_messages(ThreadQueue& q) {
  for (;;) {
    std::shared_ptr<SentMessage> sent;
    {
      std::lock_guard lock(q.mutex);
      if (q.sent.empty()) return;
      sent = q.sent.front();
      q.sent.pop_front();
    }
    LRESULT result = 0;
    if (WindowPtr w = find_window(sent->hwnd)) {
      result = call_window(w, sent->message, sent->wparam, sent->lparam);
    }
    sent->result.set_value(result);
    if (sent->sender) sent->sender->wake();
  }
}

bool matches(const MSG& m, HWND filter, UINT min, UINT max) {
  if (filter && m.hwnd != filter) return false;
  if (min == 0 && max == 0) return true;
  return m.message >= min && m.message <= max;
}

bool take_posted(ThreadQueue& q, MSG& msg, HWND filter, UINT min, UINT max, bool remove) {
  std::lock_guard lock(q.mutex);
  auto it = std::find_if(q.posted.begin(), q.posted.end(),
                         [&](const MSG& m) { return matches(m, filter, min, max); });
  if (it != q.posted.end()) {
    msg = *it;
    if (remove) q.posted.erase(it);
    if (msg.message == WM_KEYDOWN || msg.message == WM_CHAR || msg.message == WM_SYSCHAR) {
      q.shift_down = (msg.lParam & kShiftBit) != 0;
      if (msg.lParam & kToFocusBit) {
        WindowPtr f = find_window(q.focus);
        if (f && (q.focus == msg.hwnd || f->parent == msg.hwnd)) msg.hwnd = q.focus;
      }
      msg.lParam &= ~(kShiftBit | kToFocusBit);
    }
    return true;
  }
  if (q.quit && !filter) {
    msg = MSG{};
    msg.message = WM_QUIT;
    msg.wParam = static_cast<WPARAM>(q.quit_code);
    if (remove) q.quit = false;
    return true;
  }
  return false;
}

bool take_timer(ThreadQueue& q, MSG& msg, HWND filter, UINT min, UINT max, bool remove) {
  TimePoint now = clock().now();
  for (Timer& t : q.timers) {
    if (t.due > now) continue;
    MSG m{};
    m.hwnd = t.hwnd;
    m.message = WM_TIMER;
    m.wParam = t.id;
    m.lParam = reinterpret_cast<LPARAM>(t.proc);
    if (!matches(m, filter, min, max)) continue;
    msg = m;
    if (remove) t.due = now + t.period;
    return true;
  }
  return false;
}

std::optional<TimePoint> earliest(std::optional<TimePoint> a, std::optional<TimePoint> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

// Nothing to deliver: show modal dialogs that wait for this moment, then let the renderer
// wait for input (or the clock, when no dialog is visible).
void idle(ThreadQueue& q, std::optional<TimePoint> deadline) {
  std::vector<HWND> visible;
  for (const WindowPtr& d : thread_dialogs()) {
    if (d->show_on_idle && !d->ended) {
      d->show_on_idle = false;
      d->style |= WS_VISIBLE;
    }
    if (d->visible() && !d->ended && !d->destroying) visible.push_back(d->handle());
  }
  for (const Timer& t : q.timers) deadline = earliest(deadline, t.due);
  const int fds[] = {q.wake_fd(), global_cancel_fd()};
  std::shared_ptr<Renderer> r = renderer();
  WindowPtr top = visible.empty() ? nullptr : find_window(visible.back());
  if (r && top && !top->input_exhausted) {
    InputContext ctx{visible, deadline, fds, &clock()};
    Status st = r->wait_input(ctx);
    if (!st) {
      LOG_DEBUG("dialog: %s renderer: %s", std::string(r->name()).c_str(),
                st.error().message.c_str());
      top->input_exhausted = true;
      top->cancel_reason = st.error().message;
    }
  } else if (!clock().wait(deadline, fds)) {
    if (top && !top->input_exhausted) {
      top->input_exhausted = true;
      top->cancel_reason = "no renderer can give this dialog input";
    } else if (!top) {
      // Nothing visible and no timer: only another thread's post or send can wake us.
      std::vector<pollfd> pfds;
      for (int fd : fds) pfds.push_back(pollfd{fd, POLLIN, 0});
      (void)::poll(pfds.data(), pfds.size(), -1);
    }
  }
  q.drain_wake();
}

}  // namespace

bool post_message(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam) {
  std::shared_ptr<ThreadQueue> q;
  if (!hwnd) {
    (void)this_queue();
    q = queue_of(std::this_thread::get_id());
  } else {
    WindowPtr w = find_window(hwnd);
    if (!w) {
      set_last_error(ERROR_INVALID_WINDOW_HANDLE);
      return false;
    }
    q = queue_of(w->thread);
  }
  if (!q) {
    set_last_error(ERROR_INVALID_THREAD_ID);
    return false;
  }
  {
    std::lock_guard lock(q->mutex);
    MSG m{};
    m.hwnd = hwnd;
    m.message = message;
    m.wParam = wparam;
    m.lParam = lparam;
    m.time = static_cast<DWORD>(
        std::chrono::duration_cast<Milliseconds>(clock().now().time_since_epoch()).count());
    q->posted.push_back(m);
  }
  q->wake();
  return true;
}

LRESULT send_message(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam) {
  WindowPtr w = find_window(hwnd);
  if (!w) {
    set_last_error(ERROR_INVALID_WINDOW_HANDLE);
    return 0;
  }
  if (w->thread == std::this_thread::get_id()) return call_window(w, message, wparam, lparam);
  std::shared_ptr<ThreadQueue> q = queue_of(w->thread);
  if (!q) return 0;
  ThreadQueue& mine = this_queue();
  auto sent = std::make_shared<SentMessage>(
      SentMessage{hwnd, message, wparam, lparam, {}, queue_of(std::this_thread::get_id())});
  std::future<LRESULT> result = sent->result.get_future();
  {
    std::lock_guard lock(q->mutex);
    q->sent.push_back(sent);
  }
  q->wake();
  // While waiting, run what others send to this thread (as Win32 does), so two threads
  // sending to each other's windows cannot deadlock.
  while (result.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    run_sent_messages(mine);
    pollfd pfd{mine.wake_fd(), POLLIN, 0};
    if (result.wait_for(std::chrono::seconds(0)) == std::future_status::ready) break;
    (void)::poll(&pfd, 1, -1);
    mine.drain_wake();
  }
  return result.get();
}

bool fetch_message(MSG& msg, HWND filter, UINT min, UINT max, bool remove, bool wait,
                   const Window* modal) {
  ThreadQueue& q = this_queue();
  for (;;) {
    run_sent_messages(q);
    std::optional<TimePoint> next_cancel = service_cancels();
    if (modal && modal->ended) {
      msg = MSG{};  // WM_NULL: lets the modal loop see that its dialog ended
      return true;
    }
    if (take_posted(q, msg, filter, min, max, remove)) return true;
    if (take_timer(q, msg, filter, min, max, remove)) return true;
    if (!wait) return false;
    idle(q, next_cancel);
  }
}

}  // namespace openras::dialog
