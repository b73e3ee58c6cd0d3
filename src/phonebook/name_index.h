// name_index.h: entry name -> section, for a phone book's sections.
//
// Entry names compare case-insensitively for ASCII letters and exactly otherwise (INI
// section names are case-insensitive on Windows; folding only ASCII keeps the index
// independent of the locale). An open-addressing table of section numbers, so a
// 100,000-entry phone book costs 2 MB and no copy of the names.
// Immutable after build(); const members are thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "phonebook/ini_scan.h"

namespace openras::phonebook {

[[nodiscard]] bool names_equal(std::string_view a, std::string_view b) noexcept;

class NameIndex {
 public:
  // Indexes `sections` of `text`. A name given by several sections is indexed at its
  // first; every later one is reported in `duplicates` as (first, later).
  void build(std::string_view text, const std::vector<Section>& sections,
             std::vector<std::pair<size_t, size_t>>& duplicates);

  // The first section named `name`.
  [[nodiscard]] std::optional<size_t> find(std::string_view text,
                                           const std::vector<Section>& sections,
                                           std::string_view name) const;

 private:
  std::vector<uint64_t> slots_;  // hash tag | section number + 1; 0 is an empty slot
};

}  // namespace openras::phonebook
