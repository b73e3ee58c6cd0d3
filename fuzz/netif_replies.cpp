// Fuzz target: the rtnetlink answer parser (src/netif/reply.h). Input: one datagram as the
// kernel sends it. Corpus in corpus/netif/: real answers recorded by netif_record.py (acks,
// errors with and without extended-ack attributes, capped and not, RTM_NEWLINK replies and a
// dump), parsed as the answer to request 1 and to the first message's own number.
#include <linux/netlink.h>
#include <cstring>

#include "netif/reply.h"

using namespace openras;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::span<const uint8_t> datagram(data, size);
  uint32_t own = 1;
  if (size >= sizeof(nlmsghdr)) std::memcpy(&own, data + offsetof(nlmsghdr, nlmsg_seq), 4);
  for (uint32_t seq : {uint32_t{1}, own}) {
    netif::detail::Reply reply;
    Status parsed = netif::detail::parse_reply(datagram, seq, reply);
    // What a caller relies on: an error is a positive errno, and only with an answer.
    if (parsed && (reply.error < 0 || reply.error > 4095 || (!reply.done && reply.error != 0))) {
      __builtin_trap();
    }
    if (!parsed && parsed.error().code != Errc::kInvalidData) __builtin_trap();
  }
  return 0;
}
