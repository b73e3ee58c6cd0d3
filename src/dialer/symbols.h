// symbols.h: what a loaded dialer defines under C++ names.
//
// A C++ dialer that defines RasCustomDial without extern "C" exports it as a mangled name
// (_Z13RasCustomDialP11HINSTANCE__...), which RAS never looks up; Windows' headers do not
// declare the five entry points either, so the compiler cannot catch it. Both the loader's
// refusal and rasdialer-check name such definitions and the fix. Thread-safe.
#pragma once

#include <span>
#include <string>
#include <vector>

namespace openras::dialer {

struct CxxDefinition {
  std::string function;   // the plain name it stands for: "RasCustomDial"
  std::string mangled;    // "_Z13RasCustomDialP11HINSTANCE__..."
  std::string demangled;  // "RasCustomDial(HINSTANCE__*, ...)"
};

// The functions the module behind dlopen handle `handle` itself defines and exports whose
// C++ name (namespace and parameters aside) is one of `functions`. Read from the dynamic
// symbol table the dynamic loader already loaded for it.
[[nodiscard]] std::vector<CxxDefinition> cxx_definitions(void* handle,
                                                         std::span<const char* const> functions);

// "RasCustomDial is the C++ function RasCustomDial(...) (symbol _Z...)", joined with "; ".
[[nodiscard]] std::string describe(const std::vector<CxxDefinition>& definitions);

}  // namespace openras::dialer
