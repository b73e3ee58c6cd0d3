// options.cpp: Configuration Option lists (see options.h).
#include "ppp/options.h"

namespace openras::ppp {

bool next_option(Reader& list, Option& out, bool& malformed) {
  if (list.empty()) return false;
  Bytes whole = list.rest();
  uint8_t type = 0;
  uint8_t length = 0;
  if (!list.u8(type) || !list.u8(length) || length < 2 || !list.sub(length - 2U, out.value)) {
    malformed = true;
    return false;
  }
  out.type = type;
  out.raw = whole.first(length);
  return true;
}

void put_option(std::vector<uint8_t>& out, uint8_t type, Bytes value) {
  Writer w(out);
  w.u8(type);
  w.u8(static_cast<uint8_t>(2 + value.size()));
  w.bytes(value);
}

void put_option_u16(std::vector<uint8_t>& out, uint8_t type, uint16_t value) {
  Writer w(out);
  w.u8(type);
  w.u8(4);
  w.u16(value);
}

void put_option_u32(std::vector<uint8_t>& out, uint8_t type, uint32_t value) {
  Writer w(out);
  w.u8(type);
  w.u8(6);
  w.u32(value);
}

void ConfigReply::nak(const Option& o, Bytes suggested) {
  if (reject_if_disagree_) {
    reject(o);
  } else {
    put_option(naked_, o.type, suggested);
  }
}

ReqVerdict ConfigReply::finish(std::vector<uint8_t>& out) {
  if (!rejected_.empty()) {
    out = std::move(rejected_);
    return ReqVerdict::kReject;
  }
  if (!naked_.empty()) {
    out = std::move(naked_);
    return ReqVerdict::kNak;
  }
  out = std::move(acked_);
  return ReqVerdict::kAck;
}

}  // namespace openras::ppp
