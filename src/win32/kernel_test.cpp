// kernel_test.cpp: winbase.h's heap, local memory, time, lstr*, OutputDebugString and
// module functions, and winnls.h's CompareString, against their documented behaviour
// (reference/win32-facts.md §5.5-5.7).
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "base/log.h"
#include "support.h"
#include "windows.h"

namespace openras::win32 {
namespace {

TEST(HeapTest, ZeroesGrowsAndFreesAsDocumented) {
  HANDLE heap = GetProcessHeap();
  ASSERT_NE(heap, nullptr);
  auto* p = static_cast<unsigned char*>(HeapAlloc(heap, HEAP_ZERO_MEMORY, 64));
  ASSERT_NE(p, nullptr);
  for (int i = 0; i < 64; ++i) ASSERT_EQ(p[i], 0) << i;
  EXPECT_EQ(HeapSize(heap, 0, p), 64u);
  std::memset(p, 0xAB, 64);
  p = static_cast<unsigned char*>(HeapReAlloc(heap, HEAP_ZERO_MEMORY, p, 4096));
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p[63], 0xAB);                                   // the old part is kept
  for (int i = 64; i < 4096; ++i) ASSERT_EQ(p[i], 0) << i;  // the grown part is zeroed
  EXPECT_EQ(HeapSize(heap, 0, p), 4096u);
  // In place only: shrinking keeps the address, growing fails and keeps the block.
  EXPECT_EQ(HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, p, 100), p);
  SetLastError(0);
  EXPECT_EQ(HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, p, 1 << 20), nullptr);
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NOT_ENOUGH_MEMORY));
  EXPECT_EQ(p[63], 0xAB);
  EXPECT_TRUE(HeapFree(heap, 0, p));
  EXPECT_TRUE(HeapFree(heap, 0, nullptr));
}

TEST(HeapTest, AnotherHeapHandleIsRefused) {
  int not_a_heap = 0;
  EXPECT_EQ(HeapAlloc(&not_a_heap, 0, 8), nullptr);
  void* p = HeapAlloc(GetProcessHeap(), 0, 8);
  ASSERT_NE(p, nullptr);
  SetLastError(0);
  EXPECT_FALSE(HeapFree(&not_a_heap, 0, p));
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_TRUE(HeapFree(GetProcessHeap(), 0, p));
}

TEST(LocalMemoryTest, FixedBlocksOnlyZeroedWithLptr) {
  auto* p = static_cast<unsigned char*>(LocalAlloc(LPTR, 32));
  ASSERT_NE(p, nullptr);
  for (int i = 0; i < 32; ++i) ASSERT_EQ(p[i], 0);
  EXPECT_EQ(LocalFree(p), nullptr);
  EXPECT_EQ(LocalFree(nullptr), nullptr);
  SetLastError(0);
  EXPECT_EQ(LocalAlloc(LMEM_MOVEABLE, 8), nullptr);
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  void* fixed = LocalAlloc(LMEM_FIXED, 8);
  ASSERT_NE(fixed, nullptr);
  EXPECT_EQ(LocalFree(fixed), nullptr);
}

TEST(MemoryMacroTest, LengthComesBeforeTheFillByte) {
  char b[4] = {1, 2, 3, 4};
  FillMemory(b, 2, 9);
  EXPECT_EQ(b[1], 9);
  EXPECT_EQ(b[2], 3);
  ZeroMemory(b, sizeof b);
  EXPECT_EQ(b[3], 0);
  char c[4] = {5, 6, 7, 8};
  CopyMemory(b, c, 2);
  MoveMemory(b + 1, b, 2);
  EXPECT_EQ(b[2], 6);
}

