// name_index.cpp: open-addressing index of section names (see name_index.h).
#include "phonebook/name_index.h"

#include <algorithm>
#include <bit>

#include "base/ascii.h"

namespace openras::phonebook {

namespace {

uint64_t hash_name(std::string_view name) {
  uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a, then a final mix so both halves vary
  for (char c : name) {
    h ^= ascii_fold(c);
    h *= 0x100000001b3ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  return h ^ (h >> 33);
}

std::string_view name_of(std::string_view text, const Section& s) {
  return text.substr(s.name_begin, s.name_size);
}

}  // namespace

bool names_equal(std::string_view a, std::string_view b) noexcept { return ascii_iequal(a, b); }

// A slot holds the section number + 1 in its low half and the hash's high bits in its
// high half, so a probe touches the (large, cold) text only when the hashes agree.
void NameIndex::build(std::string_view text, const std::vector<Section>& sections,
                      std::vector<std::pair<size_t, size_t>>& duplicates) {
  size_t capacity = std::bit_ceil(std::max<size_t>(16, sections.size() * 2));
  slots_.assign(capacity, 0);
  const size_t mask = capacity - 1;
  for (size_t i = 0; i < sections.size(); ++i) {
    std::string_view name = name_of(text, sections[i]);
    uint64_t hash = hash_name(name);
    uint64_t tag = hash & 0xFFFFFFFF00000000ull;
    for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
      if (slots_[slot] == 0) {
        slots_[slot] = tag | (i + 1);
        break;
      }
      if ((slots_[slot] & 0xFFFFFFFF00000000ull) != tag) continue;
      size_t other = (slots_[slot] & 0xFFFFFFFFu) - 1;
      if (names_equal(name_of(text, sections[other]), name)) {
        duplicates.emplace_back(other, i);
        break;
      }
    }
  }
}

std::optional<size_t> NameIndex::find(std::string_view text, const std::vector<Section>& sections,
                                      std::string_view name) const {
  if (slots_.empty()) return std::nullopt;
  const size_t mask = slots_.size() - 1;
  uint64_t hash = hash_name(name);
  uint64_t tag = hash & 0xFFFFFFFF00000000ull;
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    if (slots_[slot] == 0) return std::nullopt;
    if ((slots_[slot] & 0xFFFFFFFF00000000ull) != tag) continue;
    size_t index = (slots_[slot] & 0xFFFFFFFFu) - 1;
    if (names_equal(name_of(text, sections[index]), name)) return index;
  }
}

}  // namespace openras::phonebook
