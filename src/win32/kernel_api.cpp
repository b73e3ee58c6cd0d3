// kernel_api.cpp: winbase.h's Sleep, tick counts and OutputDebugString.
#include <sched.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "base/log.h"
#include "base/utf.h"
#include "windows.h"

namespace {

void debug_line(std::string text) {
  // Windows debug strings usually end in "\r\n"; the log adds its own line end.
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  LOG_DEBUG("OutputDebugString: %s", text.c_str());
}

}  // namespace

extern "C" {

void WINAPI Sleep(DWORD dwMilliseconds) {
  if (dwMilliseconds == INFINITE) {
    for (;;) ::pause();
  }
  if (dwMilliseconds == 0) {
    ::sched_yield();
    return;
  }
  struct timespec left {
    static_cast<time_t>(dwMilliseconds / 1000), static_cast<long>(dwMilliseconds % 1000) * 1000000
  };
  while (::nanosleep(&left, &left) != 0 && errno == EINTR) {
  }
}

ULONGLONG WINAPI GetTickCount64(void) {
  struct timespec now {};
  ::clock_gettime(CLOCK_BOOTTIME, &now);
  return static_cast<ULONGLONG>(now.tv_sec) * 1000u +
         static_cast<ULONGLONG>(now.tv_nsec) / 1000000u;
}

DWORD WINAPI GetTickCount(void) { return static_cast<DWORD>(GetTickCount64()); }

void WINAPI OutputDebugStringA(LPCSTR lpOutputString) {
  if (!lpOutputString || !openras::log::enabled(openras::log::Level::kDebug)) return;
  try {
    debug_line(lpOutputString);
  } catch (...) {
    // Out of memory: a debug line is not worth failing for (and it returns nothing).
  }
}

void WINAPI OutputDebugStringW(LPCWSTR lpOutputString) {
  if (!lpOutputString || !openras::log::enabled(openras::log::Level::kDebug)) return;
  try {
    auto text = openras::wide_to_utf8(lpOutputString);
    debug_line(text ? *text : "(text that is not valid Unicode)");
  } catch (...) {
    // Out of memory: a debug line is not worth failing for (and it returns nothing).
  }
}

}  // extern "C"
