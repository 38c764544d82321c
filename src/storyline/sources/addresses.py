"""Which addresses Storyline may connect to: the SSRF guard's address rules, and name resolution.

A host is checked by the addresses it stands for: an IP literal (in any form a C resolver accepts, such as
"2130706433" or "0x7f.1"), or the addresses its name resolves to. An address is refused unless it is public.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable

from ..exceptions import FetchError, FetchRefused

# Addresses of cloud metadata services that the address classes alone do not refuse (the others, such as
# 169.254.169.254 and fd00:ec2::254, are link-local or private already).
METADATA = {ipaddress.ip_address("168.63.129.16"), ipaddress.ip_address("100.100.100.200")}
METADATA_NAMES = {"metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal"}
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # carries an IPv4 address in its last 32 bits

Resolver = Callable[[str], list[str]]  # host name -> its IP addresses (as strings)


def system_resolver(host: str) -> list[str]:
    try:
        return sorted({info[4][0] for info in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)})
    except (socket.gaierror, UnicodeError) as e:
        raise FetchError("dns-failed", host, str(e), transient=True) from None


def parse_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """``host`` as the IPv4 address a C resolver would read it as, in any of the inet_aton forms ("127.1",
    "2130706433", "0x7f000001", "0177.0.0.1"); None when it is not numeric (a DNS name)."""
    parts = host.rstrip(".").split(".")
    if not 1 <= len(parts) <= 4 or not all(re.fullmatch(r"0[xX][0-9a-fA-F]*|[0-9]+", p) for p in parts):
        return None
    try:
        values = [int(p, 16) if p[:2].lower() == "0x" else int(p, 8) if len(p) > 1 and p[0] == "0" else int(p)
                  for p in parts]
    except ValueError:  # "08": octal with a non-octal digit; no resolver reads that as an address
        raise FetchRefused("invalid-host", host, "not a valid numeric address") from None
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (5 - len(parts)):
        raise FetchRefused("invalid-host", host, "not a valid numeric address")
    number = last
    for i, v in enumerate(head):
        number += v << (24 - 8 * i)
    return ipaddress.IPv4Address(number)


def refusal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address must not be fetched from (None when it is public)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or (ipaddress.IPv4Address(int(address) & 0xFFFFFFFF) if address in NAT64 else None)
        if embedded is None and address.sixtofour:
            embedded = address.sixtofour
        if embedded is not None:
            return refusal(embedded)
    if address in METADATA:
        return "cloud metadata address"
    for kind in ("loopback", "private", "link_local", "multicast", "reserved", "unspecified"):
        if getattr(address, f"is_{kind}"):
            return f"{kind.replace('_', '-')} address"
    if not address.is_global:  # shared (100.64/10), documentation and benchmarking ranges and the like
        return "non-public address"
    return None
