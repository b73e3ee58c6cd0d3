// rc_preprocess.cpp: the preprocessor of the rc compiler (win32-facts.md §4.5).
#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>

#include "dialog/rc_lexer.h"

namespace openras::dialog::rc {

namespace {

struct Macro {
  std::vector<Token> body;
  bool function_like = false;
};

bool is_header(const std::string& path) {
  std::string lower = path;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* ext : {".h", ".c", ".hpp", ".hh", ".hxx"}) {
    size_t n = std::strlen(ext);
    if (lower.size() >= n && lower.compare(lower.size() - n, n, ext) == 0) return true;
  }
  return false;
}

// Windows' own headers: their constants are built into the compiler (rc_symbols.inc).
bool is_windows_header(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* h : {"windows.h", "winres.h", "winresrc.h", "afxres.h", "winuser.h",
                        "windowsx.h", "commctrl.h", "winnt.h", "windef.h", "winver.h", "dlgs.h",
                        "richedit.h", "prsht.h", "ras.h", "rasdlg.h"}) {
    if (name == h) return true;
  }
  return false;
}

class Preprocessor {
 public:
  Preprocessor(const Options& options, Output& out) : options_(options), out_(out) {
    Token one;
    one.kind = Token::kNumber;
    one.number = 1;
    one.text = "1";
    macros_["RC_INVOKED"] = Macro{{one}, false};
  }

  Status define_option(const std::string& name, const std::string& value) {
    auto tokens = tokenize(SourceFile{"<command line>", value});
    if (!tokens) return fail(tokens.error());
    macros_[name] = Macro{*tokens, false};
    return {};
  }

  Status file(const SourceFile& f, int depth) {
    if (depth > 32) {
      return fail(Errc::kInvalidData,
                  f.path + ": error: #include nested more than 32 deep (a cycle?)");
    }
    out_.files.push_back(f.path);
    auto tokens = tokenize(f);
    if (!tokens) return fail(tokens.error());
    const bool header = is_header(f.path);
    std::vector<Cond> conds;
    for (const Token& t : *tokens) {
      bool active = conds.empty() || conds.back().active;
      if (t.kind == Token::kDirective) {
        if (Status st = directive(t, conds, active, depth); !st) return st;
        continue;
      }
      if (!active || header) continue;
      std::vector<std::string> guard;
      if (Status st = expand(t, t.at, guard, result_); !st) return st;
    }
    if (!conds.empty()) return error_at(conds.back().at, "#if without #endif");
    return {};
  }

  std::vector<Token>& result() { return result_; }

 private:
  struct Cond {
    bool active;        // this branch's lines are live
    bool taken;         // some branch of this #if was live
    bool outer_active;  // the enclosing branch is live
    bool seen_else;
    Location at;
  };

  Status expand(const Token& t, const Location& at, std::vector<std::string>& guard,
                std::vector<Token>& out) {
    if (t.kind == Token::kIdent) {
      auto it = macros_.find(t.text);
      if (it != macros_.end() && std::find(guard.begin(), guard.end(), t.text) == guard.end()) {
        if (it->second.function_like) {
          return error_at(
              at, "function-like macro " + t.text + " cannot be used in a resource statement");
        }
        guard.push_back(t.text);
        for (const Token& b : it->second.body) {
          if (Status st = expand(b, at, guard, out); !st) return st;
        }
        guard.pop_back();
        return {};
      }
    }
    Token copy = t;
    copy.at = at;
    out.push_back(std::move(copy));
    return {};
  }

