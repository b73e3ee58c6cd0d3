// fcs.cpp: slicing-by-16 FCS-16 and FCS-32 (see fcs.h).
#include "ppp/fcs.h"

#include <array>
#include <bit>
#include <cstring>

namespace openras::ppp {
namespace {

template <class T>
struct Tables {
  std::array<std::array<T, 256>, 16> t{};
};

// Table k maps a byte to its contribution after k further zero bytes, so sixteen bytes can
// be folded in at once.
template <class T>
constexpr Tables<T> make_tables(T poly) {
  Tables<T> tables;
  for (unsigned b = 0; b < 256; ++b) {
    T v = static_cast<T>(b);
    for (int i = 0; i < 8; ++i)
      v = (v & 1) ? static_cast<T>((v >> 1) ^ poly) : static_cast<T>(v >> 1);
    tables.t[0][b] = v;
  }
  for (size_t k = 1; k < 16; ++k) {
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

// The CRC of sixteen bytes (a: the first eight, the running CRC already folded in; b: the
// next eight), as sixteen independent table lookups.
template <class T>
inline T fold16(const std::array<std::array<T, 256>, 16>& t, uint64_t a, uint64_t b) {
  T r = 0;
  for (size_t i = 0; i < 8; ++i) {
    r = static_cast<T>(r ^ t[15 - i][(a >> (8 * i)) & 0xFF] ^ t[7 - i][(b >> (8 * i)) & 0xFF]);
  }
  return r;
}

}  // namespace

uint16_t fcs16(uint16_t fcs, Bytes data) noexcept {
  const uint8_t* p = data.data();
  size_t n = data.size();
  const auto& t = kT16.t;
  while (n >= 16) {
    uint64_t a = load_le64(p) ^ fcs;
    uint64_t b = load_le64(p + 8);
    fcs = static_cast<uint16_t>(fold16(t, a, b));
    p += 16;
    n -= 16;
  }
  while (n--) fcs = static_cast<uint16_t>((fcs >> 8) ^ t[0][(fcs ^ *p++) & 0xFF]);
  return fcs;
}

uint32_t fcs32(uint32_t fcs, Bytes data) noexcept {
  const uint8_t* p = data.data();
  size_t n = data.size();
  const auto& t = kT32.t;
  while (n >= 16) {
    uint64_t a = load_le64(p) ^ fcs;
    uint64_t b = load_le64(p + 8);
    fcs = fold16(t, a, b);
    p += 16;
    n -= 16;
  }
  while (n--) fcs = (fcs >> 8) ^ t[0][(fcs ^ *p++) & 0xFF];
  return fcs;
}

uint16_t fcs16_bytewise(uint16_t fcs, Bytes data) noexcept {
  for (uint8_t c : data) fcs = static_cast<uint16_t>((fcs >> 8) ^ kT16.t[0][(fcs ^ c) & 0xFF]);
  return fcs;
}

}  // namespace openras::ppp
