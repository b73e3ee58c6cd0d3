// reg_format.h: the Windows .reg text format, read and written.
//
// Read: "Windows Registry Editor Version 5.00" and "REGEDIT4" files, UTF-16LE with a BOM
// (what regedit and reg export write), UTF-8 with or without a BOM; CRLF or LF; comments
// (;), [key] and [-key] sections, "name"=... and @=... values, "name"=- deletions,
// "string", dword:, hex: and hex(N): for any N (unknown types are kept as bytes),
// continuation lines ending in a backslash. Every error names the file, the line and
// the problem, and nothing is applied from a file that has one.
//
// Written: version 5.00, strings quoted where that is exact and hex(N) otherwise, hex
// wrapped at 80 columns as regedit does. UTF-8 with LF for hive files; UTF-16LE with a
// BOM and CRLF for exports, which is what Windows' regedit and `reg import` read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "registry/key.h"
#include "registry/names.h"

namespace openras::registry {

// Limits that keep a hostile file from costing unbounded memory or time.
inline constexpr size_t kMaxLineLength = 64 * 1024;          // one physical line, in bytes
inline constexpr size_t kMaxRegFileSize = 64 * 1024 * 1024;  // one whole file

struct RegValueOp {
  Value value;          // name, type and stored data
  bool remove = false;  // "name"=-
  size_t line = 0;
};

struct RegSection {
  RootKey root = RootKey::kLocalMachine;
  KeyPath path;         // below the root; empty for the root itself
  bool remove = false;  // [-key]
  size_t line = 0;
  std::vector<RegValueOp> values;
};

struct RegFile {
  bool regedit4 = false;  // REGEDIT4: hex(2)/hex(7) hold 8-bit text, not UTF-16
  std::vector<RegSection> sections;
  // With ForeignRoots::kSkip, the sections left out ("line 12: [HKEY_CLASSES_ROOT\.x]").
  std::vector<std::string> skipped;
};

// What a section under a root Windows has and OpenRAS does not keep (HKEY_CLASSES_ROOT,
// HKEY_USERS, HKEY_CURRENT_CONFIG, ...) does to the file: hive files refuse it (they never
// hold one), `rasreg import` of a Windows export skips it and says so. Its lines are
// parsed all the same, so a malformed one still fails the whole file. An unknown root
// (a typo) is an error either way.
enum class ForeignRoots { kRefuse, kSkip };

// Parses a whole file. `file_name` only labels error messages ("x.reg line 3: ...").
// Errors are kInvalidData.
[[nodiscard]] Result<RegFile> parse_reg(std::string_view bytes, std::string_view file_name,
                                        ForeignRoots foreign = ForeignRoots::kRefuse);

// Applies the sections of `file` that belong to `root` to `tree` (that root's top key),
// in file order: [-key] deletes a subtree, "name"=- a value.
void apply_reg(const RegFile& file, RootKey root, Key& tree);

enum class RegEncoding {
  kUtf8,     // hive files: UTF-8, LF
  kUtf16le,  // exports: UTF-16LE with BOM, CRLF, as Windows writes them
};

// The .reg text of `key` and its subtree. `path` is the key's own path below `root`,
// spelled as stored. The root's section is written only when it holds values.
[[nodiscard]] std::string write_reg(RootKey root, const KeyPath& path, const Key& key,
                                    RegEncoding encoding);

}  // namespace openras::registry
