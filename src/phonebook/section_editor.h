// section_editor.h: rewrites one section line by line, leaving every line it was not
// asked to change byte-for-byte as it was (comments, unknown keys, spacing, CRLF).
//
// Edits are recorded against the parsed layout and applied by render(); the text and the
// layout must outlive the editor. Not thread-safe (one editor per edit).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "phonebook/section_layout.h"

namespace openras::phonebook {

class SectionEditor {
 public:
  // Where insert_after() puts lines that go right after the "[name]" line.
  static constexpr size_t kAfterHeader = SIZE_MAX;

  SectionEditor(std::string_view text, const Section& section, const SectionLayout& layout,
                std::string_view eol);

  // The value of Key=Value line `line` becomes `value`; the key and its spacing stay.
  void replace_value(size_t line, std::string_view value);
  // A new "key=value" line after line `after` (or kAfterHeader). Lines inserted after the
  // same line keep the order of the calls.
  void insert_after(size_t after, std::string_view key, std::string_view value);
  void remove_line(size_t line);
  // A new block at the end of the section, before its trailing blank lines, separated
  // from what precedes it by a blank line. `lines` have no line ends.
  void append_block(std::vector<std::string> lines);

  [[nodiscard]] bool changed() const { return changed_; }
  // The section with the edits applied, its "[name]" line included.
  [[nodiscard]] std::string render() const;

 private:
  std::string_view text_;
  const Section& section_;
  const SectionLayout& layout_;
  std::string eol_;
  std::vector<std::optional<std::string>> values_;  // replacement value per line
  std::vector<bool> removed_;
  std::map<size_t, std::vector<std::string>> inserted_;  // key: line after which (+1)
  std::vector<std::vector<std::string>> appended_;
  bool changed_ = false;
};

}  // namespace openras::phonebook
