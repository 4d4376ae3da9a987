"""What a pasted JWT says, and whether this emulator signed it.

Header and claims are decoded without trusting them; the signature is then checked with PyJWT
against the key the header's ``kid`` names among the emulator's pools' keys. Expiry is judged by
the emulator's clock (it may have been advanced), not by the wall clock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import jwt

from emulator.tokens.keys import KeyRing
from emulator.ui import timefmt

TIME_CLAIMS = ("exp", "iat", "auth_time", "nbf")


@dataclass(frozen=True, slots=True)
class Verdict:
    ok: bool
    text: str


@dataclass(slots=True)
class Inspection:
    """``problem`` set: the text is no JWT; otherwise the parts below are filled in."""

    problem: str | None = None
    header: dict[str, Any] = field(default_factory=dict)
    claims: dict[str, Any] = field(default_factory=dict)
    signature: Verdict | None = None
    expiry: Verdict | None = None
    key_pool: str | None = None  # the pool whose key signed it
    times: list[tuple[str, str, str]] = field(default_factory=list)  # claim, UTC time, relative

    @property
    def header_json(self) -> str:
        return json.dumps(self.header, indent=2, ensure_ascii=False)

    @property
    def claims_json(self) -> str:
        return json.dumps(self.claims, indent=2, ensure_ascii=False)


def inspect_token(token: str, keys: KeyRing, now: float) -> Inspection:
    token = "".join(token.split())  # pasted tokens pick up line breaks and spaces
    segments = token.count(".") + 1
    if segments == 5:
        return Inspection(problem="This is an encrypted token (JWE, five parts), like Cognito's refresh tokens: "
                                  "its content is sealed and cannot be shown.")
    try:
        header = jwt.get_unverified_header(token)
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError as error:
        return Inspection(problem=f"Not a readable JWT: {error}.")
    inspection = Inspection(header=header, claims=claims)
    inspection.signature, inspection.key_pool = _signature(token, header, claims, keys)
    inspection.expiry = _expiry(claims.get("exp"), now)
    inspection.times = [(name, timefmt.when(claims[name]), timefmt.relative(claims[name], now))
                        for name in TIME_CLAIMS if _is_time(claims.get(name))]
    return inspection


def _is_time(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _signature(token: str, header: dict[str, Any], claims: dict[str, Any],
               keys: KeyRing) -> tuple[Verdict, str | None]:
    kid = header.get("kid")
    key = keys.by_kid(kid) if isinstance(kid, str) else None
    if key is None:
        return Verdict(False, "Not signed by this emulator: no user pool here has the key its kid names."), None
    try:
        jwt.decode(token, key.public_key, algorithms=["RS256"],
                   options={"verify_exp": False, "verify_nbf": False, "verify_iat": False, "verify_aud": False,
                            "verify_iss": False, "verify_sub": False, "verify_jti": False})
    except jwt.InvalidSignatureError:
        return Verdict(False, f"The signature does not verify against pool {key.pool_id}'s {key.use} key: "
                              "the token was altered."), key.pool_id
    except jwt.PyJWTError as error:
        return Verdict(False, f"Refused by the verifier: {error}."), key.pool_id
    text = f"Signature verifies: signed with pool {key.pool_id}'s {key.use}-token key."
    if claims.get("token_use") not in (None, key.use):
        return Verdict(False, f"{text} But its token_use is {claims.get('token_use')!r}: "
                              "Cognito would refuse it."), key.pool_id
    return Verdict(True, text), key.pool_id


def _expiry(exp: object, now: float) -> Verdict:
    if not _is_time(exp):
        return Verdict(False, "No exp claim: the token never expires, which Cognito's never do.")
    assert isinstance(exp, int | float)
    if now >= exp:
        return Verdict(False, f"Expired {timefmt.span(now - exp)} ago ({timefmt.when(exp)}), by the emulator's clock.")
    return Verdict(True, f"Valid for {timefmt.span(exp - now)} more (until {timefmt.when(exp)}), "
                         "by the emulator's clock.")
