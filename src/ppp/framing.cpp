// framing.cpp: RFC 1662 framing (see framing.h).
#include "ppp/framing.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "ppp/fcs.h"

namespace openras::ppp {
namespace {

constexpr uint8_t kFlag = 0x7E;
constexpr uint8_t kEscape = 0x7D;
constexpr uint16_t kLcp = 0xC021;
constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHigh = 0x8080808080808080ULL;

inline uint64_t load_le64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  return v;
}

// High bit set in each byte of v that is zero. Bits above the first zero byte may be false
// positives (a borrow runs on), but the lowest set bit is always a real match, which is
// all find_special() uses.
inline uint64_t zero_bytes(uint64_t v) { return (v - kOnes) & ~v & kHigh; }
inline uint64_t bytes_below_0x20(uint64_t v) { return (v - kOnes * 0x20) & ~v & kHigh; }

// The first byte in [p, end) that is a flag, an escape, or (with `controls`) below 0x20.
inline const uint8_t* find_special(const uint8_t* p, const uint8_t* end, bool controls) {
  while (end - p >= 8) {
    uint64_t w = load_le64(p);
    uint64_t m = zero_bytes(w ^ (kOnes * kFlag)) | zero_bytes(w ^ (kOnes * kEscape));
    if (controls) m |= bytes_below_0x20(w);
    if (m != 0) return p + (std::countr_zero(m) >> 3);
    p += 8;
  }
  while (p < end && *p != kFlag && *p != kEscape && !(controls && *p < 0x20)) ++p;
  return p;
}

inline bool in_map(uint32_t accm, uint8_t c) { return c < 0x20 && ((accm >> c) & 1U) != 0; }

// Escapes [p, p+n) into w. Runs without specials are found eight bytes at a time and
// copied; around a special byte the next bytes go through a branch-free step (write the
// escape or the byte, then its flipped twin, advance by one or two), so dense lines do
// not pay a mispredicted branch per byte. `w` must have room for 2n bytes.
uint8_t* escape(const uint8_t* p, size_t n, uint8_t* w, const EscapeMap& map, bool controls) {
  const uint8_t* end = p + n;
  while (p < end) {
    const uint8_t* s = find_special(p, end, controls);
    if (s != p) std::memcpy(w, p, static_cast<size_t>(s - p));
    w += s - p;
    p = s;
    const uint8_t* stop = p + std::min<ptrdiff_t>(16, end - p);
    while (p < stop) {
      const uint8_t c = *p++;
      const uint8_t e = map[c];
      w[0] = e != 0 ? kEscape : c;
      w[1] = c ^ 0x20;
      w += 1 + e;
    }
  }
  return w;
}

}  // namespace

void FrameDecoder::set_mru(size_t mru) {
  // Room for address, control, a two-byte protocol and the longest FCS around the MRU.
  buf_.assign(4 + mru + 4, 0);
  len_ = 0;
  hunting_ = true;
}

void FrameDecoder::append(const uint8_t* p, size_t n) {
  if (overrun_ || n == 0) return;
  if (n > buf_.size() - len_) {
    overrun_ = true;
    return;
  }
  std::memcpy(buf_.data() + len_, p, n);
  len_ += n;
}

void FrameDecoder::end_of_frame(void (*cb)(void*, Bytes), void* ctx) {
  const size_t fcs_len = fcs_ == FcsKind::k16 ? 2 : 4;
  if (escaped_) {
    ++counters_.framing_errors;  // 7D 7E: the sender aborted this frame
  } else if (overrun_) {
    ++counters_.overruns;
  } else if (len_ == 0) {
    // back-to-back flags: an idle line, not an error
  } else if (len_ < fcs_len + 1) {
    ++counters_.framing_errors;
  } else {
    Bytes all(buf_.data(), len_);
    bool good = fcs_ == FcsKind::k16 ? fcs16(kFcs16Init, all) == kFcs16Good
                                     : fcs32(kFcs32Init, all) == kFcs32Good;
    if (good) {
      ++counters_.frames;
      cb(ctx, all.first(len_ - fcs_len));
    } else {
      ++counters_.crc_errors;
    }
  }
  len_ = 0;
  escaped_ = false;
  overrun_ = false;
}

