// rtnl.h: one rtnetlink request at a time, each acknowledged (private to src/netif).
// Thread: one Rtnl per thread; it keeps the socket and the sequence number.
#pragma once

#include <linux/netlink.h>

#include <array>
#include <cstdint>
#include <string_view>

#include "base/result.h"
#include "base/unique_fd.h"
#include "netif/netif.h"
#include "netif/reply.h"

namespace openras::netif::detail {

class Rtnl {
 public:
  // A NETLINK_ROUTE socket asking for extended acks (the kernel's reason in words) and
  // capped acks (errors do not echo the whole request).
  [[nodiscard]] static Result<Rtnl> open();

  // A zeroed message of `type` in the request buffer, with room for an `Extra` header that
  // the caller fills through extra<Extra>() before adding attributes with libmnl.
  template <class Extra>
  nlmsghdr* start(uint16_t type, uint16_t flags, Extra** extra) {
    nlmsghdr* nlh = start_header(type, flags);
    *extra = static_cast<Extra*>(put_extra(nlh, sizeof(Extra)));
    return nlh;
  }
  // Sends the message made with start() (NLM_F_REQUEST|NLM_F_ACK added) and waits for the
  // kernel's answer, at most 5 seconds. The kernel's errno comes back as an Error whose
  // message starts with `what` ("setting the MTU of interface 7 to 1400").
  [[nodiscard]] Result<Reply> request(nlmsghdr* nlh, std::string_view what);
  [[nodiscard]] size_t buffer_size() const { return buffer_.size() * sizeof(uint32_t); }

 private:
  explicit Rtnl(UniqueFd fd) : fd_(std::move(fd)) {}
  nlmsghdr* start_header(uint16_t type, uint16_t flags);
  static void* put_extra(nlmsghdr* nlh, size_t size);

  UniqueFd fd_;
  uint32_t seq_ = 0;
  std::array<uint32_t, 2048> buffer_{};  // 8 KiB, aligned for nlmsghdr (MNL_SOCKET_BUFFER_SIZE)
};

// The kernel's errno as an Error: the code follows errno (ENODEV → kNotFound), the message is
// "<what>: <strerror> (<kernel's extended-ack text>)".
[[nodiscard]] Error kernel_error(int err, std::string_view what, std::string_view kernel_message);

}  // namespace openras::netif::detail