  Result<int64_t> condition(const Token& d) {
    std::vector<Token> expanded;
    const auto& r = d.rest;
    for (size_t i = 0; i < r.size(); ++i) {
      if (r[i].kind == Token::kIdent && r[i].text == "defined") {
        bool paren = i + 1 < r.size() && r[i + 1].text == "(";
        size_t name = i + (paren ? 2 : 1);
        if (name >= r.size() || r[name].kind != Token::kIdent) {
          return error_at(r[i].at, "defined needs a macro name");
        }
        Token v;
        v.kind = Token::kNumber;
        v.number = macros_.count(r[name].text) ? 1 : 0;
        v.at = r[i].at;
        expanded.push_back(v);
        i = name + (paren ? 1 : 0);
        continue;
      }
      std::vector<std::string> guard;
      std::vector<Token> one;
      Macro saved;
      // Function-like macros evaluate to 0 in #if here rather than failing the file.
      auto it = r[i].kind == Token::kIdent ? macros_.find(r[i].text) : macros_.end();
      if (it != macros_.end() && it->second.function_like) {
        Token zero;
        zero.kind = Token::kNumber;
        zero.at = r[i].at;
        expanded.push_back(zero);
        continue;
      }
      if (Status st = expand(r[i], r[i].at, guard, expanded); !st) return fail(st.error());
    }
    size_t pos = 0;
    auto v = evaluate(expanded, pos, d.at);
    if (!v) return v;
    if (pos != expanded.size())
      return error_at(expanded[pos].at, "unexpected \"" + expanded[pos].text + "\" in #" + d.text);
    return v;
  }

  // A C integer expression; identifiers that are not macros are 0, as in C.
  Result<int64_t> evaluate(const std::vector<Token>& t, size_t& pos, const Location& at,
                           int level = 0) {
    static const std::vector<std::vector<std::string>> kLevels = {{"||"},
                                                                  {"&&"},
                                                                  {"|"},
                                                                  {"^"},
                                                                  {"&"},
                                                                  {"==", "!="},
                                                                  {"<", ">", "<=", ">="},
                                                                  {"<<", ">>"},
                                                                  {"+", "-"},
                                                                  {"*", "/", "%"}};
    if (level == static_cast<int>(kLevels.size())) return unary(t, pos, at);
    auto lhs = evaluate(t, pos, at, level + 1);
    if (!lhs) return lhs;
    while (pos < t.size() && t[pos].kind == Token::kPunct &&
           std::count(kLevels[static_cast<size_t>(level)].begin(),
                      kLevels[static_cast<size_t>(level)].end(), t[pos].text)) {
      std::string op = t[pos++].text;
      auto rhs = evaluate(t, pos, at, level + 1);
      if (!rhs) return rhs;
      int64_t a = *lhs, b = *rhs;
      if ((op == "/" || op == "%") && b == 0) return error_at(t[pos - 1].at, "division by zero");
      if (op == "||")
        a = a || b;
      else if (op == "&&")
        a = a && b;
      else if (op == "|")
        a |= b;
      else if (op == "^")
        a ^= b;
      else if (op == "&")
        a &= b;
      else if (op == "==")
        a = a == b;
      else if (op == "!=")
        a = a != b;
      else if (op == "<")
        a = a < b;
      else if (op == ">")
        a = a > b;
      else if (op == "<=")
        a = a <= b;
      else if (op == ">=")
        a = a >= b;
      else if (op == "<<")
        a = static_cast<int64_t>(static_cast<uint64_t>(a) << (b & 63));
      else if (op == ">>")
        a >>= (b & 63);
      else if (op == "+")
        a += b;
      else if (op == "-")
        a -= b;
      else if (op == "*")
        a *= b;
      else if (op == "/")
        a /= b;
      else
        a %= b;
      lhs = a;
    }
    return lhs;
  }

  Result<int64_t> unary(const std::vector<Token>& t, size_t& pos, const Location& at) {
    if (pos >= t.size()) return error_at(at, "#if expression ends too early");
    const Token& tok = t[pos++];
    if (tok.kind == Token::kNumber) return static_cast<int64_t>(tok.number);
    if (tok.kind == Token::kIdent) return 0;
    if (tok.text == "(") {
      auto v = evaluate(t, pos, at);
      if (!v) return v;
      if (pos >= t.size() || t[pos].text != ")") return error_at(tok.at, "( without )");
      ++pos;
      return v;
    }
    auto v = unary(t, pos, at);
    if (!v) return v;
    if (tok.text == "-") return -*v;
    if (tok.text == "+") return *v;
    if (tok.text == "~") return ~*v;
    if (tok.text == "!") return !*v;
    return error_at(tok.at, "unexpected \"" + tok.text + "\" in #if");
  }

