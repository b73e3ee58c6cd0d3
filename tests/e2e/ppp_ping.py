#!/usr/bin/env python3
"""ppp_ping.py ADDRESS INTERFACE [SECONDS]: one ICMP (or ICMPv6) echo through INTERFACE.

For the PPP end-to-end tests: this machine has no ping(8). Sends an echo request with a
random identifier and payload to ADDRESS (IPv4, or IPv6 such as a link-local fe80::...)
out of INTERFACE (SO_BINDTODEVICE, and the scope of a link-local address), once a second,
and exits 0 at the first echo reply from ADDRESS that carries the same identifier and
payload; exits 1 when SECONDS (default 20) pass without one. Prints what it got. Needs
root (raw sockets)."""
import ipaddress
import os
import select
import socket
import struct
import sys
import time


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    address, interface = sys.argv[1], sys.argv[2]
    seconds = float(sys.argv[3]) if len(sys.argv) == 4 else 20.0
    v6 = ipaddress.ip_address(address).version == 6
    if v6:
        sock = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
        target = (address, 0, 0, socket.if_nametoindex(interface))
        request_type, reply_type = 128, 129
    else:
        sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
        target = (address, 0)
        request_type, reply_type = 8, 0
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, interface.encode())
    ident = int.from_bytes(os.urandom(2), "big")
    payload = b"openras ppp_ping " + os.urandom(8).hex().encode()
    deadline = time.monotonic() + seconds
    seq = 0
    while time.monotonic() < deadline:
        seq += 1
        header = struct.pack("!BBHHH", request_type, 0, 0, ident, seq)
        packet = header + payload
        if not v6:  # the kernel fills in ICMPv6's checksum (it needs the pseudo-header)
            packet = header[:2] + struct.pack("!H", checksum(packet)) + header[4:] + payload
        sock.sendto(packet, target)
        until = min(deadline, time.monotonic() + 1.0)
        while time.monotonic() < until:
            ready, _, _ = select.select([sock], [], [], max(0.0, until - time.monotonic()))
            if not ready:
                break
            data, source = sock.recvfrom(65535)
            if not v6:
                data = data[(data[0] & 15) * 4:]  # IPv4 raw sockets get the IP header
            if ipaddress.ip_address(source[0].split("%")[0]) != ipaddress.ip_address(address):
                continue
            if len(data) < 8 or data[0] != reply_type:
                continue
            if struct.unpack("!H", data[4:6])[0] != ident or data[8:] != payload:
                continue
            print("echo reply from %s seq=%d (%d bytes) on %s" % (address, seq, len(data), interface))
            return 0
    print("no echo reply from %s on %s in %g s" % (address, interface, seconds), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
