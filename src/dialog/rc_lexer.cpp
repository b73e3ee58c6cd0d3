// rc_lexer.cpp: .rc tokens (win32-facts.md §4.4 escapes) and the tokenizer.
#include "dialog/rc_lexer.h"

#include "dialog/dlg_template.h"

#include <cstring>

namespace openras::dialog::rc {

std::string where(const Location& at) {
  return (at.file ? *at.file : std::string("?")) + ":" + std::to_string(at.line) + ":" +
         std::to_string(at.column);
}

tl::unexpected<Error> error_at(const Location& at, const std::string& message) {
  return fail(Errc::kInvalidData, where(at) + ": error: " + message);
}

namespace {

class Lexer {
 public:
  explicit Lexer(const SourceFile& f)
      : text_(f.text), file_(std::make_shared<const std::string>(f.path)) {}

  Result<std::vector<Token>> all() {
    std::vector<Token> out;
    for (;;) {
      auto t = next(true);
      if (!t) return fail(t.error());
      if (t->kind == Token::kEnd) break;
      out.push_back(std::move(*t));
    }
    return out;
  }

 private:
  [[nodiscard]] bool done() const { return pos_ >= text_.size(); }
  [[nodiscard]] char peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  char take() {
    char c = text_[pos_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
      line_start_ = true;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column_;
    }
    return c;
  }
  [[nodiscard]] Location here() const { return Location{file_, line_, column_}; }

  // Skips blanks and comments; stops at a newline when `in_directive`.
  Status skip(bool in_directive) {
    while (!done()) {
      char c = peek();
      if (c == '\\' && peek(1) == '\n') {
        take();
        take();
        line_start_ = false;
      } else if (c == '\\' && peek(1) == '\r' && peek(2) == '\n') {
        take();
        take();
        take();
        line_start_ = false;
      } else if (c == '\n' && in_directive) {
        return {};
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
        take();
      } else if (c == '/' && peek(1) == '/') {
        while (!done() && peek() != '\n') take();
      } else if (c == '/' && peek(1) == '*') {
        Location start = here();
        take();
        take();
        while (!done() && !(peek() == '*' && peek(1) == '/')) take();
        if (done()) return error_at(start, "comment is not closed");
        take();
        take();
      } else {
        return {};
      }
    }
    return {};
  }

  Result<Token> next(bool allow_directive) {
    bool at_line_start = line_start_;
    if (Status st = skip(!allow_directive); !st) return fail(st.error());
    if (!allow_directive && peek() == '\n') return Token{};
    at_line_start = at_line_start || line_start_;
    line_start_ = false;
    Token t;
    t.at = here();
    if (done()) return t;
    char c = peek();
    if (c == '#' && allow_directive && at_line_start) return directive();
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      if (c == 'L' && peek(1) == '"') {
        take();
        return string(true, t.at);
      }
      t.kind = Token::kIdent;
      while (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_') t.text += take();
      return t;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) return number(t.at);
    if (c == '"') return string(false, t.at);
    static const char* const kTwo[] = {"<<", ">>", "<=", ">=", "==", "!=", "&&", "||"};
    for (const char* two : kTwo) {
      if (c == two[0] && peek(1) == two[1]) {
        t.kind = Token::kPunct;
        t.text = two;
        take();
        take();
        return t;
      }
    }
    if (std::strchr(",{}()|&+-~!*/%^<>=?:;.", c) && c != '\0') {
      t.kind = Token::kPunct;
      t.text = std::string(1, take());
      return t;
    }
    return error_at(t.at, std::string("unexpected character '") +
                              (std::isprint(static_cast<unsigned char>(c)) ? std::string(1, c)
                                                                           : std::string("?")) +
                              "'");
  }

  Result<Token> directive() {
    Token t;
    t.at = here();
    t.kind = Token::kDirective;
    take();  // '#'
    while (peek() == ' ' || peek() == '\t') take();
    while (std::isalpha(static_cast<unsigned char>(peek()))) t.text += take();
    size_t rest_start = pos_;
    for (;;) {
      auto tok = next(false);
      if (!tok) {
        // A directive's operand may be anything (#pragma, #error text, <file>): keep the raw
        // text and let the directive decide.
        while (!done() && peek() != '\n') take();
        t.rest.clear();
        break;
      }
      if (tok->kind == Token::kEnd) break;
      t.rest.push_back(std::move(*tok));
    }
    t.raw_rest = text_.substr(rest_start, pos_ - rest_start);
    return t;
  }

