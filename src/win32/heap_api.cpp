// heap_api.cpp: winbase.h's heap and local memory over malloc.
//
// Each block carries a 16-byte header (its size and a tag), so HeapSize answers the size
// asked for, HEAP_ZERO_MEMORY can zero exactly the grown part of a reallocated block, and
// a pointer that is not a live block of ours is refused instead of corrupting the heap.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "windows.h"

namespace {

constexpr uint64_t kLiveTag = 0x4f70656e52415348;  // "OpenRASH"
constexpr uint64_t kFreedTag = 0x6672656564626c6b;
constexpr DWORD kHeapFlags =
    HEAP_NO_SERIALIZE | HEAP_GENERATE_EXCEPTIONS | HEAP_ZERO_MEMORY | HEAP_REALLOC_IN_PLACE_ONLY;

struct alignas(16) Header {
  uint64_t size;
  uint64_t tag;
};
static_assert(sizeof(Header) == 16);

// The one heap's handle: an address no other object has.
char g_process_heap;

Header* header_of(LPCVOID block) {
  auto* h = reinterpret_cast<Header*>(const_cast<char*>(static_cast<const char*>(block))) - 1;
  return h->tag == kLiveTag ? h : nullptr;
}

bool valid_heap(HANDLE heap) { return heap == static_cast<HANDLE>(&g_process_heap); }

LPVOID allocate(SIZE_T bytes, bool zero) {
  if (bytes > SIZE_MAX - sizeof(Header)) return nullptr;
  void* raw = zero ? std::calloc(1, sizeof(Header) + bytes) : std::malloc(sizeof(Header) + bytes);
  if (!raw) return nullptr;
  auto* h = static_cast<Header*>(raw);
  h->size = bytes;
  h->tag = kLiveTag;
  return h + 1;
}

void release(Header* h) {
  h->tag = kFreedTag;
  std::free(h);
}

}  // namespace

extern "C" {

HANDLE WINAPI GetProcessHeap(void) { return static_cast<HANDLE>(&g_process_heap); }

LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes) {
  // As on Windows, HeapAlloc leaves the last error alone when it fails.
  if (!valid_heap(hHeap) || (dwFlags & ~kHeapFlags) != 0) return nullptr;
  return allocate(dwBytes, (dwFlags & HEAP_ZERO_MEMORY) != 0);
}

LPVOID WINAPI HeapReAlloc(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem, SIZE_T dwBytes) {
  if (!valid_heap(hHeap) || (dwFlags & ~kHeapFlags) != 0) {
    SetLastError(ERROR_INVALID_PARAMETER);
    return nullptr;
  }
  Header* h = lpMem ? header_of(lpMem) : nullptr;
  if (!h) {
    SetLastError(ERROR_INVALID_PARAMETER);
    return nullptr;
  }
  const uint64_t old_size = h->size;
  if (dwFlags & HEAP_REALLOC_IN_PLACE_ONLY) {
    // Shrinking keeps the address; growing would have to move.
    if (dwBytes > old_size) {
      SetLastError(ERROR_NOT_ENOUGH_MEMORY);
      return nullptr;
    }
    h->size = dwBytes;
    return lpMem;
  }
  if (dwBytes > SIZE_MAX - sizeof(Header)) {
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return nullptr;
  }
  h->tag = kFreedTag;  // realloc may move it: the old header must not look live
  auto* moved = static_cast<Header*>(std::realloc(h, sizeof(Header) + dwBytes));
  if (!moved) {
    h->tag = kLiveTag;  // the old block stays, as documented
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return nullptr;
  }
  moved->tag = kLiveTag;
  moved->size = dwBytes;
  if ((dwFlags & HEAP_ZERO_MEMORY) && dwBytes > old_size) {
    std::memset(reinterpret_cast<char*>(moved + 1) + old_size, 0, dwBytes - old_size);
  }
  return moved + 1;
}

BOOL WINAPI HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem) {
  if (!valid_heap(hHeap) || (dwFlags & ~kHeapFlags) != 0) {
    SetLastError(ERROR_INVALID_PARAMETER);
    return FALSE;
  }
  if (!lpMem) return TRUE;
  Header* h = header_of(lpMem);
  if (!h) {
    SetLastError(ERROR_INVALID_PARAMETER);
    return FALSE;
  }
  release(h);
  return TRUE;
}

SIZE_T WINAPI HeapSize(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem) {
  Header* h =
      valid_heap(hHeap) && (dwFlags & ~kHeapFlags) == 0 && lpMem ? header_of(lpMem) : nullptr;
  if (!h) {
    SetLastError(ERROR_INVALID_PARAMETER);
    return static_cast<SIZE_T>(-1);
  }
  return h->size;
}

HLOCAL WINAPI LocalAlloc(UINT uFlags, SIZE_T uBytes) {
  constexpr UINT kKnown = LMEM_MOVEABLE | LMEM_NOCOMPACT | LMEM_NODISCARD | LMEM_ZEROINIT |
                          LMEM_MODIFY | LMEM_DISCARDABLE;
  if ((uFlags & ~kKnown) != 0 || (uFlags & LMEM_MOVEABLE) != 0) {
    SetLastError(ERROR_INVALID_PARAMETER);
    return nullptr;
  }
  LPVOID block = allocate(uBytes, (uFlags & LMEM_ZEROINIT) != 0);
  if (!block) SetLastError(ERROR_NOT_ENOUGH_MEMORY);
  return block;
}

HLOCAL WINAPI LocalFree(HLOCAL hMem) {
  if (!hMem) return nullptr;
  Header* h = header_of(hMem);
  if (!h) {
    SetLastError(ERROR_INVALID_HANDLE);
    return hMem;
  }
  release(h);
  return nullptr;
}

}  // extern "C"
