"""An exported seed through the real CLI: ``--fixtures export.json`` starts a server in which
the exported users sign in with their original passwords (boto3, pycognito SRP, TOTP)."""

from __future__ import annotations

import json
from pathlib import Path

from emulator.runtime import Emulator
from emulator.seeding.export import export_seed
from emulator.seeding.loader import apply_seed
from emulator.settings import Settings
from tests.e2e.auth_helpers import SignInSetup, password_sign_in, srp_sign_in
from tests.e2e.conftest import make_client
from tests.e2e.mfa_helpers import totp_code
from tests.e2e.server import run_emulator
from tests.export_samples import (
    EMAIL_CLIENT,
    EMAIL_POOL_ID,
    EMAIL_USER,
    PASSWORD,
    POOL_ID,
    TOTP_SECRET,
    WEB_CLIENT,
    rich_seed,
)


def test_exported_users_sign_in_on_a_server_started_from_the_export(tmp_path: Path) -> None:
    emulator = Emulator(Settings(fixtures=None))
    apply_seed(emulator, rich_seed())
    document = export_seed(emulator.store.user_pools.values(), emulator.store.tags.get,
                           emulator.identity.pools.values())
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    with run_emulator("--fixtures", str(path)) as running:
        idp = make_client("cognito-idp", running.url)
        alice = SignInSetup(POOL_ID, WEB_CLIENT, "alice", PASSWORD)
        sub = emulator.store.user_pools[POOL_ID].users.get("alice").sub  # type: ignore[union-attr]
        assert idp.get_user(AccessToken=password_sign_in(idp, alice)["AccessToken"])["UserAttributes"][0] == {
            "Name": "sub", "Value": sub}
        assert srp_sign_in(idp, alice)["AccessToken"]
        assert srp_sign_in(idp, SignInSetup(EMAIL_POOL_ID, EMAIL_CLIENT, EMAIL_USER, PASSWORD))["AccessToken"]
        challenge = idp.initiate_auth(ClientId=WEB_CLIENT, AuthFlow="USER_PASSWORD_AUTH",
                                      AuthParameters={"USERNAME": "tom", "PASSWORD": PASSWORD})
        assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
        answer = idp.respond_to_auth_challenge(
            ClientId=WEB_CLIENT, ChallengeName="SOFTWARE_TOKEN_MFA", Session=challenge["Session"],
            ChallengeResponses={"USERNAME": "tom", "SOFTWARE_TOKEN_MFA_CODE": totp_code(running.url, TOTP_SECRET)})
        assert answer["AuthenticationResult"]["IdToken"]
        described = idp.describe_user_pool(UserPoolId=POOL_ID)["UserPool"]
        assert described["LambdaConfig"] == rich_seed()["UserPools"][0]["LambdaConfig"]
        assert described["Domain"] == "rich-app" and described["MfaConfiguration"] == "OPTIONAL"
