/* tchar.h: the C runtime's generic-text names (_T, _TCHAR, _tmain, _tprintf, _tcs*, ...),
 * mapped on _UNICODE as Microsoft's tchar.h maps them (mingw-w64's crt/tchar.h). winnt.h
 * reads UNICODE and this header _UNICODE: define both, or neither.
 *
 * Where glibc's function of the same name behaves differently, the mapping goes to an
 * OpenRAS function of libopenras with Microsoft's behaviour:
 *   - the printf family follows Microsoft's rules (strsafe.h explains them): with _UNICODE,
 *     _tprintf(_T("%s"), name) takes a wide name, as on Windows, where glibc's wprintf
 *     would take a narrow one; %I64d works in both widths;
 *   - wide text written to a stream goes out as UTF-8 and does not make the stream
 *     wide-oriented, so printf and _tprintf can share stdout; _fgetts reads UTF-8;
 *   - _sntprintf is Microsoft's _snprintf: no NUL when the text fills the buffer, -1 when
 *     it does not fit;
 *   - _tmain under _UNICODE receives the arguments as wide strings (UTF-8 decoded). It
 *     must be written int _tmain(int argc, TCHAR* argv[]) (or _TCHAR** argv), the form
 *     Visual Studio generates: the header supplies the main() that calls it.
 * The non-ISO helpers (_tcsicmp, _tcsdup, _ttoi, ...) are defined here, so the header
 * works under -std=c99 too. No _MBCS mapping: narrow text is UTF-8 (docs/porting.md). */
#ifndef _INC_TCHAR
#define _INC_TCHAR

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "windef.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- libopenras: Microsoft's CRT behaviour ------------------------------------------- */
OPENRAS_API int OpenRas_wprintf(const wchar_t* format, ...);
OPENRAS_API int OpenRas_vwprintf(const wchar_t* format, va_list args);
OPENRAS_API int OpenRas_fwprintf(FILE* stream, const wchar_t* format, ...);
OPENRAS_API int OpenRas_vfwprintf(FILE* stream, const wchar_t* format, va_list args);
OPENRAS_API int _swprintf(wchar_t* buffer, const wchar_t* format, ...);
OPENRAS_API int _vswprintf(wchar_t* buffer, const wchar_t* format, va_list args);
OPENRAS_API int _snwprintf(wchar_t* buffer, size_t count, const wchar_t* format, ...);
OPENRAS_API int _vsnwprintf(wchar_t* buffer, size_t count, const wchar_t* format, va_list args);
OPENRAS_API int _scwprintf(const wchar_t* format, ...);
OPENRAS_API int _vscwprintf(const wchar_t* format, va_list args);
OPENRAS_API int OpenRas_printf(const char* format, ...);
OPENRAS_API int OpenRas_vprintf(const char* format, va_list args);
OPENRAS_API int OpenRas_fprintf(FILE* stream, const char* format, ...);
OPENRAS_API int OpenRas_vfprintf(FILE* stream, const char* format, va_list args);
OPENRAS_API int OpenRas_sprintf(char* buffer, const char* format, ...);
OPENRAS_API int OpenRas_vsprintf(char* buffer, const char* format, va_list args);
OPENRAS_API int _snprintf(char* buffer, size_t count, const char* format, ...);
OPENRAS_API int _vsnprintf(char* buffer, size_t count, const char* format, va_list args);
OPENRAS_API int _scprintf(const char* format, ...);
OPENRAS_API int _vscprintf(const char* format, va_list args);
OPENRAS_API int OpenRas_fputws(const wchar_t* text, FILE* stream);
OPENRAS_API int OpenRas_putws(const wchar_t* text);
OPENRAS_API wint_t OpenRas_fputwc(wchar_t c, FILE* stream);
OPENRAS_API wchar_t* OpenRas_fgetws(wchar_t* buffer, int count, FILE* stream);
OPENRAS_API wint_t OpenRas_fgetwc(FILE* stream);
OPENRAS_API FILE* _wfopen(const wchar_t* path, const wchar_t* mode);
OPENRAS_API wchar_t* _wgetenv(const wchar_t* name);
OPENRAS_API int OpenRasCallWMain(int argc, char** argv, int (*wmain_function)(int, wchar_t**));

