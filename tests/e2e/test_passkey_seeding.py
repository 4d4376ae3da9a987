"""Passkeys survive the export and come back from a seed file: a passkey registered with boto3 is
exported as its server record (credential id, COSE public key, sign count, relying-party id, no
secret), an emulator started from that export lists it and signs the user in with the same
authenticator (its counter carried on), and a hand-written ``Passkeys`` entry works the same way.
A bad entry stops the start with exit status 2, naming it."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

from tests.e2e.conftest import make_client
from tests.e2e.expect import aws_error
from tests.e2e.mfa_helpers import SES_EMAIL
from tests.e2e.passkey_helpers import SoftwarePasskey
from tests.e2e.server import run_emulator
from tests.e2e.user_auth_helpers import (
    WEB_AUTHN_CONFIG,
    Choice,
    access_token,
    register_passkey,
    request_options,
    respond,
    user_auth,
)
from tests.e2e.user_helpers import PASSWORD

CHOICE = Choice("us-east-1_keys", "keysweb")


def _seed(users: list[dict[str, Any]]) -> dict[str, Any]:
    return {"UserPools": [{
        "Id": "keys", "PoolName": "keys", "EmailConfiguration": SES_EMAIL, "AutoVerifiedAttributes": ["email"],
        "Policies": {"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}},
        "MfaConfig": {"MfaConfiguration": "OFF", "WebAuthnConfiguration": WEB_AUTHN_CONFIG},
        "Clients": [{"ClientId": "keysweb", "ClientName": "web", "ExplicitAuthFlows": ["ALLOW_USER_AUTH"]}],
        "Users": users,
    }]}


def _passkey_sign_in(idp: Any, username: str, passkey: SoftwarePasskey) -> str:
    answer = user_auth(idp, CHOICE, username, PREFERRED_CHALLENGE="WEB_AUTHN")
    assert answer["ChallengeName"] == "WEB_AUTHN"
    done = respond(idp, CHOICE, "WEB_AUTHN", answer["Session"], USERNAME=username,
                   CREDENTIAL=passkey.get(request_options(answer)))
    return str(done["AuthenticationResult"]["AccessToken"])


def _write(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_an_exported_passkey_signs_in_on_an_emulator_started_from_the_export(tmp_path: Path) -> None:
    seed = _seed([{"Username": "ada", "Password": PASSWORD,
                   "Attributes": {"email": "ada@example.com", "email_verified": "true"}}])
    passkey = SoftwarePasskey()
    with run_emulator("--fixtures", str(_write(tmp_path / "seed.json", seed))) as running:
        idp = make_client("cognito-idp", running.url)
        register_passkey(idp, access_token(idp, CHOICE, "ada"), passkey)
        _passkey_sign_in(idp, "ada", passkey)  # the counter moves to 1
        exported = json.load(urllib.request.urlopen(f"{running.url}/_emulator/export"))
    entry = exported["UserPools"][0]["Users"][0]
    [stored] = entry["Passkeys"]
    assert stored["CredentialId"] == passkey.credential_id
    assert base64.b64decode(stored["PublicKey"]) == passkey._cose_key()
    assert stored["RelyingPartyId"] == "localhost" and stored["SignCount"] == 1
    assert stored["AuthenticatorTransports"] == ["internal"] and stored["AuthenticatorAttachment"] == "platform"
    assert set(stored) <= {"CredentialId", "PublicKey", "RelyingPartyId", "SignCount", "CreatedAt",
                           "FriendlyCredentialName", "AuthenticatorTransports", "AuthenticatorAttachment"}

    with run_emulator("--fixtures", str(_write(tmp_path / "export.json", exported))) as running:
        idp = make_client("cognito-idp", running.url)
        token = _passkey_sign_in(idp, "ada", passkey)  # no password: the passkey alone
        [listed] = idp.list_web_authn_credentials(AccessToken=token)["Credentials"]
        assert listed["CredentialId"] == passkey.credential_id and listed["RelyingPartyId"] == "localhost"
        answer = user_auth(idp, CHOICE, "ada", PREFERRED_CHALLENGE="WEB_AUTHN")
        with aws_error("NotAuthorizedException"):  # the exported counter is kept: a replayed count fails
            respond(idp, CHOICE, "WEB_AUTHN", answer["Session"], USERNAME="ada",
                    CREDENTIAL=passkey.get(request_options(answer), count=1))


def test_a_hand_written_passkeys_entry_and_its_refusals(tmp_path: Path) -> None:
    passkey = SoftwarePasskey()
    written = {"CredentialId": passkey.credential_id,
               "PublicKey": base64.b64encode(passkey._cose_key()).decode(), "RelyingPartyId": "localhost"}
    seed = _seed([{"Username": "bo", "Password": PASSWORD, "Passkeys": [written],
                   "Attributes": {"email": "bo@example.com", "email_verified": "true"}}])
    with run_emulator("--fixtures", str(_write(tmp_path / "seed.json", seed))) as running:
        idp = make_client("cognito-idp", running.url)
        token = _passkey_sign_in(idp, "bo", passkey)
        [listed] = idp.list_web_authn_credentials(AccessToken=token)["Credentials"]
        assert listed["FriendlyCredentialName"] == "Passkey" and listed["AuthenticatorTransports"] == []

    for broken, message in (
            ({**written, "PublicKey": base64.b64encode(b"not a key").decode()}, "PublicKey must be"),
            ({**written, "CredentialId": "not base64url!"}, "CredentialId must be"),
            ({**written, "SignCount": -1}, "SignCount must be"),
            ({**written, "Secret": "x"}, "Secret"),
            ({k: v for k, v in written.items() if k != "RelyingPartyId"}, "RelyingPartyId must be")):
        seed["UserPools"][0]["Users"][0]["Passkeys"] = [broken]
        path = _write(tmp_path / "bad.json", seed)
        refused = subprocess.run([sys.executable, "-m", "emulator", "--port", "0", "--fixtures", str(path)],
                                 capture_output=True, text=True, timeout=60, check=False)
        assert refused.returncode == 2, refused.stderr
        assert "UserPools[0].Users[0].Passkeys[0]" in refused.stderr and message in refused.stderr
