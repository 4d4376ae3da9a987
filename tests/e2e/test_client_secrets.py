"""Client-secret rotation, the signing certificate and AdminDeleteSoftwareToken, as boto3 sees
them: two live secrets at most, each accepted for SECRET_HASH and ClientSecret; the certificate
verifies the pool's ID tokens; a deleted TOTP factor is no longer asked for."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from emulator.srp.secret_hash import compute_secret_hash
from tests.e2e.auth_helpers import SignInSetup, make_user
from tests.e2e.expect import aws_error
from tests.e2e.mfa_helpers import answer, enrol_totp, set_mfa, setup_for, start, totp_code
from tests.e2e.server import RunningEmulator

FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


def _confidential(idp: Any, pool_id: str) -> dict[str, Any]:
    return dict(idp.create_user_pool_client(UserPoolId=pool_id, ClientName="conf", GenerateSecret=True,
                                            ExplicitAuthFlows=FLOWS)["UserPoolClient"])


def _sign_in(idp: Any, client: dict[str, Any], username: str, secret: str) -> dict[str, Any]:
    return dict(idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH", AuthParameters={
        "USERNAME": username, "PASSWORD": "Corr3ct-horse!",
        "SECRET_HASH": compute_secret_hash(username, client["ClientId"], secret)})["AuthenticationResult"])


def test_two_live_secrets_both_sign_in_and_deleting_one_retires_it(idp: Any, pool: dict[str, Any]) -> None:
    client = _confidential(idp, pool["Id"])
    username = make_user(idp, pool["Id"])
    first = client["ClientSecret"]
    listed = idp.list_user_pool_client_secrets(UserPoolId=pool["Id"], ClientId=client["ClientId"])["ClientSecrets"]
    assert len(listed) == 1 and listed[0]["ClientSecretId"].startswith(client["ClientId"] + "--")
    assert "ClientSecretValue" not in listed[0]

    added = idp.add_user_pool_client_secret(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    descriptor = added["ClientSecretDescriptor"]
    second = descriptor["ClientSecretValue"]
    assert second != first and len(second) == 51
    tokens = _sign_in(idp, client, username, first)
    _sign_in(idp, client, username, second)
    refreshed = idp.get_tokens_from_refresh_token(ClientId=client["ClientId"], ClientSecret=second,
                                                  RefreshToken=tokens["RefreshToken"])
    assert refreshed["AuthenticationResult"]["AccessToken"]
    listed = idp.list_user_pool_client_secrets(UserPoolId=pool["Id"], ClientId=client["ClientId"])["ClientSecrets"]
    assert [entry["ClientSecretId"] for entry in listed][1] == descriptor["ClientSecretId"]

    with aws_error("LimitExceededException"):
        idp.add_user_pool_client_secret(UserPoolId=pool["Id"], ClientId=client["ClientId"])

    idp.delete_user_pool_client_secret(UserPoolId=pool["Id"], ClientId=client["ClientId"],
                                       ClientSecretId=listed[0]["ClientSecretId"])
    with aws_error("NotAuthorizedException", f"Unable to verify secret hash for client {client['ClientId']}"):
        _sign_in(idp, client, username, first)
    _sign_in(idp, client, username, second)
    described = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"])
    assert described["UserPoolClient"]["ClientSecret"] == second
    with aws_error("InvalidParameterException"):
        idp.delete_user_pool_client_secret(UserPoolId=pool["Id"], ClientId=client["ClientId"],
                                           ClientSecretId=descriptor["ClientSecretId"])


def test_a_secret_of_your_own_is_not_echoed(idp: Any, pool: dict[str, Any]) -> None:
    client = _confidential(idp, pool["Id"])
    mine = "my0wn" * 6
    added = idp.add_user_pool_client_secret(UserPoolId=pool["Id"], ClientId=client["ClientId"], ClientSecret=mine)
    assert "ClientSecretValue" not in added["ClientSecretDescriptor"]
    _sign_in(idp, client, make_user(idp, pool["Id"]), mine)


def test_secret_refusals(idp: Any, pool: dict[str, Any]) -> None:
    public = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="public")["UserPoolClient"]
    with aws_error("InvalidParameterException"):
        idp.add_user_pool_client_secret(UserPoolId=pool["Id"], ClientId=public["ClientId"])
    assert idp.list_user_pool_client_secrets(UserPoolId=pool["Id"], ClientId=public["ClientId"])["ClientSecrets"] == []
    client = _confidential(idp, pool["Id"])
    with aws_error("ResourceNotFoundException"):
        idp.delete_user_pool_client_secret(UserPoolId=pool["Id"], ClientId=client["ClientId"],
                                           ClientSecretId=client["ClientId"] + "--1")
    with aws_error("ResourceNotFoundException", "User pool client nosuchclient does not exist."):
        idp.add_user_pool_client_secret(UserPoolId=pool["Id"], ClientId="nosuchclient")


def test_signing_certificate_verifies_the_pools_id_tokens(idp: Any, pool: dict[str, Any]) -> None:
    client_id = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="c",
                                            ExplicitAuthFlows=FLOWS)["UserPoolClient"]["ClientId"]
    setup = SignInSetup(pool["Id"], client_id, make_user(idp, pool["Id"]))
    body = idp.get_signing_certificate(UserPoolId=pool["Id"])["Certificate"]
    assert body == idp.get_signing_certificate(UserPoolId=pool["Id"])["Certificate"]
    certificate = x509.load_der_x509_certificate(base64.b64decode(body))
    span = certificate.not_valid_after_utc - certificate.not_valid_before_utc
    assert 3650 <= span.days <= 3653
    public_key = certificate.public_key()
    assert isinstance(public_key, rsa.RSAPublicKey)
    certificate.verify_directly_issued_by(certificate)  # self-signed with that key
    id_token = start(idp, setup)["AuthenticationResult"]["IdToken"]
    header, payload, signature = id_token.split(".")
    public_key.verify(base64.urlsafe_b64decode(signature + "=="), f"{header}.{payload}".encode(),
                      padding.PKCS1v15(), hashes.SHA256())
    assert json.loads(base64.urlsafe_b64decode(payload + "=="))["token_use"] == "id"
    with aws_error("ResourceNotFoundException"):
        idp.get_signing_certificate(UserPoolId="us-east-1_nosuchpool")


def test_admin_delete_software_token_removes_the_totp_factor(idp: Any, emulator: RunningEmulator,
                                                             make_pool_id: str) -> None:
    set_mfa(idp, make_pool_id, "OPTIONAL", totp=True)
    setup = setup_for(idp, make_pool_id)
    tokens = start(idp, setup)["AuthenticationResult"]
    secret = enrol_totp(idp, emulator.url, setup, tokens["AccessToken"])
    idp.admin_set_user_mfa_preference(UserPoolId=setup.pool_id, Username=setup.username,
                                      SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    challenge = start(idp, setup)
    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    answer(idp, setup, challenge, SOFTWARE_TOKEN_MFA_CODE=totp_code(emulator.url, secret, 1))

    idp.admin_delete_software_token(UserPoolId=setup.pool_id, Username=setup.username)
    user = idp.admin_get_user(UserPoolId=setup.pool_id, Username=setup.username)
    assert "SOFTWARE_TOKEN_MFA" not in user.get("UserMFASettingList", [])
    assert "PreferredMfaSetting" not in user
    assert "AuthenticationResult" in start(idp, setup)
    with aws_error("UserNotFoundException"):
        idp.admin_delete_software_token(UserPoolId=setup.pool_id, Username="nobody")


@pytest.fixture
def make_pool_id(idp: Any, pool: dict[str, Any]) -> str:
    return str(pool["Id"])
