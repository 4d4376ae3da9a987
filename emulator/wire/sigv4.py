"""SigV4 checks for ``--require-sigv4``: the operations AWS authorizes with IAM (every one the
model does not mark ``auth: ["smithy.api#noAuth"]`` / ``authtype: none``) must be signed with
an access key the user configured; the public ones (SignUp, InitiateAuth, GetId, ...) stay
unsigned. The signature is recomputed with botocore's own signer, so whatever boto3, the CLI
or the SDKs sign verifies.

AWS's answers, as clients report them (aws-sdk-ios-samples#111, laravel-aws-cognito-auth#25,
aws-sdk-js#254, remind101/logspout-kinesis#21; all 400):

* no signature: ``MissingAuthenticationTokenException`` "Request is missing Authentication Token";
* an access key nobody configured: ``UnrecognizedClientException`` "The security token included
  in the request is invalid.";
* more than 5 minutes off: ``InvalidSignatureException`` "Signature expired: <date> is now
  earlier than <now - 5 min> (<now> - 5 min.)" (or "Signature not yet current: ...");
* a wrong signature: ``InvalidSignatureException`` "The request signature we calculated does
  not match the signature you provided. ...".
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from emulator.wire.errors import (
    IncompleteSignatureException,
    InvalidSignatureException,
    MissingAuthenticationTokenException,
    UnrecognizedClientException,
)
from emulator.wire.models import Service

if TYPE_CHECKING:
    from botocore.awsrequest import AWSRequest

SKEW = timedelta(minutes=5)
_AMZ_DATE = "%Y%m%dT%H%M%SZ"
_AUTHORIZATION = re.compile(
    r"AWS4-HMAC-SHA256\s+Credential=(?P<key>[^/,\s]+)/(?P<date>\d{8})/(?P<region>[^/,\s]+)/"
    r"(?P<service>[^/,\s]+)/aws4_request,\s*SignedHeaders=(?P<headers>[a-z0-9;_.-]+),\s*"
    r"Signature=(?P<signature>[0-9a-f]{64})\s*$")
MISMATCH = ("The request signature we calculated does not match the signature you provided. Check your AWS "
            "Secret Access Key and signing method. Consult the service documentation for details.")


def needs_signature(service: Service, operation: str) -> bool:
    """Whether AWS authorizes ``operation`` with IAM (the model says which are public)."""
    spec = service.model.data["operations"][operation]
    return not (spec.get("authtype") == "none" or "smithy.api#noAuth" in (spec.get("auth") or []))


@dataclass(frozen=True, slots=True)
class SignedRequest:
    method: str
    url: str  # as the client addressed it: scheme, Host header, path and query
    headers: Mapping[str, str]  # lower-case names
    body: bytes


def verify(request: SignedRequest, keys: Mapping[str, str], now: datetime) -> None:
    """Raise AWS's error unless ``request`` carries a valid signature by one of ``keys``
    (access key id -> secret)."""
    authorization = request.headers.get("authorization")
    if not authorization:
        raise MissingAuthenticationTokenException("Request is missing Authentication Token")
    found = _AUTHORIZATION.match(authorization)
    amz_date = request.headers.get("x-amz-date", "")
    if found is None or not amz_date:
        raise IncompleteSignatureException(
            f"Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters and an "
            f"X-Amz-Date header. Authorization={authorization[:40]}")
    secret = keys.get(found["key"])
    if secret is None:
        raise UnrecognizedClientException("The security token included in the request is invalid.")
    _check_time(amz_date, now)
    if not hmac.compare_digest(_signature(request, found, secret, amz_date), found["signature"]):
        raise InvalidSignatureException(MISMATCH)


def _check_time(amz_date: str, now: datetime) -> None:
    try:
        signed_at = datetime.strptime(amz_date, _AMZ_DATE).replace(tzinfo=UTC)
    except ValueError:
        raise IncompleteSignatureException(f"Date must be in ISO-8601 'basic format'. Got '{amz_date}'.") from None
    stamp = now.strftime(_AMZ_DATE)
    if signed_at < now - SKEW:
        raise InvalidSignatureException(f"Signature expired: {amz_date} is now earlier than "
                                        f"{(now - SKEW).strftime(_AMZ_DATE)} ({stamp} - 5 min.)")
    if signed_at > now + SKEW:
        raise InvalidSignatureException(f"Signature not yet current: {amz_date} is still later than "
                                        f"{(now + SKEW).strftime(_AMZ_DATE)} ({stamp} + 5 min.)")


def _signature(request: SignedRequest, found: re.Match[str], secret: str, amz_date: str) -> str:
    """botocore's SigV4 over exactly the headers the client signed, at the client's time.
    botocore's signer is imported here, not at start: only --require-sigv4 needs it."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    signed = found["headers"].split(";")
    headers = {name: request.headers.get(name, "") for name in signed}
    aws_request = AWSRequest(method=request.method, url=request.url, headers=headers, data=request.body)
    aws_request.context["timestamp"] = amz_date
    signer = SigV4Auth(Credentials(found["key"], secret, request.headers.get("x-amz-security-token")),
                       found["service"], found["region"])
    signer.headers_to_sign = lambda _request: _exactly(aws_request, signed)  # type: ignore[method-assign]
    canonical = signer.canonical_request(aws_request)
    return str(signer.signature(signer.string_to_sign(aws_request, canonical), aws_request))


def _exactly(aws_request: AWSRequest, names: list[str]) -> object:
    """The client's SignedHeaders list, in its order (botocore would drop some it never signs)."""
    from botocore.awsrequest import HTTPHeaders

    chosen = HTTPHeaders()
    for name in names:
        chosen[name] = aws_request.headers.get(name, "")
    return chosen