TEST(TimeTest, SleepSleepsAndTicksMove) {
  ULONGLONG before = GetTickCount64();
  Sleep(30);
  ULONGLONG after = GetTickCount64();
  EXPECT_GE(after - before, 30u);  // at least the time slept, whatever the load
  // The 32-bit count is the low half of the 64-bit one: read between two 64-bit reads, it
  // lies between their low halves (modulo 2^32, where it wraps).
  ULONGLONG first = GetTickCount64();
  DWORD ticks = GetTickCount();
  ULONGLONG last = GetTickCount64();
  EXPECT_LE(ticks - static_cast<DWORD>(first), static_cast<DWORD>(last - first));
  Sleep(0);
}

TEST(CompareStringTest, OrdersLikeWindowsNotByCodePoint) {
  auto cmp = [](const wchar_t* a, const wchar_t* b, DWORD flags = 0) {
    return CompareStringW(LOCALE_USER_DEFAULT, flags, a, -1, b, -1);
  };
  EXPECT_EQ(cmp(L"a", L"B"), CSTR_LESS_THAN);  // wcscmp says greater
  EXPECT_EQ(cmp(L"a", L"A"), CSTR_LESS_THAN);  // lower case first
  EXPECT_EQ(cmp(L"A", L"a"), CSTR_GREATER_THAN);
  EXPECT_EQ(cmp(L"abc", L"ABC", NORM_IGNORECASE), CSTR_EQUAL);
  EXPECT_EQ(cmp(L"Büro", L"BÜRO", NORM_IGNORECASE), CSTR_EQUAL);
  EXPECT_EQ(cmp(L"coop", L"co-op"), CSTR_LESS_THAN);  // word sort
  EXPECT_EQ(cmp(L"co-op", L"cop"), CSTR_LESS_THAN);
  EXPECT_EQ(cmp(L"co-op", L"coop", SORT_STRINGSORT), CSTR_LESS_THAN);  // '-' is a symbol
  EXPECT_EQ(cmp(L"_", L"1"), CSTR_LESS_THAN);                          // symbols, digits, letters
  EXPECT_EQ(cmp(L"9", L"a"), CSTR_LESS_THAN);
  EXPECT_EQ(cmp(L"ab", L"abc"), CSTR_LESS_THAN);
  EXPECT_EQ(cmp(L"a.b", L"ab", NORM_IGNORESYMBOLS), CSTR_EQUAL);
  EXPECT_EQ(CompareStringW(LOCALE_INVARIANT, 0, L"abcdef", 3, L"abc", -1), CSTR_EQUAL);
  EXPECT_EQ(CompareStringW(LOCALE_SYSTEM_DEFAULT, 0, L"x", -1, L"y", -1), CSTR_LESS_THAN);
}

TEST(CompareStringTest, FailuresAreZeroWithTheReason) {
  SetLastError(0);
  EXPECT_EQ(CompareStringW(LOCALE_USER_DEFAULT, NORM_IGNORENONSPACE, L"a", -1, L"a", -1), 0);
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_FLAGS));
  EXPECT_EQ(CompareStringW(LOCALE_USER_DEFAULT, 0, nullptr, 3, L"a", -1), 0);
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(CompareStringA(LOCALE_USER_DEFAULT, 0, "\xff", -1, "a", -1), 0);
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NO_UNICODE_TRANSLATION));
  EXPECT_EQ(CompareStringA(LOCALE_USER_DEFAULT, NORM_IGNORECASE, "é", -1, "É", -1), CSTR_EQUAL);
}

TEST(LstrTest, CompareLikeCompareStringAndCopyBounded) {
  EXPECT_LT(lstrcmpW(L"a", L"B"), 0);
  EXPECT_GT(lstrcmpW(L"A", L"a"), 0);
  EXPECT_EQ(lstrcmpiW(L"Entry", L"ENTRY"), 0);
  EXPECT_LT(lstrcmpiA("abc", "ABD"), 0);
  EXPECT_LT(lstrcmpW(nullptr, L"a"), 0);
  EXPECT_EQ(lstrcmpA(nullptr, nullptr), 0);
  wchar_t buf[8];
  EXPECT_EQ(lstrcpynW(buf, L"hello", 3), buf);
  EXPECT_STREQ(buf, L"he");
  EXPECT_EQ(lstrlenW(buf), 2);
  EXPECT_EQ(lstrlenA(nullptr), 0);
  lstrcatW(buf, L"y");
  EXPECT_STREQ(buf, L"hey");
}

