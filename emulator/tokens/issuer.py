"""The ``iss`` of a pool's tokens: where the client reached the emulator, or AWS's own form.

Local mode lets OIDC tools discover the JWKS from ``iss``; aws mode makes Logins keys and
aws-jwt-verify's CognitoJwtVerifier (which hard-codes the AWS issuer) work unchanged (§6.4).
"""

from __future__ import annotations

ISSUER_MODES = ("local", "aws")


def aws_issuer(region: str, pool_id: str) -> str:
    return f"https://cognito-idp.{region}.amazonaws.com/{pool_id}"


def local_issuer(base_url: str, pool_id: str) -> str:
    return f"{base_url.rstrip('/')}/{pool_id}"


def issuer_for(base_url: str, region: str, pool_id: str, mode: str) -> str:
    if mode == "aws":
        return aws_issuer(region, pool_id)
    if mode == "local":
        return local_issuer(base_url, pool_id)
    raise ValueError(f"unknown issuer mode {mode!r}; expected one of {ISSUER_MODES}")