  Status directive(const Token& d, std::vector<Cond>& conds, bool active, int depth) {
    const std::string& name = d.text;
    if (name == "if" || name == "ifdef" || name == "ifndef") {
      bool value = false;
      if (active) {
        if (name == "if") {
          auto v = condition(d);
          if (!v) return fail(v.error());
          value = *v != 0;
        } else {
          if (d.rest.empty() || d.rest[0].kind != Token::kIdent) {
            return error_at(d.at, "#" + name + " needs a macro name");
          }
          value = macros_.count(d.rest[0].text) != 0;
          if (name == "ifndef") value = !value;
        }
      }
      conds.push_back(Cond{active && value, active && value, active, false, d.at});
      return {};
    }
    if (name == "elif" || name == "else" || name == "endif") {
      if (conds.empty()) return error_at(d.at, "#" + name + " without #if");
      Cond& c = conds.back();
      if (name == "endif") {
        conds.pop_back();
        return {};
      }
      if (c.seen_else) return error_at(d.at, "#" + name + " after #else");
      if (name == "else") {
        c.seen_else = true;
        c.active = c.outer_active && !c.taken;
      } else {
        bool value = false;
        if (c.outer_active && !c.taken) {
          auto v = condition(d);
          if (!v) return fail(v.error());
          value = *v != 0;
        }
        c.active = c.outer_active && !c.taken && value;
      }
      c.taken = c.taken || c.active;
      return {};
    }
    if (!active) return {};
    if (name == "define") {
      if (d.rest.empty() || d.rest[0].kind != Token::kIdent)
        return error_at(d.at, "#define needs a name");
      Macro m;
      std::string raw = d.raw_rest;
      size_t after = raw.find(d.rest[0].text) + d.rest[0].text.size();
      m.function_like = after < raw.size() && raw[after] == '(';
      m.body.assign(d.rest.begin() + 1, d.rest.end());
      macros_[d.rest[0].text] = std::move(m);
      return {};
    }
    if (name == "undef") {
      if (d.rest.empty() || d.rest[0].kind != Token::kIdent)
        return error_at(d.at, "#undef needs a name");
      macros_.erase(d.rest[0].text);
      return {};
    }
    if (name == "include") return include(d, depth);
    if (name == "pragma" || name == "line") return {};
    if (name == "error") return error_at(d.at, "#error" + d.raw_rest);
    return error_at(d.at, "unknown directive #" + name);
  }

  Status include(const Token& d, int depth) {
    std::string raw = d.raw_rest;
    size_t start = raw.find_first_not_of(" \t");
    if (start == std::string::npos) return error_at(d.at, "#include needs a file name");
    char open = raw[start];
    char close = open == '<' ? '>' : '"';
    size_t end = raw.find(close, start + 1);
    if ((open != '<' && open != '"') || end == std::string::npos) {
      return error_at(d.at, "#include needs \"file\" or <file>");
    }
    std::string name = raw.substr(start + 1, end - start - 1);
    if (is_windows_header(name)) return {};
    if (!options_.resolve) return error_at(d.at, "cannot open include file \"" + name + "\"");
    auto f = options_.resolve(name, open == '<', d.at.file ? *d.at.file : "");
    if (!f)
      return error_at(d.at, "cannot open include file \"" + name + "\": " + f.error().message);
    return file(*f, depth + 1);
  }

  const Options& options_;
  Output& out_;
  std::map<std::string, Macro> macros_;
  std::vector<Token> result_;
};

}  // namespace

Result<std::vector<Token>> preprocess(const SourceFile& rc, const Options& options, Output& out) {
  Preprocessor p(options, out);
  for (const auto& [name, value] : options.defines) {
    if (Status st = p.define_option(name, value); !st) return fail(st.error());
  }
  if (Status st = p.file(rc, 0); !st) return fail(st.error());
  return std::move(p.result());
}

}  // namespace openras::dialog::rc
