"""Which region a request speaks to, so one emulator serves every region on one port.

A signed call names it in its SigV4 credential scope (``Credential=AKID/20250101/us-west-2/
cognito-idp/aws4_request``), as the AWS endpoint's host would; an unsigned one (SignUp,
InitiateAuth, GetId...) by the pool it names (``us-west-2_AbC...``, ``us-west-2:<uuid>``).
Anything else: the emulator's ``--region``, the default.
"""

from __future__ import annotations

import re
from typing import Any

from emulator.state.ids import REGION

_SCOPE = re.compile(r"Credential=[^/,\s]*/\d{8}/([^/,\s]+)/[^/,\s]+/aws4_request")
_NAMED_BY = (("UserPoolId", "_"), ("IdentityPoolId", ":"), ("IdentityId", ":"))


def request_region(authorization: str | None, params: dict[str, Any], default: str) -> str:
    if authorization:
        found = _SCOPE.search(authorization)
        if found and REGION.fullmatch(found.group(1)):
            return found.group(1)
    for member, separator in _NAMED_BY:
        value = params.get(member)
        if isinstance(value, str) and separator in value:
            region = value.partition(separator)[0]
            if REGION.fullmatch(region):
                return region
    return default
