// synch_api.cpp: the C functions of synchapi.h over win32/events.h.
//
// They follow Win32's conventions rather than RAS's: failure is NULL, FALSE or WAIT_FAILED,
// with the reason in the calling thread's last error.
#include <exception>
#include <new>
#include <vector>

#include "base/log.h"
#include "base/result.h"
#include "win32/events.h"
#include "windows.h"

using openras::Errc;
using openras::Error;

namespace {

thread_local DWORD t_last_error = ERROR_SUCCESS;

void set_error(const Error& error, const char* function) {
  LOG_DEBUG("%s: %s", function, error.message.c_str());
  t_last_error = openras::win32_code(error);
}

// Runs `body` with no exception escaping: bad_alloc is ERROR_NOT_ENOUGH_MEMORY.
template <class T, class F>
T guarded(const char* function, T failure, F&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    t_last_error = ERROR_NOT_ENOUGH_MEMORY;
  } catch (...) {
    LOG_DEBUG("%s: internal error", function);
    t_last_error = ERROR_INVALID_FUNCTION;
  }
  return failure;
}

HANDLE create(BOOL manual, BOOL initial, bool named, const char* function) {
  return guarded<HANDLE>(function, nullptr, [&]() -> HANDLE {
    if (named) {
      set_error(Error{Errc::kNotSupported, "named events are not supported", 0}, function);
      return nullptr;
    }
    auto handle = openras::win32::create_event(manual != FALSE, initial != FALSE);
    if (!handle) {
      set_error(handle.error(), function);
      return nullptr;
    }
    return *handle;
  });
}

DWORD wait_for(const HANDLE* handles, DWORD count, bool all, DWORD ms, const char* function) {
  return guarded<DWORD>(function, WAIT_FAILED, [&]() -> DWORD {
    if (!handles || count == 0 || count > MAXIMUM_WAIT_OBJECTS) {
      t_last_error = ERROR_INVALID_PARAMETER;
      return WAIT_FAILED;
    }
    std::vector<std::shared_ptr<openras::win32::Event>> events;
    for (DWORD i = 0; i < count; ++i) {
      auto event = openras::win32::find_event(handles[i]);
      if (!event) {
        set_error(event.error(), function);
        return WAIT_FAILED;
      }
      events.push_back(std::move(*event));
    }
    auto result = openras::win32::wait(events, all, ms);
    if (!result) {
      set_error(result.error(), function);
      return WAIT_FAILED;
    }
    if (*result == openras::win32::kWaitTimeout) return WAIT_TIMEOUT;
    return WAIT_OBJECT_0 + *result;
  });
}

template <class F>
BOOL on_event(HANDLE handle, const char* function, F&& action) {
  return guarded<BOOL>(function, FALSE, [&]() -> BOOL {
    auto event = openras::win32::find_event(handle);
    if (!event) {
      set_error(event.error(), function);
      return FALSE;
    }
    if (auto ok = action(**event); !ok) {
      set_error(ok.error(), function);
      return FALSE;
    }
    return TRUE;
  });
}

}  // namespace

extern "C" {

HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES, BOOL bManualReset, BOOL bInitialState,
                           LPCWSTR lpName) {
  return create(bManualReset, bInitialState, lpName != nullptr, __func__);
}

HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES, BOOL bManualReset, BOOL bInitialState,
                           LPCSTR lpName) {
  return create(bManualReset, bInitialState, lpName != nullptr, __func__);
}

BOOL WINAPI SetEvent(HANDLE hEvent) {
  return on_event(hEvent, __func__, [](openras::win32::Event& e) { return e.set(); });
}

BOOL WINAPI ResetEvent(HANDLE hEvent) {
  return on_event(hEvent, __func__, [](openras::win32::Event& e) { return e.reset(); });
}

BOOL WINAPI CloseHandle(HANDLE hObject) {
  return guarded<BOOL>(__func__, FALSE, [&]() -> BOOL {
    if (auto ok = openras::win32::close_handle(hObject); !ok) {
      set_error(ok.error(), "CloseHandle");
      return FALSE;
    }
    return TRUE;
  });
}

DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds) {
  return wait_for(&hHandle, 1, false, dwMilliseconds, __func__);
}

DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE* lpHandles, BOOL bWaitAll,
                                    DWORD dwMilliseconds) {
  return wait_for(lpHandles, nCount, bWaitAll != FALSE, dwMilliseconds, __func__);
}

DWORD WINAPI GetLastError(void) { return t_last_error; }

void WINAPI SetLastError(DWORD dwErrCode) { t_last_error = dwErrCode; }

int WINAPI OpenRasEventFd(HANDLE hEvent) {
  return guarded<int>(__func__, -1, [&]() -> int {
    auto event = openras::win32::find_event(hEvent);
    if (!event) {
      set_error(event.error(), "OpenRasEventFd");
      return -1;
    }
    return (*event)->fd();
  });
}

}  // extern "C"
