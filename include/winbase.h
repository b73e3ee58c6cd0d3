/* winbase.h: the kernel32 functions a RAS client or dialer calls besides RAS — heap and
 * local memory, Sleep and tick counts, the lstr* string helpers, OutputDebugString, module
 * names and handles, and DllMain — with Windows' names, values and documented behaviour
 * (docs/porting.md lists what is deliberately absent).
 *
 * Threads: every function may be called from any thread. */
#ifndef _WINBASE_
#define _WINBASE_

#include "windef.h"
#include "winerror.h"
#include "winnls.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- heaps ------------------------------------------------------------------------------
 * One heap, the process heap (malloc's): GetProcessHeap returns its handle, and the Heap*
 * functions accept only that handle (any other fails: NULL or FALSE, ERROR_INVALID_HANDLE).
 * HEAP_ZERO_MEMORY zeroes a new block, or the grown part of a reallocated one;
 * HEAP_REALLOC_IN_PLACE_ONLY fails (NULL, ERROR_NOT_ENOUGH_MEMORY) unless the block can
 * keep its address. HeapAlloc does not set the last error on failure, as on Windows;
 * HEAP_GENERATE_EXCEPTIONS is accepted and ignored (there is no SEH). HeapFree(NULL) is
 * TRUE. HeapSize is the size asked for. A block is freed by HeapFree (or HeapReAlloc),
 * never by free(). */
OPENRAS_API HANDLE WINAPI GetProcessHeap(void);
OPENRAS_API LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes);
OPENRAS_API LPVOID WINAPI HeapReAlloc(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem, SIZE_T dwBytes);
OPENRAS_API BOOL WINAPI HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem);
OPENRAS_API SIZE_T WINAPI HeapSize(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem);

/* LocalAlloc: fixed memory only (LMEM_FIXED, LPTR; the HLOCAL is the pointer); a moveable
 * request (LMEM_MOVEABLE) fails with ERROR_INVALID_PARAMETER. LocalFree returns NULL on
 * success. Blocks come from the process heap. */
#define LMEM_FIXED 0x0000
#define LMEM_MOVEABLE 0x0002
#define LMEM_NOCOMPACT 0x0010
#define LMEM_NODISCARD 0x0020
#define LMEM_ZEROINIT 0x0040
#define LMEM_MODIFY 0x0080
#define LMEM_DISCARDABLE 0x0F00
#define LHND (LMEM_MOVEABLE | LMEM_ZEROINIT)
#define LPTR (LMEM_FIXED | LMEM_ZEROINIT)
#define NONZEROLHND (LMEM_MOVEABLE)
#define NONZEROLPTR (LMEM_FIXED)
OPENRAS_API HLOCAL WINAPI LocalAlloc(UINT uFlags, SIZE_T uBytes);
OPENRAS_API HLOCAL WINAPI LocalFree(HLOCAL hMem);

/* ---- time ---------------------------------------------------------------------------- */
/* Sleeps dwMilliseconds (INFINITE: for ever); Sleep(0) yields the processor. */
OPENRAS_API void WINAPI Sleep(DWORD dwMilliseconds);
/* Milliseconds since the system started (CLOCK_BOOTTIME); the DWORD form wraps after
 * about 49.7 days, as on Windows. */
OPENRAS_API DWORD WINAPI GetTickCount(void);
OPENRAS_API ULONGLONG WINAPI GetTickCount64(void);

/* ---- strings ---------------------------------------------------------------------------
 * lstrcmp and lstrcmpi compare as CompareString does in the user's locale (winnls.h):
 * linguistically, not by code point ("a" < "B" < "b"), and return <0, 0 or >0. A NULL
 * string sorts before any other, as on Windows. lstrcpyn copies at most iMaxLength - 1
 * characters and always terminates (iMaxLength counts the NUL). */
static inline int lstrlenW(LPCWSTR s) { return s ? (int)wcslen(s) : 0; }
static inline int lstrlenA(LPCSTR s) { return s ? (int)strlen(s) : 0; }
static inline LPWSTR lstrcpyW(LPWSTR d, LPCWSTR s) { return wcscpy(d, s); }
static inline LPSTR lstrcpyA(LPSTR d, LPCSTR s) { return strcpy(d, s); }
static inline LPWSTR lstrcatW(LPWSTR d, LPCWSTR s) { return wcscat(d, s); }
static inline LPSTR lstrcatA(LPSTR d, LPCSTR s) { return strcat(d, s); }
static inline LPWSTR lstrcpynW(LPWSTR d, LPCWSTR s, int n) {
  int i = 0;
  if (n <= 0) return d;
  for (; i < n - 1 && s[i]; ++i) d[i] = s[i];
  d[i] = 0;
  return d;
}
static inline LPSTR lstrcpynA(LPSTR d, LPCSTR s, int n) {
  int i = 0;
  if (n <= 0) return d;
  for (; i < n - 1 && s[i]; ++i) d[i] = s[i];
  d[i] = 0;
  return d;
}
static inline int lstrcmpW(LPCWSTR a, LPCWSTR b) {
  if (!a || !b) return a == b ? 0 : (a ? 1 : -1);
  return CompareStringW(LOCALE_USER_DEFAULT, 0, a, -1, b, -1) - CSTR_EQUAL;
}
static inline int lstrcmpiW(LPCWSTR a, LPCWSTR b) {
  if (!a || !b) return a == b ? 0 : (a ? 1 : -1);
  return CompareStringW(LOCALE_USER_DEFAULT, NORM_IGNORECASE, a, -1, b, -1) - CSTR_EQUAL;
}
static inline int lstrcmpA(LPCSTR a, LPCSTR b) {
  if (!a || !b) return a == b ? 0 : (a ? 1 : -1);
  return CompareStringA(LOCALE_USER_DEFAULT, 0, a, -1, b, -1) - CSTR_EQUAL;
}
static inline int lstrcmpiA(LPCSTR a, LPCSTR b) {
  if (!a || !b) return a == b ? 0 : (a ? 1 : -1);
  return CompareStringA(LOCALE_USER_DEFAULT, NORM_IGNORECASE, a, -1, b, -1) - CSTR_EQUAL;
}

