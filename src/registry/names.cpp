// names.cpp: root names, case folding, key paths and name rules (see names.h).
#include "registry/names.h"

#include <locale.h>
#include <wctype.h>

#include <array>

#include "base/utf.h"

namespace openras::registry {

namespace {

struct RootSpelling {
  std::wstring_view name;
  RootKey root;
};
constexpr std::array<RootSpelling, 4> kRootSpellings = {{
    {L"HKEY_LOCAL_MACHINE", RootKey::kLocalMachine},
    {L"HKLM", RootKey::kLocalMachine},
    {L"HKEY_CURRENT_USER", RootKey::kCurrentUser},
    {L"HKCU", RootKey::kCurrentUser},
}};

// glibc's C.UTF-8 has the full Unicode simple case mapping and, unlike the process
// locale, cannot be changed under us by the application.
locale_t unicode_ctype() {
  static const locale_t locale = ::newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t{});
  return locale;
}

wchar_t fold_char(wchar_t c) {
  if (c < 0x80) return (c >= L'a' && c <= L'z') ? static_cast<wchar_t>(c - (L'a' - L'A')) : c;
  locale_t locale = unicode_ctype();
  if (!locale) return c;
  return static_cast<wchar_t>(::towupper_l(static_cast<wint_t>(c), locale));
}

bool all_scalar_values(std::wstring_view name) {
  for (wchar_t c : name) {
    auto u = static_cast<char32_t>(c);
    if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) return false;
  }
  return true;
}

Status bad_name(std::string what, std::wstring_view name) {
  return fail(Errc::kInvalidArgument,
              what + " \"" + display(name.substr(0, 64)) + (name.size() > 64 ? "...\"" : "\""));
}

}  // namespace

std::wstring_view root_name(RootKey root) noexcept {
  return root == RootKey::kLocalMachine ? L"HKEY_LOCAL_MACHINE" : L"HKEY_CURRENT_USER";
}

std::string_view root_name_utf8(RootKey root) noexcept {
  return root == RootKey::kLocalMachine ? "HKEY_LOCAL_MACHINE" : "HKEY_CURRENT_USER";
}

std::optional<RootKey> root_from_name(std::wstring_view name) noexcept {
  for (const auto& spelling : kRootSpellings) {
    if (spelling.name.size() != name.size()) continue;
    bool same = true;
    for (size_t i = 0; i < name.size() && same; ++i) same = fold_char(name[i]) == spelling.name[i];
    if (same) return spelling.root;
  }
  return std::nullopt;
}

std::wstring fold_name(std::wstring_view name) {
  std::wstring out(name);
  for (wchar_t& c : out) c = fold_char(c);
  return out;
}

bool names_equal(std::wstring_view a, std::wstring_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i] && fold_char(a[i]) != fold_char(b[i])) return false;
  }
  return true;
}

Result<KeyPath> split_key_path(std::wstring_view path) {
  KeyPath out;
  size_t pos = 0;
  while (pos < path.size()) {
    if (path[pos] == L'\\') {
      ++pos;
      continue;
    }
    size_t end = path.find(L'\\', pos);
    if (end == std::wstring_view::npos) end = path.size();
    std::wstring_view name = path.substr(pos, end - pos);
    if (name.size() > kMaxKeyNameLength) {
      return fail(bad_name("key name longer than 255 characters:", name).error());
    }
    if (out.size() == kMaxKeyDepth) {
      return fail(Errc::kInvalidArgument, "key path deeper than 512 levels");
    }
    out.emplace_back(name);
    pos = end;
  }
  return out;
}

std::wstring join_key_path(const KeyPath& path) {
  std::wstring out;
  for (const auto& name : path) {
    if (!out.empty()) out += L'\\';
    out += name;
  }
  return out;
}

std::string display(std::wstring_view text) {
  std::wstring clean(text);
  for (wchar_t& c : clean) {
    auto u = static_cast<char32_t>(c);
    if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) c = L'\uFFFD';
  }
  auto utf8 = wide_to_utf8(clean);
  return utf8 ? *utf8 : std::string("?");
}

Status validate_key_name(std::wstring_view name) {
  if (name.empty()) return fail(Errc::kInvalidArgument, "empty key name");
  if (name.size() > kMaxKeyNameLength) {
    return bad_name("key name longer than 255 characters:", name);
  }
  if (name.find_first_of(std::wstring_view(L"\\\r\n\0", 4)) != std::wstring_view::npos) {
    return bad_name("key name with a backslash, line break or NUL:", name);
  }
  if (!all_scalar_values(name)) return bad_name("key name that is not valid Unicode:", name);
  return {};
}

Status validate_value_name(std::wstring_view name) {
  if (name.size() > kMaxValueNameLength) {
    return bad_name("value name longer than 16383 characters:", name);
  }
  if (name.find_first_of(std::wstring_view(L"\r\n\0", 3)) != std::wstring_view::npos) {
    return bad_name("value name with a line break or NUL:", name);
  }
  if (!all_scalar_values(name)) return bad_name("value name that is not valid Unicode:", name);
  return {};
}

}  // namespace openras::registry
