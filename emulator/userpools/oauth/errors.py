"""OAuth's own error family (``{"error": "invalid_grant"}``), kept apart from JSON 1.1's AwsError:
the token, revoke and userInfo endpoints render it, authorize turns it into a redirect."""

from __future__ import annotations


class OAuthError(Exception):
    def __init__(self, error: str, description: str | None = None, status: int = 400) -> None:
        super().__init__(error)
        self.error = error
        self.description = description
        self.status = status

    def body(self) -> dict[str, str]:
        body = {"error": self.error}
        if self.description:
            body["error_description"] = self.description
        return body
