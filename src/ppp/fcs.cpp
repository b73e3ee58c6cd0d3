// fcs.cpp: slicing-by-8 FCS-16 and FCS-32 (see fcs.h).
#include "ppp/fcs.h"

#include <array>
#include <bit>
#include <cstring>

namespace openras::ppp {
namespace {

template <class T>
struct Tables {
  std::array<std::array<T, 256>, 8> t{};
};

// Table k maps a byte to its contribution after k further zero bytes, so eight bytes can be
// folded in at once.
template <class T>
constexpr Tables<T> make_tables(T poly) {
  Tables<T> tables;
  for (unsigned b = 0; b < 256; ++b) {
    T v = static_cast<T>(b);
    for (int i = 0; i < 8; ++i)
      v = (v & 1) ? static_cast<T>((v >> 1) ^ poly) : static_cast<T>(v >> 1);
    tables.t[0][b] = v;
  }
  for (size_t k = 1; k < 8; ++k) {
    for (size_t b = 0; b < 256; ++b) {
      T prev = tables.t[k - 1][b];
      tables.t[k][b] = static_cast<T>((prev >> 8) ^ tables.t[0][prev & 0xFF]);
    }
  }
  return tables;
}

constexpr Tables<uint16_t> kT16 = make_tables<uint16_t>(0x8408);
constexpr Tables<uint32_t> kT32 = make_tables<uint32_t>(0xEDB88320);

inline uint64_t load_le64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  return v;
}

}  // namespace

uint16_t fcs16(uint16_t fcs, Bytes data) noexcept {
  const uint8_t* p = data.data();
  size_t n = data.size();
  const auto& t = kT16.t;
  while (n >= 8) {
    uint64_t w = load_le64(p) ^ fcs;
    fcs = static_cast<uint16_t>(t[7][w & 0xFF] ^ t[6][(w >> 8) & 0xFF] ^ t[5][(w >> 16) & 0xFF] ^
                                t[4][(w >> 24) & 0xFF] ^ t[3][(w >> 32) & 0xFF] ^
                                t[2][(w >> 40) & 0xFF] ^ t[1][(w >> 48) & 0xFF] ^ t[0][w >> 56]);
    p += 8;
    n -= 8;
  }
  while (n--) fcs = static_cast<uint16_t>((fcs >> 8) ^ t[0][(fcs ^ *p++) & 0xFF]);
  return fcs;
}

uint32_t fcs32(uint32_t fcs, Bytes data) noexcept {
  const uint8_t* p = data.data();
  size_t n = data.size();
  const auto& t = kT32.t;
  while (n >= 8) {
    uint64_t w = load_le64(p) ^ fcs;
    fcs = t[7][w & 0xFF] ^ t[6][(w >> 8) & 0xFF] ^ t[5][(w >> 16) & 0xFF] ^ t[4][(w >> 24) & 0xFF] ^
          t[3][(w >> 32) & 0xFF] ^ t[2][(w >> 40) & 0xFF] ^ t[1][(w >> 48) & 0xFF] ^ t[0][w >> 56];
    p += 8;
    n -= 8;
  }
  while (n--) fcs = (fcs >> 8) ^ t[0][(fcs ^ *p++) & 0xFF];
  return fcs;
}

uint16_t fcs16_bytewise(uint16_t fcs, Bytes data) noexcept {
  for (uint8_t c : data) fcs = static_cast<uint16_t>((fcs >> 8) ^ kT16.t[0][(fcs ^ c) & 0xFF]);
  return fcs;
}

}  // namespace openras::ppp
