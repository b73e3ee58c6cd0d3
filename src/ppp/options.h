// options.h: Configuration Option lists (type, length, value; RFC 1661 section 6) as the
// control protocols read and answer them.
#pragma once

#include <cstdint>
#include <vector>

#include "ppp/fsm.h"
#include "ppp/reader.h"

namespace openras::ppp {

struct Option {
  uint8_t type = 0;
  Reader value;  // exactly the option's value bytes
  Bytes raw;     // type, length and value, as received
};

// Reads one option; false at the end, and also (with *malformed set) when a length is
// below 2 or runs past the list. A malformed list is discarded whole, never half-used.
[[nodiscard]] bool next_option(Reader& list, Option& out, bool& malformed);

void put_option(std::vector<uint8_t>& out, uint8_t type, Bytes value);
void put_option_u16(std::vector<uint8_t>& out, uint8_t type, uint16_t value);
void put_option_u32(std::vector<uint8_t>& out, uint8_t type, uint32_t value);

// Collects the answer to a Configure-Request: a Reject carries only rejected options, a
// Nak (when nothing is rejected) only the disputed ones with our values, an Ack all.
class ConfigReply {
 public:
  explicit ConfigReply(bool reject_if_disagree) : reject_if_disagree_(reject_if_disagree) {}
  void ack(const Option& o) { acked_.insert(acked_.end(), o.raw.begin(), o.raw.end()); }
  void reject(const Option& o) { rejected_.insert(rejected_.end(), o.raw.begin(), o.raw.end()); }
  // After Max-Failure Naks the option is rejected instead (RFC 1661 section 4.6).
  void nak(const Option& o, Bytes suggested);
  [[nodiscard]] ReqVerdict finish(std::vector<uint8_t>& out);

 private:
  bool reject_if_disagree_;
  std::vector<uint8_t> acked_, naked_, rejected_;
};

}  // namespace openras::ppp
