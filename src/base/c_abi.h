// c_abi.h: helpers for the exported C functions of libopenras (RAS, registry, dialogs).
//
// Every exported function runs its whole body through abi_call() (itself noexcept), so no C++
// exception ever unwinds into a caller or a dialer: std::bad_alloc becomes
// ERROR_NOT_ENOUGH_MEMORY, anything else ERROR_UNKNOWN (and is logged at debug level).
#pragma once

#include <exception>
#include <new>

#include "base/log.h"
#include "base/result.h"
#include "raserror.h"
#include "windows.h"

namespace openras {

template <class F>
DWORD abi_call(const char* function, F&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return ERROR_NOT_ENOUGH_MEMORY;
  } catch (const std::exception& e) {
    LOG_DEBUG("%s: internal error: %s", function, e.what());
    return ERROR_UNKNOWN;
  } catch (...) {
    LOG_DEBUG("%s: internal error", function);
    return ERROR_UNKNOWN;
  }
}

// The DWORD for a Status: 0 on success, else the mapped error (logged at debug level).
inline DWORD to_dword(const char* function, const Status& status) {
  if (status) return ERROR_SUCCESS;
  LOG_DEBUG("%s: %s", function, status.error().message.c_str());
  return win32_code(status.error());
}

}  // namespace openras