void FrameDecoder::feed_impl(Bytes line, void (*cb)(void*, Bytes), void* ctx) {
  counters_.bytes += line.size();
  const uint8_t* p = line.data();
  const uint8_t* const end = p + line.size();
  const bool controls = accm_ != 0;
  while (p < end) {
    if (hunting_) {
      const void* f = std::memchr(p, kFlag, static_cast<size_t>(end - p));
      if (f == nullptr) {
        counters_.garbage_bytes += static_cast<uint64_t>(end - p);
        return;
      }
      const uint8_t* flag = static_cast<const uint8_t*>(f);
      counters_.garbage_bytes += static_cast<uint64_t>(flag - p);
      p = flag + 1;
      hunting_ = false;
      len_ = 0;
      continue;
    }
    if (escaped_) {  // the byte after an escape, possibly in a later feed()
      uint8_t c = *p++;
      if (c == kFlag) {
        end_of_frame(cb, ctx);  // 7D 7E: an abort
      } else if (!in_map(accm_, c)) {
        escaped_ = false;
        c ^= 0x20;
        append(&c, 1);
      }
      continue;
    }
    // A run of ordinary bytes, copied whole.
    const uint8_t* s = find_special(p, end, controls);
    append(p, static_cast<size_t>(s - p));
    p = s;
    if (p == end) break;
    uint8_t c = *p++;
    if (c == kFlag) {
      end_of_frame(cb, ctx);
    } else if (c == kEscape) {
      // Escaped pairs, taken here while they last: a line where most bytes are escaped
      // spends its time in this loop, not in find_special().
      uint8_t* w = buf_.data() + len_;
      uint8_t* const limit = buf_.data() + buf_.size();
      bool pending = true;
      while (pending) {
        if (p == end || *p == kFlag) break;  // partner in a later feed(), or an abort
        uint8_t e = *p++;
        if (in_map(accm_, e)) continue;  // inserted on the way; the escape still waits
        if (overrun_ || w == limit) {
          overrun_ = true;
        } else {
          *w++ = e ^ 0x20;
        }
        pending = p < end && *p == kEscape;
        if (pending) ++p;
      }
      len_ = static_cast<size_t>(w - buf_.data());
      escaped_ = pending;  // the escaped branch above finishes it
    } else if (!in_map(accm_, c)) {
      append(&c, 1);  // a control character the peer was not asked to escape
    }
  }
}

EscapeMap make_escape_map(uint32_t accm) {
  EscapeMap map{};
  for (unsigned c = 0; c < 256; ++c) {
    map[c] = (c == kFlag || c == kEscape || in_map(accm, static_cast<uint8_t>(c))) ? 1 : 0;
  }
  return map;
}

const EscapeMap& default_map() {
  static const EscapeMap map = make_escape_map(kDefaultAccm);
  return map;
}

bool parse_frame_header(Bytes frame, FrameHeader& out) {
  Reader r(frame);
  if (frame.size() >= 1 && frame[0] == 0xFF) {
    uint8_t address = 0;
    uint8_t control = 0;
    if (!r.u8(address) || !r.u8(control) || control != 0x03) return false;
  }
  uint8_t hi = 0;
  if (!r.u8(hi)) return false;
  if (hi & 1U) {
    out.protocol = hi;  // compressed protocol field (PFC)
  } else {
    uint8_t lo = 0;
    if (!r.u8(lo) || (lo & 1U) == 0) return false;  // protocol numbers are odd
    out.protocol = static_cast<uint16_t>(hi << 8 | lo);
  }
  out.info = r.rest();
  return true;
}

void FrameEncoder::encode(uint16_t protocol, Bytes info, std::vector<uint8_t>& out) {
  const bool lcp_config = protocol == kLcp && !info.empty() && info[0] >= 1 && info[0] <= 7;
  const EscapeMap& map = lcp_config ? default_map() : map_;
  const bool controls = lcp_config || accm_ != 0;
  uint8_t header[4];
  size_t h = 0;
  if (!acfc_ || lcp_config) {
    header[h++] = 0xFF;
    header[h++] = 0x03;
  }
  if (!pfc_ || lcp_config || protocol > 0xFF) header[h++] = static_cast<uint8_t>(protocol >> 8);
  header[h++] = static_cast<uint8_t>(protocol);

  uint8_t trailer[4];
  size_t t = 0;
  if (fcs_ == FcsKind::k16) {
    uint16_t f = fcs16(fcs16(kFcs16Init, Bytes(header, h)), info) ^ 0xFFFF;
    trailer[t++] = static_cast<uint8_t>(f);
    trailer[t++] = static_cast<uint8_t>(f >> 8);
  } else {
    uint32_t f = ~fcs32(fcs32(kFcs32Init, Bytes(header, h)), info);
    for (int i = 0; i < 4; ++i) trailer[t++] = static_cast<uint8_t>(f >> (8 * i));
  }

  const size_t start = out.size();
  out.resize(start + 2 + 2 * (h + info.size() + t));
  uint8_t* w = out.data() + start;
  *w++ = kFlag;
  w = escape(header, h, w, map, controls);
  w = escape(info.data(), info.size(), w, map, controls);
  w = escape(trailer, t, w, map, controls);
  *w++ = kFlag;
  out.resize(static_cast<size_t>(w - out.data()));
  ++counters_.frames;
  counters_.bytes += out.size() - start;
}

}  // namespace openras::ppp
