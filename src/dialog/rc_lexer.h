// rc_lexer.h (private to the rc compiler): tokens of .rc and .h files, and the
// preprocessor that turns a file and its #includes into one token stream.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "dialog/rc_compiler.h"

namespace openras::dialog::rc {

struct Location {
  std::shared_ptr<const std::string> file;
  int line = 1;
  int column = 1;
};

struct Token {
  enum Kind { kEnd, kIdent, kNumber, kString, kPunct, kDirective } kind = kEnd;
  std::string text;         // identifier, punctuation, directive name, number as written
  uint32_t number = 0;      // kNumber
  std::u16string string;    // kString (decoded)
  bool wide = false;        // L"..."
  std::vector<Token> rest;  // kDirective: the tokens after the directive's name
  std::string raw_rest;     // kDirective: the text after the name (for #include <x>)
  Location at;
};

[[nodiscard]] std::string where(const Location& at);
[[nodiscard]] tl::unexpected<Error> error_at(const Location& at, const std::string& message);

// Every token of one file (directives as kDirective tokens), or the first lexical error.
[[nodiscard]] Result<std::vector<Token>> tokenize(const SourceFile& file);

// Runs the preprocessor over `rc`: expands object-like macros, follows #include, keeps
// only directives from .h/.c files, and evaluates conditionals.
[[nodiscard]] Result<std::vector<Token>> preprocess(const SourceFile& rc, const Options& options,
                                                    Output& out);

}  // namespace openras::dialog::rc
