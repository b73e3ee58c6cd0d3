// reply.h: reading what the kernel answers on an rtnetlink socket (private to src/netif).
// The kernel is trusted, but these bytes are still parsed with every length checked: they are
// a wire format, and the fuzz target fuzz/netif_replies.cpp feeds this parser anything.
// Thread: any; no state.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "netif/netif.h"

namespace openras::netif::detail {

// What the datagrams answering one request said, accumulated over parse_reply calls.
struct Reply {
  bool done = false;            // the request's ack, error or NLMSG_DONE arrived
  int error = 0;                // the errno the kernel reported (positive), 0 for success
  std::string kernel_message;   // the extended ack's NLMSGERR_ATTR_MSG, when there is one
  std::vector<LinkInfo> links;  // RTM_NEWLINK messages of the request (a RTM_GETLINK's answer)
};

// Parses one datagram received on the socket whose request had sequence number `seq`.
// Messages with another sequence number (late answers to an earlier request) are skipped;
// a message after the request's end is ignored. kInvalidData, saying where, for a datagram
// whose lengths do not add up; `reply` may then hold part of what preceded.
[[nodiscard]] Status parse_reply(std::span<const uint8_t> datagram, uint32_t seq, Reply& reply);

}  // namespace openras::netif::detail
