// error_string.cpp: RasGetErrorStringW / RasGetErrorStringA.
#include <cstring>
#include <string_view>

#include "base/c_abi.h"
#include "base/utf.h"
#include "ras.h"
#include "rasapi/error_text.h"

using openras::abi_call;

extern "C" {

// cBufSize counts WCHARs, the terminating NUL included. An unknown code or a NULL buffer
// is ERROR_INVALID_PARAMETER; a buffer too small for the whole message is
// ERROR_INSUFFICIENT_BUFFER with an empty string written (never a truncated message).
DWORD APIENTRY RasGetErrorStringW(UINT uErrorValue, LPWSTR lpszErrorString, DWORD cBufSize) {
  return abi_call(__func__, [&]() -> DWORD {
    const char* text = openras::rasapi::error_text(uErrorValue);
    if (!text || !lpszErrorString) return ERROR_INVALID_PARAMETER;
    auto wide = openras::utf8_to_wide(text);
    if (!wide) return ERROR_UNKNOWN;
    if (!openras::copy_terminated(*wide, lpszErrorString, cBufSize)) {
      if (cBufSize > 0) lpszErrorString[0] = L'\0';
      return ERROR_INSUFFICIENT_BUFFER;
    }
    return ERROR_SUCCESS;
  });
}

// The A form: UTF-8, cBufSize counts bytes.
DWORD APIENTRY RasGetErrorStringA(UINT uErrorValue, LPSTR lpszErrorString, DWORD cBufSize) {
  return abi_call(__func__, [&]() -> DWORD {
    const char* text = openras::rasapi::error_text(uErrorValue);
    if (!text || !lpszErrorString) return ERROR_INVALID_PARAMETER;
    if (!openras::copy_terminated(std::string_view(text), lpszErrorString, cBufSize)) {
      if (cBufSize > 0) lpszErrorString[0] = '\0';
      return ERROR_INSUFFICIENT_BUFFER;
    }
    return ERROR_SUCCESS;
  });
}

}  // extern "C"
