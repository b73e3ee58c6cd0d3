// reg_parse.cpp: the .reg reader (see reg_format.h).
#include <cstdint>
#include <span>

#include "base/utf.h"
#include "registry/reg_format.h"
#include "registry/reg_lines.h"
#include "registry/value_data.h"

namespace openras::registry {

namespace {

constexpr std::string_view kHeader5 = "Windows Registry Editor Version 5.00";
constexpr std::string_view kHeader4 = "REGEDIT4";
// A hex value of kMaxValueSize bytes takes three characters a byte, plus wrapping.
constexpr size_t kMaxLogicalLine = 4 * kMaxValueSize;

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}
std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
std::string_view trim(std::string_view s) { return trim_right(trim_left(s)); }

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// 1 to 8 hex digits, the whole of `text`.
bool parse_hex_u32(std::string_view text, uint32_t& out) {
  if (text.empty() || text.size() > 8) return false;
  out = 0;
  for (char c : text) {
    int d = hex_digit(c);
    if (d < 0) return false;
    out = (out << 4) | static_cast<uint32_t>(d);
  }
  return true;
}

std::string excerpt(std::string_view text) {
  constexpr size_t kMax = 60;
  return text.size() <= kMax ? std::string(text) : std::string(text.substr(0, kMax)) + "...";
}

// Roots Windows has and OpenRAS does not keep (a whole-registry export holds them).
bool is_windows_root(std::wstring_view name) {
  constexpr std::wstring_view kRoots[] = {L"HKEY_CLASSES_ROOT",
                                          L"HKCR",
                                          L"HKEY_USERS",
                                          L"HKU",
                                          L"HKEY_CURRENT_CONFIG",
                                          L"HKCC",
                                          L"HKEY_PERFORMANCE_DATA",
                                          L"HKEY_DYN_DATA"};
  for (std::wstring_view root : kRoots) {
    if (name.size() != root.size()) continue;
    bool same = true;
    for (size_t i = 0; i < name.size() && same; ++i) {
      wchar_t c = name[i] >= L'a' && name[i] <= L'z' ? name[i] - L'a' + L'A' : name[i];
      same = c == root[i];
    }
    if (same) return true;
  }
  return false;
}

class Parser {
 public:
  Parser(std::vector<std::string> lines, std::string_view file_name, ForeignRoots foreign)
      : lines_(std::move(lines)), file_name_(file_name), foreign_(foreign) {}

  Result<RegFile> run() {
    std::string_view header = lines_.empty() ? std::string_view() : trim(lines_[0]);
    if (header == kHeader4) {
      file_.regedit4 = true;
    } else if (header != kHeader5) {
      return error(1, "the first line must be \"" + std::string(kHeader5) + "\" or \"" +
                          std::string(kHeader4) + "\", not \"" + excerpt(header) + "\"");
    }
    for (size_t i = 1; i < lines_.size(); ++i) {
      std::string_view text = trim_left(lines_[i]);
      size_t line = i + 1;
      if (text.empty() || text.front() == ';') continue;
      Status ok;
      if (text.front() == '[') {
        ok = parse_key_line(trim_right(text), line);
      } else if (text.front() == '"' || text.front() == '@') {
        auto logical = join_continuations(i);
        if (!logical) return fail(logical.error());
        ok = parse_value_line(*logical, line);
      } else {
        ok = error(line, "expected a [key] line or a \"name\"=data or @=data line, found \"" +
                             excerpt(text) + "\"");
      }
      if (!ok) return fail(ok.error());
    }
    // Foreign sections were parsed like any other (a broken one still fails the file);
    // they leave now, so nothing downstream can apply them.
    for (size_t i = file_.sections.size(); i-- > 0;) {
      if (foreign_section_[i]) file_.sections.erase(file_.sections.begin() + static_cast<long>(i));
    }
    return std::move(file_);
  }

 private:
  tl::unexpected<Error> error(size_t line, const std::string& problem) const {
    return fail(Errc::kInvalidData,
                std::string(file_name_) + " line " + std::to_string(line) + ": " + problem);
  }

  // A value line and the lines it continues onto (each ending in a backslash).
  Result<std::string> join_continuations(size_t& i) {
    size_t first = i + 1;
    std::string logical(trim_right(trim_left(lines_[i])));
    while (!logical.empty() && logical.back() == '\\' && i + 1 < lines_.size()) {
      logical.pop_back();
      logical += trim(lines_[++i]);
      if (logical.size() > kMaxLogicalLine) {
        return error(first, "value data longer than the " + std::to_string(kMaxValueSize) +
                                " bytes allowed");
      }
    }
    return logical;
  }

