#!/usr/bin/env python3
"""Turn transmit checksum offload off on one interface (ethtool -K IFACE tx
off, without ethtool): ETHTOOL_STXCSUM through SIOCETHTOOL.

A veth leaves the UDP checksum of the kernel's datagrams to an offload that
never happens (CHECKSUM_PARTIAL); the peer on net_af_packet then sees a
checksum that is not final and rightly drops the datagram. With the offload
off the kernel computes it, as a real NIC would.

Usage: tx-csum-off.py IFACE (in the interface's network namespace)
"""
import ctypes
import fcntl
import socket
import struct
import sys

SIOCETHTOOL = 0x8946
ETHTOOL_STXCSUM = 0x17


def main(argv):
    if len(argv) != 1:
        print(__doc__)
        return 2
    val = ctypes.create_string_buffer(struct.pack("II", ETHTOOL_STXCSUM, 0), 8)
    ifr = struct.pack("16sP", argv[0].encode(), ctypes.addressof(val))
    ifr += b"\0" * (40 - len(ifr))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        fcntl.ioctl(s.fileno(), SIOCETHTOOL, ifr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
