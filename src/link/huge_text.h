// huge_text.h: the zygote's code on one transparent huge page, so that a link forked from
// it does not fault its code in again.
//
// fork() copies no page-table entries of a file mapping the parent never wrote (its code),
// so every link maps its code afresh, one fault per 64 KiB window it runs in: about ten
// faults of about 2 us each, a quarter of what a link costs up to Connected. Anonymous
// memory is copied by fork, and a huge page is one entry to copy: so the zygote copies its
// code (when it lies alone in one 2 MiB-aligned window, as the release build links it:
// tools/openras-link/CMakeLists.txt) onto an anonymous 2 MiB page, read-only and
// executable, and moves that page over the file's mapping with mremap(2). The bytes do
// not change; only where the page tables take them from.
#pragma once

#include <cstddef>
#include <string>

namespace openras::link {

// What move_text_to_huge_page() did: moved, or why not (each a normal outcome: a sanitizer
// build's code is larger than a huge page; a kernel without transparent huge pages, or
// with none free, says so). Nothing is changed unless it moved.
struct TextMove {
  bool moved = false;
  std::size_t bytes = 0;  // the code's size
  std::string why_not;
};

// Before the zygote's seccomp filter: it maps, protects and moves memory.
TextMove move_text_to_huge_page();

}  // namespace openras::link
