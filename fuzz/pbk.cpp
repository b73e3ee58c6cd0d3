// pbk.cpp (fuzz): the phone-book parser and editor on arbitrary bytes.
//
// Never crashes, and for every section it can read: an edit that changes nothing changes
// no byte; an edit of two fields reads back as exactly those fields and leaves the rest
// of the file byte-for-byte; and a new section rendered from the fields reads back equal.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "phonebook/entry_codec.h"
#include "phonebook/field_codec.h"
#include "phonebook/phonebook_file.h"
#include "phonebook/section_layout.h"

namespace {

using namespace openras::phonebook;

void check(bool condition) {
  if (!condition) std::abort();
}

void check_section(const Snapshot& snapshot, size_t index) {
  std::string_view text = snapshot.text();
  const Section& section = snapshot.sections()[index];
  auto layout = parse_layout(text, section);
  if (!layout) return;
  auto current = decode_entry(text, *layout);
  if (!current) return;
  std::string_view original = text.substr(section.begin, section.end - section.begin);

  auto same = edit_entry(text, section, *layout, *current, *current, snapshot.eol());
  check(same && *same == original);

  EntryFields updated = *current;
  check(set_string_member(updated.entry, field_for_member("szCustomDialDll"),
                          L"/usr/lib/openras/dialer.so")
            .has_value());
  updated.entry.dwfOptions ^= RASEO_SwCompression;
  auto edited = edit_entry(text, section, *layout, *current, updated, snapshot.eol());
  check(edited.has_value());
  std::string next =
      std::string(text.substr(0, section.begin)) + *edited + std::string(text.substr(section.end));
  auto rebuilt = Snapshot::build("fuzz.pbk", next, std::nullopt);
  check(rebuilt->sections().size() == snapshot.sections().size());
  const Section& changed = rebuilt->sections()[index];
  auto changed_layout = parse_layout(next, changed);
  check(changed_layout.has_value());
  auto reread = decode_entry(next, *changed_layout);
  check(reread && same_fields(*reread, updated));

  auto rendered = render_entry(snapshot.name(index), *current, snapshot.eol());
  if (!rendered) return;  // e.g. a value with a character UTF-8 cannot carry
  auto fresh = Snapshot::build("fresh.pbk", *rendered, std::nullopt);
  check(fresh->sections().size() == 1 && !fresh->problem());
  auto fresh_layout = parse_layout(fresh->text(), fresh->sections()[0]);
  check(fresh_layout.has_value());
  auto fresh_fields = decode_entry(fresh->text(), *fresh_layout);
  check(fresh_fields && same_fields(*fresh_fields, *current));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto snapshot = Snapshot::build("fuzz.pbk", text, std::nullopt);
  size_t previous_end = 0;
  for (const Section& s : snapshot->sections()) {
    check(s.begin >= previous_end && s.begin < s.body && s.body <= s.end && s.end <= text.size());
    previous_end = s.end;
  }
  if (snapshot->problem()) return 0;
  for (size_t i = 0; i < snapshot->sections().size() && i < 64; ++i) {
    if (snapshot->check_unique(i)) check_section(*snapshot, i);
  }
  return 0;
}
