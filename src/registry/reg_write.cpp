// reg_write.cpp: the .reg writer (see reg_format.h).
#include <cstdio>
#include <optional>
#include <span>

#include "base/utf.h"
#include "registry/reg_format.h"
#include "registry/value_data.h"

namespace openras::registry {

namespace {

constexpr std::string_view kHeader = "Windows Registry Editor Version 5.00";
// regedit breaks hex data once a line reaches this column, continuing with two spaces.
constexpr size_t kHexWrapColumn = 77;

std::string escape(std::wstring_view text) {
  std::string utf8 = display(text);
  std::string out;
  out.reserve(utf8.size() + 2);
  for (char c : utf8) {
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out;
}

// The text of a REG_SZ that a quoted string reproduces exactly: valid UTF-16 ending in
// its one NUL, with no other NUL and no line break. Anything else is written as hex(1).
std::optional<std::wstring> quotable_text(const Value& value) {
  if (value.type != kRegSz || value.data.size() < 2 || value.data.size() % 2 != 0) {
    return std::nullopt;
  }
  auto wide = utf16le_to_wide(std::span<const uint8_t>(
      reinterpret_cast<const uint8_t*>(value.data.data()), value.data.size()));
  if (!wide || wide->back() != L'\0') return std::nullopt;
  wide->pop_back();
  if (wide->find_first_of(std::wstring_view(L"\r\n\0", 3)) != std::wstring::npos) {
    return std::nullopt;
  }
  return std::move(*wide);
}

class Writer {
 public:
  explicit Writer(RegEncoding encoding)
      : newline_(encoding == RegEncoding::kUtf16le ? "\r\n" : "\n") {
    out_ += kHeader;
    out_ += newline_;
    out_ += newline_;
  }

  void write_key(const std::string& path, const Key& key, bool is_root) {
    if (!is_root || key.value_count() > 0) {
      out_ += '[';
      out_ += path;
      out_ += ']';
      out_ += newline_;
      for (size_t i = 0; i < key.value_count(); ++i) write_value(key.value_at(i));
      out_ += newline_;
    }
    for (size_t i = 0; i < key.child_count(); ++i) {
      const Key& child = key.child_at(i);
      write_key(path + "\\" + display(child.name()), child, false);
    }
  }

  std::string take() { return std::move(out_); }

 private:
  void write_value(const Value& value) {
    size_t start = out_.size();
    if (value.name.empty()) {
      out_ += '@';
    } else {
      out_ += '"';
      out_ += escape(value.name);
      out_ += '"';
    }
    out_ += '=';
    if (auto text = quotable_text(value)) {
      std::string quoted = "\"" + escape(*text) + "\"";
      // A string too long for one line of a file we could read back goes out as hex.
      if (out_.size() - start + quoted.size() < kMaxLineLength) {
        out_ += quoted;
        out_ += newline_;
        return;
      }
    }
    if (value.type == kRegDword && value.data.size() == 4) {
      uint32_t number = 0;
      for (int i = 3; i >= 0; --i) {
        number = (number << 8) | static_cast<uint8_t>(value.data[static_cast<size_t>(i)]);
      }
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, "dword:%08x", number);
      out_ += buffer;
    } else {
      char buffer[16];
      if (value.type == kRegBinary) {
        out_ += "hex:";
      } else {
        std::snprintf(buffer, sizeof buffer, "hex(%x):", value.type);
        out_ += buffer;
      }
      write_hex(value.data, out_.size() - start);
    }
    out_ += newline_;
  }

  void write_hex(std::string_view data, size_t column) {
    static constexpr char kDigits[] = "0123456789abcdef";
    for (size_t i = 0; i < data.size(); ++i) {
      auto byte = static_cast<uint8_t>(data[i]);
      out_ += kDigits[byte >> 4];
      out_ += kDigits[byte & 0xF];
      column += 2;
      if (i + 1 == data.size()) break;
      out_ += ',';
      ++column;
      if (column >= kHexWrapColumn) {
        out_ += '\\';
        out_ += newline_;
        out_ += "  ";
        column = 2;
      }
    }
  }

  std::string_view newline_;
  std::string out_;
};

}  // namespace

std::string write_reg(RootKey root, const KeyPath& path, const Key& key, RegEncoding encoding) {
  Writer writer(encoding);
  std::string full(root_name_utf8(root));
  for (const auto& name : path) full += "\\" + display(name);
  writer.write_key(full, key, path.empty());
  std::string text = writer.take();
  if (encoding == RegEncoding::kUtf8) return text;
  // Every name and string went through display(), so the text is valid UTF-8.
  auto wide = utf8_to_wide(text);
  auto utf16 = wide ? wide_to_utf16le(*wide) : Result<std::string>();
  return "\xFF\xFE" + (utf16 ? *utf16 : std::string());
}

}  // namespace openras::registry
