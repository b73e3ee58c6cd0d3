// symbols.cpp: C++ definitions in a loaded dialer's dynamic symbol table (symbols.h).
#include "dialer/symbols.h"

#include <cxxabi.h>
#include <dlfcn.h>
#include <elf.h>
#include <link.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>

namespace openras::dialer {

namespace {

struct DynamicTables {
  const ElfW(Sym) * symbols = nullptr;
  const char* strings = nullptr;
  size_t strings_size = 0;
  const uint32_t* hash = nullptr;
  const uint32_t* gnu_hash = nullptr;
};

// glibc relocates these entries in place where the dynamic section is writable; where it
// is not, they are still link-time addresses, below the load bias.
const void* address(const link_map* map, ElfW(Addr) value) {
  auto bias = static_cast<ElfW(Addr)>(map->l_addr);
  return reinterpret_cast<const void*>(value < bias ? value + bias : value);
}

DynamicTables tables_of(const link_map* map) {
  DynamicTables t;
  for (const ElfW(Dyn)* d = map->l_ld; d && d->d_tag != DT_NULL; ++d) {
    switch (d->d_tag) {
      case DT_SYMTAB:
        t.symbols = static_cast<const ElfW(Sym)*>(address(map, d->d_un.d_ptr));
        break;
      case DT_STRTAB:
        t.strings = static_cast<const char*>(address(map, d->d_un.d_ptr));
        break;
      case DT_STRSZ:
        t.strings_size = d->d_un.d_val;
        break;
      case DT_HASH:
        t.hash = static_cast<const uint32_t*>(address(map, d->d_un.d_ptr));
        break;
      case DT_GNU_HASH:
        t.gnu_hash = static_cast<const uint32_t*>(address(map, d->d_un.d_ptr));
        break;
      default:
        break;
    }
  }
  return t;
}

// The number of entries in the dynamic symbol table: DT_HASH says it; DT_GNU_HASH's
// highest chain ends at the last one.
size_t symbol_count(const DynamicTables& t) {
  if (t.hash) return t.hash[1];
  if (!t.gnu_hash) return 0;
  const uint32_t buckets_count = t.gnu_hash[0];
  const uint32_t first = t.gnu_hash[1];
  const uint32_t bloom_words = t.gnu_hash[2];
  const auto* bloom = reinterpret_cast<const ElfW(Addr)*>(t.gnu_hash + 4);
  const auto* buckets = reinterpret_cast<const uint32_t*>(bloom + bloom_words);
  const uint32_t* chain = buckets + buckets_count;
  uint32_t last = 0;
  for (uint32_t i = 0; i < buckets_count; ++i) last = buckets[i] > last ? buckets[i] : last;
  if (last < first) return first;
  while ((chain[last - first] & 1u) == 0) ++last;
  return static_cast<size_t>(last) + 1;
}

// "ns::RasCustomDial(HINSTANCE__*, ...)" → "RasCustomDial".
std::string_view plain_name(std::string_view demangled) {
  size_t paren = demangled.find('(');
  std::string_view head = demangled.substr(0, paren);
  size_t scope = head.rfind("::");
  return scope == std::string_view::npos ? head : head.substr(scope + 2);
}

}  // namespace

std::vector<CxxDefinition> cxx_definitions(void* handle, std::span<const char* const> functions) {
  std::vector<CxxDefinition> found;
  link_map* map = nullptr;
  if (!handle || ::dlinfo(handle, RTLD_DI_LINKMAP, &map) != 0 || !map) return found;
  DynamicTables t = tables_of(map);
  if (!t.symbols || !t.strings) return found;
  const size_t count = symbol_count(t);
  for (size_t i = 0; i < count; ++i) {
    const ElfW(Sym)& sym = t.symbols[i];
    if (sym.st_shndx == SHN_UNDEF || (sym.st_info & 0xf) != STT_FUNC) continue;
    if (t.strings_size && sym.st_name >= t.strings_size) continue;
    const char* name = t.strings + sym.st_name;
    if (std::strncmp(name, "_Z", 2) != 0) continue;
    int status = 0;
    std::unique_ptr<char, decltype(&std::free)> demangled(
        abi::__cxa_demangle(name, nullptr, nullptr, &status), &std::free);
    if (status != 0 || !demangled) continue;
    std::string_view plain = plain_name(demangled.get());
    for (const char* function : functions) {
      if (plain == function) {
        found.push_back(CxxDefinition{function, name, demangled.get()});
        break;
      }
    }
  }
  return found;
}

std::string describe(const std::vector<CxxDefinition>& definitions) {
  std::string text;
  for (const auto& d : definitions) {
    if (!text.empty()) text += "; ";
    text += d.function + " is the C++ function " + d.demangled + " (symbol " + d.mangled + ")";
  }
  return text;
}

}  // namespace openras::dialer
