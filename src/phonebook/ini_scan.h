// ini_scan.h: finds the [sections] of a phone-book (INI) text without copying it.
//
// The scan is the cold-open path for a 100,000-entry phone book, so it only locates
// section headers (memchr over '[') and checks what every later lookup relies on: the
// section names and the text before the first section. Everything inside a section is
// checked when that section is parsed (section_layout.h), so a bad line spoils its own
// entry and never the others. Offsets are bytes into the scanned text. Thread-safe
// (pure functions).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openras::phonebook {

// One "[name]" section: the header line and the lines up to the next header.
struct Section {
  size_t begin = 0;       // the header line's first byte
  size_t body = 0;        // the byte after the header line's end of line
  size_t end = 0;         // one past the section's last byte
  size_t name_begin = 0;  // the name between '[' and the last ']'
  size_t name_size = 0;
};

// Something wrong at a place in the text; `offset` locates it for "line N" messages.
struct TextProblem {
  size_t offset = 0;
  std::string reason;
};

struct ScanResult {
  size_t content_begin = 0;  // after a UTF-8 byte-order mark, if there is one
  std::vector<Section> sections;
  // A problem that makes the whole text unusable (a bad section name, content before the
  // first section, a UTF-16 file); the sections found so far are still listed.
  std::optional<TextProblem> problem;
};

// Scans a whole file's text.
[[nodiscard]] ScanResult scan_text(std::string_view text);

// Whether `text` starts with a UTF-16 byte-order mark (FF FE or FE FF). OpenRAS's text files
// are UTF-8: scan_text reports such a file as a problem and finds no section in it.
[[nodiscard]] bool utf16_marked(std::string_view text);

// Scans [from, to) of `text`, which must start at a line start; appends its sections to
// `out` (used to re-index only the part of a file an edit replaced).
void scan_range(std::string_view text, size_t from, size_t to, std::vector<Section>& out,
                std::optional<TextProblem>& problem);

// The 1-based line number of `offset`.
[[nodiscard]] size_t line_number(std::string_view text, size_t offset);

// The end-of-line sequence a text uses ("\r\n" if its first line ends so, else "\n").
[[nodiscard]] std::string_view detect_eol(std::string_view text);

// Why a section name cannot be used ("" if it can): empty, longer than RAS_MaxEntryName
// characters, invalid UTF-8, or containing a control character other than tab.
[[nodiscard]] std::string section_name_problem(std::string_view utf8_name);

// Number of Unicode characters in valid UTF-8.
[[nodiscard]] size_t utf8_length(std::string_view utf8) noexcept;

}  // namespace openras::phonebook
