// section_layout.h: the lines and sub-blocks of one phone-book section.
//
// A rasphone.pbk entry is a header of Key=Value lines followed by sub-blocks, each opened
// by an upper-case marker line: NETCOMPONENTS=, MEDIA=<media> and DEVICE=<type>. Keys
// repeat across blocks with different meanings (MEDIA's "Device=" is the device name,
// "DEVICE=" opens the device block), so a key only means something together with the
// block it is in; SectionLayout keeps that order. Lines are views into the file text,
// which must outlive the layout. Thread-safe (pure functions).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "phonebook/ini_scan.h"

namespace openras::phonebook {

enum class LineKind : unsigned char { kBlank, kComment, kKeyValue };

struct Line {
  size_t begin = 0;        // first byte
  size_t end = 0;          // end of content (before "\r\n" / "\n")
  size_t next = 0;         // first byte of the next line
  size_t value_begin = 0;  // first byte after '='
  LineKind kind = LineKind::kBlank;
  std::string_view key;    // trimmed, as written (keys are case-sensitive)
  std::string_view value;  // everything after '=', exactly as written
  [[nodiscard]] bool has_eol() const { return next > end; }
};

enum class BlockKind : unsigned char { kHeader, kNetComponents, kMedia, kDevice };

// Lines [first, last) of a section; a block runs from its marker line to the next marker.
struct Block {
  BlockKind kind = BlockKind::kHeader;
  size_t first = 0;
  size_t last = 0;
};

struct SectionLayout {
  std::vector<Line> lines;    // the body (the header line excluded)
  std::vector<Block> blocks;  // blocks[0] is the header block (possibly empty)

  // The index-th block of `kind` (0-based), or nullptr.
  [[nodiscard]] const Block* block(BlockKind kind, size_t index) const;
  [[nodiscard]] size_t count(BlockKind kind) const;
  // The last non-blank line of a block, or the line before the block if it has none
  // (SIZE_MAX when that is the section header): where new keys of the block go.
  [[nodiscard]] size_t last_content_line(const Block& block) const;
};

// Parses section `section` of `text`. A NUL byte, invalid UTF-8 or a line that is neither
// blank, a comment, nor Key=Value fails with kPhonebookCorrupt, the message naming the
// line ("line 12: ...", line numbers in `text`).
[[nodiscard]] Result<SectionLayout> parse_layout(std::string_view text, const Section& section);

// "line N" for byte `offset` of `text`, for messages.
[[nodiscard]] std::string line_label(std::string_view text, size_t offset);

}  // namespace openras::phonebook