  Result<Token> number(const Location& at) {
    Token t;
    t.kind = Token::kNumber;
    t.at = at;
    uint64_t v = 0;
    if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
      t.text += take();
      t.text += take();
      if (!std::isxdigit(static_cast<unsigned char>(peek())))
        return error_at(at, "hex number has no digits");
      while (std::isxdigit(static_cast<unsigned char>(peek()))) {
        char d = take();
        t.text += d;
        v = v * 16 +
            static_cast<uint64_t>(std::isdigit(static_cast<unsigned char>(d))
                                      ? d - '0'
                                      : std::tolower(static_cast<unsigned char>(d)) - 'a' + 10);
        v &= 0xFFFFFFFFFFull;
      }
    } else {
      while (std::isdigit(static_cast<unsigned char>(peek()))) {
        char d = take();
        t.text += d;
        v = (v * 10 + static_cast<uint64_t>(d - '0')) & 0xFFFFFFFFFFull;
      }
    }
    while (peek() == 'L' || peek() == 'l' || peek() == 'U' || peek() == 'u') take();
    if (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_') {
      return error_at(at, "malformed number \"" + t.text + peek() + "...\"");
    }
    if (v > 0xFFFFFFFFull) return error_at(at, "number " + t.text + " does not fit in 32 bits");
    t.number = static_cast<uint32_t>(v);
    return t;
  }

  // Appends one UTF-8 code point from the source as UTF-16.
  Status utf8_char(std::u16string& out, const Location& at) {
    auto b0 = static_cast<unsigned char>(take());
    char32_t cp = b0;
    int extra = b0 < 0x80             ? 0
                : (b0 & 0xE0) == 0xC0 ? 1
                : (b0 & 0xF0) == 0xE0 ? 2
                : (b0 & 0xF8) == 0xF0 ? 3
                                      : -1;
    if (extra < 0) return error_at(at, "string is not valid UTF-8");
    if (extra) cp = b0 & (0x3F >> extra);
    for (int i = 0; i < extra; ++i) {
      auto b = static_cast<unsigned char>(peek());
      if ((b & 0xC0) != 0x80) return error_at(at, "string is not valid UTF-8");
      take();
      cp = (cp << 6) | (b & 0x3F);
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000))
      return error_at(at, "string is not valid UTF-8");
    append_utf16(out, cp);
    return {};
  }

  Result<Token> string(bool wide, const Location& at) {
    Token t;
    t.kind = Token::kString;
    t.wide = wide;
    t.at = at;
    take();  // opening quote
    for (;;) {
      if (done() || peek() == '\n') return error_at(at, "string is not closed on its line");
      char c = peek();
      if (c == '"') {
        take();
        if (peek() == '"') {  // "" is a quote
          take();
          t.string.push_back(u'"');
          continue;
        }
        return t;
      }
      if (c != '\\') {
        if (Status st = utf8_char(t.string, here()); !st) return fail(st.error());
        continue;
      }
      Location esc = here();
      take();
      if (done()) return error_at(esc, "string is not closed");
      char e = take();
      switch (e) {
        case 'a':
          t.string.push_back(7);
          break;
        case 'b':
          t.string.push_back(8);
          break;
        case 'f':
          t.string.push_back(12);
          break;
        case 'n':
          t.string.push_back(10);
          break;
        case 'r':
          t.string.push_back(13);
          break;
        case 't':
          t.string.push_back(9);
          break;
        case 'v':
          t.string.push_back(11);
          break;
        case 'x': {
          int digits = wide ? 4 : 2;
          uint32_t v = 0;
          for (int i = 0; i < digits; ++i) {
            if (!std::isxdigit(static_cast<unsigned char>(peek()))) {
              return error_at(esc, "\\x needs " + std::to_string(digits) + " hex digits");
            }
            char d = take();
            v = v * 16 +
                static_cast<uint32_t>(std::isdigit(static_cast<unsigned char>(d))
                                          ? d - '0'
                                          : std::tolower(static_cast<unsigned char>(d)) - 'a' + 10);
          }
          t.string.push_back(static_cast<char16_t>(v));
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            uint32_t v = static_cast<uint32_t>(e - '0');
            for (int i = 1; i < (wide ? 6 : 3) && peek() >= '0' && peek() <= '7'; ++i) {
              v = v * 8 + static_cast<uint32_t>(take() - '0');
            }
            if (v > (wide ? 0xFFFFu : 0xFFu)) return error_at(esc, "octal escape out of range");
            t.string.push_back(static_cast<char16_t>(v));
          } else if (e == '\n') {
            return error_at(esc, "string is not closed on its line");
          } else {
            t.string.push_back(static_cast<char16_t>(static_cast<unsigned char>(e)));
          }
      }
    }
  }

  const std::string& text_;
  std::shared_ptr<const std::string> file_;
  size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
  bool line_start_ = true;
};

}  // namespace

Result<std::vector<Token>> tokenize(const SourceFile& file) {
  SourceFile f = file;
  if (f.text.size() >= 2 && static_cast<unsigned char>(f.text[0]) == 0xFF &&
      static_cast<unsigned char>(f.text[1]) == 0xFE) {
    return error_at(Location{std::make_shared<const std::string>(f.path), 1, 1},
                    "file is UTF-16; save it as UTF-8 for rasrc");
  }
  if (f.text.rfind("\xEF\xBB\xBF", 0) == 0) f.text.erase(0, 3);
  Lexer lexer(f);
  return lexer.all();
}

}  // namespace openras::dialog::rc