/* ---- the non-ISO string helpers, inline ---------------------------------------------- */
static inline int _wcsnicmp(const wchar_t* a, const wchar_t* b, size_t n) {
  for (; n; --n, ++a, ++b) {
    wint_t x = towlower((wint_t)*a), y = towlower((wint_t)*b);
    if (x != y || !*a) return x < y ? -1 : (x > y ? 1 : 0);
  }
  return 0;
}
static inline int _wcsicmp(const wchar_t* a, const wchar_t* b) {
  return _wcsnicmp(a, b, (size_t)-1);
}
static inline int _strnicmp(const char* a, const char* b, size_t n) {
  for (; n; --n, ++a, ++b) {
    int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
    if (x != y || !*a) return x < y ? -1 : (x > y ? 1 : 0);
  }
  return 0;
}
static inline int _stricmp(const char* a, const char* b) { return _strnicmp(a, b, (size_t)-1); }
static inline size_t _openras_wcsnlen(const wchar_t* s, size_t n) {
  size_t i = 0;
  while (i < n && s[i]) ++i;
  return i;
}
static inline size_t _openras_strnlen(const char* s, size_t n) {
  size_t i = 0;
  while (i < n && s[i]) ++i;
  return i;
}
static inline wchar_t* _wcsdup(const wchar_t* s) {
  size_t n = wcslen(s) + 1;
  wchar_t* d = (wchar_t*)malloc(n * sizeof(wchar_t));
  return d ? wmemcpy(d, s, n) : d;
}
static inline char* _strdup(const char* s) {
  size_t n = strlen(s) + 1;
  char* d = (char*)malloc(n);
  return d ? (char*)memcpy(d, s, n) : d;
}
static inline wchar_t* _wcslwr(wchar_t* s) {
  wchar_t* p;
  for (p = s; *p; ++p) *p = (wchar_t)towlower((wint_t)*p);
  return s;
}
static inline wchar_t* _wcsupr(wchar_t* s) {
  wchar_t* p;
  for (p = s; *p; ++p) *p = (wchar_t)towupper((wint_t)*p);
  return s;
}
static inline char* _strlwr(char* s) {
  char* p;
  for (p = s; *p; ++p) *p = (char)tolower((unsigned char)*p);
  return s;
}
static inline char* _strupr(char* s) {
  char* p;
  for (p = s; *p; ++p) *p = (char)toupper((unsigned char)*p);
  return s;
}
static inline int _wtoi(const wchar_t* s) { return (int)wcstol(s, NULL, 10); }
static inline long _wtol(const wchar_t* s) { return wcstol(s, NULL, 10); }
static inline long long _wtoi64(const wchar_t* s) { return wcstoll(s, NULL, 10); }
static inline double _wtof(const wchar_t* s) { return wcstod(s, NULL); }
static inline long long _atoi64(const char* s) { return strtoll(s, NULL, 10); }
/* Microsoft's two-argument strtok for wide strings (per thread, as its CRT keeps it). */
static inline wchar_t* _wcstok(wchar_t* s, const wchar_t* delimiters) {
  static __thread wchar_t* next;
  return wcstok(s, delimiters, &next);
}

/* ---- the generic names ---------------------------------------------------------------- */
#undef _T
#undef _TEXT
#undef __T
#ifdef _UNICODE

#define __T(x) L##x
typedef wchar_t _TCHAR;
typedef wchar_t _TSCHAR;
typedef wchar_t _TUCHAR;
typedef wchar_t _TXCHAR;
typedef wint_t _TINT;
#define _TEOF WEOF

/* int _tmain(int argc, TCHAR* argv[]) becomes the wide entry point and a main() that
 * converts the arguments and calls it. */
#define _tmain                                                                          \
  _openras_tmain(int, wchar_t**);                                                       \
  int main(int argc, char** argv) { return OpenRasCallWMain(argc, argv, _openras_tmain); } \
  int _openras_tmain

#define _tprintf OpenRas_wprintf
#define _vtprintf OpenRas_vwprintf
#define _ftprintf OpenRas_fwprintf
#define _vftprintf OpenRas_vfwprintf
#define _stprintf _swprintf
#define _vstprintf _vswprintf
#define _sntprintf _snwprintf
#define _vsntprintf _vsnwprintf
#define _sctprintf _scwprintf
#define _vsctprintf _vscwprintf

