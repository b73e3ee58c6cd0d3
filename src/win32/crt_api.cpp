// crt_api.cpp: the Microsoft C runtime functions tchar.h maps to where glibc's differ
// (printf's rules, wide text on byte streams, wmain), and winuser.h's wsprintf.
//
// Wide text written to a stream goes out as UTF-8 unless the program has already made the
// stream wide-oriented (then fputws): these functions never orient a stream themselves,
// so narrow printf/puts on the same stream keep working, as they do on Windows.
#include <stdio.h>
#include <wchar.h>

#include <cerrno>
#include <cstdarg>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/utf.h"
#include "tchar.h"
#include "win32/ms_format.h"
#include "windows.h"

using openras::Result;
using openras::win32::format_narrow;
using openras::win32::format_wide;

namespace {

// Writes wide text to `stream`; the count of wide characters, or -1.
int put_wide(const std::wstring& text, FILE* stream) {
  if (!stream) return -1;
  if (::fwide(stream, 0) > 0) return ::fputws(text.c_str(), stream) < 0 ? -1 : int(text.size());
  auto utf8 = openras::wide_to_utf8(text);
  if (!utf8) {
    errno = EILSEQ;
    return -1;
  }
  if (!utf8->empty() && ::fwrite(utf8->data(), 1, utf8->size(), stream) != utf8->size()) return -1;
  return static_cast<int>(text.size());
}

int put_narrow(const std::string& text, FILE* stream) {
  if (!stream) return -1;
  if (!text.empty() && ::fwrite(text.data(), 1, text.size(), stream) != text.size()) return -1;
  return static_cast<int>(text.size());
}

template <class Ch>
int length_or_fail(const Result<std::basic_string<Ch>>& text) {
  return text ? static_cast<int>(text->size()) : -1;
}

// Microsoft's _snprintf/_snwprintf: no NUL when the text fills the buffer exactly, -1 and
// no NUL when it does not fit.
template <class Ch>
int bounded(Ch* buffer, size_t count, const Result<std::basic_string<Ch>>& text) {
  if (!text) return -1;
  if (!buffer && count) return -1;
  size_t n = text->size();
  if (n > count) {
    if (count) std::memcpy(buffer, text->data(), count * sizeof(Ch));
    return -1;
  }
  std::memcpy(buffer, text->data(), n * sizeof(Ch));
  if (n < count) buffer[n] = 0;
  return static_cast<int>(n);
}

// wsprintf: at most 1024 characters, the NUL's included.
template <class Ch>
int wsprintf_copy(Ch* buffer, const Result<std::basic_string<Ch>>& text) {
  if (!buffer) return 0;
  if (!text) {
    buffer[0] = 0;
    return 0;
  }
  size_t n = text->size() < 1023 ? text->size() : 1023;
  std::memcpy(buffer, text->data(), n * sizeof(Ch));
  buffer[n] = 0;
  return static_cast<int>(n);
}

template <class Ch>
int unbounded(Ch* buffer, const Result<std::basic_string<Ch>>& text) {
  if (!text || !buffer) return -1;
  std::memcpy(buffer, text->c_str(), (text->size() + 1) * sizeof(Ch));
  return static_cast<int>(text->size());
}

// Runs `body` with no C++ exception escaping into C callers.
template <class F>
int guarded(F&& body) noexcept {
  try {
    return body();
  } catch (...) {
    errno = ENOMEM;
    return -1;
  }
}

}  // namespace