  Status parse_key_line(std::string_view text, size_t line) {
    size_t close = text.rfind(']');
    if (close == std::string_view::npos) {
      return error(line, "key \"" + excerpt(text) + "\" is not terminated: no closing ]");
    }
    if (close + 1 != text.size()) {
      return error(line, "unexpected text after the closing ] of the key: \"" +
                             excerpt(text.substr(close + 1)) + "\"");
    }
    std::string_view inner = text.substr(1, close - 1);
    RegSection section;
    section.line = line;
    if (!inner.empty() && inner.front() == '-') {
      section.remove = true;
      inner.remove_prefix(1);
    }
    auto wide = utf8_to_wide(inner);
    if (!wide) return error(line, wide.error().message);
    std::wstring_view rest = *wide;
    if (!rest.empty() && rest.back() == L'\\') rest.remove_suffix(1);
    size_t slash = rest.find(L'\\');
    std::wstring_view root_text = rest.substr(0, slash);
    auto root = root_from_name(root_text);
    const bool foreign = !root && foreign_ == ForeignRoots::kSkip && is_windows_root(root_text);
    if (foreign) {
      file_.skipped.push_back("line " + std::to_string(line) + ": [" + excerpt(inner) + "]");
      // Parsed like any section, then dropped (foreign_section_): its root is never used.
      root = RootKey::kLocalMachine;
    }
    if (!root) {
      return error(line, "unknown root key \"" + display(root_text) +
                             "\"; OpenRAS stores HKEY_LOCAL_MACHINE and HKEY_CURRENT_USER");
    }
    section.root = *root;
    while (slash != std::wstring_view::npos) {
      rest.remove_prefix(slash + 1);
      slash = rest.find(L'\\');
      std::wstring_view name = rest.substr(0, slash);
      if (auto ok = validate_key_name(name); !ok) {
        return error(line, ok.error().message + " in [" + std::string(inner) + "]");
      }
      if (section.path.size() == kMaxKeyDepth) return error(line, "key deeper than 512 levels");
      section.path.emplace_back(name);
    }
    if (section.remove && section.path.empty()) {
      return error(line, "a root key cannot be deleted");
    }
    file_.sections.push_back(std::move(section));
    foreign_section_.push_back(foreign);
    return {};
  }

  // A "quoted" string at the front of `rest`, unescaped (\\ and \"; any other backslash
  // is kept, as regedit does). Consumes it.
  Result<std::wstring> parse_quoted(std::string_view& rest, size_t line, const char* what) {
    std::string out;
    size_t i = 1;
    for (; i < rest.size(); ++i) {
      char c = rest[i];
      if (c == '"') break;
      if (c == '\\' && i + 1 < rest.size() && (rest[i + 1] == '\\' || rest[i + 1] == '"'))
        c = rest[++i];
      out += c;
    }
    if (i >= rest.size()) {
      return error(line, std::string(what) + " is not terminated: no closing quote");
    }
    rest.remove_prefix(i + 1);
    auto wide = utf8_to_wide(out);
    if (!wide) return error(line, wide.error().message);
    return *wide;
  }

  Result<std::string> parse_hex_bytes(std::string_view list, size_t line, const std::string& name) {
    std::string out;
    out.reserve(list.size() / 3 + 1);
    size_t pos = 0;
    while (pos < list.size()) {
      size_t comma = list.find(',', pos);
      std::string_view token =
          trim(list.substr(pos, comma == std::string_view::npos ? comma : comma - pos));
      bool last = comma == std::string_view::npos;
      if (token.empty() && last && pos > 0) break;  // a trailing comma
      int hi = token.size() == 2 ? hex_digit(token[0]) : -1;
      int lo = token.size() == 2 ? hex_digit(token[1]) : -1;
      if (hi < 0 || lo < 0) {
        return error(
            line, "value " + name + ": \"" + excerpt(token) + "\" is not a byte of two hex digits");
      }
      out += static_cast<char>((hi << 4) | lo);
      if (last) break;
      pos = comma + 1;
    }
    return out;
  }