TEST(OutputDebugStringTest, GoesToTheLogAtDebugLevel) {
  log::Level saved = log::level();
  log::set_level(log::Level::kDebug);
  ::testing::internal::CaptureStderr();
  OutputDebugStringW(L"dialer says grüß\r\n");
  OutputDebugStringA("narrow too\n");
  std::string err = ::testing::internal::GetCapturedStderr();
  log::set_level(log::Level::kNotice);
  ::testing::internal::CaptureStderr();
  OutputDebugStringA("not shown");
  std::string quiet = ::testing::internal::GetCapturedStderr();
  log::set_level(saved);
  EXPECT_NE(err.find("OutputDebugString: dialer says grüß\n"), std::string::npos) << err;
  EXPECT_NE(err.find("OutputDebugString: narrow too"), std::string::npos) << err;
  EXPECT_EQ(quiet.find("not shown"), std::string::npos) << quiet;
}

std::string executable() {
  char path[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", path, sizeof path);
  return n > 0 ? std::string(path, static_cast<size_t>(n)) : std::string();
}

TEST(ModuleTest, NullIsTheExecutableAndTruncationIsReported) {
  std::string exe = executable();
  ASSERT_FALSE(exe.empty());
  char name[PATH_MAX];
  DWORD n = GetModuleFileNameA(nullptr, name, sizeof name);
  EXPECT_EQ(std::string(name, n), exe);
  EXPECT_EQ(GetModuleHandleW(nullptr), GetModuleHandleA(nullptr));
  n = GetModuleFileNameA(GetModuleHandleA(nullptr), name, sizeof name);
  EXPECT_EQ(std::string(name, n), exe);
  SetLastError(0);
  EXPECT_EQ(GetModuleFileNameA(nullptr, name, 5), 5u);
  EXPECT_EQ(std::string(name), exe.substr(0, 4));
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INSUFFICIENT_BUFFER));
  int not_a_module = 0;
  EXPECT_EQ(GetModuleFileNameA(reinterpret_cast<HMODULE>(&not_a_module), name, sizeof name), 0u);
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_MOD_NOT_FOUND));
  EXPECT_FALSE(DisableThreadLibraryCalls(reinterpret_cast<HMODULE>(&not_a_module)));
}

TEST(ModuleTest, LibopenrasIsFoundByHandleNameAndAddress) {
  std::string path = std::string(OPENRAS_TEST_BUILD_DIR) + "/libopenras.so.1";
  char real[PATH_MAX];
  ASSERT_NE(::realpath(path.c_str(), real), nullptr) << path;
  void* handle = ::dlopen(real, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(handle, nullptr) << ::dlerror();
  auto* module = static_cast<HMODULE>(handle);
  wchar_t name[PATH_MAX];
  DWORD n = GetModuleFileNameW(module, name, PATH_MAX);
  std::string real_text(real);
  EXPECT_EQ(std::wstring(name, n), std::wstring(real_text.begin(), real_text.end()));
  std::string base = real_text.substr(real_text.rfind('/') + 1);
  EXPECT_EQ(GetModuleHandleA(base.c_str()), module);
  EXPECT_EQ(GetModuleHandleA(real), module);
  HMODULE from_address = nullptr;
  void* function = ::dlsym(handle, "RasDialW");
  ASSERT_NE(function, nullptr);
  EXPECT_TRUE(GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS,
                                 static_cast<LPCWSTR>(function), &from_address));
  EXPECT_EQ(from_address, module);
  EXPECT_TRUE(DisableThreadLibraryCalls(module));
  EXPECT_EQ(GetModuleHandleA("no-such-module.so"), nullptr);
  EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_MOD_NOT_FOUND));
  // Not closed: unloading the library would hide its static state from LeakSanitizer.
}

}  // namespace
}  // namespace openras::win32
