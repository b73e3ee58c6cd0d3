// reg.cpp (fuzz): the .reg parser never crashes, and whatever it accepts survives a
// write and a re-read unchanged: write(parse(write(t))) == write(t), in both the hive
// encoding (UTF-8) and the export encoding (UTF-16LE).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "registry/reg_format.h"

namespace reg = openras::registry;

namespace {

void check_round_trip(const reg::RegFile& file, reg::RootKey root, reg::RegEncoding encoding) {
  reg::Key tree;
  reg::apply_reg(file, root, tree);
  std::string text = reg::write_reg(root, {}, tree, encoding);
  auto again = reg::parse_reg(text, "written");
  if (!again) std::abort();
  reg::Key tree2;
  reg::apply_reg(*again, root, tree2);
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
