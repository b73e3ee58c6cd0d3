/* strsafe.h: Microsoft's safer string functions, StringCch* (sizes in characters) and
 * StringCb* (sizes in bytes; a WCHAR is 4 bytes on OpenRAS, so size W buffers with
 * sizeof or ARRAYSIZE, never with a hard-coded 2), with Windows' return codes:
 *
 *   S_OK                           the whole result fitted, NUL-terminated;
 *   STRSAFE_E_INSUFFICIENT_BUFFER  it did not: the destination holds the truncated,
 *                                  NUL-terminated prefix (test with SUCCEEDED/FAILED);
 *   STRSAFE_E_INVALID_PARAMETER    a destination size of 0 or past STRSAFE_MAX_CCH, a NULL
 *                                  pointer (unless STRSAFE_IGNORE_NULLS), a Cat destination
 *                                  not terminated within its size, a Length string with no
 *                                  NUL within cchMax (its length is then 0), or a format
 *                                  the printf rules below refuse (the destination is "").
 *
 * The Ex forms also return the end of the result (its NUL) and the characters (Cch) or
 * bytes (Cb) left, the NUL's included, and take STRSAFE_* flags whose low byte is the fill
 * byte: IGNORE_NULLS (NULL strings are ""), FILL_BEHIND_NULL (fill the rest on success),
 * FILL_ON_FAILURE (fill the whole buffer, then terminate it), NULL_ON_FAILURE (leave ""),
 * NO_TRUNCATION (a copy leaves "", a cat leaves the original text).
 *
 * Printf follows Microsoft's printf rules, not ISO C's: in the W forms %s and %c take wide
 * arguments and %S, %C, %hs, %hc narrow ones; in the A forms the reverse; %ls and %lc are
 * always wide; %ld and %lu take a 32-bit LONG or DWORD; %I64d, %I32d, %Id are 64-bit,
 * 32-bit and pointer-sized; %n is refused. Narrow text is UTF-8 (docs/porting.md).
 *
 * Unlike Windows' inline header these are functions of libopenras. Threads: any. */
#ifndef _STRSAFE_H_INCLUDED_
#define _STRSAFE_H_INCLUDED_

#include <stdarg.h>
#include <stddef.h>

#include "windef.h"
#include "winerror.h"

#ifdef __cplusplus
extern "C" {
#endif

#define STRSAFE_MAX_CCH 2147483647
#define STRSAFE_E_INSUFFICIENT_BUFFER ((HRESULT)0x8007007AL)
#define STRSAFE_E_INVALID_PARAMETER ((HRESULT)0x80070057L)
#define STRSAFE_E_END_OF_FILE ((HRESULT)0x80070026L)

#define STRSAFE_IGNORE_NULLS 0x00000100
#define STRSAFE_FILL_BEHIND_NULL 0x00000200
#define STRSAFE_FILL_ON_FAILURE 0x00000400
#define STRSAFE_NULL_ON_FAILURE 0x00000800
#define STRSAFE_NO_TRUNCATION 0x00001000
#define STRSAFE_FILL_BYTE(x) ((unsigned long)(((x)&0x000000FF) | STRSAFE_FILL_BEHIND_NULL))
#define STRSAFE_FAILURE_BYTE(x) ((unsigned long)(((x)&0x000000FF) | STRSAFE_FILL_ON_FAILURE))
#define STRSAFE_GET_FILL_PATTERN(dwFlags) ((int)((dwFlags)&0x000000FF))

typedef char* STRSAFE_LPSTR;
typedef const char* STRSAFE_LPCSTR;
typedef wchar_t* STRSAFE_LPWSTR;
typedef const wchar_t* STRSAFE_LPCWSTR;
typedef const wchar_t* STRSAFE_LPCUWSTR;

#define STRSAFEAPI OPENRAS_API HRESULT WINAPI

STRSAFEAPI StringCchCopyA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc);
STRSAFEAPI StringCchCopyW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc);
STRSAFEAPI StringCchCopyExA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc,
                            STRSAFE_LPSTR* ppszDestEnd, size_t* pcchRemaining, DWORD dwFlags);
STRSAFEAPI StringCchCopyExW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc,
                            STRSAFE_LPWSTR* ppszDestEnd, size_t* pcchRemaining, DWORD dwFlags);
STRSAFEAPI StringCchCopyNA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc,
                           size_t cchToCopy);
STRSAFEAPI StringCchCopyNW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc,
                           size_t cchToCopy);
STRSAFEAPI StringCchCopyNExA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc,
                             size_t cchToCopy, STRSAFE_LPSTR* ppszDestEnd, size_t* pcchRemaining,
                             DWORD dwFlags);
