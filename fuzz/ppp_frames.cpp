// Fuzz target: RFC 1662 deframing (src/ppp/framing.h). Input: one byte of settings (MRU
// class, FCS-16/32, receive ACCM on/off), then line bytes fed in uneven chunks. Every frame
// must fit the MRU, parse or be refused, and survive an encode/decode round trip intact.
#include <algorithm>
#include <cstdlib>
#include <vector>

#include "ppp/framing.h"

using namespace openras::ppp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t settings = data[0];
  const size_t mru = (settings & 3) == 0 ? 16 : (settings & 3) == 1 ? 128 : 1500;
  const FcsKind fcs = (settings & 4) ? FcsKind::k32 : FcsKind::k16;
  const uint32_t accm = (settings & 8) ? 0 : kDefaultAccm;
  FrameDecoder decoder(mru);
  decoder.set_fcs(fcs);
  decoder.set_receive_accm(accm);
  auto check = [&](Bytes frame) {
    if (frame.size() > mru + 8) std::abort();  // header, MRU, FCS-32 room
    FrameHeader h;
    if (!parse_frame_header(frame, h)) return;
    FrameEncoder encoder;
    encoder.set_fcs(fcs);
    encoder.set_send_accm(static_cast<uint32_t>(settings) * 0x01010101U);
    std::vector<uint8_t> line;
    encoder.encode(h.protocol, h.info, line);
    FrameDecoder again(mru + 8);
    again.set_fcs(fcs);
    again.set_receive_accm(0);
    size_t frames = 0;
    again.feed(line, [&](Bytes f) {
      FrameHeader h2;
      if (!parse_frame_header(f, h2) || h2.protocol != h.protocol ||
          !std::equal(h2.info.begin(), h2.info.end(), h.info.begin(), h.info.end())) {
        std::abort();
      }
      ++frames;
    });
    if (frames != 1) std::abort();
  };
  size_t pos = 1;
  size_t chunk = 1;
  while (pos < size) {
    size_t n = std::min(chunk, size - pos);
    decoder.feed(Bytes(data + pos, n), check);
    pos += n;
    chunk = chunk * 3 % 17 + 1;
  }
  return 0;
}
