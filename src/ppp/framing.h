// framing.h: RFC 1662 asynchronous HDLC-like framing.
//
// FrameDecoder turns line bytes into frames: it hunts for a flag, removes escapes and
// control characters the receive ACCM says a DCE may have inserted, checks the FCS and
// enforces the MRU with a buffer sized once (a frame that grows past it is an overrun and
// is dropped until the next flag; nothing is allocated per frame or per byte).
// FrameEncoder does the reverse with the send ACCM. The two maps are separate, as LCP
// negotiates them separately (our ACCM option sets what the peer escapes towards us).
// Runs of ordinary bytes are found eight at a time (SWAR) and copied with memcpy.
// Thread: neither is thread-safe; each belongs to one link.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "ppp/reader.h"

namespace openras::ppp {

enum class FcsKind : uint8_t { k16, k32 };

inline constexpr uint32_t kDefaultAccm = 0xFFFFFFFF;
inline constexpr size_t kDefaultMru = 1500;

struct FramingCounters {
  uint64_t frames = 0;          // good frames (in) or frames sent (out)
  uint64_t bytes = 0;           // line bytes, flags and escapes included
  uint64_t crc_errors = 0;      // frames whose FCS did not check
  uint64_t framing_errors = 0;  // aborted (7D 7E) or too short to hold a protocol and FCS
  uint64_t overruns = 0;        // frames longer than the MRU allows, dropped
  uint64_t garbage_bytes = 0;   // bytes outside any frame while hunting for a flag
};

class FrameDecoder {
 public:
  explicit FrameDecoder(size_t mru = kDefaultMru) { set_mru(mru); }

  // The largest information field accepted. The buffer is sized here, never while decoding.
  void set_mru(size_t mru);
  void set_receive_accm(uint32_t accm) { accm_ = accm; }
  void set_fcs(FcsKind fcs) { fcs_ = fcs; }
  [[nodiscard]] const FramingCounters& counters() const { return counters_; }

  // Decodes line bytes, calling on_frame(Bytes) for each frame with a good FCS: address and
  // control (unless compressed), protocol and information, FCS removed. The span is valid
  // only during the call. Partial frames are kept for the next feed().
  template <class F>
  void feed(Bytes line, F&& on_frame) {
    using Fn = std::remove_reference_t<F>;
    feed_impl(
        line, [](void* ctx, Bytes frame) { (*static_cast<Fn*>(ctx))(frame); },
        const_cast<void*>(static_cast<const void*>(&on_frame)));
  }

 private:
  void feed_impl(Bytes line, void (*cb)(void*, Bytes), void* ctx);
  void end_of_frame(void (*cb)(void*, Bytes), void* ctx);
  void append(const uint8_t* p, size_t n);

  std::vector<uint8_t> buf_;
  size_t len_ = 0;
  uint32_t accm_ = kDefaultAccm;
  FcsKind fcs_ = FcsKind::k16;
  bool hunting_ = true;  // no flag seen yet (start, or after an abort/overrun)
  bool escaped_ = false;
  bool overrun_ = false;
  FramingCounters counters_;
};

struct FrameHeader {
  uint16_t protocol = 0;
  Bytes info;
};

// Splits a decoded frame into protocol and information, accepting a compressed address
// and control field and a compressed protocol field whether or not they were negotiated
// (RFC 1661 asks receivers to be liberal). An error for a frame with a bad address or
// control byte or an invalid protocol number.
[[nodiscard]] bool parse_frame_header(Bytes frame, FrameHeader& out);

// 1 for each byte value that must be escaped under some ACCM (flag, escape, map bits).
using EscapeMap = std::array<uint8_t, 256>;
[[nodiscard]] EscapeMap make_escape_map(uint32_t accm);
[[nodiscard]] const EscapeMap& default_map();

class FrameEncoder {
 public:
  void set_send_accm(uint32_t accm) {
    accm_ = accm;
    map_ = make_escape_map(accm);
  }
  void set_fcs(FcsKind fcs) { fcs_ = fcs; }
  void set_acfc(bool on) { acfc_ = on; }
  void set_pfc(bool on) { pfc_ = on; }
  [[nodiscard]] uint32_t send_accm() const { return accm_; }
  [[nodiscard]] const FramingCounters& counters() const { return counters_; }

  // Appends one frame (flag, header, escaped information, FCS, flag) to `out`. LCP
  // Configure/Terminate/Code-Reject packets go with the default options whatever was
  // negotiated, as RFC 1662 section 7 requires.
  void encode(uint16_t protocol, Bytes info, std::vector<uint8_t>& out);

 private:
  uint32_t accm_ = kDefaultAccm;
  EscapeMap map_ = default_map();
  FcsKind fcs_ = FcsKind::k16;
  bool acfc_ = false;
  bool pfc_ = false;
  FramingCounters counters_;
};

}  // namespace openras::ppp
