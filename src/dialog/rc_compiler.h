// rc_compiler.h: the resource compiler behind rasrc — the .rc subset dialers use
// (docs/dialogs.md, "rasrc"): DIALOG/DIALOGEX with their optional statements and control
// statements, STRINGTABLE, LANGUAGE, and the preprocessor (#include, #define, #undef,
// #if/#ifdef/#ifndef/#elif/#else/#endif). Other resource types are skipped with a warning.
// Output: the resources in Windows' binary formats, and the C source that links them into
// a module. Errors are "file:line:column: message". Threads: pure functions.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/result.h"

namespace openras::dialog::rc {

struct Resource {
  uint16_t type = 0;      // 5 RT_DIALOG, 6 RT_STRING
  uint16_t id = 0;        // when `name` is empty
  std::u16string name;    // upper-cased, for named resources
  uint16_t language = 0;  // MAKELANGID
  std::vector<uint8_t> data;
};

struct Output {
  std::vector<Resource> resources;
  std::vector<std::string> files;     // every file read (for depfiles)
  std::vector<std::string> warnings;  // "file:line:column: warning: ..."
};

struct SourceFile {
  std::string path;
  std::string text;
};

// Finds an #include: `name` as written, `system` for <name>, `from` the including file's
// path. kNotFound when it does not exist.
using IncludeResolver = std::function<Result<SourceFile>(const std::string& name, bool system,
                                                         const std::string& from)>;

struct Options {
  std::map<std::string, std::string> defines;  // -D NAME=VALUE
  IncludeResolver resolve;
};

[[nodiscard]] Result<Output> compile(const SourceFile& rc, const Options& options);

// The C source defining OpenRasResourceDirectory (winuser.h) over `out`'s resources.
[[nodiscard]] std::string emit_c(const Output& out, const std::string& source_name);

// The include resolver of the command line: "x" from the including file's directory, then
// the -I directories; <x> from the -I directories. Windows' own headers (windows.h,
// winres.h, afxres.h, …) resolve to nothing: their constants are built in.
[[nodiscard]] IncludeResolver file_resolver(std::vector<std::string> include_dirs);

}  // namespace openras::dialog::rc
