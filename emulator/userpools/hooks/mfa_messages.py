"""CustomMessage_Authentication for SMS and email MFA codes. The code is issued inside the
synchronous sign-in pipeline (``mfa_step``); when the pool has CustomMessage the pipeline does
not deliver it but puts a ``PENDING`` marker on the challenge it answers, and the operation
(``hooks.sign_in.complete``) awaits the function, re-reads the user and only then sends, as
tokens wait for PostAuthentication. A refusing function leaves the challenge unanswered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emulator.triggers.fire import current_user
from emulator.userpools.auth.signin import SignIn
from emulator.userpools.hooks import messages
from emulator.userpools.users.lifecycle import deliver

PENDING = "__pending_message__"  # never reaches the wire


@dataclass(frozen=True, slots=True)
class PendingCode:
    username: str
    sub: str
    attribute: str
    purpose: str
    code: str
    template: str
    destination: str


def occasion(signin: SignIn, client_metadata: dict[str, str] | None = None) -> messages.Occasion:
    return messages.Occasion(messages.AUTHENTICATION, signin.client.client_id, client_metadata)


async def send_pending(signin: SignIn, result: dict[str, Any], client_metadata: dict[str, str] | None
                       ) -> dict[str, Any]:
    """``result`` without the marker, its code sent (CustomMessage gets RespondToAuthChallenge's
    ClientMetadata only, never InitiateAuth's [doc])."""
    pending: PendingCode | None = result.pop(PENDING, None)
    if pending is None:
        return result
    ctx = signin.ctx
    pool, user = current_user(ctx, signin.pool, pending.username, pending.sub)
    told = await messages.custom_message(ctx, pool, user, occasion(signin, client_metadata), [pending.attribute])
    pool, user = current_user(ctx, pool, pending.username, pending.sub)
    deliver(ctx, pool, user, pending.attribute, pending.purpose, pending.code, pending.template,
            pending.destination, occasion=told)
    return result
