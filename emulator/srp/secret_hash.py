"""SECRET_HASH, which app clients with a secret must send with every user-identifying call.

Lives beside SRP because PASSWORD_VERIFIER answers carry one too (computed with the internal username).
"""

from __future__ import annotations

import base64
import hashlib
import hmac


def compute_secret_hash(username: str, client_id: str, client_secret: str) -> str:
    """base64(HMAC-SHA256(key=utf8(client_secret), msg=utf8(username + client_id))), as AWS documents."""
    digest = hmac.new(client_secret.encode(), (username + client_id).encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def secret_hash_matches(received: str | None, username: str, client_id: str, client_secret: str) -> bool:
    """Constant-time comparison of a received SECRET_HASH; a missing one never matches."""
    if not isinstance(received, str):
        return False
    expected = compute_secret_hash(username, client_id, client_secret)
    return hmac.compare_digest(expected.encode(), received.encode("utf-8", "surrogatepass"))