STRSAFEAPI StringCchCopyNExW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc,
                             size_t cchToCopy, STRSAFE_LPWSTR* ppszDestEnd, size_t* pcchRemaining,
                             DWORD dwFlags);
STRSAFEAPI StringCchCatA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc);
STRSAFEAPI StringCchCatW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc);
STRSAFEAPI StringCchCatExA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc,
                           STRSAFE_LPSTR* ppszDestEnd, size_t* pcchRemaining, DWORD dwFlags);
STRSAFEAPI StringCchCatExW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc,
                           STRSAFE_LPWSTR* ppszDestEnd, size_t* pcchRemaining, DWORD dwFlags);
STRSAFEAPI StringCchCatNA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc,
                          size_t cchToAppend);
STRSAFEAPI StringCchCatNW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc,
                          size_t cchToAppend);
STRSAFEAPI StringCchCatNExA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc,
                            size_t cchToAppend, STRSAFE_LPSTR* ppszDestEnd, size_t* pcchRemaining,
                            DWORD dwFlags);
STRSAFEAPI StringCchCatNExW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc,
                            size_t cchToAppend, STRSAFE_LPWSTR* ppszDestEnd, size_t* pcchRemaining,
                            DWORD dwFlags);
STRSAFEAPI StringCchPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszFormat, ...);
STRSAFEAPI StringCchPrintfW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszFormat, ...);
STRSAFEAPI StringCchPrintfExA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPSTR* ppszDestEnd,
                              size_t* pcchRemaining, DWORD dwFlags, STRSAFE_LPCSTR pszFormat, ...);
STRSAFEAPI StringCchPrintfExW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPWSTR* ppszDestEnd,
                              size_t* pcchRemaining, DWORD dwFlags, STRSAFE_LPCWSTR pszFormat, ...);
STRSAFEAPI StringCchVPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszFormat,
                             va_list argList);
STRSAFEAPI StringCchVPrintfW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszFormat,
                             va_list argList);
STRSAFEAPI StringCchVPrintfExA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPSTR* ppszDestEnd,
                               size_t* pcchRemaining, DWORD dwFlags, STRSAFE_LPCSTR pszFormat,
                               va_list argList);
STRSAFEAPI StringCchVPrintfExW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPWSTR* ppszDestEnd,
                               size_t* pcchRemaining, DWORD dwFlags, STRSAFE_LPCWSTR pszFormat,
                               va_list argList);
STRSAFEAPI StringCchLengthA(STRSAFE_LPCSTR psz, size_t cchMax, size_t* pcchLength);
STRSAFEAPI StringCchLengthW(STRSAFE_LPCWSTR psz, size_t cchMax, size_t* pcchLength);
STRSAFEAPI StringCbCopyA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc);
STRSAFEAPI StringCbCopyW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc);
STRSAFEAPI StringCbCopyExA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc,
                           STRSAFE_LPSTR* ppszDestEnd, size_t* pcbRemaining, DWORD dwFlags);
STRSAFEAPI StringCbCopyExW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc,
                           STRSAFE_LPWSTR* ppszDestEnd, size_t* pcbRemaining, DWORD dwFlags);
STRSAFEAPI StringCbCopyNA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc,
                          size_t cbToCopy);
STRSAFEAPI StringCbCopyNW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc,
                          size_t cbToCopy);
STRSAFEAPI StringCbCopyNExA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc,
                            size_t cbToCopy, STRSAFE_LPSTR* ppszDestEnd, size_t* pcbRemaining,
                            DWORD dwFlags);
STRSAFEAPI StringCbCopyNExW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc,
                            size_t cbToCopy, STRSAFE_LPWSTR* ppszDestEnd, size_t* pcbRemaining,
                            DWORD dwFlags);
STRSAFEAPI StringCbCatA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc);
STRSAFEAPI StringCbCatW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc);
STRSAFEAPI StringCbCatExA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc,
                          STRSAFE_LPSTR* ppszDestEnd, size_t* pcbRemaining, DWORD dwFlags);
STRSAFEAPI StringCbCatExW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc,
                          STRSAFE_LPWSTR* ppszDestEnd, size_t* pcbRemaining, DWORD dwFlags);
STRSAFEAPI StringCbCatNA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc,
                         size_t cbToAppend);
STRSAFEAPI StringCbCatNW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc,
                         size_t cbToAppend);
STRSAFEAPI StringCbCatNExA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc,
                           size_t cbToAppend, STRSAFE_LPSTR* ppszDestEnd, size_t* pcbRemaining,
                           DWORD dwFlags);
