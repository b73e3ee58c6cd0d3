// ini_scan.cpp: section discovery for phone-book texts (see ini_scan.h).
#include "phonebook/ini_scan.h"

#include <algorithm>
#include <cstring>

#include "base/utf.h"
#include "ras.h"

namespace openras::phonebook {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool is_blank(char c) { return c == ' ' || c == '\t'; }

size_t find_char(std::string_view text, char c, size_t from, size_t to) {
  if (from >= to) return to;
  const void* hit = std::memchr(text.data() + from, c, to - from);
  return hit ? static_cast<size_t>(static_cast<const char*>(hit) - text.data()) : to;
}

// Lines before the first section may only be blank or comments: anything else would
// belong to no entry, and writing the file back could not say where it goes.
std::optional<TextProblem> check_prologue(std::string_view text, size_t from, size_t to) {
  size_t pos = from;
  while (pos < to) {
    size_t eol = find_char(text, '\n', pos, to);
    std::string_view line = text.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find('\0') != std::string_view::npos) return TextProblem{pos, "NUL byte"};
    if (!is_valid_utf8(line)) return TextProblem{pos, "invalid UTF-8"};
    size_t first = line.find_first_not_of(" \t");
    if (first != std::string_view::npos && line[first] != ';' && line[first] != '#') {
      return TextProblem{pos, "text before the first [entry] section"};
    }
    pos = eol + 1;
  }
  return std::nullopt;
}

}  // namespace

size_t utf8_length(std::string_view utf8) noexcept {
  // Every character has exactly one byte that is not a continuation byte.
  return static_cast<size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string section_name_problem(std::string_view name) {
  if (name.empty()) return "empty entry name";
  if (!is_valid_utf8(name)) return "entry name is not valid UTF-8";
  for (char c : name) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 && c != '\t') return "entry name contains a control character";
  }
  if (utf8_length(name) > RAS_MaxEntryName) {
    return "entry name longer than " + std::to_string(RAS_MaxEntryName) + " characters";
  }
  return {};
}

void scan_range(std::string_view text, size_t from, size_t to, std::vector<Section>& out,
                std::optional<TextProblem>& problem) {
  const size_t first_new = out.size();
  size_t pos = from;
  while (pos < to) {
    size_t bracket = find_char(text, '[', pos, to);
    if (bracket == to) break;
    size_t line_start = bracket;
    while (line_start > from && is_blank(text[line_start - 1])) --line_start;
    bool at_line_start = line_start == from || text[line_start - 1] == '\n';
    if (!at_line_start) {
      pos = bracket + 1;
      continue;
    }
    size_t eol = find_char(text, '\n', bracket, to);
    size_t content_end = eol;
    if (content_end > bracket && text[content_end - 1] == '\r') --content_end;
    std::string_view rest = text.substr(bracket + 1, content_end - bracket - 1);
    size_t close = rest.rfind(']');
    // "[name" with no closing bracket, or text after it, is not a header: it stays a line
    // of the section it is in, and that section's parse reports it.
    if (close == std::string_view::npos ||
        rest.find_first_not_of(" \t", close + 1) != std::string_view::npos) {
      pos = eol;
      continue;
    }
    if (out.size() > first_new) out.back().end = line_start;
    Section section;
    section.begin = line_start;
    section.body = eol < to ? eol + 1 : to;
    section.end = to;
    section.name_begin = bracket + 1;
    section.name_size = close;
    if (!problem) {
      std::string why = section_name_problem(rest.substr(0, close));
      if (!why.empty()) problem = TextProblem{line_start, why};
    }
    out.push_back(section);
    pos = section.body;
  }
}

bool utf16_marked(std::string_view text) {
  return text.size() >= 2 &&
         ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'));
}

ScanResult scan_text(std::string_view text) {
  ScanResult result;
  if (utf16_marked(text)) {
    result.problem = TextProblem{0,
                                 "the file is UTF-16; OpenRAS reads UTF-8 phone books "
                                 "(convert it, e.g. iconv -f UTF-16 -t UTF-8)"};
    return result;
  }
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) result.content_begin = kUtf8Bom.size();
  scan_range(text, result.content_begin, text.size(), result.sections, result.problem);
  size_t prologue_end = result.sections.empty() ? text.size() : result.sections.front().begin;
  if (auto prologue = check_prologue(text, result.content_begin, prologue_end)) {
    // A prologue problem comes before any name problem in the file.
    result.problem = std::move(prologue);
  }
  return result;
}

size_t line_number(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<size_t>(std::count(
                 text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::string_view detect_eol(std::string_view text) {
  size_t eol = text.find('\n');
  if (eol != std::string_view::npos && eol > 0 && text[eol - 1] == '\r') return "\r\n";
  return "\n";
}

}  // namespace openras::phonebook
