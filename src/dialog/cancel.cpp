// cancel.cpp: the host's cancel (tokens, cancel_all, the renderer giving up), the grace
// period and teardown of non-conforming dialogs, and the process-wide settings.
#include <dlfcn.h>
#include <link.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <map>

#include "base/log.h"
#include "base/utf.h"
#include "dialog/resources.h"
#include "dialog/window.h"

namespace openras::dialog {

namespace {

struct Settings {
  std::mutex mutex;
  std::shared_ptr<Renderer> renderer;
  std::shared_ptr<Clock> clock = std::make_shared<SystemClock>();
  Milliseconds grace = kDefaultGracePeriod;
  std::function<void(const Teardown&)> observer;
  std::map<HINSTANCE, std::string> module_names;
};

Settings& settings() {
  static Settings* s = new Settings;
  return *s;
}

std::atomic<uint64_t> g_cancel_generation{0};
// Written by cancel_all (also from signal handlers), read by whichever thread wakes first,
// which then wakes every queue.
int g_cancel_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);

thread_local std::shared_ptr<CancelToken> t_token;

std::string why_cancelled(const Window& d, TimePoint now) {
  if (d.cancel_token && d.cancel_token->cancelled(now)) return d.cancel_token->reason();
  if (auto logon = logon_cancel_token(); logon && logon->cancelled(now)) return logon->reason();
  if (g_cancel_generation.load() > d.cancel_generation) return "the host cancelled all dialogs";
  if (d.input_exhausted) return d.cancel_reason;
  return d.host_cancel;
}

void tear_down(const WindowPtr& d, TimePoint now) {
  Teardown t{d->module.empty() ? "(no module)" : d->module, d->text, d->cancel_reason};
  std::string caption = wide_to_utf8(d->text).value_or("?");
  long long ms = std::chrono::duration_cast<Milliseconds>(now - d->cancel_delivered_at).count();
  // The one warning the runtime logs itself: the dialer author must hear of it.
  LOG_WARNING(
      "dialog \"%s\" of module %s ignored IDCANCEL for %lld ms (%s): the module is "
      "non-conforming; the host tore the dialog down",
      caption.c_str(), t.module.c_str(), ms, d->cancel_reason.c_str());
  std::function<void(const Teardown&)> observer;
  {
    std::lock_guard lock(settings().mutex);
    observer = settings().observer;
  }
  if (observer) observer(t);
  if (d->modal) {
    d->ended = true;
    d->end_result = IDCANCEL;
    d->style &= ~static_cast<DWORD>(WS_VISIBLE);
  } else {
    destroy_window(d);
  }
}

}  // namespace

uint64_t cancel_generation() noexcept { return g_cancel_generation.load(); }
int global_cancel_fd() noexcept { return g_cancel_fd; }
std::shared_ptr<CancelToken> current_cancel_token() { return t_token; }

void cancel_all() noexcept {
  g_cancel_generation.fetch_add(1);
  uint64_t one = 1;
  (void)!::write(g_cancel_fd, &one, sizeof one);
}

std::optional<TimePoint> service_cancels() {
  uint64_t drained = 0;
  if (::read(g_cancel_fd, &drained, sizeof drained) == sizeof drained) wake_all_queues();
  TimePoint now = clock().now();
  std::optional<TimePoint> next;
  auto consider = [&](TimePoint t) { next = next ? std::min(*next, t) : t; };
  for (const WindowPtr& d : thread_dialogs()) {
    if (d->ended || d->destroying) continue;
    if (!d->cancel_delivered) {
      std::string why = why_cancelled(*d, now);
      if (why.empty()) {
        if (d->cancel_token && d->cancel_token->deadline()) consider(*d->cancel_token->deadline());
        if (auto logon = logon_cancel_token(); logon && logon->deadline()) {
          consider(*logon->deadline());
        }
        continue;
      }
      d->cancel_delivered = true;
      d->cancel_delivered_at = now;
      d->cancel_reason = why;
      LOG_DEBUG("dialog: IDCANCEL to %s: %s", d->module.c_str(), why.c_str());
      HWND cancel_button = nullptr;
      for (HWND c : d->children) {
        WindowPtr cw = find_window(c);
        if (cw && cw->control_id == IDCANCEL) cancel_button = c;
      }
      (void)post_message(d->handle(), WM_COMMAND, MAKEWPARAM(IDCANCEL, BN_CLICKED),
                         reinterpret_cast<LPARAM>(cancel_button));
    }
    TimePoint limit = d->cancel_delivered_at + grace_period();
    if (now >= limit) {
      tear_down(d, now);
    } else {
      consider(limit);
    }
  }
  return next;
}

void cancel_dialog(HWND dialog, std::string reason) {
  WindowPtr d = own_window(dialog);
  if (!d || d->kind != ControlKind::kDialog || d->ended || !d->host_cancel.empty()) return;
  d->host_cancel =
      reason.empty() ? std::string("the host cancelled the dialog") : std::move(reason);
}

void CancelToken::cancel(std::string reason) {
  {
    std::lock_guard lock(mutex_);
    if (!cancelled_.load()) reason_ = std::move(reason);
  }
  cancelled_.store(true);
  wake_all_queues();
}

bool CancelToken::cancelled(TimePoint now) const {
  return cancelled_.load() || (deadline_ && now >= *deadline_);
}

std::string CancelToken::reason() const {
  std::lock_guard lock(mutex_);
  if (cancelled_.load()) return reason_;
  return deadline_reason_;
}

CancelScope::CancelScope(std::shared_ptr<CancelToken> token) : previous_(std::move(t_token)) {
  t_token = std::move(token);
}
CancelScope::~CancelScope() { t_token = std::move(previous_); }

void set_renderer(std::shared_ptr<Renderer> r) {
  std::lock_guard lock(settings().mutex);
  settings().renderer = std::move(r);
}
std::shared_ptr<Renderer> renderer() {
  std::lock_guard lock(settings().mutex);
  return settings().renderer;
}
void set_clock(std::shared_ptr<Clock> c) {
  std::lock_guard lock(settings().mutex);
  settings().clock = std::move(c);
}
Clock& clock() {
  std::lock_guard lock(settings().mutex);
  return *settings().clock;
}
void set_grace_period(Milliseconds grace) {
  std::lock_guard lock(settings().mutex);
  settings().grace = grace;
}
Milliseconds grace_period() {
  std::lock_guard lock(settings().mutex);
  return settings().grace;
}
void set_teardown_observer(std::function<void(const Teardown&)> observer) {
  std::lock_guard lock(settings().mutex);
  settings().observer = std::move(observer);
}

void register_module_name(HINSTANCE instance, std::string name) {
  std::lock_guard lock(settings().mutex);
  settings().module_names[instance] = std::move(name);
}

std::string module_name(HINSTANCE instance) {
  {
    std::lock_guard lock(settings().mutex);
    auto it = settings().module_names.find(instance);
    if (it != settings().module_names.end()) return it->second;
  }
  if (!instance) {
    char path[4096];
    ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
    return n > 0 ? std::string(path, static_cast<size_t>(n)) : std::string("(executable)");
  }
  link_map* map = nullptr;
  if (is_module_handle(instance) && ::dlinfo(instance, RTLD_DI_LINKMAP, &map) == 0 && map &&
      map->l_name && *map->l_name) {
    return map->l_name;
  }
  return "(unknown module)";
}

}  // namespace openras::dialog
