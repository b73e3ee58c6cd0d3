// utf.cpp: validating UTF-8 / UTF-32 (wchar_t) / UTF-16LE conversions.
#include "base/utf.h"

#include <cwchar>

namespace openras {

namespace {

static_assert(sizeof(wchar_t) == 4, "OpenRAS assumes a 32-bit wchar_t (Linux)");

bool is_scalar_value(char32_t c) { return c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF); }

tl::unexpected<Error> bad_utf8(size_t offset) {
  return fail(Errc::kNoUnicodeTranslation, "invalid UTF-8 at byte " + std::to_string(offset));
}

// Decodes one scalar value at `pos`; advances `pos`. Rejects overlong forms, surrogates
// and values past U+10FFFF (RFC 3629).
Result<char32_t> decode_one(std::string_view s, size_t& pos) {
  auto byte = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
  const size_t start = pos;
  uint8_t b0 = byte(pos);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  size_t len;
  char32_t c;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, c = b0 & 0x1Fu, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, c = b0 & 0x0Fu, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, c = b0 & 0x07u, min = 0x10000;
  } else {
    return bad_utf8(start);
  }
  if (s.size() - pos < len) return bad_utf8(start);
  for (size_t i = 1; i < len; ++i) {
    uint8_t b = byte(pos + i);
    if ((b & 0xC0) != 0x80) return bad_utf8(start);
    c = (c << 6) | (b & 0x3Fu);
  }
  if (c < min || !is_scalar_value(c)) return bad_utf8(start);
  pos += len;
  return c;
}

void encode_utf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

tl::unexpected<Error> bad_wide(size_t index, wchar_t c) {
  return fail(Errc::kNoUnicodeTranslation, "character " + std::to_string(index) + " (value " +
                                               std::to_string(static_cast<uint32_t>(c)) +
                                               ") is not a Unicode scalar value");
}

}  // namespace

Result<std::wstring> utf8_to_wide(std::string_view utf8) {
  std::wstring out;
  out.reserve(utf8.size());
  size_t pos = 0;
  while (pos < utf8.size()) {
    auto c = decode_one(utf8, pos);
    if (!c) return fail(c.error());
    out += static_cast<wchar_t>(*c);
  }
  return out;
}

size_t utf8_to_wide_field(std::string_view utf8, wchar_t* dst, size_t capacity) {
  size_t n = 0;
  size_t pos = 0;
  while (pos < utf8.size() && n + 1 < capacity) {
    auto c = decode_one(utf8, pos);
    if (!c) {
      n = 0;
      break;
    }
    dst[n++] = static_cast<wchar_t>(*c);
  }
  dst[n] = L'\0';
  return n;
}

Result<std::string> wide_to_utf8(std::wstring_view wide) {
  std::string out;
  out.reserve(wide.size());
  for (size_t i = 0; i < wide.size(); ++i) {
    auto c = static_cast<char32_t>(wide[i]);
    if (!is_scalar_value(c)) return bad_wide(i, wide[i]);
    encode_utf8(c, out);
  }
  return out;
}

Result<std::wstring> utf16le_to_wide(std::span<const uint8_t> bytes) {
  if (bytes.size() % 2 != 0) {
    return fail(Errc::kNoUnicodeTranslation,
                "UTF-16 data has an odd number of bytes (" + std::to_string(bytes.size()) + ")");
  }
  std::wstring out;
  out.reserve(bytes.size() / 2);
  for (size_t i = 0; i < bytes.size(); i += 2) {
    char32_t unit = static_cast<char32_t>(bytes[i] | (bytes[i + 1] << 8));
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      if (i + 3 >= bytes.size()) {
        return fail(Errc::kNoUnicodeTranslation,
                    "unpaired UTF-16 high surrogate at byte " + std::to_string(i));
      }
      char32_t low = static_cast<char32_t>(bytes[i + 2] | (bytes[i + 3] << 8));
      if (low < 0xDC00 || low > 0xDFFF) {
        return fail(Errc::kNoUnicodeTranslation,
                    "unpaired UTF-16 high surrogate at byte " + std::to_string(i));
      }
      out += static_cast<wchar_t>(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
      i += 2;
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      return fail(Errc::kNoUnicodeTranslation,
                  "unpaired UTF-16 low surrogate at byte " + std::to_string(i));
    } else {
      out += static_cast<wchar_t>(unit);
    }
  }
  return out;
}

Result<std::string> wide_to_utf16le(std::wstring_view wide) {
  std::string out;
  out.reserve(wide.size() * 2);
  auto put = [&](char32_t unit) {
    out += static_cast<char>(unit & 0xFF);
    out += static_cast<char>((unit >> 8) & 0xFF);
  };
  for (size_t i = 0; i < wide.size(); ++i) {
    auto c = static_cast<char32_t>(wide[i]);
    if (!is_scalar_value(c)) return bad_wide(i, wide[i]);
    if (c >= 0x10000) {
      c -= 0x10000;
      put(0xD800 + (c >> 10));
      put(0xDC00 + (c & 0x3FF));
    } else {
      put(c);
    }
  }
  return out;
}

Result<std::optional<std::wstring>> utf8_arg_to_wide(const char* utf8) {
  if (!utf8) return std::optional<std::wstring>{};
  auto wide = utf8_to_wide(utf8);
  if (!wide) return fail(wide.error());
  return std::optional<std::wstring>{std::move(*wide)};
}

bool is_valid_utf8(std::string_view utf8) noexcept {
  size_t pos = 0;
  while (pos < utf8.size()) {
    if (static_cast<uint8_t>(utf8[pos]) < 0x80) {
      ++pos;
      continue;
    }
    if (!decode_one(utf8, pos)) return false;
  }
  return true;
}

namespace {
template <class Char>
Status copy_terminated_impl(std::basic_string_view<Char> text, Char* dst, size_t capacity) {
  if (text.size() + 1 > capacity) {
    return fail(Errc::kInsufficientBuffer, "text of " + std::to_string(text.size()) +
                                               " characters does not fit in " +
                                               std::to_string(capacity));
  }
  text.copy(dst, text.size());
  dst[text.size()] = Char{};
  return {};
}

template <class Char>
Result<std::basic_string_view<Char>> terminated_view_impl(const Char* field, size_t capacity) {
  for (size_t i = 0; i < capacity; ++i) {
    if (field[i] == Char{}) return std::basic_string_view<Char>(field, i);
  }
  return fail(Errc::kInvalidArgument,
              "string field of " + std::to_string(capacity) + " characters is not terminated");
}
}  // namespace

Status copy_terminated(std::wstring_view text, wchar_t* dst, size_t capacity) {
  return copy_terminated_impl(text, dst, capacity);
}
Status copy_terminated(std::string_view text, char* dst, size_t capacity) {
  return copy_terminated_impl(text, dst, capacity);
}
Result<std::wstring_view> terminated_view(const wchar_t* field, size_t capacity) {
  return terminated_view_impl(field, capacity);
}
Result<std::string_view> terminated_view(const char* field, size_t capacity) {
  return terminated_view_impl(field, capacity);
}

}  // namespace openras