STRSAFEAPI StringCbCatNExW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc,
                           size_t cbToAppend, STRSAFE_LPWSTR* ppszDestEnd, size_t* pcbRemaining,
                           DWORD dwFlags);
STRSAFEAPI StringCbPrintfA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszFormat, ...);
STRSAFEAPI StringCbPrintfW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszFormat, ...);
STRSAFEAPI StringCbPrintfExA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPSTR* ppszDestEnd,
                             size_t* pcbRemaining, DWORD dwFlags, STRSAFE_LPCSTR pszFormat, ...);
STRSAFEAPI StringCbPrintfExW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPWSTR* ppszDestEnd,
                             size_t* pcbRemaining, DWORD dwFlags, STRSAFE_LPCWSTR pszFormat, ...);
STRSAFEAPI StringCbVPrintfA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszFormat,
                            va_list argList);
STRSAFEAPI StringCbVPrintfW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszFormat,
                            va_list argList);
STRSAFEAPI StringCbVPrintfExA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPSTR* ppszDestEnd,
                              size_t* pcbRemaining, DWORD dwFlags, STRSAFE_LPCSTR pszFormat,
                              va_list argList);
STRSAFEAPI StringCbVPrintfExW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPWSTR* ppszDestEnd,
                              size_t* pcbRemaining, DWORD dwFlags, STRSAFE_LPCWSTR pszFormat,
                              va_list argList);
STRSAFEAPI StringCbLengthA(STRSAFE_LPCSTR psz, size_t cbMax, size_t* pcbLength);
STRSAFEAPI StringCbLengthW(STRSAFE_LPCWSTR psz, size_t cbMax, size_t* pcbLength);

#ifdef UNICODE
#define StringCchCopy StringCchCopyW
#define StringCchCopyEx StringCchCopyExW
#define StringCchCopyN StringCchCopyNW
#define StringCchCopyNEx StringCchCopyNExW
#define StringCchCat StringCchCatW
#define StringCchCatEx StringCchCatExW
#define StringCchCatN StringCchCatNW
#define StringCchCatNEx StringCchCatNExW
#define StringCchPrintf StringCchPrintfW
#define StringCchPrintfEx StringCchPrintfExW
#define StringCchVPrintf StringCchVPrintfW
#define StringCchVPrintfEx StringCchVPrintfExW
#define StringCchLength StringCchLengthW
#define StringCbCopy StringCbCopyW
#define StringCbCopyEx StringCbCopyExW
#define StringCbCopyN StringCbCopyNW
#define StringCbCopyNEx StringCbCopyNExW
#define StringCbCat StringCbCatW
#define StringCbCatEx StringCbCatExW
#define StringCbCatN StringCbCatNW
#define StringCbCatNEx StringCbCatNExW
#define StringCbPrintf StringCbPrintfW
#define StringCbPrintfEx StringCbPrintfExW
#define StringCbVPrintf StringCbVPrintfW
#define StringCbVPrintfEx StringCbVPrintfExW
#define StringCbLength StringCbLengthW
#else
#define StringCchCopy StringCchCopyA
#define StringCchCopyEx StringCchCopyExA
#define StringCchCopyN StringCchCopyNA
#define StringCchCopyNEx StringCchCopyNExA
#define StringCchCat StringCchCatA
#define StringCchCatEx StringCchCatExA
#define StringCchCatN StringCchCatNA
#define StringCchCatNEx StringCchCatNExA
#define StringCchPrintf StringCchPrintfA
#define StringCchPrintfEx StringCchPrintfExA
#define StringCchVPrintf StringCchVPrintfA
#define StringCchVPrintfEx StringCchVPrintfExA
#define StringCchLength StringCchLengthA
#define StringCbCopy StringCbCopyA
#define StringCbCopyEx StringCbCopyExA
#define StringCbCopyN StringCbCopyNA
#define StringCbCopyNEx StringCbCopyNExA
#define StringCbCat StringCbCatA
#define StringCbCatEx StringCbCatExA
#define StringCbCatN StringCbCatNA
#define StringCbCatNEx StringCbCatNExA
#define StringCbPrintf StringCbPrintfA
#define StringCbPrintfEx StringCbPrintfExA
#define StringCbVPrintf StringCbVPrintfA
#define StringCbVPrintfEx StringCbVPrintfExA
#define StringCbLength StringCbLengthA
#endif

#ifdef __cplusplus
}
#endif

#endif /* _STRSAFE_H_INCLUDED_ */
