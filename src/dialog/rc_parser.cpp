// rc_parser.cpp: DIALOG, DIALOGEX, STRINGTABLE and LANGUAGE statements into resources
// (win32-facts.md §4.1–4.3, §4.6).
#include <array>
#include <cstring>
#include <map>
#include <optional>

#include "dialog/dlg_template.h"
#include "dialog/rc_lexer.h"

namespace openras::dialog::rc {

namespace {

struct Symbol {
  const char* name;
  uint32_t value;
};
constexpr Symbol kSymbols[] = {
#include "dialog/rc_symbols.inc"
};

constexpr uint32_t kWsChild = 0x40000000, kWsVisible = 0x10000000, kWsTabstop = 0x00010000,
                   kWsGroup = 0x00020000, kWsBorder = 0x00800000, kWsPopup = 0x80000000,
                   kWsCaption = 0x00C00000, kDsSetFont = 0x40;

struct ControlKind {
  const char* word;
  uint16_t atom;
  uint32_t style;  // default style bits (beyond WS_CHILD | WS_VISIBLE)
  bool has_text;
};
constexpr ControlKind kControls[] = {
    {"LTEXT", kStaticAtom, 0x0 | kWsGroup, true},
    {"RTEXT", kStaticAtom, 0x2 | kWsGroup, true},
    {"CTEXT", kStaticAtom, 0x1 | kWsGroup, true},
    {"EDITTEXT", kEditAtom, kWsBorder | kWsTabstop, false},
    {"PUSHBUTTON", kButtonAtom, 0x0 | kWsTabstop, true},
    {"DEFPUSHBUTTON", kButtonAtom, 0x1 | kWsTabstop, true},
    {"CHECKBOX", kButtonAtom, 0x2 | kWsTabstop, true},
    {"AUTOCHECKBOX", kButtonAtom, 0x3 | kWsTabstop, true},
    {"STATE3", kButtonAtom, 0x5 | kWsTabstop, true},
    {"AUTO3STATE", kButtonAtom, 0x6 | kWsTabstop, true},
    {"RADIOBUTTON", kButtonAtom, 0x4 | kWsTabstop, true},  // L-RCRADIO (wrc omits TABSTOP)
    {"AUTORADIOBUTTON", kButtonAtom, 0x9 | kWsTabstop, true},
    {"GROUPBOX", kButtonAtom, 0x7, true},
    {"COMBOBOX", kComboBoxAtom, 0, false},  // CBS_SIMPLE | WS_TABSTOP, see below
    {"LISTBOX", kListBoxAtom, 0x1 | kWsBorder, false},
    {"SCROLLBAR", kScrollBarAtom, 0x0, false},
    {"ICON", kStaticAtom, 0x3, true},
};

bool word_is(const Token& t, const char* w) {
  return t.kind == Token::kIdent && strcasecmp(t.text.c_str(), w) == 0;
}

std::u16string upper(std::u16string s) {
  for (char16_t& c : s) {
    if (c >= u'a' && c <= u'z') c = static_cast<char16_t>(c - 32);
  }
  return s;
}

std::u16string ascii16(const std::string& s) { return std::u16string(s.begin(), s.end()); }

class Parser {
 public:
  Parser(std::vector<Token> tokens, Output& out) : t_(std::move(tokens)), out_(out) {
    end_.kind = Token::kEnd;
    if (!t_.empty()) end_.at = t_.back().at;
  }

