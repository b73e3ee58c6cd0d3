// entry_encode.cpp: EntryFields -> a new section, or minimal edits of an existing one.
#include <optional>
#include <string>
#include <vector>

#include "phonebook/entry_codec.h"
#include "phonebook/field_codec.h"
#include "phonebook/schema.h"
#include "phonebook/section_editor.h"

namespace openras::phonebook {

namespace {

const FieldSpec& device_type_row() { return field_for_member("szDeviceType"); }
const FieldSpec& device_name_row() { return field_for_member("szDeviceName"); }
const FieldSpec& phone_row() { return field_for_member("szLocalPhoneNumber"); }

// What a new entry has that is no RASENTRY field, written as Windows writes it.
constexpr std::string_view kMediaMarkerLine = "MEDIA=rastapi";

std::string key_value(std::string_view key, std::string_view value) {
  std::string line(key);
  line += '=';
  line += value;
  return line;
}

// The DEVICE rows other than the marker and PhoneNumber= (which the link code writes).
bool is_device_scalar(const FieldSpec& row) {
  return row.block == KeyBlock::kDevice && &row != &device_type_row() && &row != &phone_row();
}

// One link's DEVICE block; `entry` is set for the first link, whose per-number keys and
// block keys are RASENTRY fields.
Result<std::vector<std::string>> device_block(const LinkFields& link, const RASENTRYW* entry) {
  std::vector<std::string> lines;
  auto type = encode_text(link.device_type, "szDeviceType");
  auto phone = encode_text(link.phone_number, "szLocalPhoneNumber");
  if (!type) return fail(type.error());
  if (!phone) return fail(phone.error());
  lines.push_back(key_value(kDeviceMarkerKey, *type));
  lines.push_back(key_value(kPhoneNumberKey, *phone));
  for (const FieldSpec& row : entry_schema()) {
    if (!entry || !is_device_scalar(row) || !is_phone_group_key(row.key)) continue;
    auto value = encode_field(row, *entry);
    if (!value) return fail(value.error());
    lines.push_back(key_value(row.key, *value));
  }
  lines.emplace_back("Comment=");
  for (const std::wstring& alternate : link.alternates) {
    auto value = encode_text(alternate, "alternate phone number");
    if (!value) return fail(value.error());
    lines.push_back(key_value(kPhoneNumberKey, *value));
  }
  lines.emplace_back("LastSelectedPhone=0");
  for (const FieldSpec& row : entry_schema()) {
    if (!entry || !is_device_scalar(row) || is_phone_group_key(row.key)) continue;
    auto value = encode_field(row, *entry);
    if (!value) return fail(value.error());
    lines.push_back(key_value(row.key, *value));
  }
  lines.emplace_back("TryNextAlternateOnFail=1");
  return lines;
}

Result<std::vector<std::string>> media_block(const LinkFields& link) {
  auto name = encode_text(link.device_name, "szDeviceName");
  if (!name) return fail(name.error());
  return std::vector<std::string>{std::string(kMediaMarkerLine),
                                  key_value(device_name_row().key, *name)};
}

std::optional<size_t> find_key(const SectionLayout& layout, size_t first, size_t last,
                               std::string_view key) {
  for (size_t i = first; i < last; ++i) {
    const Line& line = layout.lines[i];
    if (line.kind == LineKind::kKeyValue && line.key == key) return i;
  }
  return std::nullopt;
}

// A PhoneNumber= line and the per-number lines right after it.
struct PhoneGroup {
  size_t first;
  size_t last;  // inclusive
};

std::vector<PhoneGroup> phone_groups(const SectionLayout& layout, const Block& device) {
  std::vector<PhoneGroup> groups;
  for (size_t i = device.first + 1; i < device.last; ++i) {
    const Line& line = layout.lines[i];
    bool key_value = line.kind == LineKind::kKeyValue;
    if (key_value && line.key == kPhoneNumberKey) {
      groups.push_back(PhoneGroup{i, i});
    } else if (!groups.empty() && groups.back().last + 1 == i && key_value &&
               is_phone_group_key(line.key)) {
      groups.back().last = i;
    }
  }
  return groups;
}

// Writes one row of `updated` into lines [first, last) of the layout: in place when the
// key is there, else after line `insert_after`.
Status put_row(SectionEditor& editor, const SectionLayout& layout, const FieldSpec& row,
               const RASENTRYW& updated, size_t first, size_t last, size_t insert_after) {
  auto value = encode_field(row, updated);
  if (!value) return fail(value.error());
  if (auto line = find_key(layout, first, last, row.key)) {
    editor.replace_value(*line, *value);
  } else {
    editor.insert_after(insert_after, row.key, *value);
  }
  return {};
}

class LinkEditor {
 public:
  LinkEditor(SectionEditor& editor, const SectionLayout& layout, size_t index)
      : editor_(editor), layout_(layout), index_(index) {}

