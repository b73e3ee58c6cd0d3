// reg_lines.h: the first stage of .reg parsing: bytes to validated UTF-8 lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace openras::registry {

// Detects the encoding (UTF-16LE BOM; UTF-8 with or without BOM), decodes, and splits at
// LF with any CR before it removed. Fails (kInvalidData, "<file> line N: ...") on
// invalid UTF-8 or UTF-16, NUL characters, a line longer than kMaxLineLength, a file
// larger than kMaxRegFileSize, or UTF-16BE.
[[nodiscard]] Result<std::vector<std::string>> decode_reg_lines(std::string_view bytes,
                                                                std::string_view file_name);

}  // namespace openras::registry
