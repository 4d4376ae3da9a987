"""RiskExceptionConfiguration's CIDR lists against the caller's address."""

from __future__ import annotations

import ipaddress


def contains(ranges: list[str], address: str) -> bool:
    """Whether ``address`` is in any of ``ranges`` (CIDR); an unparsable entry matches nothing."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in ranges:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False