#define _tcslen wcslen
#define _tcsnlen _openras_wcsnlen
#define _tcsclen wcslen
#define _tcscpy wcscpy
#define _tcsncpy wcsncpy
#define _tcscat wcscat
#define _tcsncat wcsncat
#define _tcscmp wcscmp
#define _tcsncmp wcsncmp
#define _tcscoll wcscoll
#define _tcsicmp _wcsicmp
#define _tcsnicmp _wcsnicmp
#define _tcschr wcschr
#define _tcsrchr wcsrchr
#define _tcsstr wcsstr
#define _tcsspn wcsspn
#define _tcscspn wcscspn
#define _tcspbrk wcspbrk
#define _tcstok _wcstok
#define _tcsdup _wcsdup
#define _tcslwr _wcslwr
#define _tcsupr _wcsupr
#define _tcstol wcstol
#define _tcstoul wcstoul
#define _tcstod wcstod
#define _tcstoi64 wcstoll
#define _tcstoui64 wcstoull
#define _ttoi _wtoi
#define _ttol _wtol
#define _tstoi _wtoi
#define _tstol _wtol
#define _ttoi64 _wtoi64
#define _ttof _wtof
#define _tcsftime wcsftime

#define _totupper towupper
#define _totlower towlower
#define _istalpha iswalpha
#define _istalnum iswalnum
#define _istdigit iswdigit
#define _istxdigit iswxdigit
#define _istspace iswspace
#define _istupper iswupper
#define _istlower iswlower
#define _istpunct iswpunct
#define _istprint iswprint
#define _istcntrl iswcntrl

#define _tfopen _wfopen
#define _tgetenv _wgetenv
#define _fgetts OpenRas_fgetws
#define _fgettc OpenRas_fgetwc
#define _gettc OpenRas_fgetwc
#define _gettchar() OpenRas_fgetwc(stdin)
#define _fputts OpenRas_fputws
#define _fputtc OpenRas_fputwc
#define _puttc OpenRas_fputwc
#define _puttchar(c) OpenRas_fputwc((c), stdout)
#define _putts OpenRas_putws

#else /* SBCS: plain char, UTF-8 */

#define __T(x) x
typedef char _TCHAR;
typedef signed char _TSCHAR;
typedef unsigned char _TUCHAR;
typedef char _TXCHAR;
typedef int _TINT;
#define _TEOF EOF

#define _tmain main

#define _tprintf OpenRas_printf
#define _vtprintf OpenRas_vprintf
#define _ftprintf OpenRas_fprintf
#define _vftprintf OpenRas_vfprintf
#define _stprintf OpenRas_sprintf
#define _vstprintf OpenRas_vsprintf
#define _sntprintf _snprintf
#define _vsntprintf _vsnprintf
#define _sctprintf _scprintf
#define _vsctprintf _vscprintf

#define _tcslen strlen
#define _tcsnlen _openras_strnlen
#define _tcsclen strlen
#define _tcscpy strcpy
#define _tcsncpy strncpy
#define _tcscat strcat
#define _tcsncat strncat
#define _tcscmp strcmp
#define _tcsncmp strncmp
#define _tcscoll strcoll
#define _tcsicmp _stricmp
#define _tcsnicmp _strnicmp
#define _tcschr strchr
#define _tcsrchr strrchr
#define _tcsstr strstr
#define _tcsspn strspn
#define _tcscspn strcspn
#define _tcspbrk strpbrk
#define _tcstok strtok
#define _tcsdup _strdup
#define _tcslwr _strlwr
#define _tcsupr _strupr
#define _tcstol strtol
#define _tcstoul strtoul
#define _tcstod strtod
#define _tcstoi64 strtoll
#define _tcstoui64 strtoull
#define _ttoi atoi
#define _ttol atol
#define _tstoi atoi
#define _tstol atol
#define _ttoi64 _atoi64
#define _ttof atof
#define _tcsftime strftime

#define _totupper toupper
#define _totlower tolower
#define _istalpha isalpha
#define _istalnum isalnum
#define _istdigit isdigit
#define _istxdigit isxdigit
#define _istspace isspace
#define _istupper isupper
#define _istlower islower
#define _istpunct ispunct
#define _istprint isprint
#define _istcntrl iscntrl

#define _tfopen fopen
#define _tgetenv getenv
#define _fgetts fgets
#define _fgettc fgetc
#define _gettc getc
#define _gettchar getchar
#define _fputts fputs
#define _fputtc fputc
#define _puttc putc
#define _puttchar putchar
#define _putts puts

#endif /* _UNICODE */

#define _T(x) __T(x)
#define _TEXT(x) __T(x)

#ifdef __cplusplus
}
#endif

#endif /* _INC_TCHAR */