  // Checks and converts the bytes of a hex(N) string value.
  Result<std::string> string_bytes(std::string bytes, uint32_t type, size_t line,
                                   const std::string& name) {
    if (file_.regedit4) {
      // REGEDIT4 stores these as 8-bit text; we read it as UTF-8 (ASCII in practice).
      auto wide = utf8_to_wide(bytes);
      if (!wide) return error(line, "value " + name + ": " + wide.error().message);
      auto utf16 = wide_to_utf16le(*wide);
      if (!utf16) return error(line, "value " + name + ": " + utf16.error().message);
      return *utf16;
    }
    auto check = utf16le_to_wide(
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
    if (!check) {
      return error(line, "value " + name + ": " + type_name(type) +
                             " data is not valid UTF-16LE (" + check.error().message + ")");
    }
    return bytes;
  }

  Status parse_value_line(std::string_view text, size_t line) {
    RegValueOp op;
    op.line = line;
    if (text.front() == '@') {
      text.remove_prefix(1);
    } else {
      auto name = parse_quoted(text, line, "value name");
      if (!name) return fail(name.error());
      op.value.name = std::move(*name);
    }
    std::string shown = op.value.name.empty() ? "@" : "\"" + excerpt(display(op.value.name)) + "\"";
    if (auto ok = validate_value_name(op.value.name); !ok) return error(line, ok.error().message);
    text = trim_left(text);
    if (text.empty() || text.front() != '=') {
      return error(line, "expected = after value name " + shown);
    }
    text = trim(text.substr(1));
    if (file_.sections.empty()) return error(line, "value " + shown + " before any [key] line");
    RegSection& section = file_.sections.back();
    if (section.remove) {
      return error(line, "value " + shown + " inside the deletion section [-...] of line " +
                             std::to_string(section.line));
    }
    if (auto ok = parse_data(text, line, shown, op); !ok) return ok;
    if (op.value.data.size() > kMaxValueSize) {
      return error(line, "value " + shown + ": data of " + std::to_string(op.value.data.size()) +
                             " bytes is larger than the " + std::to_string(kMaxValueSize) +
                             " allowed");
    }
    section.values.push_back(std::move(op));
    return {};
  }

  Status parse_data(std::string_view text, size_t line, const std::string& shown, RegValueOp& op) {
    if (text == "-") {
      op.remove = true;
      return {};
    }
    if (!text.empty() && text.front() == '"') {
      auto value = parse_quoted(text, line, ("string of value " + shown).c_str());
      if (!value) return fail(value.error());
      if (!trim(text).empty()) {
        return error(line, "unexpected text after the string of value " + shown + ": \"" +
                               excerpt(text) + "\"");
      }
      auto data = utf16_string(*value);
      if (!data) return error(line, data.error().message);
      op.value.type = kRegSz;
      op.value.data = std::move(*data);
      return {};
    }
    if (starts_with_nocase(text, "dword:")) {
      uint32_t number = 0;
      if (!parse_hex_u32(text.substr(6), number)) {
        return error(line, "value " + shown + ": dword data \"" + excerpt(text.substr(6)) +
                               "\" is not 1 to 8 hex digits");
      }
      op.value.type = kRegDword;
      for (int shift = 0; shift < 32; shift += 8) {
        op.value.data += static_cast<char>((number >> shift) & 0xFF);
      }
      return {};
    }
    if (starts_with_nocase(text, "hex")) {
      std::string_view rest = text.substr(3);
      uint32_t type = kRegBinary;
      if (!rest.empty() && rest.front() == '(') {
        size_t close = rest.find(')');
        if (close == std::string_view::npos || !parse_hex_u32(rest.substr(1, close - 1), type)) {
          return error(line, "value " + shown + ": hex(N) needs a type N of 1 to 8 hex digits");
        }
        rest.remove_prefix(close + 1);
      }
      if (rest.empty() || rest.front() != ':') {
        return error(line, "value " + shown + ": expected : after hex");
      }
      auto bytes = parse_hex_bytes(rest.substr(1), line, shown);
      if (!bytes) return fail(bytes.error());
      if (is_string_type(type)) {
        bytes = string_bytes(std::move(*bytes), type, line, shown);
        if (!bytes) return fail(bytes.error());
      }
      op.value.type = type;
      op.value.data = std::move(*bytes);
      return {};
    }
    return error(line, "value " + shown + ": unrecognised data \"" + excerpt(text) +
                           "\"; expected \"text\", dword:, hex:, hex(N): or -");
  }

  std::vector<std::string> lines_;
  std::string_view file_name_;
  ForeignRoots foreign_;
  RegFile file_;
  std::vector<bool> foreign_section_;  // per section of file_: a foreign root's, to drop
};

}  // namespace

Result<RegFile> parse_reg(std::string_view bytes, std::string_view file_name,
                          ForeignRoots foreign) {
  auto lines = decode_reg_lines(bytes, file_name);
  if (!lines) return fail(lines.error());
  return Parser(std::move(*lines), file_name, foreign).run();
}

void apply_reg(const RegFile& file, RootKey root, Key& tree) {
  for (const auto& section : file.sections) {
    if (section.root != root) continue;
    if (section.remove) {
      tree.remove(section.path);
      continue;
    }
    Key& key = tree.ensure(section.path);
    for (const auto& op : section.values) {
      if (op.remove) {
        key.remove_value(op.value.name);
      } else {
        key.set_value(op.value);
      }
    }
  }
}

}  // namespace openras::registry
