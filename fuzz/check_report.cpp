// check_report.cpp (fuzz): rasdialer-check's reader of an exercise child's stream
// (Report::take_line, tools/rasdialer-check/report.h) on any bytes, split into lines as
// the parent splits them, never crashes; every record it accepts is one line of the text
// report, and the JSON report carries no raw control character whatever the details held.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

#include "report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  openras::check::Report report;
  std::pair<std::string, std::string> current;
  size_t checks = 0;
  for (size_t start = 0; start < input.size();) {
    size_t end = input.find('\n', start);
    if (end == std::string_view::npos) break;  // a partial last line waits for more
    std::string line(input.substr(start, end - start));
    start = end + 1;
    bool accepted = report.take_line(line, &current);
    if (accepted && line.rfind("begin\t", 0) != 0) ++checks;
  }
  std::string text = report.text();
  size_t lines = 0;
  for (char c : text) lines += c == '\n';
  if (lines != checks + 1) std::abort();
  for (char c : report.json("fuzz")) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n') std::abort();
  }
  std::string json = report.json("fuzz");
  if (json.back() != '\n' || json.find('\n') != json.size() - 1) std::abort();
  return 0;
}
