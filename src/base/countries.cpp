// countries.cpp: see countries.h. The rows come from countries_table.inc, which
// tools/gen-countries writes into this folder's build directory.
#include "base/countries.h"

#include <algorithm>
#include <iterator>

namespace openras {

namespace {

constexpr Country kCountries[] = {
#include "countries_table.inc"
};

constexpr bool ids_ascend() {
  for (std::size_t i = 1; i < std::size(kCountries); ++i) {
    if (kCountries[i - 1].id >= kCountries[i].id) return false;
  }
  return true;
}
static_assert(ids_ascend(), "the generated country table must be sorted by id, each id once");
static_assert(kCountries[0].id == 1, "the country list starts at id 1, as Windows' does");

}  // namespace

std::span<const Country> countries() { return kCountries; }

const Country* find_country(uint32_t id) {
  const Country* end = std::end(kCountries);
  const Country* it =
      std::lower_bound(std::begin(kCountries), end, id,
                       [](const Country& c, uint32_t wanted) { return c.id < wanted; });
  return it == end || it->id != id ? nullptr : it;
}

std::optional<uint32_t> country_code_of(uint32_t id) {
  const Country* country = find_country(id);
  if (country == nullptr) return std::nullopt;
  return country->code;
}

}  // namespace openras
