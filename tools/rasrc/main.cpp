// rasrc: compiles the dialogs and string tables of a Windows .rc file into a C source that
// links them into a module (docs/dialogs.md; man rasrc(1)). A thin main over
// src/dialog/rc_compiler.h.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dialog/rc_compiler.h"

namespace {

int usage(FILE* to) {
  std::fputs(
      "usage: rasrc [-I DIR]... [-D NAME[=VALUE]]... [-o OUT.c] [--depfile OUT.d] FILE.rc\n"
      "Compiles the DIALOG, DIALOGEX and STRINGTABLE resources of FILE.rc into C source\n"
      "(default: FILE.rc with .c appended) to link into the module that owns them.\n",
      to);
  return to == stdout ? 0 : 2;
}

std::string escape_make(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == ' ' || c == '#') out += '\\';
    if (c == '$') out += '$';
    out += c;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> includes;
  openras::dialog::rc::Options options;
  std::string input, output, depfile;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const std::string& flag) -> std::string {
      if (a.size() > flag.size()) return a.substr(flag.size());
      if (i + 1 < argc) return argv[++i];
      std::fprintf(stderr, "rasrc: %s needs a value\n", flag.c_str());
      std::exit(2);
    };
    if (a == "-h" || a == "--help") return usage(stdout);
    if (a.rfind("-I", 0) == 0) {
      includes.push_back(value("-I"));
    } else if (a.rfind("-D", 0) == 0) {
      std::string d = value("-D");
      size_t eq = d.find('=');
      options.defines[d.substr(0, eq)] = eq == std::string::npos ? "1" : d.substr(eq + 1);
    } else if (a == "-o") {
      output = value("-o");
    } else if (a == "--depfile") {
      depfile = value("--depfile");
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "rasrc: unknown option %s\n", a.c_str());
      return usage(stderr);
    } else if (input.empty()) {
      input = a;
    } else {
      std::fprintf(stderr, "rasrc: one .rc file at a time (got %s and %s)\n", input.c_str(),
                   a.c_str());
      return 2;
    }
  }
  if (input.empty()) return usage(stderr);
  if (output.empty()) output = input + ".c";
  std::ifstream in(input, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "rasrc: cannot read %s: %s\n", input.c_str(), std::strerror(errno));
    return 1;
  }
  std::ostringstream text;
  text << in.rdbuf();
  options.resolve = openras::dialog::rc::file_resolver(includes);
  auto out = openras::dialog::rc::compile({input, text.str()}, options);
  if (!out) {
    std::fprintf(stderr, "%s\n", out.error().message.c_str());
    return 1;
  }
  for (const std::string& w : out->warnings) std::fprintf(stderr, "%s\n", w.c_str());
  std::ofstream c(output, std::ios::binary | std::ios::trunc);
  c << openras::dialog::rc::emit_c(*out, input);
  if (!c.flush()) {
    std::fprintf(stderr, "rasrc: cannot write %s\n", output.c_str());
    return 1;
  }
  if (!depfile.empty()) {
    std::ofstream d(depfile, std::ios::trunc);
    d << escape_make(output) << ":";
    for (const std::string& f : out->files) d << " " << escape_make(f);
    d << "\n";
  }
  return 0;
}
