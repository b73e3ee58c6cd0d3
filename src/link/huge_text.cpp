// huge_text.cpp: the zygote's code on one transparent huge page (see huge_text.h).
#include "link/huge_text.h"

#include <link.h>
#include <sys/mman.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

// Linux 6.1's, newer than Debian 12's C library headers.
#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif

namespace openras::link {

namespace {

constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
constexpr std::uintptr_t kPage = 4096;

struct Segment {
  std::uintptr_t start = 0;
  std::uintptr_t end = 0;
};

// The executable PT_LOAD segment of the program that holds this function, page-aligned.
int find_text(dl_phdr_info* info, std::size_t, void* data) {
  auto* text = static_cast<Segment*>(data);
  const auto here = reinterpret_cast<std::uintptr_t>(&move_text_to_huge_page);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_LOAD || (ph.p_flags & PF_X) == 0) continue;
    std::uintptr_t start = info->dlpi_addr + ph.p_vaddr;
    std::uintptr_t end = start + ph.p_memsz;
    if (here < start || here >= end) continue;
    text->start = start & ~(kPage - 1);
    text->end = (end + kPage - 1) & ~(kPage - 1);
    return 1;
  }
  return 0;
}

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

}  // namespace

TextMove move_text_to_huge_page() {
  TextMove result;
  Segment text;
  if (::dl_iterate_phdr(find_text, &text) == 0) {
    result.why_not = "no executable segment holds this code";
    return result;
  }
  result.bytes = text.end - text.start;
  const std::uintptr_t window = text.start & ~(kHuge - 1);
  if (text.start != window || result.bytes > kHuge) {
    result.why_not = "the code (" + std::to_string(result.bytes) +
                     " bytes) is not alone at the start of a 2 MiB-aligned window";
    return result;
  }
  // The rest of the window must be free: mremap(MREMAP_FIXED) would unmap whatever is there.
  if (text.end < window + kHuge) {
    void* rest = ::mmap(reinterpret_cast<void*>(text.end), window + kHuge - text.end, PROT_NONE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (rest == MAP_FAILED) {
      result.why_not = errno == EEXIST ? "something else is mapped in the code's 2 MiB window"
                                       : errno_text("probing the code's 2 MiB window");
      return result;
    }
    ::munmap(rest, window + kHuge - text.end);
    if (rest != reinterpret_cast<void*>(text.end)) {  // a kernel before 4.17: only a hint
      result.why_not = "this kernel cannot probe the code's 2 MiB window (MAP_FIXED_NOREPLACE)";
      return result;
    }
  }
  // A 2 MiB-aligned page: twice that mapped, the aligned middle kept.
  void* area =
      ::mmap(nullptr, 2 * kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (area == MAP_FAILED) {
    result.why_not = errno_text("mapping a 2 MiB page");
    return result;
  }
  const auto raw = reinterpret_cast<std::uintptr_t>(area);
  const std::uintptr_t page = (raw + kHuge - 1) & ~(kHuge - 1);
  if (page > raw) ::munmap(area, page - raw);
  if (raw + 2 * kHuge > page + kHuge) {
    ::munmap(reinterpret_cast<void*>(page + kHuge), raw + 2 * kHuge - (page + kHuge));
  }
  auto* copy = reinterpret_cast<void*>(page);
  auto drop = [&](std::string why) {
    ::munmap(copy, kHuge);
    result.why_not = std::move(why);
    return result;
  };
  if (::madvise(copy, kHuge, MADV_HUGEPAGE) != 0) {
    return drop(errno_text("transparent huge pages (MADV_HUGEPAGE)"));
  }
  std::memcpy(copy, reinterpret_cast<const void*>(text.start), result.bytes);
  // Only a huge page is worth it: on small pages fork would copy an entry for each of
  // hundreds of pages, more than the faults it saves. MADV_COLLAPSE (Linux 6.1) answers
  // whether the range is one huge page now, making it one if the kernel can.
  if (::madvise(copy, kHuge, MADV_COLLAPSE) != 0) {
    return drop(errno_text("no huge page for the code (MADV_COLLAPSE)"));
  }
  if (::mprotect(copy, kHuge, PROT_READ | PROT_EXEC) != 0) {
    return drop(errno_text("making the copy executable"));
  }
  // One system call replaces the mapping this very code runs from with its copy.
  if (::mremap(copy, kHuge, kHuge, MREMAP_MAYMOVE | MREMAP_FIXED,
               reinterpret_cast<void*>(window)) == MAP_FAILED) {
    return drop(errno_text("moving the copy over the code"));
  }
  result.moved = true;
  return result;
}

}  // namespace openras::link
