// dlg_template.cpp (fuzz): the binary dialog-template reader (src/dialog/dlg_template.cpp)
// on arbitrary bytes, and the answer-script parser on the same bytes as text.
//
// Never crashes or reads past the input; a template it accepts writes back to bytes that
// read as the same template (the writer normalises padding, so compare parsed forms).
#include <cstdint>
#include <cstdlib>
#include <span>

#include "dialog/dlg_template.h"
#include "dialog/scripted.h"

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

bool same(const openras::dialog::DialogTemplate& a, const openras::dialog::DialogTemplate& b) {
  if (a.items.size() != b.items.size() || a.title != b.title || a.style != b.style ||
      a.typeface != b.typeface || a.cx != b.cx) {
    return false;
  }
  for (size_t i = 0; i < a.items.size(); ++i) {
    if (a.items[i].id != b.items[i].id || a.items[i].title != b.items[i].title ||
        a.items[i].creation_data != b.items[i].creation_data) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace openras::dialog;
  auto t = parse_template(std::span<const uint8_t>(data, size));
  if (t) {
    auto again = parse_template(serialize_template(*t));
    check(again.has_value() && same(*t, *again));
  }
  (void)parse_script(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  return 0;
}