extern "C" {

// ---- wide, Microsoft's rules ---------------------------------------------------------
int OpenRas_vfwprintf(FILE* stream, const wchar_t* format, va_list args) {
  return guarded([&] {
    auto text = format_wide(format, args);
    return text ? put_wide(*text, stream) : -1;
  });
}
int OpenRas_fwprintf(FILE* stream, const wchar_t* format, ...) {
  va_list args;
  va_start(args, format);
  int n = OpenRas_vfwprintf(stream, format, args);
  va_end(args);
  return n;
}
int OpenRas_vwprintf(const wchar_t* format, va_list args) {
  return OpenRas_vfwprintf(stdout, format, args);
}
int OpenRas_wprintf(const wchar_t* format, ...) {
  va_list args;
  va_start(args, format);
  int n = OpenRas_vfwprintf(stdout, format, args);
  va_end(args);
  return n;
}
int _vsnwprintf(wchar_t* buffer, size_t count, const wchar_t* format, va_list args) {
  return guarded([&] { return bounded(buffer, count, format_wide(format, args)); });
}
int _snwprintf(wchar_t* buffer, size_t count, const wchar_t* format, ...) {
  va_list args;
  va_start(args, format);
  int n = _vsnwprintf(buffer, count, format, args);
  va_end(args);
  return n;
}
int _vswprintf(wchar_t* buffer, const wchar_t* format, va_list args) {
  return guarded([&] { return unbounded(buffer, format_wide(format, args)); });
}
int _swprintf(wchar_t* buffer, const wchar_t* format, ...) {
  va_list args;
  va_start(args, format);
  int n = _vswprintf(buffer, format, args);
  va_end(args);
  return n;
}
int _vscwprintf(const wchar_t* format, va_list args) {
  return guarded([&] { return length_or_fail(format_wide(format, args)); });
}
int _scwprintf(const wchar_t* format, ...) {
  va_list args;
  va_start(args, format);
  int n = _vscwprintf(format, args);
  va_end(args);
  return n;
}

// ---- narrow, Microsoft's rules (%S wide, %I64d) ----------------------------------------
int OpenRas_vfprintf(FILE* stream, const char* format, va_list args) {
  return guarded([&] {
    auto text = format_narrow(format, args);
    return text ? put_narrow(*text, stream) : -1;
  });
}
int OpenRas_fprintf(FILE* stream, const char* format, ...) {
  va_list args;
  va_start(args, format);
  int n = OpenRas_vfprintf(stream, format, args);
  va_end(args);
  return n;
}
int OpenRas_vprintf(const char* format, va_list args) {
  return OpenRas_vfprintf(stdout, format, args);
}
int OpenRas_printf(const char* format, ...) {
  va_list args;
  va_start(args, format);
  int n = OpenRas_vfprintf(stdout, format, args);
  va_end(args);
  return n;
}
int OpenRas_vsprintf(char* buffer, const char* format, va_list args) {
  return guarded([&] { return unbounded(buffer, format_narrow(format, args)); });
}
int OpenRas_sprintf(char* buffer, const char* format, ...) {
  va_list args;
  va_start(args, format);
  int n = OpenRas_vsprintf(buffer, format, args);
  va_end(args);
  return n;
}
int _vsnprintf(char* buffer, size_t count, const char* format, va_list args) {
  return guarded([&] { return bounded(buffer, count, format_narrow(format, args)); });
}
int _snprintf(char* buffer, size_t count, const char* format, ...) {
  va_list args;
  va_start(args, format);
  int n = _vsnprintf(buffer, count, format, args);
  va_end(args);
  return n;
}
int _vscprintf(const char* format, va_list args) {
  return guarded([&] { return length_or_fail(format_narrow(format, args)); });
}
int _scprintf(const char* format, ...) {
  va_list args;
  va_start(args, format);
  int n = _vscprintf(format, args);
  va_end(args);
  return n;
}

// ---- wide text on byte streams ---------------------------------------------------------
int OpenRas_fputws(const wchar_t* text, FILE* stream) {
  return guarded([&] { return text && put_wide(text, stream) >= 0 ? 0 : -1; });
}
int OpenRas_putws(const wchar_t* text) {
  return guarded(
      [&] { return text && put_wide(std::wstring(text) + L"\n", stdout) >= 0 ? 0 : -1; });
}
wint_t OpenRas_fputwc(wchar_t c, FILE* stream) {
  return OpenRas_fputws(std::wstring(1, c).c_str(), stream) == 0 ? static_cast<wint_t>(c) : WEOF;
}

// Reads up to count - 1 characters, through the first newline; UTF-8 on a byte stream (an
// invalid sequence reads as U+FFFD). NULL at end of file with nothing read, or on error.
wchar_t* OpenRas_fgetws(wchar_t* buffer, int count, FILE* stream) {
  if (!buffer || count <= 0 || !stream) return nullptr;
  if (::fwide(stream, 0) > 0) return ::fgetws(buffer, count, stream);
  int n = 0;
  std::string pending;
  while (n < count - 1) {
    int c = ::getc(stream);
    if (c == EOF) break;
    pending += static_cast<char>(c);
    auto wide = openras::utf8_to_wide(pending);
    if (!wide) {
      // Incomplete so far, or invalid: a sequence is at most 4 bytes.
      if (pending.size() < 4 && (static_cast<unsigned char>(pending[0]) & 0xC0) == 0xC0) continue;
      buffer[n++] = 0xFFFD;
      pending.clear();
      continue;
    }
    pending.clear();
    buffer[n++] = wide->empty() ? 0 : (*wide)[0];
    if (buffer[n - 1] == L'\n') break;
  }
  if (n == 0) return nullptr;
  buffer[n] = 0;
  return buffer;
}

wint_t OpenRas_fgetwc(FILE* stream) {
  wchar_t buffer[2];
  return OpenRas_fgetws(buffer, 2, stream) ? static_cast<wint_t>(buffer[0]) : WEOF;
}

// ---- files and the environment ---------------------------------------------------------
FILE* _wfopen(const wchar_t* path, const wchar_t* mode) {
  try {
    if (!path || !mode) {
      errno = EINVAL;
      return nullptr;
    }
    auto p = openras::wide_to_utf8(path);
    auto m = openras::wide_to_utf8(mode);
    if (!p || !m) {
      errno = EILSEQ;
      return nullptr;
    }
    return ::fopen(p->c_str(), m->c_str());
  } catch (...) {
    errno = ENOMEM;
    return nullptr;
  }
}

// The value stays valid until the same variable is read again with a different value, or
// for ever (the table only grows): Windows' pointer lives as long as the environment does.
wchar_t* _wgetenv(const wchar_t* name) {
  try {
    if (!name) return nullptr;
    auto n = openras::wide_to_utf8(name);
    if (!n) return nullptr;
    const char* value = ::getenv(n->c_str());
    if (!value) return nullptr;
    auto wide = openras::utf8_to_wide(value);
    if (!wide) return nullptr;
    static std::mutex mutex;
    static auto* kept = new std::vector<std::unique_ptr<std::wstring>>;
    std::lock_guard lock(mutex);
    for (auto& v : *kept) {
      if (*v == *wide) return v->data();
    }
    kept->push_back(std::make_unique<std::wstring>(std::move(*wide)));
    return kept->back()->data();
  } catch (...) {
    return nullptr;
  }
}

// ---- wmain ---------------------------------------------------------------------------
// The process's arguments as wide strings (UTF-8; an invalid byte reads as U+FFFD), for a
// program whose entry point is _tmain under _UNICODE (tchar.h).
int OpenRasCallWMain(int argc, char** argv, int (*wmain_function)(int, wchar_t**)) {
  std::vector<std::wstring> args;
  std::vector<wchar_t*> pointers;
  try {
    for (int i = 0; i < argc; ++i) {
      auto wide = openras::utf8_to_wide(argv[i]);
      if (!wide) {
        std::wstring replaced;
        for (const char* p = argv[i]; *p; ++p) {
          auto one = openras::utf8_to_wide(std::string_view(p, 1));
          replaced += one ? *one : std::wstring(1, 0xFFFD);
        }
        wide = std::move(replaced);
      }
      args.push_back(std::move(*wide));
    }
    for (auto& a : args) pointers.push_back(a.data());
    pointers.push_back(nullptr);
  } catch (...) {
    std::fputs("out of memory converting the arguments to wide strings\n", stderr);
    return 1;
  }
  return wmain_function(argc, pointers.data());
}

// ---- wsprintf (winuser.h) --------------------------------------------------------------
int WINAPI wvsprintfW(LPWSTR buffer, LPCWSTR format, va_list args) {
  return guarded([&] { return wsprintf_copy(buffer, format_wide(format, args)); });
}
int WINAPIV wsprintfW(LPWSTR buffer, LPCWSTR format, ...) {
  va_list args;
  va_start(args, format);
  int n = wvsprintfW(buffer, format, args);
  va_end(args);
  return n;
}
int WINAPI wvsprintfA(LPSTR buffer, LPCSTR format, va_list args) {
  return guarded([&] { return wsprintf_copy(buffer, format_narrow(format, args)); });
}
int WINAPIV wsprintfA(LPSTR buffer, LPCSTR format, ...) {
  va_list args;
  va_start(args, format);
  int n = wvsprintfA(buffer, format, args);
  va_end(args);
  return n;
}

}  // extern "C"
