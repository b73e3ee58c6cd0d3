// json.cpp: see json.h.
#include "json.h"

#include <cstdio>

namespace openras::cli {

std::string json_text(const Json& value) {
  // indent -1: one line; ensure_ascii false: UTF-8 as it is (jq and people read it);
  // replace: invalid UTF-8 (a name from a broken file) must not abort the report.
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void print_json(const Json& value) {
  std::string line = json_text(value);
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fflush(stdout);
}

Json json_handle(uintptr_t handle) { return std::to_string(handle); }

}  // namespace openras::cli