  Status run() {
    while (!at_end()) {
      if (word_is(peek(), "LANGUAGE")) {
        next();
        auto lang = language();
        if (!lang) return fail(lang.error());
        language_ = *lang;
      } else if (word_is(peek(), "STRINGTABLE")) {
        next();
        if (Status st = string_table(); !st) return st;
      } else if (Status st = resource(); !st) {
        return st;
      }
    }
    for (auto& [key, slots] : strings_) {
      Resource r;
      r.type = 6;
      r.id = static_cast<uint16_t>(key.second + 1);
      r.language = key.first;
      for (const auto& s : slots) {
        std::u16string text = s.value_or(u"");
        r.data.push_back(static_cast<uint8_t>(text.size() & 0xFF));
        r.data.push_back(static_cast<uint8_t>(text.size() >> 8));
        for (char16_t c : text) {
          r.data.push_back(static_cast<uint8_t>(c & 0xFF));
          r.data.push_back(static_cast<uint8_t>(c >> 8));
        }
      }
      out_.resources.push_back(std::move(r));
    }
    return {};
  }

 private:
  [[nodiscard]] bool at_end() const { return pos_ >= t_.size(); }
  [[nodiscard]] const Token& peek(size_t ahead = 0) const {
    return pos_ + ahead < t_.size() ? t_[pos_ + ahead] : end_;
  }
  const Token& next() { return pos_ < t_.size() ? t_[pos_++] : end_; }
  bool accept(const char* punct) {
    if (peek().kind == Token::kPunct && peek().text == punct) {
      ++pos_;
      return true;
    }
    return false;
  }
  tl::unexpected<Error> unexpected(const std::string& wanted) {
    const Token& t = peek();
    std::string got = t.kind == Token::kEnd      ? "end of file"
                      : t.kind == Token::kString ? "a string"
                                                 : "\"" + t.text + "\"";
    return error_at(t.at, "expected " + wanted + ", found " + got);
  }
  Status expect(const char* punct) {
    if (accept(punct)) return {};
    return unexpected(std::string("\"") + punct + "\"");
  }
  bool begin() {
    if (accept("{")) return true;
    if (word_is(peek(), "BEGIN")) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool end() {
    if (accept("}")) return true;
    if (word_is(peek(), "END")) {
      ++pos_;
      return true;
    }
    return false;
  }

  // ---- expressions (C precedence; identifiers are winuser.h constants) ----
  Result<int64_t> primary() {
    if (at_end()) return unexpected("a number");
    const Token& t = next();
    if (t.kind == Token::kNumber) return static_cast<int64_t>(t.number);
    if (t.kind == Token::kIdent) {
      for (const Symbol& s : kSymbols) {
        if (t.text == s.name) return static_cast<int64_t>(static_cast<int32_t>(s.value));
      }
      return error_at(
          t.at, "undefined symbol " + t.text + " (define it, or #include the header that does)");
    }
    if (t.kind == Token::kPunct && t.text == "(") {
      auto v = expression(true);
      if (!v) return v;
      if (Status st = expect(")"); !st) return fail(st.error());
      return v;
    }
    if (t.kind == Token::kPunct &&
        (t.text == "-" || t.text == "~" || t.text == "+" || t.text == "!")) {
      auto v = primary();
      if (!v) return v;
      return t.text == "-" ? -*v : t.text == "~" ? ~*v : t.text == "!" ? !*v : *v;
    }
    --pos_;
    return unexpected("a number");
  }

  Result<int64_t> expression(bool allow_bar, int level = 0) {
    static const std::vector<std::vector<std::string>> kLevels = {
        {"|"}, {"^"}, {"&"}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"}};
    if (level == static_cast<int>(kLevels.size())) return primary();
    auto lhs = expression(allow_bar, level + 1);
    if (!lhs) return lhs;
    const auto& ops = kLevels[static_cast<size_t>(level)];
    while (peek().kind == Token::kPunct && std::count(ops.begin(), ops.end(), peek().text) &&
           (allow_bar || level != 0)) {
      const Token& op = next();
      auto rhs = expression(allow_bar, level + 1);
      if (!rhs) return rhs;
      int64_t a = *lhs, b = *rhs;
      if ((op.text == "/" || op.text == "%") && b == 0) return error_at(op.at, "division by zero");
      if (op.text == "|")
        a |= b;
      else if (op.text == "^")
        a ^= b;
      else if (op.text == "&")
        a &= b;
      else if (op.text == "<<")
        a = static_cast<int64_t>(static_cast<uint64_t>(a) << (b & 31));
      else if (op.text == ">>")
        a >>= (b & 31);
      else if (op.text == "+")
        a += b;
      else if (op.text == "-")
        a -= b;
      else if (op.text == "*")
        a *= b;
      else if (op.text == "/")
        a /= b;
      else
        a %= b;
      lhs = a;
    }
    return lhs;
  }

  // "a | NOT b | c": ORs terms into `value`; NOT clears (win32-facts.md §4.1).
  Result<uint32_t> styles(uint32_t value) {
    do {
      bool negate = false;
      if (word_is(peek(), "NOT")) {
        next();
        negate = true;
      }
      auto v = expression(false);
      if (!v) return fail(v.error());
      auto bits = static_cast<uint32_t>(*v);
      value = negate ? value & ~bits : value | bits;
    } while (accept("|"));
    return value;
  }

  Result<int16_t> coordinate() {
    const Token& at = peek();
    auto v = expression(true);
    if (!v) return fail(v.error());
    if (*v < -32768 || *v > 32767) {
      return error_at(at.at, "coordinate " + std::to_string(*v) + " does not fit in 16 bits");
    }
    return static_cast<int16_t>(*v);
  }

  Result<uint16_t> language() {
    auto primary_lang = expression(true);
    if (!primary_lang) return fail(primary_lang.error());
    if (Status st = expect(","); !st) return fail(st.error());
    auto sub = expression(true);
    if (!sub) return fail(sub.error());
    return static_cast<uint16_t>((*sub << 10) | (*primary_lang & 0x3FF));
  }

  Result<std::u16string> string_literal() {
    if (peek().kind != Token::kString) return unexpected("a string");
    std::u16string s = next().string;
    while (peek().kind == Token::kString) s += next().string;
    return s;
  }

  void skip_memory_options() {
    static const char* const kOptions[] = {"PRELOAD",  "LOADONCALL",  "FIXED",
                                           "MOVEABLE", "DISCARDABLE", "PURE",
                                           "IMPURE",   "SHARED",      "NONSHARED"};
    for (bool more = true; more;) {
      more = false;
      for (const char* o : kOptions) {
        if (word_is(peek(), o)) {
          next();
          more = true;
        }
      }
    }
  }

  Status skip_block(const Token& type) {
    while (!at_end() && !(peek().kind == Token::kPunct && peek().text == "{") &&
           !word_is(peek(), "BEGIN")) {
      next();
    }
    if (!begin()) return error_at(type.at, "resource " + type.text + " has no BEGIN ... END block");
    for (int depth = 1; depth > 0;) {
      if (at_end()) return error_at(type.at, "BEGIN without END");
      if (begin()) {
        ++depth;
      } else if (end()) {
        --depth;
      } else {
        next();
      }
    }
    return {};
  }

  Status resource() {
    const Token& name_token = peek();
    uint16_t id = 0;
    std::u16string name;
    if (name_token.kind == Token::kString) {
      name = upper(next().string);
    } else if (name_token.kind == Token::kIdent &&
               !std::any_of(std::begin(kSymbols), std::end(kSymbols),
                            [&](const Symbol& s) { return name_token.text == s.name; })) {
      name = upper(ascii16(next().text));
    } else {
      auto v = expression(true);
      if (!v) return fail(v.error());
      if (*v < 0 || *v > 0xFFFF) {
        return error_at(name_token.at,
                        "resource id " + std::to_string(*v) + " is not a 16-bit number");
      }
      id = static_cast<uint16_t>(*v);
    }
    const Token& type = next();
    if (word_is(type, "DIALOG") || word_is(type, "DIALOGEX")) {
      return dialog(id, name, word_is(type, "DIALOGEX"));
    }
    static const char* const kFileTypes[] = {"ICON", "BITMAP", "CURSOR",
                                             "FONT", "HTML",   "MESSAGETABLE"};
    bool file_type = std::any_of(std::begin(kFileTypes), std::end(kFileTypes),
                                 [&](const char* w) { return word_is(type, w); });
    if (type.kind == Token::kEnd) return error_at(type.at, "resource statement without a type");
    if (file_type || ((type.kind == Token::kNumber || type.kind == Token::kIdent) &&
                      peek().kind == Token::kString && peek().at.line == type.at.line)) {
      while (!at_end() && peek().at.line == type.at.line && peek().at.file == type.at.file) next();
      out_.warnings.push_back(where(type.at) + ": warning: " + type.text +
                              " resource ignored (rasrc compiles dialogs and string tables)");
      return {};
    }
    if (type.kind != Token::kIdent && type.kind != Token::kNumber) {
      return error_at(type.at, "expected a resource type after the resource name");
    }
    out_.warnings.push_back(where(type.at) + ": warning: " + type.text +
                            " resource ignored (rasrc compiles dialogs and string tables)");
    return skip_block(type);
  }

  Status dialog(uint16_t id, const std::u16string& name, bool extended) {
    DialogTemplate d;
    d.extended = extended;
    skip_memory_options();
    auto x = coordinate();
    if (!x) return fail(x.error());
    int16_t* fields[] = {&d.y, &d.cx, &d.cy};
    d.x = *x;
    for (int16_t* f : fields) {
      if (Status st = expect(","); !st) return st;
      auto v = coordinate();
      if (!v) return fail(v.error());
      *f = *v;
    }
    if (extended && accept(",")) {
      auto help = expression(true);
      if (!help) return fail(help.error());
      d.help_id = static_cast<uint32_t>(*help);
    }
    std::optional<uint32_t> style;
    bool caption = false, font = false;
    uint16_t lang = language_;
    while (!begin()) {
      if (at_end()) return unexpected("BEGIN");
      const Token& opt = next();
      if (word_is(opt, "CAPTION")) {
        auto s = string_literal();
        if (!s) return fail(s.error());
        d.title = *s;
        caption = true;
      } else if (word_is(opt, "STYLE")) {
        auto s = styles(0);
        if (!s) return fail(s.error());
        style = *s;
      } else if (word_is(opt, "EXSTYLE")) {
        accept("=");
        auto s = styles(0);
        if (!s) return fail(s.error());
        d.ex_style = *s;
      } else if (word_is(opt, "FONT")) {
        auto size = expression(true);
        if (!size) return fail(size.error());
        if (Status st = expect(","); !st) return st;
        auto face = string_literal();
        if (!face) return fail(face.error());
        d.point_size = static_cast<uint16_t>(*size);
        d.typeface = *face;
        font = true;
        if (extended && accept(",")) {
          auto weight = expression(true);
          if (!weight) return fail(weight.error());
          d.weight = static_cast<uint16_t>(*weight);
          if (accept(",")) {
            auto italic = expression(true);
            if (!italic) return fail(italic.error());
            d.italic = static_cast<uint8_t>(*italic);
            if (accept(",")) {
              auto charset = expression(true);
              if (!charset) return fail(charset.error());
              d.charset = static_cast<uint8_t>(*charset);
            }
          }
        }
      } else if (word_is(opt, "CLASS")) {
        if (peek().kind == Token::kString) {
          d.window_class = next().string;
        } else {
          auto c = expression(true);
          if (!c) return fail(c.error());
          d.window_class = static_cast<uint16_t>(*c);
        }
      } else if (word_is(opt, "MENU")) {
        const Token& m = next();
        if (m.kind == Token::kNumber) {
          d.menu = static_cast<uint16_t>(m.number);
        } else if (m.kind == Token::kIdent || m.kind == Token::kString) {
          d.menu = m.kind == Token::kString ? upper(m.string) : upper(ascii16(m.text));
        } else {
          return error_at(m.at, "MENU needs a name or an id");
        }
      } else if (auto shared = shared_option(opt, lang); !shared) {
        return fail(shared.error());
      } else if (!*shared) {
        --pos_;
        return unexpected(
            "a dialog option (CAPTION, STYLE, EXSTYLE, FONT, CLASS, MENU, LANGUAGE) or BEGIN");
      }
    }
    d.style = style.value_or(kWsPopup);  // wrc's default (win32-facts.md §4.1)
    if (caption) d.style |= kWsCaption;
    if (font) d.style |= kDsSetFont;
    while (!end()) {
      if (at_end()) return unexpected("END");
      auto item = control(extended);
      if (!item) return fail(item.error());
      d.items.push_back(std::move(*item));
    }
    if (d.items.size() > 0xFFFF) return error_at(peek().at, "too many controls");
    Resource r;
    r.type = 5;
    r.id = id;
    r.name = name;
    r.language = lang;
    r.data = serialize_template(d);
    out_.resources.push_back(std::move(r));
    return {};
  }

  Result<ItemTemplate> control(bool extended) {
    const Token& word = next();
    ItemTemplate item;
    bool generic = word_is(word, "CONTROL");
    const ControlKind* kind = nullptr;
    for (const ControlKind& k : kControls) {
      if (word_is(word, k.word)) kind = &k;
    }
    if (!generic && !kind) {
      --pos_;
      return unexpected("a control statement (LTEXT, EDITTEXT, PUSHBUTTON, CONTROL, ...) or END");
    }
    auto comma = [&]() { return expect(","); };
    if (generic || kind->has_text) {
      const Token& text = peek();
      if (text.kind == Token::kString) {
        item.title = next().string;
      } else if (text.kind == Token::kIdent && kind && kind->atom == kStaticAtom &&
                 (kind->style & 0x1F) == 3) {
        item.title = upper(ascii16(next().text));  // ICON name
      } else {
        auto v = expression(true);
        if (!v) return fail(v.error());
        item.title = static_cast<uint16_t>(*v);
      }
      if (Status st = comma(); !st) return fail(st.error());
    }
    const Token& id_at = peek();
    auto id = expression(true);
    if (!id) return fail(id.error());
    if (*id < -32768 || *id > (extended ? 0xFFFFFFFFLL : 0xFFFF)) {
      return error_at(id_at.at, "control id " + std::to_string(*id) + " is out of range");
    }
    item.id = extended ? static_cast<uint32_t>(*id) : static_cast<uint32_t>(*id & 0xFFFF);
    if (Status st = comma(); !st) return fail(st.error());
    uint32_t style = kWsChild | kWsVisible;
    if (generic) {
      const Token& cls = next();
      std::string name =
          cls.kind == Token::kString ? std::string(cls.string.begin(), cls.string.end()) : cls.text;
      static const std::pair<const char*, uint16_t> kClasses[] = {
          {"BUTTON", kButtonAtom},   {"EDIT", kEditAtom},           {"STATIC", kStaticAtom},
          {"LISTBOX", kListBoxAtom}, {"SCROLLBAR", kScrollBarAtom}, {"COMBOBOX", kComboBoxAtom}};
      if (cls.kind != Token::kString && cls.kind != Token::kIdent)
        return error_at(cls.at, "CONTROL needs a class name");
      item.window_class = cls.kind == Token::kString ? cls.string : ascii16(cls.text);
      for (const auto& [n, atom] : kClasses) {
        if (strcasecmp(name.c_str(), n) == 0) item.window_class = atom;
      }
      if (Status st = comma(); !st) return fail(st.error());
      auto s = styles(style);
      if (!s) return fail(s.error());
      style = *s;
      if (Status st = comma(); !st) return fail(st.error());
    } else {
      item.window_class = kind->atom;
    }
    int16_t* box[] = {&item.x, &item.y, &item.cx, &item.cy};
    for (size_t i = 0; i < 4; ++i) {
      bool optional_size = kind && kind->atom == kStaticAtom && (kind->style & 0x1F) == 3 && i >= 2;
      if (i > 0 && !accept(",")) {
        if (optional_size) break;
        return unexpected("\",\"");
      }
      auto v = coordinate();
      if (!v) return fail(v.error());
      *box[i] = *v;
    }
    if (!generic) {
      bool given = accept(",");
      uint32_t base = style | kind->style;
      if (kind->atom == kComboBoxAtom && !given) base |= 0x1 | kWsTabstop;  // CBS_SIMPLE
      if (given) {
        auto s = styles(base);
        if (!s) return fail(s.error());
        style = *s;
        if (kind->atom == kComboBoxAtom && (style & 0x3) == 0) style |= 0x1;
      } else {
        style = base;
      }
      if (given && accept(",")) {
        auto ex = styles(0);
        if (!ex) return fail(ex.error());
        item.ex_style = *ex;
        if (extended && accept(",")) {
          auto help = expression(true);
          if (!help) return fail(help.error());
          item.help_id = static_cast<uint32_t>(*help);
        }
      }
    } else if (accept(",")) {
      auto ex = styles(0);
      if (!ex) return fail(ex.error());
      item.ex_style = *ex;
      if (extended && accept(",")) {
        auto help = expression(true);
        if (!help) return fail(help.error());
        item.help_id = static_cast<uint32_t>(*help);
      }
    }
    item.style = style;
    if (extended && (peek().text == "{" || word_is(peek(), "BEGIN"))) {
      return error_at(peek().at, "control creation data blocks are not supported");
    }
    return item;
  }

  // LANGUAGE, CHARACTERISTICS and VERSION, which dialogs and string tables share: whether
  // `opt` was one of them.
  Result<bool> shared_option(const Token& opt, uint16_t& lang) {
    if (word_is(opt, "LANGUAGE")) {
      auto l = language();
      if (!l) return fail(l.error());
      lang = *l;
      return true;
    }
    if (word_is(opt, "CHARACTERISTICS") || word_is(opt, "VERSION")) {
      auto v = expression(true);
      if (!v) return fail(v.error());
      return true;
    }
    return false;
  }

  Status string_table() {
    skip_memory_options();
    uint16_t lang = language_;
    while (!begin()) {
      if (at_end()) return unexpected("BEGIN");
      const Token& opt = next();
      auto shared = shared_option(opt, lang);
      if (!shared) return fail(shared.error());
      if (!*shared) {
        --pos_;
        return unexpected("BEGIN");
      }
    }
    while (!end()) {
      if (at_end()) return unexpected("END");
      const Token& at = peek();
      auto id = expression(true);
      if (!id) return fail(id.error());
      if (*id < 0 || *id > 0xFFFF)
        return error_at(at.at, "string id " + std::to_string(*id) + " is not a 16-bit number");
      accept(",");
      auto text = string_literal();
      if (!text) return fail(text.error());
      if (text->size() > 4097)
        return error_at(at.at, "string " + std::to_string(*id) + " is longer than 4097 characters");
      auto key = std::make_pair(lang, static_cast<uint16_t>(*id >> 4));
      auto& slot = strings_[key][static_cast<size_t>(*id & 15)];
      if (slot) return error_at(at.at, "string id " + std::to_string(*id) + " is defined twice");
      slot = *text;
    }
    return {};
  }

  std::vector<Token> t_;
  size_t pos_ = 0;
  Token end_;
  Output& out_;
  uint16_t language_ = 0;
  std::map<std::pair<uint16_t, uint16_t>, std::array<std::optional<std::u16string>, 16>> strings_;
};

}  // namespace

Result<Output> compile(const SourceFile& rc, const Options& options) {
  Output out;
  auto tokens = preprocess(rc, options, out);
  if (!tokens) return fail(tokens.error());
  Parser parser(std::move(*tokens), out);
  if (Status st = parser.run(); !st) return fail(st.error());
  return out;
}

}  // namespace openras::dialog::rc
