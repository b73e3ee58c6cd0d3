// schema_doc.cpp: renders the schema as the key table of docs/phonebook.md, so the
// document is generated from the table the code runs on (schema_test keeps them equal).
#include <cstdio>
#include <string>

#include "base/utf.h"
#include "phonebook/schema.h"

namespace openras::phonebook {

namespace {

std::string_view block_name(KeyBlock block) {
  switch (block) {
    case KeyBlock::kHeader:
      return "entry";
    case KeyBlock::kMedia:
      return "MEDIA";
    case KeyBlock::kDevice:
      return "DEVICE";
  }
  return "?";
}

std::string hex(uint32_t value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "0x%X", value);
  return buffer;
}

std::string member_cell(const FieldSpec& f) {
  std::string out = "`" + std::string(f.member) + "`";
  if (f.kind == FieldKind::kFlag) {
    out += " `" + std::string(f.flag) + "`";
    if (f.inverted) out += " (inverted)";
  } else if (f.kind == FieldKind::kOtherBits) {
    out += " bits no other row names";
  }
  if (f.member == "szLocalPhoneNumber") out += " + alternates";
  return out;
}

std::string value_cell(const FieldSpec& f) {
  switch (f.kind) {
    case FieldKind::kString:
      return "text, max " + std::to_string(f.capacity() - 1);
    case FieldKind::kDword:
      return "decimal";
    case FieldKind::kFlag:
      return "0 / 1";
    case FieldKind::kOtherBits:
      return "hex";
    case FieldKind::kIpv4:
      return "a.b.c.d";
    case FieldKind::kIpv6:
      return "IPv6";
    case FieldKind::kGuid:
      return "32 hex digits";
  }
  return "?";
}

std::string default_cell(const FieldSpec& f) {
  switch (f.kind) {
    case FieldKind::kString: {
      auto utf8 = wide_to_utf8(f.default_text);
      return utf8 && !utf8->empty() ? "`" + *utf8 + "`" : "(empty)";
    }
    case FieldKind::kFlag:
      return std::to_string((f.default_value != 0) != f.inverted ? 1 : 0);
    case FieldKind::kOtherBits:
      return "0";
    case FieldKind::kIpv4:
      return "0.0.0.0";
    case FieldKind::kIpv6:
      return "::";
    case FieldKind::kGuid:
      return "zero";
    case FieldKind::kDword:
      return f.default_value > 0xFFFF ? hex(f.default_value) : std::to_string(f.default_value);
  }
  return "?";
}

}  // namespace

std::string render_key_table() {
  std::string out =
      "| key | block | RASENTRY member | since | value | default | origin |\n"
      "|---|---|---|---|---|---|---|\n";
  for (const FieldSpec& f : entry_schema()) {
    std::string key = f.key == kDeviceMarkerKey ? "DEVICE (marker value)" : std::string(f.key);
    out += "| `" + key + "` | " + std::string(block_name(f.block)) + " | " + member_cell(f) +
           " | " + hex(member_winver(f.offset_w)) + " | " + value_cell(f) + " | " +
           default_cell(f) + " | " + (f.origin == KeyOrigin::kWindows ? "Windows" : "OpenRAS") +
           " |\n";
  }
  out += "\nNot stored:\n\n";
  for (const UnstoredMember& m : unstored_members()) {
    out += "- `" + std::string(m.member) + "`: " + std::string(m.why) + "\n";
  }
  return out;
}

}  // namespace openras::phonebook
