// entry_decode.cpp: a section's layout -> EntryFields (see entry_codec.h).
#include <algorithm>
#include <string>
#include <vector>

#include "phonebook/entry_codec.h"
#include "phonebook/field_codec.h"
#include "phonebook/schema.h"

namespace openras::phonebook {

namespace {

const FieldSpec& device_type_row() { return field_for_member("szDeviceType"); }
const FieldSpec& device_name_row() { return field_for_member("szDeviceName"); }
const FieldSpec& phone_row() { return field_for_member("szLocalPhoneNumber"); }

// Decodes one block, remembering where each owned key was first seen: a key given twice
// would leave it unclear which line an edit must change.
class BlockDecoder {
 public:
  BlockDecoder(std::string_view text, const SectionLayout& layout) : text_(text), layout_(layout) {}

  Status check_once(const FieldSpec& row, const Line& line) {
    size_t& first = seen_[static_cast<size_t>(&row - entry_schema().data())];
    if (first == kUnseen) {
      first = line.begin;
      return {};
    }
    return fail(Errc::kPhonebookCorrupt, line_label(text_, line.begin) + ": key \"" +
                                             std::string(row.key) + "\" given again (first on " +
                                             line_label(text_, first) + ")");
  }
  tl::unexpected<Error> at(const Line& line, std::string_view message) const {
    return fail(Errc::kPhonebookCorrupt,
                line_label(text_, line.begin) + ": " + std::string(message));
  }
  tl::unexpected<Error> at(const Line& line, const Error& error) const {
    return at(line, error.message);
  }
  const SectionLayout& layout() const { return layout_; }
  void reset() { seen_.assign(entry_schema().size(), kUnseen); }

 private:
  static constexpr size_t kUnseen = SIZE_MAX;
  std::string_view text_;
  const SectionLayout& layout_;
  std::vector<size_t> seen_ = std::vector<size_t>(entry_schema().size(), kUnseen);  // by schema row
};

Status decode_header(BlockDecoder& d, EntryFields& fields) {
  const Block& header = d.layout().blocks.front();
  for (size_t i = header.first; i < header.last; ++i) {
    const Line& line = d.layout().lines[i];
    if (line.kind != LineKind::kKeyValue) continue;
    if (line.key == kCustomAuthDataKey) {
      // Long blobs are split over several CustomAuthData= lines; the pieces concatenate.
      std::string_view hex = line.value;
      while (!hex.empty() && (hex.front() == ' ' || hex.front() == '\t')) hex.remove_prefix(1);
      while (!hex.empty() && (hex.back() == ' ' || hex.back() == '\t')) hex.remove_suffix(1);
      if (hex.size() % 2 != 0) return d.at(line, "CustomAuthData has an odd number of hex digits");
      for (size_t k = 0; k < hex.size(); k += 2) {
        int hi = hex_digit(hex[k]);
        int lo = hex_digit(hex[k + 1]);
        if (hi < 0 || lo < 0) return d.at(line, "CustomAuthData is not hexadecimal");
        fields.custom_auth_data.push_back(static_cast<uint8_t>(hi * 16 + lo));
      }
      continue;
    }
    const FieldSpec* row = find_field(KeyBlock::kHeader, line.key);
    if (!row) continue;
    if (auto once = d.check_once(*row, line); !once) return once;
    if (auto ok = decode_field(*row, line.value, fields.entry); !ok) return d.at(line, ok.error());
  }
  return {};
}

Status decode_media(BlockDecoder& d, const Block* media, LinkFields& link) {
  if (!media) return {};
  for (size_t i = media->first + 1; i < media->last; ++i) {
    const Line& line = d.layout().lines[i];
    if (line.kind != LineKind::kKeyValue || line.key != device_name_row().key) continue;
    if (auto once = d.check_once(device_name_row(), line); !once) return once;
    auto name = decode_string(device_name_row(), line.value);
    if (!name) return d.at(line, name.error());
    link.device_name = std::move(*name);
  }
  return {};
}

// The DEVICE block: the marker's value, the PhoneNumber= groups, and (first link only)
// the per-number keys of the first group and the block's own keys.
Status decode_device(BlockDecoder& d, const Block* device, bool first_link, LinkFields& link,
                     RASENTRYW& entry) {
  if (!device) return {};
  const Line& marker = d.layout().lines[device->first];
  auto type = decode_string(device_type_row(), marker.value);
  if (!type) return d.at(marker, type.error());
  link.device_type = std::move(*type);
  size_t numbers = 0;
  for (size_t i = device->first + 1; i < device->last; ++i) {
    const Line& line = d.layout().lines[i];
    if (line.kind != LineKind::kKeyValue) continue;
    if (line.key == kPhoneNumberKey) {
      auto number = decode_string(phone_row(), line.value);
      if (!number) return d.at(line, number.error());
      if (numbers++ == 0) {
        link.phone_number = std::move(*number);
      } else {
        link.alternates.push_back(std::move(*number));
      }
      continue;
    }
    if (!first_link) continue;
    bool group_key = is_phone_group_key(line.key);
    // Per-number keys after the second PhoneNumber= describe an alternate number.
    if (group_key && numbers > 1) continue;
    const FieldSpec* row = find_field(KeyBlock::kDevice, line.key);
    if (!row) continue;
    if (auto once = d.check_once(*row, line); !once) return once;
    if (auto ok = decode_field(*row, line.value, entry); !ok) return d.at(line, ok.error());
  }
  return {};
}

}  // namespace

Result<EntryFields> decode_entry(std::string_view text, const SectionLayout& layout) {
  EntryFields fields = EntryFields::defaults();
  if (auto ok = decode_entry_into(text, layout, fields); !ok) return fail(ok.error());
  return fields;
}

Status decode_entry_into(std::string_view text, const SectionLayout& layout, EntryFields& fields) {
  BlockDecoder decoder(text, layout);
  if (auto ok = decode_header(decoder, fields); !ok) return fail(ok.error());
  size_t links =
      std::max<size_t>({layout.count(BlockKind::kMedia), layout.count(BlockKind::kDevice), 1});
  for (size_t k = 0; k < links; ++k) {
    decoder.reset();
    // A key that is absent reads as its default, as for every other key.
    LinkFields link = k == 0 ? fields.link(0) : LinkFields{};
    if (auto ok = decode_media(decoder, layout.block(BlockKind::kMedia, k), link); !ok) {
      return fail(ok.error());
    }
    const Block* device = layout.block(BlockKind::kDevice, k);
    if (auto ok = decode_device(decoder, device, k == 0, link, fields.entry); !ok) {
      return fail(ok.error());
    }
    if (auto ok = fields.set_link(k, link); !ok) return fail(ok.error());
  }
  fields.entry.dwSubEntries = static_cast<DWORD>(fields.link_count());
  return {};
}

}  // namespace openras::phonebook
