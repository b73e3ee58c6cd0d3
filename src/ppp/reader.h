// reader.h: the only way PPP code looks at received bytes.
//
// A Reader is a cursor over a span that cannot move past its end: every read reports
// whether the bytes were there, and a length field taken from a packet can only ever
// narrow the view (sub()), never widen it. So a peer that lies about a length (pppd's
// CVE-2020-8597, an EAP length trusted for a memcpy) gets a failed read, not an overflow.
// Writer is its outgoing counterpart, appending big-endian fields to a vector.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace openras::ppp {

using Bytes = std::span<const uint8_t>;

class Reader {
 public:
  Reader() = default;
  explicit Reader(Bytes data) : data_(data) {}

  [[nodiscard]] size_t remaining() const { return data_.size() - pos_; }
  [[nodiscard]] bool empty() const { return remaining() == 0; }
  [[nodiscard]] Bytes rest() const { return data_.subspan(pos_); }

  [[nodiscard]] bool u8(uint8_t& v) {
    if (remaining() < 1) return false;
    v = data_[pos_++];
    return true;
  }
  [[nodiscard]] bool u16(uint16_t& v) {
    if (remaining() < 2) return false;
    v = static_cast<uint16_t>(data_[pos_] << 8 | data_[pos_ + 1]);
    pos_ += 2;
    return true;
  }
  [[nodiscard]] bool u32(uint32_t& v) {
    if (remaining() < 4) return false;
    v = static_cast<uint32_t>(data_[pos_]) << 24 | static_cast<uint32_t>(data_[pos_ + 1]) << 16 |
        static_cast<uint32_t>(data_[pos_ + 2]) << 8 | data_[pos_ + 3];
    pos_ += 4;
    return true;
  }
  // The next n bytes, consumed; false (nothing consumed) when fewer remain.
  [[nodiscard]] bool bytes(size_t n, Bytes& out) {
    if (remaining() < n) return false;
    out = data_.subspan(pos_, n);
    pos_ += n;
    return true;
  }
  [[nodiscard]] bool sub(size_t n, Reader& out) {
    Bytes b;
    if (!bytes(n, b)) return false;
    out = Reader(b);
    return true;
  }

 private:
  Bytes data_;
  size_t pos_ = 0;
};

class Writer {
 public:
  explicit Writer(std::vector<uint8_t>& out) : out_(out) {}
  void u8(uint8_t v) { out_.push_back(v); }
  void u16(uint16_t v) {
    out_.push_back(static_cast<uint8_t>(v >> 8));
    out_.push_back(static_cast<uint8_t>(v));
  }
  void u32(uint32_t v) {
    u16(static_cast<uint16_t>(v >> 16));
    u16(static_cast<uint16_t>(v));
  }
  void bytes(Bytes b) { out_.insert(out_.end(), b.begin(), b.end()); }
  void text(std::string_view s) { out_.insert(out_.end(), s.begin(), s.end()); }
  [[nodiscard]] size_t size() const { return out_.size(); }
  // Overwrites a 16-bit field written earlier (a length known only at the end).
  void patch_u16(size_t at, uint16_t v) {
    out_[at] = static_cast<uint8_t>(v >> 8);
    out_[at + 1] = static_cast<uint8_t>(v);
  }

 private:
  std::vector<uint8_t>& out_;
};

}  // namespace openras::ppp
