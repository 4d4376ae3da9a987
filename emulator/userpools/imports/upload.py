"""The pre-signed URL of an import job, which the emulator serves itself.

AWS answers an Amazon S3 pre-signed URL, and its guide uploads the file with ``curl -v -T
file.csv -H "x-amz-server-side-encryption:aws:kms" "<PreSignedUrl>"``. Here the URL points at
``PUT /_emulator/import/<poolId>/<jobId>`` on the emulator's own port, with S3's query
members; ``X-Amz-Signature`` is an HMAC over pool, job, date and expiry under a key of the
state, checked in constant time, so only the URL the job was given uploads. The header the
AWS example signs (``x-amz-server-side-encryption: aws:kms``) must be sent, as S3 would
require a signed header. Expiry: 15 minutes (a guess at AWS's)."""

from __future__ import annotations

import calendar
import hashlib
import hmac
import time
from urllib.parse import quote, urlencode

KEY_PURPOSE = "user-import-upload"
EXPIRES = 900
SSE_HEADER, SSE_VALUE = "x-amz-server-side-encryption", "aws:kms"
MAX_BYTES = 100 * 1024 * 1024  # [doc] a CSV file of at most 100 MB
PATH = "/_emulator/import/{pool_id}/{job_id}"


def presigned_url(base_url: str, key: bytes, pool_id: str, job_id: str, now: float) -> str:
    date = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now))
    query = {
        "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
        "X-Amz-Date": date,
        "X-Amz-SignedHeaders": f"host;{SSE_HEADER}",
        "X-Amz-Expires": str(EXPIRES),
        "X-Amz-Signature": _signature(key, pool_id, job_id, date, str(EXPIRES)),
    }
    path = PATH.format(pool_id=quote(pool_id, safe=""), job_id=quote(job_id, safe=""))
    return f"{base_url}{path}?{urlencode(query)}"


def check_upload(key: bytes, pool_id: str, job_id: str, query: dict[str, str], now: float) -> str | None:
    """None when the URL is the one signed for this job and not expired; else S3's error code."""
    date, expires, given = query.get("X-Amz-Date", ""), query.get("X-Amz-Expires", ""), query.get("X-Amz-Signature", "")
    expected = _signature(key, pool_id, job_id, date, expires)
    if not hmac.compare_digest(expected.encode(), given.encode("utf-8", "surrogatepass")):
        return "SignatureDoesNotMatch"
    try:
        signed_at = calendar.timegm(time.strptime(date, "%Y%m%dT%H%M%SZ"))
    except ValueError:
        return "SignatureDoesNotMatch"
    if not expires.isdigit() or now > signed_at + int(expires):
        return "AccessDenied"
    return None


def _signature(key: bytes, pool_id: str, job_id: str, date: str, expires: str) -> str:
    message = "\n".join((pool_id, job_id, date, expires)).encode("utf-8", "surrogatepass")
    return hmac.new(key, message, hashlib.sha256).hexdigest()
