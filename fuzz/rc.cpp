// rc.cpp (fuzz): the .rc compiler (src/dialog/rc_*.cpp) on arbitrary text.
//
// Never crashes; an error always names the file, line and column ("t.rc:L:C: error: ...");
// every dialog it compiles parses back from its binary template and writes the same bytes
// again; and the emitted C source names every resource. Includes resolve to a second
// input slice, so #include and the header rules are exercised too.
#include <cstdint>
#include <cstdlib>
#include <regex>
#include <string>

#include "dialog/dlg_template.h"
#include "dialog/rc_compiler.h"

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace openras::dialog;
  std::string text(reinterpret_cast<const char*>(data), size);
  // A NUL splits the input: the .rc file, then what any #include reads.
  std::string header;
  if (size_t nul = text.find('\0'); nul != std::string::npos) {
    header = text.substr(nul + 1);
    text.resize(nul);
  }
  rc::Options options;
  options.resolve = [&](const std::string& name, bool,
                        const std::string&) -> openras::Result<rc::SourceFile> {
    return rc::SourceFile{name == "self.rc" ? "self.rc" : "inc.h",
                          name == "self.rc" ? text : header};
  };
  auto out = rc::compile(rc::SourceFile{"t.rc", text}, options);
  if (!out) {
    static const std::regex located(R"(^[^:]+:\d+:\d+: error: .+)");
    check(std::regex_search(out.error().message, located) ||
          out.error().message.find("nested more than 32 deep") != std::string::npos);
    return 0;
  }
  for (const rc::Resource& r : out->resources) {
    if (r.type != 5) continue;
    auto t = parse_template(r.data);
    check(t.has_value());
    check(serialize_template(*t) == r.data);
  }
  std::string c = rc::emit_c(*out, "t.rc");
  check(c.find("OpenRasResourceDirectory = {OPENRAS_RESOURCE_VERSION, " +
               std::to_string(out->resources.size())) != std::string::npos);
  return 0;
}
