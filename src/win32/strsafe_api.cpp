// strsafe_api.cpp: strsafe.h's StringCch* and StringCb* functions.
//
// One worker per operation, over both character types: copy (Copy, CopyN, Cat, CatN and,
// after formatting, Printf) and length. The rules are Microsoft's (strsafe.h and its
// documentation; reference/win32-facts.md §5.4): destination sizes of 0 or past
// STRSAFE_MAX_CCH are STRSAFE_E_INVALID_PARAMETER with nothing written; a result that does
// not fit is truncated, always terminated, and STRSAFE_E_INSUFFICIENT_BUFFER; the Ex forms
// add the end pointer, the characters remaining (the NUL's included) and the fill flags.
#include <cstdarg>
#include <cstring>
#include <string>
#include <string_view>

#include "strsafe.h"
#include "win32/ms_format.h"

namespace {

constexpr DWORD kValidFlags = 0xFF | STRSAFE_IGNORE_NULLS | STRSAFE_FILL_BEHIND_NULL |
                              STRSAFE_FILL_ON_FAILURE | STRSAFE_NULL_ON_FAILURE |
                              STRSAFE_NO_TRUNCATION;
constexpr size_t kNoLimit = static_cast<size_t>(-1);

template <class Ch>
size_t bounded_length(const Ch* s, size_t max) {
  size_t n = 0;
  while (n < max && s[n]) ++n;
  return n;
}

template <class Ch>
struct Outcome {
  HRESULT hr = S_OK;
  Ch* end = nullptr;
  size_t remaining = 0;
};

// Applies the Ex flags to a finished operation and reports end and remaining.
template <class Ch>
HRESULT finish(Ch* dst, size_t cch, size_t kept, Outcome<Ch> out, DWORD flags, Ch** end,
               size_t* remaining) {
  const bool dest_usable = dst && cch != 0 && cch <= STRSAFE_MAX_CCH;
  const int fill = static_cast<int>(flags & 0xFF);
  if (FAILED(out.hr) && dest_usable) {
    if (flags & STRSAFE_FILL_ON_FAILURE) {
      std::memset(dst, fill, cch * sizeof(Ch));
      if (fill == 0) {
        out.end = dst;
        out.remaining = cch;
      } else {
        out.end = dst + cch - 1;
        out.remaining = 1;
        *out.end = 0;
      }
    }
    if (flags & (STRSAFE_NULL_ON_FAILURE | STRSAFE_NO_TRUNCATION)) {
      // NULL_ON_FAILURE empties the destination; NO_TRUNCATION leaves what was there
      // before the call (empty for a copy, the original text for a cat).
      size_t restore = (flags & STRSAFE_NULL_ON_FAILURE) ? 0 : kept;
      dst[restore] = 0;
      out.end = dst + restore;
      out.remaining = cch - restore;
    }
  } else if (SUCCEEDED(out.hr) && (flags & STRSAFE_FILL_BEHIND_NULL) && out.remaining > 1) {
    std::memset(out.end + 1, fill, (out.remaining - 1) * sizeof(Ch));
  }
  if (SUCCEEDED(out.hr) || out.hr == STRSAFE_E_INSUFFICIENT_BUFFER) {
    if (end) *end = out.end;
    if (remaining) *remaining = out.remaining;
  }
  return out.hr;
}

// Copy, CopyN, Cat, CatN: appends at most `max_src` characters of `src` to what `dst`
// holds (`cat`) or replaces it.
template <class Ch>
HRESULT copy_worker(Ch* dst, size_t cch, const Ch* src, size_t max_src, bool cat, Ch** end,
                    size_t* remaining, DWORD flags) {
  Outcome<Ch> out;
  size_t kept = 0;
  const bool ignore_nulls = (flags & STRSAFE_IGNORE_NULLS) != 0;
  static const Ch kEmpty[1] = {0};
  if ((flags & ~kValidFlags) != 0 || cch > STRSAFE_MAX_CCH ||
      (max_src != kNoLimit && max_src > STRSAFE_MAX_CCH)) {
    out.hr = STRSAFE_E_INVALID_PARAMETER;
    return finish<Ch>(nullptr, 0, 0, out, 0, end, remaining);
  }
  if (ignore_nulls ? (dst == nullptr && cch != 0) : (dst == nullptr || cch == 0)) {
    out.hr = STRSAFE_E_INVALID_PARAMETER;
    return finish<Ch>(nullptr, 0, 0, out, 0, end, remaining);
  }
  if (!src) {
    if (!ignore_nulls) {
      out.hr = STRSAFE_E_INVALID_PARAMETER;
      return finish(dst, cch, 0, out, flags & ~DWORD{STRSAFE_NO_TRUNCATION}, end, remaining);
    }
    src = kEmpty;
  }
  if (cat && cch != 0) {
    kept = bounded_length(dst, cch);
    if (kept == cch) {  // not terminated within its size
      out.hr = STRSAFE_E_INVALID_PARAMETER;
      return finish<Ch>(nullptr, 0, 0, out, 0, end, remaining);
    }
  }
  const size_t wanted = bounded_length(src, max_src);
  if (cch == 0) {  // only with STRSAFE_IGNORE_NULLS
    out.hr = wanted == 0 ? S_OK : dst ? STRSAFE_E_INSUFFICIENT_BUFFER : STRSAFE_E_INVALID_PARAMETER;
    out.end = dst;
    return finish<Ch>(nullptr, 0, 0, out, 0, end, remaining);
  }
  const size_t room = cch - kept - 1;
  const size_t copied = wanted < room ? wanted : room;
  std::memmove(dst + kept, src, copied * sizeof(Ch));
  dst[kept + copied] = 0;
  out.hr = copied < wanted ? STRSAFE_E_INSUFFICIENT_BUFFER : S_OK;
  out.end = dst + kept + copied;
  out.remaining = cch - kept - copied;
  return finish(dst, cch, kept, out, flags, end, remaining);
}

template <class Ch>
HRESULT printf_worker(Ch* dst, size_t cch, Ch** end, size_t* remaining, DWORD flags,
                      const Ch* format, va_list args) {
  if ((flags & ~kValidFlags) != 0 || cch > STRSAFE_MAX_CCH ||
      ((flags & STRSAFE_IGNORE_NULLS) ? (dst == nullptr && cch != 0)
                                      : (dst == nullptr || cch == 0))) {
    return STRSAFE_E_INVALID_PARAMETER;
  }
  static const Ch kEmpty[1] = {0};
  if (!format) {
    if (!(flags & STRSAFE_IGNORE_NULLS)) {
      if (cch) dst[0] = 0;
      return STRSAFE_E_INVALID_PARAMETER;
    }
    format = kEmpty;
  }
  std::basic_string<Ch> text;
  try {
    openras::Result<std::basic_string<Ch>> formatted;
    if constexpr (sizeof(Ch) == 1) {
      formatted = openras::win32::format_narrow(format, args);
    } else {
      formatted = openras::win32::format_wide(format, args);
    }
    if (!formatted) {
      Outcome<Ch> out;
      out.hr = formatted.error().code == openras::Errc::kOutOfMemory ? E_OUTOFMEMORY
                                                                     : STRSAFE_E_INVALID_PARAMETER;
      if (cch) dst[0] = 0;
      out.end = dst;
      out.remaining = cch;
      return finish(dst, cch, 0, out, flags & ~DWORD{STRSAFE_NO_TRUNCATION}, end, remaining);
    }
    text = std::move(*formatted);
  } catch (...) {
    if (cch) dst[0] = 0;
    return E_OUTOFMEMORY;
  }
  // Embedded NULs (a %c of 0) end the text, as they end Microsoft's.
  return copy_worker(dst, cch, text.c_str(), kNoLimit, false, end, remaining,
                     flags & ~DWORD{STRSAFE_IGNORE_NULLS});
}

template <class Ch>
HRESULT length_worker(const Ch* s, size_t max, size_t* length) {
  HRESULT hr = S_OK;
  size_t n = 0;
  if (!s || max > STRSAFE_MAX_CCH) {
    hr = STRSAFE_E_INVALID_PARAMETER;
  } else {
    n = bounded_length(s, max);
    if (n == max) {
      hr = STRSAFE_E_INVALID_PARAMETER;
      n = 0;
    }
  }
  if (length) *length = n;
  return hr;
}

// Byte counts to character counts, and back for the remaining size.
template <class Ch>
size_t chars(size_t bytes) {
  return bytes / sizeof(Ch);
}
template <class Ch>
HRESULT bytes_remaining(HRESULT hr, size_t* cb, const size_t* cch_left) {
  if (cb && (SUCCEEDED(hr) || hr == STRSAFE_E_INSUFFICIENT_BUFFER)) *cb = *cch_left * sizeof(Ch);
  return hr;
}

}  // namespace

