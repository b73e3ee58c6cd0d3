// utf.cpp (fuzz): the UTF-8 and UTF-16LE decoders never crash, and whatever they accept
// round-trips exactly.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/utf.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto wide = openras::utf8_to_wide(text);
  if (wide.has_value() != openras::is_valid_utf8(text)) std::abort();
  if (wide) {
    auto back = openras::wide_to_utf8(*wide);
    if (!back || *back != text) std::abort();
  }
  auto from16 = openras::utf16le_to_wide({data, size});
  if (from16) {
    auto back16 = openras::wide_to_utf16le(*from16);
    if (!back16 || *back16 != text) std::abort();
  }
  return 0;
}
