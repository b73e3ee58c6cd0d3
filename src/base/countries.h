// countries.h: the TAPI country list (docs/devices.md "Countries"), generated at build time
// by tools/gen-countries from Debian's maintained data and compiled in here, in base, so
// both its users reach it through their allowed layers: RasGetCountryInfo (rasapi) walks
// it, and a built-in dial (session's compose_number) turns an entry's dwCountryID into
// its calling code when dwCountryCode is 0. Constant data; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

namespace openras {

struct Country {
  uint32_t id;       // the TAPI country id (RASENTRY.dwCountryID, CountryID=)
  uint32_t code;     // the calling code (dwCountryCode)
  const char* name;  // English, UTF-8
};

// Every country, by ascending id, each id once; the first has id 1.
[[nodiscard]] std::span<const Country> countries();

// The country with this id, or nullptr.
[[nodiscard]] const Country* find_country(uint32_t id);

// The calling code of the country with this id; nullopt for an id that is no country.
[[nodiscard]] std::optional<uint32_t> country_code_of(uint32_t id);

}  // namespace openras
