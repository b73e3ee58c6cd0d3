/* winerror.h: the Win32 error codes that the OpenRAS RAS API and custom dialers return. */
#ifndef _WINERROR_H_
#define _WINERROR_H_

#include "windef.h"

/* A subset of the Windows SDK header, with its exact values. The L suffix is kept as Windows
 * writes it; DWORD is uint32_t in this SDK, so comparisons with these constants still work. */

#define ERROR_SUCCESS                 0L
#define NO_ERROR                      0L
#define ERROR_INVALID_FUNCTION        1L
#define ERROR_FILE_NOT_FOUND          2L
#define ERROR_PATH_NOT_FOUND          3L
#define ERROR_TOO_MANY_OPEN_FILES     4L
#define ERROR_ACCESS_DENIED           5L
#define ERROR_INVALID_HANDLE          6L
#define ERROR_NOT_ENOUGH_MEMORY       8L
#define ERROR_INVALID_DATA            13L
#define ERROR_OUTOFMEMORY             14L
#define ERROR_WRITE_PROTECT           19L
#define ERROR_SHARING_VIOLATION       32L
#define ERROR_LOCK_VIOLATION          33L
#define ERROR_HANDLE_EOF              38L
#define ERROR_NOT_SUPPORTED           50L
#define ERROR_FILE_EXISTS             80L
#define ERROR_CANNOT_MAKE             82L
#define ERROR_INVALID_PARAMETER       87L
#define ERROR_BROKEN_PIPE             109L
#define ERROR_OPEN_FAILED             110L
#define ERROR_BUFFER_OVERFLOW         111L
#define ERROR_DISK_FULL               112L
#define ERROR_CALL_NOT_IMPLEMENTED    120L
#define ERROR_SEM_TIMEOUT             121L
#define ERROR_INSUFFICIENT_BUFFER     122L
#define ERROR_INVALID_NAME            123L
#define ERROR_INVALID_LEVEL           124L
#define ERROR_MOD_NOT_FOUND           126L
#define ERROR_PROC_NOT_FOUND          127L
#define ERROR_DIR_NOT_EMPTY           145L
#define ERROR_BAD_ARGUMENTS           160L
#define ERROR_BAD_PATHNAME            161L
#define ERROR_BUSY                    170L
#define ERROR_ALREADY_EXISTS          183L
#define ERROR_BAD_EXE_FORMAT          193L
#define ERROR_FILENAME_EXCED_RANGE    206L
#define ERROR_MORE_DATA               234L
#define WAIT_TIMEOUT                  258L
#define ERROR_NO_MORE_ITEMS           259L
#define ERROR_NOACCESS                998L
#define ERROR_INVALID_FLAGS           1004L
#define ERROR_BADDB                   1009L
#define ERROR_BADKEY                  1010L
#define ERROR_CANTOPEN                1011L
#define ERROR_CANTREAD                1012L
#define ERROR_CANTWRITE               1013L
#define ERROR_REGISTRY_CORRUPT        1015L
#define ERROR_REGISTRY_IO_FAILED      1016L
#define ERROR_KEY_DELETED             1018L
#define ERROR_SERVICE_NOT_ACTIVE      1062L
#define ERROR_NO_UNICODE_TRANSLATION  1113L
#define ERROR_DLL_INIT_FAILED         1114L
#define ERROR_NOT_FOUND               1168L
#define ERROR_CANCELLED               1223L
#define ERROR_CONNECTION_REFUSED      1225L
#define ERROR_PRIVILEGE_NOT_HELD      1314L
#define ERROR_LOGON_FAILURE           1326L
#define ERROR_INVALID_WINDOW_HANDLE   1400L
#define ERROR_INVALID_INDEX           1413L
#define ERROR_CONTROL_ID_NOT_FOUND    1421L
#define ERROR_INVALID_THREAD_ID       1444L
#define ERROR_TIMEOUT                 1460L
#define ERROR_DATATYPE_MISMATCH       1629L
#define ERROR_UNSUPPORTED_TYPE        1630L
#define ERROR_INVALID_USER_BUFFER     1784L
#define ERROR_RESOURCE_DATA_NOT_FOUND 1812L
#define ERROR_RESOURCE_TYPE_NOT_FOUND 1813L
#define ERROR_RESOURCE_NAME_NOT_FOUND 1814L

/* ---- HRESULT --------------------------------------------------------------------------
 * A 32-bit signed status: bit 31 severity, bits 16-28 facility, bits 0-15 the code.
 * Values and definitions from mingw-w64's winerror.h. */
#define FACILITY_NULL                 0
#define FACILITY_WIN32                7
#define SEVERITY_SUCCESS              0
#define SEVERITY_ERROR                1
#define _HRESULT_TYPEDEF_(sc)         ((HRESULT)(sc))
#define SUCCEEDED(hr)                 (((HRESULT)(hr)) >= 0)
#define FAILED(hr)                    (((HRESULT)(hr)) < 0)
#define IS_ERROR(status)              (((unsigned long)(status)) >> 31 == SEVERITY_ERROR)
#define HRESULT_CODE(hr)              ((hr) & 0xFFFF)
#define HRESULT_FACILITY(hr)          (((hr) >> 16) & 0x1fff)
#define HRESULT_SEVERITY(hr)          (((hr) >> 31) & 0x1)
#define MAKE_HRESULT(sev, fac, code) \
  ((HRESULT)(((unsigned long)(sev) << 31) | ((unsigned long)(fac) << 16) | ((unsigned long)(code))))
#define MAKE_SCODE(sev, fac, code)    MAKE_HRESULT(sev, fac, code)
#define __HRESULT_FROM_WIN32(x) \
  ((HRESULT)(x) <= 0 ? ((HRESULT)(x)) \
                     : ((HRESULT)((((unsigned long)(x)) & 0x0000FFFF) | (FACILITY_WIN32 << 16) | 0x80000000)))
#ifdef __cplusplus
inline HRESULT HRESULT_FROM_WIN32(unsigned long x) { return __HRESULT_FROM_WIN32(x); }
#else
#define HRESULT_FROM_WIN32(x)         __HRESULT_FROM_WIN32(x)
#endif

#define S_OK                          _HRESULT_TYPEDEF_(0x00000000L)
#define S_FALSE                       _HRESULT_TYPEDEF_(0x00000001L)
#define E_UNEXPECTED                  _HRESULT_TYPEDEF_(0x8000FFFFL)
#define E_NOTIMPL                     _HRESULT_TYPEDEF_(0x80004001L)
#define E_OUTOFMEMORY                 _HRESULT_TYPEDEF_(0x8007000EL)
#define E_INVALIDARG                  _HRESULT_TYPEDEF_(0x80070057L)
#define E_NOINTERFACE                 _HRESULT_TYPEDEF_(0x80004002L)
#define E_POINTER                     _HRESULT_TYPEDEF_(0x80004003L)
#define E_HANDLE                      _HRESULT_TYPEDEF_(0x80070006L)
#define E_ABORT                       _HRESULT_TYPEDEF_(0x80004004L)
#define E_FAIL                        _HRESULT_TYPEDEF_(0x80004005L)
#define E_ACCESSDENIED                _HRESULT_TYPEDEF_(0x80070005L)
#define E_PENDING                     _HRESULT_TYPEDEF_(0x8000000AL)

#endif /* _WINERROR_H_ */
