// reg.cpp (fuzz): the .reg parser never crashes, and whatever it accepts survives a
// write and a re-read unchanged, in both the hive encoding (UTF-8) and the export
// encoding (UTF-16LE) — both properties docs/registry.md states: the tree read back from
// the written text equals the tree read from the input (every key's name, every value's
// name, type and bytes, in order), and writing that tree again gives the same text.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "registry/reg_format.h"

namespace reg = openras::registry;

namespace {

bool same_tree(const reg::Key& a, const reg::Key& b) {
  if (a.name() != b.name() || a.value_count() != b.value_count() ||
      a.child_count() != b.child_count()) {
    return false;
  }
  for (size_t i = 0; i < a.value_count(); ++i) {
    const reg::Value& x = a.value_at(i);
    const reg::Value& y = b.value_at(i);
    if (x.name != y.name || x.type != y.type || x.data != y.data) return false;
  }
  for (size_t i = 0; i < a.child_count(); ++i) {
    if (!same_tree(a.child_at(i), b.child_at(i))) return false;
  }
  return true;
}

void check_round_trip(const reg::RegFile& file, reg::RootKey root, reg::RegEncoding encoding) {
  reg::Key tree;
  reg::apply_reg(file, root, tree);
  std::string text = reg::write_reg(root, {}, tree, encoding);
  auto again = reg::parse_reg(text, "written");
  if (!again) std::abort();
  reg::Key tree2;
  reg::apply_reg(*again, root, tree2);
  if (!same_tree(tree, tree2)) std::abort();  // what was read is what was written
  if (reg::write_reg(root, {}, tree2, encoding) != text) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto file = reg::parse_reg(bytes, "input.reg");
  if (!file) {
    // Every error names the file and the line.
    if (file.error().message.rfind("input.reg", 0) != 0) std::abort();
    return 0;
  }
  for (auto root : {reg::RootKey::kLocalMachine, reg::RootKey::kCurrentUser}) {
    check_round_trip(*file, root, reg::RegEncoding::kUtf8);
    check_round_trip(*file, root, reg::RegEncoding::kUtf16le);
  }
  return 0;
}
