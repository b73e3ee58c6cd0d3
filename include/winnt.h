/* winnt.h: the compiler words, language and locale identifiers, heap flags and DLL
 * notification reasons of Windows' winnt.h that RAS clients and dialers use, with
 * Windows' values (mingw-w64's winnt.h; docs/porting.md says what is deliberately absent).
 *
 * Windows includes it from windef.h; here too, so either header alone is enough. */
#ifndef _WINNT_
#define _WINNT_

#include "windef.h"

/* ---- compiler words ------------------------------------------------------------------ */
/* Linux has one C calling convention; the Windows ones name it. */
#ifndef __cdecl
#define __cdecl
#endif
#ifndef __stdcall
#define __stdcall
#endif
#ifndef __fastcall
#define __fastcall
#endif
#ifndef _cdecl
#define _cdecl
#endif
#ifndef __forceinline
#define __forceinline inline __attribute__((always_inline))
#endif
/* __declspec(dllexport) gives a symbol default visibility (exported even when the module
 * is built with -fvisibility=hidden); dllimport and selectany-free declarations need
 * nothing. Other __declspec words are not translated (docs/porting.md). */
#ifndef __declspec
#define __declspec(what) __openras_declspec_##what
#define __openras_declspec_dllexport __attribute__((visibility("default")))
#define __openras_declspec_dllimport
#define __openras_declspec_noreturn __attribute__((noreturn))
#define __openras_declspec_noinline __attribute__((noinline))
#define __openras_declspec_novtable
#endif
#define DECLSPEC_EXPORT __declspec(dllexport)
#define DECLSPEC_IMPORT __declspec(dllimport)
#define DECLSPEC_NORETURN __declspec(noreturn)
#define DECLSPEC_NOINLINE __declspec(noinline)

#ifdef __cplusplus
#define EXTERN_C extern "C"
#define EXTERN_C_START extern "C" {
#define EXTERN_C_END }
#else
#define EXTERN_C extern
#define EXTERN_C_START
#define EXTERN_C_END
#endif
/* COM's function declarators (objbase.h on Windows, winnt.h in mingw-w64). */
#define STDMETHODCALLTYPE
#define STDMETHODVCALLTYPE
#define STDAPI EXTERN_C HRESULT STDAPICALLTYPE
#define STDAPI_(type) EXTERN_C type STDAPICALLTYPE
#define STDAPIV EXTERN_C HRESULT STDAPIVCALLTYPE
#define STDAPIV_(type) EXTERN_C type STDAPIVCALLTYPE
#define STDAPIVCALLTYPE
#define STDMETHODIMP HRESULT STDMETHODCALLTYPE
#define STDMETHODIMP_(type) type STDMETHODCALLTYPE

typedef void* HLOCAL;
typedef void* HGLOBAL;
typedef WORD LANGID;
typedef DWORD LCID;
typedef DWORD LCTYPE;
typedef char CCHAR;
typedef int64_t INT64;
typedef uint64_t UINT64;
typedef int32_t INT32;
typedef uint32_t UINT32;
typedef int64_t LONG64;
typedef uint64_t ULONG64;
typedef uint64_t DWORD64;
typedef int16_t INT16;
typedef uint16_t UINT16;
typedef int8_t INT8;
typedef uint8_t UINT8;
typedef int64_t SSIZE_T;
typedef const CHAR* PCCH;
typedef const WCHAR* PCWCH;
#ifdef UNICODE
typedef LPCWSTR PCTSTR;
typedef LPWSTR PTSTR;
#else
typedef LPCSTR PCTSTR;
typedef LPSTR PTSTR;
#endif

/* ---- memory: the Rtl*Memory names (ZeroMemory and friends are in windef.h) -------------- */
#define RtlZeroMemory(dst, len) memset((dst), 0, (len))
#define RtlFillMemory(dst, len, fill) memset((dst), (fill), (len))
#define RtlCopyMemory(dst, src, len) memcpy((dst), (src), (len))
#define RtlMoveMemory(dst, src, len) memmove((dst), (src), (len))
#define RtlEqualMemory(a, b, len) (!memcmp((a), (b), (len)))
#define RtlSecureZeroMemory SecureZeroMemory

#define HEAP_NO_SERIALIZE 0x00000001
#define HEAP_GROWABLE 0x00000002
#define HEAP_GENERATE_EXCEPTIONS 0x00000004
#define HEAP_ZERO_MEMORY 0x00000008
#define HEAP_REALLOC_IN_PLACE_ONLY 0x00000010

/* ---- DllMain's reasons ---------------------------------------------------------------- */
#define DLL_PROCESS_DETACH 0
#define DLL_PROCESS_ATTACH 1
#define DLL_THREAD_ATTACH 2
#define DLL_THREAD_DETACH 3

/* ---- languages and locales ------------------------------------------------------------ */
#define LANG_NEUTRAL 0x00
#define LANG_INVARIANT 0x7f
#define LANG_ENGLISH 0x09
#define LANG_SYSTEM_DEFAULT MAKELANGID(LANG_NEUTRAL, SUBLANG_SYS_DEFAULT)
#define LANG_USER_DEFAULT MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT)
#define SUBLANG_NEUTRAL 0x00
#define SUBLANG_DEFAULT 0x01
#define SUBLANG_SYS_DEFAULT 0x02
#define SUBLANG_ENGLISH_US 0x01
#define SORT_DEFAULT 0x0

#define MAKELANGID(p, s) ((((WORD)(s)) << 10) | (WORD)(p))
#define PRIMARYLANGID(lgid) ((WORD)(lgid)&0x3ff)
#define SUBLANGID(lgid) ((WORD)(lgid) >> 10)
#define MAKELCID(lgid, srtid) ((DWORD)((((DWORD)((WORD)(srtid))) << 16) | ((DWORD)((WORD)(lgid)))))
#define LANGIDFROMLCID(lcid) ((WORD)(lcid))
#define SORTIDFROMLCID(lcid) ((WORD)((((DWORD)(lcid)) >> 16) & 0xf))

#define LOCALE_SYSTEM_DEFAULT MAKELCID(LANG_SYSTEM_DEFAULT, SORT_DEFAULT)
#define LOCALE_USER_DEFAULT MAKELCID(LANG_USER_DEFAULT, SORT_DEFAULT)
#define LOCALE_NEUTRAL MAKELCID(MAKELANGID(LANG_NEUTRAL, SUBLANG_NEUTRAL), SORT_DEFAULT)
#define LOCALE_INVARIANT MAKELCID(MAKELANGID(LANG_INVARIANT, SUBLANG_NEUTRAL), SORT_DEFAULT)

#endif /* _WINNT_ */