  // `current`/`updated` entries are given for the first link only.
  Status edit(const LinkFields& cur, const LinkFields& upd, const RASENTRYW* current,
              const RASENTRYW* updated) {
    if (auto ok = edit_media(cur, upd); !ok) return ok;
    bool scalars_differ = false;
    for (const FieldSpec& row : entry_schema()) {
      if (current && is_device_scalar(row) && !field_equal(row, *current, *updated))
        scalars_differ = true;
    }
    const Block* device = layout_.block(BlockKind::kDevice, index_);
    if (!device) {
      if (cur == upd && !scalars_differ) return {};
      auto lines = device_block(upd, updated);
      if (!lines) return fail(lines.error());
      editor_.append_block(std::move(*lines));
      return {};
    }
    if (cur.device_type != upd.device_type) {
      auto type = encode_text(upd.device_type, "szDeviceType");
      if (!type) return fail(type.error());
      editor_.replace_value(device->first, *type);
    }
    return edit_device(*device, cur, upd, current, updated);
  }

 private:
  Status edit_media(const LinkFields& cur, const LinkFields& upd) {
    if (cur.device_name == upd.device_name) return {};
    const Block* media = layout_.block(BlockKind::kMedia, index_);
    if (!media) {
      auto lines = media_block(upd);
      if (!lines) return fail(lines.error());
      editor_.append_block(std::move(*lines));
      return {};
    }
    auto name = encode_text(upd.device_name, "szDeviceName");
    if (!name) return fail(name.error());
    if (auto line = find_key(layout_, media->first + 1, media->last, device_name_row().key)) {
      editor_.replace_value(*line, *name);
    } else {
      editor_.insert_after(layout_.last_content_line(*media), device_name_row().key, *name);
    }
    return {};
  }

  // Numbers are matched to PhoneNumber= lines by position: a changed number is rewritten
  // in place (its per-number lines stay), extra numbers are added after the last group,
  // and groups beyond the new count are removed with their per-number lines.
  Status edit_device(const Block& device, const LinkFields& cur, const LinkFields& upd,
                     const RASENTRYW* current, const RASENTRYW* updated) {
    std::vector<std::wstring> before{cur.phone_number};
    before.insert(before.end(), cur.alternates.begin(), cur.alternates.end());
    std::vector<std::wstring> after{upd.phone_number};
    after.insert(after.end(), upd.alternates.begin(), upd.alternates.end());
    std::vector<PhoneGroup> groups = phone_groups(layout_, device);
    bool write_numbers = !groups.empty() || after.size() > 1 || !after[0].empty();
    size_t anchor = groups.empty() ? device.first : groups.back().last;
    if (groups.empty() && write_numbers) {
      if (auto ok = insert_number(device.first, after[0]); !ok) return ok;
    } else if (!groups.empty() && before[0] != after[0]) {
      if (auto ok = replace_number(groups[0].first, after[0]); !ok) return ok;
    }
    if (current) {
      // The first number's per-number keys, then the block's own keys.
      size_t group_end = groups.size() > 1 ? groups[1].first : device.last;
      size_t group_anchor = groups.empty() ? device.first : groups[0].last;
      for (const FieldSpec& row : entry_schema()) {
        if (!is_device_scalar(row) || !is_phone_group_key(row.key)) continue;
        if (field_equal(row, *current, *updated)) continue;
        if (auto ok =
                put_row(editor_, layout_, row, *updated, device.first + 1, group_end, group_anchor);
            !ok) {
          return ok;
        }
      }
    }
    for (size_t i = 1; i < after.size() && write_numbers; ++i) {
      if (i < groups.size()) {
        if (i < before.size() && before[i] == after[i]) continue;
        if (auto ok = replace_number(groups[i].first, after[i]); !ok) return ok;
      } else if (auto ok = insert_number(anchor, after[i]); !ok) {
        return ok;
      }
    }
    for (size_t i = after.size(); i < groups.size(); ++i) {
      for (size_t line = groups[i].first; line <= groups[i].last; ++line) editor_.remove_line(line);
    }
    if (!current) return {};
    for (const FieldSpec& row : entry_schema()) {
      if (!is_device_scalar(row) || is_phone_group_key(row.key)) continue;
      if (field_equal(row, *current, *updated)) continue;
      if (auto ok = put_row(editor_, layout_, row, *updated, device.first + 1, device.last,
                            layout_.last_content_line(device));
          !ok) {
        return ok;
      }
    }
    return {};
  }

