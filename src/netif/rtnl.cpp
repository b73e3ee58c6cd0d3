// rtnl.cpp: the acknowledged rtnetlink request (rtnl.h) and get_link().
#include "netif/rtnl.h"

#include <libmnl/libmnl.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <cerrno>
#include <string>

namespace openras::netif {
namespace detail {

Result<Rtnl> Rtnl::open() {
  UniqueFd fd(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
  if (!fd) return fail_errno(errno, "opening an rtnetlink socket");
  const int on = 1;
  // Both are hints: an old kernel without them still answers, only more tersely.
  (void)::setsockopt(fd.get(), SOL_NETLINK, NETLINK_EXT_ACK, &on, sizeof on);
  (void)::setsockopt(fd.get(), SOL_NETLINK, NETLINK_CAP_ACK, &on, sizeof on);
  // A kernel always answers a request with NLM_F_ACK; the bound only keeps a bug from
  // hanging rasmand's caller forever.
  const timeval bound{5, 0};
  if (::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &bound, sizeof bound) != 0) {
    return fail_errno(errno, "bounding receives on the rtnetlink socket");
  }
  return Rtnl(std::move(fd));
}

nlmsghdr* Rtnl::start_header(uint16_t type, uint16_t flags) {
  buffer_.fill(0);
  nlmsghdr* nlh = mnl_nlmsg_put_header(buffer_.data());
  nlh->nlmsg_type = type;
  nlh->nlmsg_flags = static_cast<uint16_t>(NLM_F_REQUEST | NLM_F_ACK | flags);
  return nlh;
}

void* Rtnl::put_extra(nlmsghdr* nlh, size_t size) { return mnl_nlmsg_put_extra_header(nlh, size); }

Result<Reply> Rtnl::request(nlmsghdr* nlh, std::string_view what) {
  nlh->nlmsg_seq = ++seq_;
  const sockaddr_nl kernel{AF_NETLINK, 0, 0, 0};
  if (::sendto(fd_.get(), nlh, nlh->nlmsg_len, 0, reinterpret_cast<const sockaddr*>(&kernel),
               sizeof kernel) < 0) {
    return fail(errno_error(errno, "sending the request").with_context(what));
  }
  Reply reply;
  while (!reply.done) {
    sockaddr_nl from{};
    socklen_t from_size = sizeof from;
    const ssize_t got = ::recvfrom(fd_.get(), buffer_.data(), buffer_size(), 0,
                                   reinterpret_cast<sockaddr*>(&from), &from_size);
    if (got < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      if (err == EAGAIN) {
        return fail(Errc::kTimeout, std::string(what) + ": the kernel did not answer in 5 s");
      }
      return fail(errno_error(err, "reading the kernel's answer").with_context(what));
    }
    if (from.nl_pid != 0) continue;  // only the kernel speaks for itself
    const auto* bytes = reinterpret_cast<const uint8_t*>(buffer_.data());
    Status parsed = parse_reply({bytes, static_cast<size_t>(got)}, seq_, reply);
    if (!parsed) return fail(parsed.error().with_context(what));
  }
  if (reply.error != 0) return fail(kernel_error(reply.error, what, reply.kernel_message));
  return reply;
}

Error kernel_error(int err, std::string_view what, std::string_view kernel_message) {
  Error error = errno_error(err, what);
  // ENODEV is what rtnetlink says of an ifindex that is not there.
  if (err == ENODEV) error.code = Errc::kNotFound;
  if (!kernel_message.empty()) error.message += " (" + std::string(kernel_message) + ")";
  return error;
}

}  // namespace detail

Result<LinkInfo> get_link(unsigned ifindex) {
  auto rtnl = detail::Rtnl::open();
  if (!rtnl) return fail(rtnl.error());
  ifinfomsg* ifi = nullptr;
  nlmsghdr* nlh = rtnl->start(RTM_GETLINK, 0, &ifi);
  ifi->ifi_family = AF_UNSPEC;
  ifi->ifi_index = static_cast<int>(ifindex);
  const std::string what = "reading interface " + std::to_string(ifindex);
  auto reply = rtnl->request(nlh, what);
  if (!reply) return fail(reply.error());
  for (LinkInfo& link : reply->links) {
    if (link.ifindex == ifindex) return std::move(link);
  }
  return fail(Errc::kNotFound, what + ": the kernel's answer does not describe it");
}

}  // namespace openras::netif
