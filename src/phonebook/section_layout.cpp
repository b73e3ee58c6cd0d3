// section_layout.cpp: line classification and sub-block structure of one section.
#include "phonebook/section_layout.h"

#include <cstring>

#include "base/utf.h"

namespace openras::phonebook {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

BlockKind marker_kind(std::string_view key, bool& is_marker) {
  is_marker = true;
  if (key == "NETCOMPONENTS") return BlockKind::kNetComponents;
  if (key == "MEDIA") return BlockKind::kMedia;
  if (key == "DEVICE") return BlockKind::kDevice;
  is_marker = false;
  return BlockKind::kHeader;
}

tl::unexpected<Error> corrupt(std::string_view text, size_t offset, std::string_view why) {
  return fail(Errc::kPhonebookCorrupt, line_label(text, offset) + ": " + std::string(why));
}

}  // namespace

std::string line_label(std::string_view text, size_t offset) {
  return "line " + std::to_string(line_number(text, offset));
}

const Block* SectionLayout::block(BlockKind kind, size_t index) const {
  for (const Block& b : blocks) {
    if (b.kind == kind && index-- == 0) return &b;
  }
  return nullptr;
}

size_t SectionLayout::count(BlockKind kind) const {
  size_t n = 0;
  for (const Block& b : blocks) n += b.kind == kind;
  return n;
}

size_t SectionLayout::last_content_line(const Block& b) const {
  for (size_t i = b.last; i > b.first; --i) {
    if (lines[i - 1].kind != LineKind::kBlank) return i - 1;
  }
  return b.first == 0 ? SIZE_MAX : b.first - 1;
}

Result<SectionLayout> parse_layout(std::string_view text, const Section& section) {
  SectionLayout layout;
  std::string_view body = text.substr(section.body, section.end - section.body);
  if (const void* nul = std::memchr(body.data(), '\0', body.size())) {
    return corrupt(text,
                   section.body + static_cast<size_t>(static_cast<const char*>(nul) - body.data()),
                   "NUL byte");
  }
  layout.blocks.push_back(Block{BlockKind::kHeader, 0, 0});
  size_t pos = section.body;
  while (pos < section.end) {
    const void* nl = std::memchr(text.data() + pos, '\n', section.end - pos);
    size_t eol = nl ? static_cast<size_t>(static_cast<const char*>(nl) - text.data()) : section.end;
    Line line;
    line.begin = pos;
    line.next = nl ? eol + 1 : section.end;
    line.end = eol;
    if (line.end > line.begin && text[line.end - 1] == '\r') --line.end;
    std::string_view content = text.substr(line.begin, line.end - line.begin);
    if (!is_valid_utf8(content)) return corrupt(text, pos, "invalid UTF-8");
    std::string_view trimmed = trim(content);
    if (trimmed.empty()) {
      line.kind = LineKind::kBlank;
    } else if (trimmed.front() == ';' || trimmed.front() == '#') {
      line.kind = LineKind::kComment;
    } else {
      size_t eq = content.find('=');
      std::string_view key =
          eq == std::string_view::npos ? std::string_view() : trim(content.substr(0, eq));
      if (key.empty()) {
        return corrupt(text, pos,
                       "\"" + std::string(trimmed.substr(0, 40)) +
                           "\" is neither Key=Value, a comment nor a blank line");
      }
      line.kind = LineKind::kKeyValue;
      line.key = key;
      // The value is kept exactly (strings round-trip with their blanks); number kinds
      // trim it when they parse it.
      line.value_begin = line.begin + eq + 1;
      line.value = text.substr(line.value_begin, line.end - line.value_begin);
      bool is_marker = false;
      BlockKind kind = marker_kind(key, is_marker);
      if (is_marker) {
        layout.blocks.back().last = layout.lines.size();
        layout.blocks.push_back(Block{kind, layout.lines.size(), 0});
      }
    }
    layout.lines.push_back(line);
    pos = line.next;
  }
  layout.blocks.back().last = layout.lines.size();
  return layout;
}

}  // namespace openras::phonebook