extern "C" {

#define OPENRAS_STRSAFE(X, CH)                                                                     \
  HRESULT WINAPI StringCchCopy##X(CH* d, size_t n, const CH* s) {                                  \
    return copy_worker<CH>(d, n, s, kNoLimit, false, nullptr, nullptr, 0);                         \
  }                                                                                                \
  HRESULT WINAPI StringCchCopyEx##X(CH* d, size_t n, const CH* s, CH** e, size_t* r, DWORD f) {    \
    return copy_worker<CH>(d, n, s, kNoLimit, false, e, r, f);                                     \
  }                                                                                                \
  HRESULT WINAPI StringCchCopyN##X(CH* d, size_t n, const CH* s, size_t m) {                       \
    return copy_worker<CH>(d, n, s, m, false, nullptr, nullptr, 0);                                \
  }                                                                                                \
  HRESULT WINAPI StringCchCopyNEx##X(CH* d, size_t n, const CH* s, size_t m, CH** e, size_t* r,    \
                                     DWORD f) {                                                    \
    return copy_worker<CH>(d, n, s, m, false, e, r, f);                                            \
  }                                                                                                \
  HRESULT WINAPI StringCchCat##X(CH* d, size_t n, const CH* s) {                                   \
    return copy_worker<CH>(d, n, s, kNoLimit, true, nullptr, nullptr, 0);                          \
  }                                                                                                \
  HRESULT WINAPI StringCchCatEx##X(CH* d, size_t n, const CH* s, CH** e, size_t* r, DWORD f) {     \
    return copy_worker<CH>(d, n, s, kNoLimit, true, e, r, f);                                      \
  }                                                                                                \
  HRESULT WINAPI StringCchCatN##X(CH* d, size_t n, const CH* s, size_t m) {                        \
    return copy_worker<CH>(d, n, s, m, true, nullptr, nullptr, 0);                                 \
  }                                                                                                \
  HRESULT WINAPI StringCchCatNEx##X(CH* d, size_t n, const CH* s, size_t m, CH** e, size_t* r,     \
                                    DWORD f) {                                                     \
    return copy_worker<CH>(d, n, s, m, true, e, r, f);                                             \
  }                                                                                                \
  HRESULT WINAPI StringCchVPrintf##X(CH* d, size_t n, const CH* fmt, va_list a) {                  \
    return printf_worker<CH>(d, n, nullptr, nullptr, 0, fmt, a);                                   \
  }                                                                                                \
  HRESULT WINAPI StringCchVPrintfEx##X(CH* d, size_t n, CH** e, size_t* r, DWORD f, const CH* fmt, \
                                       va_list a) {                                                \
    return printf_worker<CH>(d, n, e, r, f, fmt, a);                                               \
  }                                                                                                \
  HRESULT WINAPI StringCchPrintf##X(CH* d, size_t n, const CH* fmt, ...) {                         \
    va_list a;                                                                                     \
    va_start(a, fmt);                                                                              \
    HRESULT hr = printf_worker<CH>(d, n, nullptr, nullptr, 0, fmt, a);                             \
    va_end(a);                                                                                     \
    return hr;                                                                                     \
  }                                                                                                \
  HRESULT WINAPI StringCchPrintfEx##X(CH* d, size_t n, CH** e, size_t* r, DWORD f, const CH* fmt,  \
                                      ...) {                                                       \
    va_list a;                                                                                     \
    va_start(a, fmt);                                                                              \
    HRESULT hr = printf_worker<CH>(d, n, e, r, f, fmt, a);                                         \
    va_end(a);                                                                                     \
    return hr;                                                                                     \
  }                                                                                                \
  HRESULT WINAPI StringCchLength##X(const CH* s, size_t m, size_t* len) {                          \
    return length_worker<CH>(s, m, len);                                                           \
  }                                                                                                \
  HRESULT WINAPI StringCbCopy##X(CH* d, size_t cb, const CH* s) {                                  \
    return copy_worker<CH>(d, chars<CH>(cb), s, kNoLimit, false, nullptr, nullptr, 0);             \
  }                                                                                                \
  HRESULT WINAPI StringCbCopyEx##X(CH* d, size_t cb, const CH* s, CH** e, size_t* r, DWORD f) {    \
    size_t left = 0;                                                                               \
    return bytes_remaining<CH>(copy_worker<CH>(d, chars<CH>(cb), s, kNoLimit, false, e, &left, f), \
                               r, &left);                                                          \
  }                                                                                                \
  HRESULT WINAPI StringCbCopyN##X(CH* d, size_t cb, const CH* s, size_t m) {                       \
    return copy_worker<CH>(d, chars<CH>(cb), s, chars<CH>(m), false, nullptr, nullptr, 0);         \
  }                                                                                                \
  HRESULT WINAPI StringCbCopyNEx##X(CH* d, size_t cb, const CH* s, size_t m, CH** e, size_t* r,    \
                                    DWORD f) {                                                     \
    size_t left = 0;                                                                               \
    HRESULT hr = copy_worker<CH>(d, chars<CH>(cb), s, chars<CH>(m), false, e, &left, f);           \
    return bytes_remaining<CH>(hr, r, &left);                                                      \
  }                                                                                                \
  HRESULT WINAPI StringCbCat##X(CH* d, size_t cb, const CH* s) {                                   \
    return copy_worker<CH>(d, chars<CH>(cb), s, kNoLimit, true, nullptr, nullptr, 0);              \
  }                                                                                                \
  HRESULT WINAPI StringCbCatEx##X(CH* d, size_t cb, const CH* s, CH** e, size_t* r, DWORD f) {     \
    size_t left = 0;                                                                               \
    return bytes_remaining<CH>(copy_worker<CH>(d, chars<CH>(cb), s, kNoLimit, true, e, &left, f),  \
                               r, &left);                                                          \
  }                                                                                                \
  HRESULT WINAPI StringCbCatN##X(CH* d, size_t cb, const CH* s, size_t m) {                        \
    return copy_worker<CH>(d, chars<CH>(cb), s, chars<CH>(m), true, nullptr, nullptr, 0);          \
  }                                                                                                \
  HRESULT WINAPI StringCbCatNEx##X(CH* d, size_t cb, const CH* s, size_t m, CH** e, size_t* r,     \
                                   DWORD f) {                                                      \
    size_t left = 0;                                                                               \
    HRESULT hr = copy_worker<CH>(d, chars<CH>(cb), s, chars<CH>(m), true, e, &left, f);            \
    return bytes_remaining<CH>(hr, r, &left);                                                      \
  }                                                                                                \
  HRESULT WINAPI StringCbVPrintf##X(CH* d, size_t cb, const CH* fmt, va_list a) {                  \
    return printf_worker<CH>(d, chars<CH>(cb), nullptr, nullptr, 0, fmt, a);                       \
  }                                                                                                \
  HRESULT WINAPI StringCbVPrintfEx##X(CH* d, size_t cb, CH** e, size_t* r, DWORD f, const CH* fmt, \
                                      va_list a) {                                                 \
    size_t left = 0;                                                                               \
    return bytes_remaining<CH>(printf_worker<CH>(d, chars<CH>(cb), e, &left, f, fmt, a), r,        \
                               &left);                                                             \
  }                                                                                                \
  HRESULT WINAPI StringCbPrintf##X(CH* d, size_t cb, const CH* fmt, ...) {                         \
    va_list a;                                                                                     \
    va_start(a, fmt);                                                                              \
    HRESULT hr = printf_worker<CH>(d, chars<CH>(cb), nullptr, nullptr, 0, fmt, a);                 \
    va_end(a);                                                                                     \
    return hr;                                                                                     \
  }                                                                                                \
  HRESULT WINAPI StringCbPrintfEx##X(CH* d, size_t cb, CH** e, size_t* r, DWORD f, const CH* fmt,  \
                                     ...) {                                                        \
    va_list a;                                                                                     \
    va_start(a, fmt);                                                                              \
    size_t left = 0;                                                                               \
    HRESULT hr =                                                                                   \
        bytes_remaining<CH>(printf_worker<CH>(d, chars<CH>(cb), e, &left, f, fmt, a), r, &left);   \
    va_end(a);                                                                                     \
    return hr;                                                                                     \
  }                                                                                                \
  HRESULT WINAPI StringCbLength##X(const CH* s, size_t cbMax, size_t* cb) {                        \
    size_t n = 0;                                                                                  \
    HRESULT hr = length_worker<CH>(s, chars<CH>(cbMax), &n);                                       \
    if (cb) *cb = n * sizeof(CH);                                                                  \
    return hr;                                                                                     \
  }

OPENRAS_STRSAFE(A, char)
OPENRAS_STRSAFE(W, wchar_t)

}  // extern "C"