  Status insert_number(size_t after, const std::wstring& number) {
    auto text = encode_text(number, "phone number");
    if (!text) return fail(text.error());
    editor_.insert_after(after, kPhoneNumberKey, *text);
    return {};
  }
  Status replace_number(size_t line, const std::wstring& number) {
    auto text = encode_text(number, "phone number");
    if (!text) return fail(text.error());
    editor_.replace_value(line, *text);
    return {};
  }

  SectionEditor& editor_;
  const SectionLayout& layout_;
  size_t index_;
};

}  // namespace

Result<std::string> render_entry(std::string_view utf8_name, const EntryFields& fields,
                                 std::string_view eol) {
  std::vector<std::string> lines{"[" + std::string(utf8_name) + "]", "Encoding=1"};
  for (const FieldSpec& row : entry_schema()) {
    if (row.block != KeyBlock::kHeader) continue;
    if (row.origin == KeyOrigin::kOpenRas && field_is_default(row, fields.entry)) continue;
    auto value = encode_field(row, fields.entry);
    if (!value) return fail(value.error());
    lines.push_back(key_value(row.key, *value));
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  // Long blobs go on several lines of one key, as Windows writes them.
  for (size_t i = 0; i < fields.custom_auth_data.size(); i += 64) {
    std::string line = std::string(kCustomAuthDataKey) + "=";
    for (size_t k = i; k < std::min(fields.custom_auth_data.size(), i + 64); ++k) {
      line += kHex[fields.custom_auth_data[k] >> 4];
      line += kHex[fields.custom_auth_data[k] & 0xF];
    }
    lines.push_back(std::move(line));
  }
  lines.insert(lines.end(), {"", "NETCOMPONENTS=", "ms_msclient=1", "ms_server=1"});
  for (size_t k = 0; k < fields.link_count(); ++k) {
    LinkFields link = fields.link(k);
    auto media = media_block(link);
    auto device = device_block(link, k == 0 ? &fields.entry : nullptr);
    if (!media) return fail(media.error());
    if (!device) return fail(device.error());
    lines.emplace_back();
    lines.insert(lines.end(), media->begin(), media->end());
    lines.emplace_back();
    lines.insert(lines.end(), device->begin(), device->end());
  }
  std::string out;
  for (const std::string& line : lines) {
    out += line;
    out += eol;
  }
  return out;
}

Result<std::string> edit_entry(std::string_view text, const Section& section,
                               const SectionLayout& layout, const EntryFields& current,
                               const EntryFields& updated, std::string_view eol) {
  SectionEditor editor(text, section, layout, eol);
  const Block& header = layout.blocks.front();
  for (const FieldSpec& row : entry_schema()) {
    if (row.block != KeyBlock::kHeader || field_equal(row, current.entry, updated.entry)) continue;
    if (auto ok = put_row(editor, layout, row, updated.entry, header.first, header.last,
                          layout.last_content_line(header));
        !ok) {
      return fail(ok.error());
    }
  }
  for (size_t k = 0; k < updated.link_count(); ++k) {
    LinkEditor link_editor(editor, layout, k);
    LinkFields before = k < current.link_count() ? current.link(k) : LinkFields{};
    auto ok = k == 0 ? link_editor.edit(before, updated.link(0), &current.entry, &updated.entry)
                     : link_editor.edit(before, updated.link(k), nullptr, nullptr);
    if (!ok) return fail(ok.error());
  }
  if (!editor.changed())
    return std::string(text.substr(section.begin, section.end - section.begin));
  return editor.render();
}

}  // namespace openras::phonebook
