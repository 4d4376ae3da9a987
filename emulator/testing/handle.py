"""``CognitoEmulator``: a running emulator as a test sees it.

The endpoint, boto3 clients for both services, and the ``/_emulator/*`` controls (reset,
snapshots, the outbox, the clock) as methods, so tests never build those requests by hand."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any

from emulator.testing.environment import aws_environment
from emulator.testing.process import EmulatorProcess

DEFAULT_REGION = "us-east-1"


class CognitoEmulator:
    def __init__(self, endpoint: str, region: str = DEFAULT_REGION, process: EmulatorProcess | None = None) -> None:
        self.endpoint = endpoint.rstrip("/")
        self.region = region
        self.process = process

    def __repr__(self) -> str:
        return f"CognitoEmulator({self.endpoint!r})"

    # -- boto3 clients (boto3 is imported only when a test asks for one) --------------------

    @cached_property
    def idp(self) -> Any:
        """A ``cognito-idp`` client on the emulator."""
        return self.client("cognito-idp")

    @cached_property
    def identity(self) -> Any:
        """A ``cognito-identity`` client on the emulator."""
        return self.client("cognito-identity")

    def client(self, service: str) -> Any:
        try:
            import boto3
            from botocore.config import Config
        except ImportError as missing:  # boto3 is not a dependency of the emulator itself
            raise ImportError("the cognito fixtures' clients need boto3: pip install boto3") from missing
        return boto3.client(service, endpoint_url=self.endpoint, region_name=self.region,
                            aws_access_key_id="local", aws_secret_access_key="local",
                            config=Config(retries={"max_attempts": 1}))

    # -- controls ---------------------------------------------------------------------------

    def reset(self) -> None:
        """Back to the start state (the seed's): users, sessions, outbox and clock."""
        self._call("POST", "/_emulator/reset")

    def snapshot(self, name: str) -> None:
        """Save the whole state under ``name`` (after an expensive set-up, say)."""
        self._call("POST", "/_emulator/snapshot", {"name": name})

    def restore(self, name: str) -> None:
        """Put back the state saved as ``name``; ``KeyError`` for an unknown name."""
        try:
            self._call("POST", "/_emulator/restore", {"name": name})
        except urllib.error.HTTPError as error:
            if error.code == 404:
                raise KeyError(f"no snapshot named {name!r}") from None
            raise

    def messages(self, pool_id: str | None = None, username: str | None = None) -> list[dict[str, Any]]:
        """Every email/SMS Cognito would have sent, oldest first, filtered by pool and user.

        In pools whose usernames are emails or phone numbers the outbox knows users by their
        internal name; a sign-in name that matches nothing is looked up with AdminGetUser."""
        found = self._messages(pool_id, username)
        if not found and pool_id and username:
            internal = self._internal_username(pool_id, username)
            if internal not in (None, username):
                found = self._messages(pool_id, internal)
        return found

    def last_code(self, pool_id: str, username: str) -> str:
        """The newest code sent to the user: sign-up confirmation, password reset, verification..."""
        codes = [message["code"] for message in self.messages(pool_id, username) if message.get("code")]
        if not codes:
            raise LookupError(f"no code has been sent to {username!r} in {pool_id}")
        return str(codes[-1])

    def advance_clock(self, seconds: float) -> float:
        """Move the emulator's clock forward (codes, sessions and tokens expire); returns its time."""
        return float(self._call("POST", "/_emulator/clock/advance", {"seconds": seconds})["now"])

    def now(self) -> float:
        """The emulator's clock (epoch seconds), which ``advance_clock`` moves."""
        return float(self._call("GET", "/_emulator/clock")["now"])

    def schedule_risk(self, pool_id: str, username: str, level: str, count: int = 1) -> list[str]:
        """Make threat protection score the user's next ``count`` sign-ins ``level`` (Low, Medium,
        High); ``count=0`` clears. Returns what is now scheduled."""
        body = {"userPoolId": pool_id, "username": username, "riskLevel": level, "count": count}
        return list(self._call("POST", "/_emulator/risk", body)["scheduled"])

    def add_compromised_password(self, pool_id: str, password: str) -> None:
        """Treat ``password`` as a leaked one in that pool (CompromisedCredentialsRiskConfiguration)."""
        self._call("POST", "/_emulator/risk/compromised-passwords", {"userPoolId": pool_id, "password": password})

    def export(self) -> dict[str, Any]:
        """The current state as a seed document (``--fixtures`` loads it back)."""
        return dict(self._call("GET", "/_emulator/export"))

    def _messages(self, pool_id: str | None, username: str | None) -> list[dict[str, Any]]:
        query = urllib.parse.urlencode({key: value for key, value in
                                        (("userPoolId", pool_id), ("username", username)) if value})
        return list(self._call("GET", f"/_emulator/messages?{query}")["messages"])

    def _internal_username(self, pool_id: str, username: str) -> str | None:
        try:
            return str(self.idp.admin_get_user(UserPoolId=pool_id, Username=username)["Username"])
        except Exception:  # unknown pool or user: there is simply nothing for them
            return None

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None and method == "GET" else json.dumps(body or {}).encode()
        request = urllib.request.Request(self.endpoint + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)


@contextmanager
def start_emulator(*, fixtures: Path | None = None, no_fixtures: bool = False, issuer_mode: str | None = None,
                   region: str = DEFAULT_REGION, set_environment: bool = True) -> Iterator[CognitoEmulator]:
    """Start an in-memory emulator on a free loopback port; stop it when the block ends.

    With ``set_environment`` the ``AWS_ENDPOINT_URL_COGNITO_*`` variables (and dummy credentials,
    if there are none) point every boto3 client made meanwhile at it, and are put back afterwards."""
    process = EmulatorProcess.start(fixtures=fixtures, no_fixtures=no_fixtures, issuer_mode=issuer_mode,
                                    region=region)
    with ExitStack() as stack:
        stack.callback(process.stop)
        emulator = CognitoEmulator(process.endpoint, region, process)
        if set_environment:
            stack.enter_context(aws_environment(emulator.endpoint, region))
        yield emulator
