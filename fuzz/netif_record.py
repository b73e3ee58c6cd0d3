#!/usr/bin/env python3
# netif_record.py: records what the kernel answers to rtnetlink requests like src/netif's,
# for the corpus of the `netif` fuzz target (fuzz/corpus/netif/). Run as root in a network
# namespace of its own, so nothing of the machine's is touched:
#   unshare -n python3 fuzz/netif_record.py fuzz/corpus/netif
# Every request has sequence number 1 but one (7, an answer the parser must skip);
# getlink-lo-one-datagram is getlink-lo-0 and getlink-lo-1 concatenated by hand.
import os
import socket
import struct
import sys

out = sys.argv[1]
SOL_NETLINK, NETLINK_CAP_ACK, NETLINK_EXT_ACK = 270, 10, 11
RTM_NEWLINK, RTM_GETLINK, RTM_NEWADDR, RTM_NEWROUTE = 16, 18, 20, 24
REQ, ACK, DUMP, CREATE, REPLACE = 1, 4, 0x300, 0x400, 0x100
IFLA_IFNAME, IFLA_MTU, IFA_ADDRESS, IFA_LOCAL, RTA_OIF = 3, 4, 1, 2, 4


def sock(capped):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
    s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
    s.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1 if capped else 0)
    s.settimeout(2)
    return s


def attr(kind, data):
    size = 4 + len(data)
    return struct.pack('HH', size, kind) + data + b'\0' * ((4 - size % 4) % 4)


def msg(kind, flags, body, seq=1):
    return struct.pack('IHHII', 16 + len(body), kind, flags, seq, 0) + body


def ifinfo(index, flags=0, change=0):
    return struct.pack('BBHiII', 0, 0, 0, index, flags, change)


def exchange(s, request, name, answers=1):
    s.send(request)
    for i in range(answers):
        suffix = '-%d' % i if answers > 1 else ''
        with open(os.path.join(out, name + suffix), 'wb') as f:
            f.write(s.recv(65536))


capped, uncapped = sock(True), sock(False)
too_long = attr(IFLA_IFNAME, b'a-name-far-too-long-for-linux\0')
exchange(capped, msg(RTM_GETLINK, REQ | ACK, ifinfo(1)), 'getlink-lo', 2)
exchange(capped, msg(RTM_NEWLINK, REQ | ACK, ifinfo(4242) + attr(IFLA_MTU, struct.pack('I', 1400))),
         'mtu-missing-ifindex')
mtu20 = msg(RTM_NEWLINK, REQ | ACK, ifinfo(1) + attr(IFLA_MTU, struct.pack('I', 20)))
exchange(capped, mtu20, 'lo-mtu-20-ack')
exchange(uncapped, mtu20, 'lo-mtu-20-ack-uncapped')
exchange(capped, msg(RTM_NEWLINK, REQ | ACK, ifinfo(1, 1, 1)), 'up-ack')
lo = bytes([127, 1, 2, 3])
exchange(capped, msg(RTM_NEWADDR, REQ | ACK | CREATE | REPLACE, struct.pack('BBBBI', 2, 8, 0, 0, 1)
                     + attr(IFA_LOCAL, lo) + attr(IFA_ADDRESS, lo)), 'newaddr-enobufs')
exchange(capped, msg(RTM_NEWADDR, REQ | ACK | CREATE, struct.pack('BBBBI', 2, 40, 0, 0, 1)
                     + attr(IFA_LOCAL, lo)), 'newaddr-bad-prefix')
exchange(capped, msg(RTM_NEWROUTE, REQ | ACK | CREATE, struct.pack('BBBBBBBBI', 2, 0, 0, 0, 254, 4,
                                                                  253, 1, 0)
                     + attr(RTA_OIF, struct.pack('I', 4242))), 'route-bad-oif')
exchange(capped, msg(RTM_NEWLINK, REQ | ACK, ifinfo(1) + too_long), 'ifname-too-long')
exchange(uncapped, msg(RTM_NEWLINK, REQ | ACK, ifinfo(1) + too_long), 'ifname-too-long-uncapped')
exchange(capped, msg(RTM_GETLINK, REQ | DUMP, ifinfo(0)), 'dump-links', 2)
exchange(uncapped, msg(RTM_NEWLINK, REQ | ACK, ifinfo(1, 1, 1), seq=7), 'ack-other-seq')
