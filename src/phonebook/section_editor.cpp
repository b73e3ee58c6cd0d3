// section_editor.cpp: applies recorded line edits to one section (see section_editor.h).
#include "phonebook/section_editor.h"

namespace openras::phonebook {

namespace {

// New lines start on a line of their own even after a last line that had no line end
// (or only the CR of a CRLF, which the LF completes).
void start_line(std::string& out, std::string_view eol) {
  if (out.empty() || out.back() == '\n') return;
  out += out.back() == '\r' ? std::string_view("\n") : eol;
}

bool ends_with_blank_line(const std::string& out) {
  size_t n = out.size();
  if (n == 0 || out[n - 1] != '\n') return false;
  size_t prev = out.rfind('\n', n - 2);
  std::string_view last = std::string_view(out).substr(prev == std::string::npos ? 0 : prev + 1);
  return last.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

SectionEditor::SectionEditor(std::string_view text, const Section& section,
                             const SectionLayout& layout, std::string_view eol)
    : text_(text),
      section_(section),
      layout_(layout),
      eol_(eol),
      values_(layout.lines.size()),
      removed_(layout.lines.size(), false) {}

void SectionEditor::replace_value(size_t line, std::string_view value) {
  values_[line] = std::string(value);
  changed_ = true;
}

void SectionEditor::insert_after(size_t after, std::string_view key, std::string_view value) {
  std::string line(key);
  line += '=';
  line += value;
  inserted_[after + 1].push_back(std::move(line));  // kAfterHeader wraps to 0
  changed_ = true;
}

void SectionEditor::remove_line(size_t line) {
  removed_[line] = true;
  changed_ = true;
}

void SectionEditor::append_block(std::vector<std::string> lines) {
  appended_.push_back(std::move(lines));
  changed_ = true;
}

std::string SectionEditor::render() const {
  std::string out;
  out.reserve(section_.end - section_.begin + 256);
  out.append(text_.substr(section_.begin, section_.body - section_.begin));
  auto emit_inserted = [&](size_t key) {
    auto it = inserted_.find(key);
    if (it == inserted_.end()) return;
    for (const std::string& line : it->second) {
      start_line(out, eol_);
      out += line;
      out += eol_;
    }
  };
  auto emit_appended = [&] {
    for (const auto& block : appended_) {
      start_line(out, eol_);
      if (!ends_with_blank_line(out)) out += eol_;
      for (const std::string& line : block) out += line + eol_;
    }
  };
  emit_inserted(0);
  // Appended blocks go before the section's trailing blank lines, which separate it from
  // the next section.
  size_t tail = layout_.lines.size();
  while (tail > 0 && layout_.lines[tail - 1].kind == LineKind::kBlank) --tail;
  for (size_t i = 0; i < layout_.lines.size(); ++i) {
    if (i == tail) emit_appended();
    const Line& line = layout_.lines[i];
    if (!removed_[i]) {
      if (values_[i]) {
        out.append(text_.substr(line.begin, line.value_begin - line.begin));
        out += *values_[i];
        out.append(text_.substr(line.end, line.next - line.end));
      } else {
        out.append(text_.substr(line.begin, line.next - line.begin));
      }
    }
    emit_inserted(i + 1);
  }
  if (tail == layout_.lines.size()) emit_appended();
  return out;
}

}  // namespace openras::phonebook
