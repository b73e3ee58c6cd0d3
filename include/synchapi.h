/* synchapi.h: Win32 event objects, the waits on them, and the calling thread's last error.
 *
 * RasConnectionNotification signals an event HANDLE made with CreateEvent, and Windows RAS
 * clients wait on it with WaitForSingleObject or WaitForMultipleObjects; these functions
 * let such code compile and run unchanged. OpenRAS events are eventfd(2) descriptors
 * inside libopenras: OpenRasEventFd (an OpenRAS extension) returns the descriptor, which
 * is readable while the event is signalled, so a poll/epoll/GLib/sd-event loop can watch
 * it. Only events exist: CloseHandle accepts nothing else, and named events (lpName not
 * NULL) fail with ERROR_NOT_SUPPORTED.
 *
 * Threads: every function may be called from any thread. GetLastError is per thread. */
#ifndef _SYNCHAPI_H_
#define _SYNCHAPI_H_

#include "windef.h"
#include "winerror.h"

#ifdef __cplusplus
extern "C" {
#endif

#define INFINITE 0xFFFFFFFF
#define MAXIMUM_WAIT_OBJECTS 64
#define WAIT_OBJECT_0 0x00000000L
#define WAIT_ABANDONED 0x00000080L
#define WAIT_ABANDONED_0 WAIT_ABANDONED
#define WAIT_FAILED ((DWORD)0xFFFFFFFF)
/* WAIT_TIMEOUT (258) is in winerror.h, as on Windows. */

/* Creates an event, manual-reset (stays signalled until ResetEvent) or auto-reset (one
 * successful wait takes the signal). lpEventAttributes is accepted and ignored; the
 * descriptor is close-on-exec. NULL on failure, with GetLastError set. */
OPENRAS_API HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
                                       BOOL bInitialState, LPCWSTR lpName);
OPENRAS_API HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
                                       BOOL bInitialState, LPCSTR lpName);
OPENRAS_API BOOL WINAPI SetEvent(HANDLE hEvent);
OPENRAS_API BOOL WINAPI ResetEvent(HANDLE hEvent);
/* Closes an event handle. A wait already in progress on it keeps its descriptor until it
 * returns; RasConnectionNotification stops signalling an event once it is closed. */
OPENRAS_API BOOL WINAPI CloseHandle(HANDLE hObject);

/* WAIT_OBJECT_0 when the event is (or becomes) signalled, WAIT_TIMEOUT after
 * dwMilliseconds (INFINITE: never), WAIT_FAILED with GetLastError set otherwise. */
OPENRAS_API DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds);
/* bWaitAll FALSE: WAIT_OBJECT_0 + the lowest index that is signalled. TRUE: waits until
 * all are signalled at once, then takes every auto-reset one together. nCount is 1 to
 * MAXIMUM_WAIT_OBJECTS; a handle may appear only once when bWaitAll is TRUE. */
OPENRAS_API DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE* lpHandles,
                                                BOOL bWaitAll, DWORD dwMilliseconds);

OPENRAS_API DWORD WINAPI GetLastError(void);
OPENRAS_API void WINAPI SetLastError(DWORD dwErrCode);

/* OpenRAS extension: the event's descriptor (owned by the event; do not close or read it),
 * readable while the event is signalled. -1 with GetLastError ERROR_INVALID_HANDLE if
 * hEvent is not an open event. */
OPENRAS_API int WINAPI OpenRasEventFd(HANDLE hEvent);

#ifdef UNICODE
#define CreateEvent CreateEventW
#else
#define CreateEvent CreateEventA
#endif

#ifdef __cplusplus
}
#endif

#endif /* _SYNCHAPI_H_ */