/* ---- debugging ------------------------------------------------------------------------
 * OutputDebugString writes the text to the OpenRAS log at debug level ("debug: TEXT"), so
 * it shows on stderr when OPENRAS_DEBUG=1 is set, as Windows shows it in a debugger. */
OPENRAS_API void WINAPI OutputDebugStringA(LPCSTR lpOutputString);
OPENRAS_API void WINAPI OutputDebugStringW(LPCWSTR lpOutputString);

/* ---- modules ---------------------------------------------------------------------------
 * An HMODULE/HINSTANCE names a loaded module: its dlopen handle (what dlopen returned for
 * it, or the executable's for NULL). A custom dialer's module is the HINSTANCE RAS passes
 * it (in DllMain and its RasCustom* calls), and its file name is the path the phone book
 * names, not the descriptor it was loaded through.
 *
 * GetModuleFileName: the module's absolute path; the number of characters copied without
 * the NUL; if it does not fit, the path truncated to nSize - 1 characters and a NUL, the
 * result nSize and last error ERROR_INSUFFICIENT_BUFFER; 0 with ERROR_MOD_NOT_FOUND for
 * a handle that names no loaded module. A path that is not valid UTF-8 is ERROR_NO_UNICODE_
 * TRANSLATION in the W form.
 * GetModuleHandle(NULL) is the executable; a name matches a loaded module's file name
 * (with or without its directory). GetModuleHandleEx with GET_MODULE_HANDLE_EX_FLAG_
 * FROM_ADDRESS finds the module containing an address. No reference counts are taken:
 * modules are not unloaded behind a handle's back (docs/porting.md). */
#define GET_MODULE_HANDLE_EX_FLAG_PIN 0x00000001
#define GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT 0x00000002
#define GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS 0x00000004
OPENRAS_API DWORD WINAPI GetModuleFileNameW(HMODULE hModule, LPWSTR lpFilename, DWORD nSize);
OPENRAS_API DWORD WINAPI GetModuleFileNameA(HMODULE hModule, LPSTR lpFilename, DWORD nSize);
OPENRAS_API HMODULE WINAPI GetModuleHandleW(LPCWSTR lpModuleName);
OPENRAS_API HMODULE WINAPI GetModuleHandleA(LPCSTR lpModuleName);
OPENRAS_API BOOL WINAPI GetModuleHandleExW(DWORD dwFlags, LPCWSTR lpModuleName, HMODULE* phModule);
OPENRAS_API BOOL WINAPI GetModuleHandleExA(DWORD dwFlags, LPCSTR lpModuleName, HMODULE* phModule);
/* Accepted for source compatibility: OpenRAS never sends DLL_THREAD_ATTACH or
 * DLL_THREAD_DETACH (docs/porting.md). TRUE for a loaded module, FALSE with
 * ERROR_MOD_NOT_FOUND otherwise. */
OPENRAS_API BOOL WINAPI DisableThreadLibraryCalls(HMODULE hLibModule);

/* A dialer's optional entry point. When a dialer defines it, RAS calls it with
 * DLL_PROCESS_ATTACH right after loading the dialer (lpvReserved NULL; FALSE refuses the
 * load) and with DLL_PROCESS_DETACH right before unloading it (lpvReserved NULL, or
 * non-NULL when the process is exiting). Never with the thread reasons. Declared here so
 * that a C++ definition gets C linkage, and exported even from a module built with hidden
 * visibility. */
__attribute__((visibility("default"))) BOOL WINAPI DllMain(HINSTANCE hinstDLL, DWORD fdwReason,
                                                           LPVOID lpvReserved);

#ifdef UNICODE
#define lstrlen lstrlenW
#define lstrcpy lstrcpyW
#define lstrcpyn lstrcpynW
#define lstrcat lstrcatW
#define lstrcmp lstrcmpW
#define lstrcmpi lstrcmpiW
#define OutputDebugString OutputDebugStringW
#define GetModuleFileName GetModuleFileNameW
#define GetModuleHandle GetModuleHandleW
#define GetModuleHandleEx GetModuleHandleExW
#else
#define lstrlen lstrlenA
#define lstrcpy lstrcpyA
#define lstrcpyn lstrcpynA
#define lstrcat lstrcatA
#define lstrcmp lstrcmpA
#define lstrcmpi lstrcmpiA
#define OutputDebugString OutputDebugStringA
#define GetModuleFileName GetModuleFileNameA
#define GetModuleHandle GetModuleHandleA
#define GetModuleHandleEx GetModuleHandleExA
#endif

#ifdef __cplusplus
}
#endif

#endif /* _WINBASE_ */
