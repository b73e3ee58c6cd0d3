// logon.cpp: logon mode (dialog.h): the process-wide switch, and the logon's cancel token
// (its deadline is the logon time-out; abort_logon cancels it).
#include <atomic>
#include <mutex>

#include "base/log.h"
#include "dialog/window.h"

namespace openras::dialog {

namespace {

std::atomic<bool> g_logon{false};
std::mutex g_mutex;
std::shared_ptr<CancelToken>* g_token = new std::shared_ptr<CancelToken>;

}  // namespace

Status enter_logon_mode(const LogonOptions& options) {
  std::lock_guard lock(g_mutex);
  if (g_logon.load()) return fail(Errc::kAlreadyExists, "the process is already in logon mode");
  std::optional<TimePoint> deadline;
  if (options.timeout) deadline = clock().now() + *options.timeout;
  *g_token = std::make_shared<CancelToken>(deadline, "the logon timed out");
  g_logon.store(true);
  LOG_DEBUG("dialog: logon mode%s", options.timeout ? " with a time-out" : "");
  // Dialogs already waiting must see the new deadline.
  wake_all_queues();
  return {};
}

bool in_logon_mode() noexcept { return g_logon.load(); }

void abort_logon(std::string reason) {
  if (auto token = logon_cancel_token()) token->cancel(std::move(reason));
}

std::shared_ptr<CancelToken> logon_cancel_token() {
  std::lock_guard lock(g_mutex);
  return *g_token;
}

}  // namespace openras::dialog
