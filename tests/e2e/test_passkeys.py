"""Passkeys as boto3 sees them, with a software authenticator (tests/e2e/passkey_helpers.py):
StartWebAuthnRegistration's options, CompleteWebAuthnRegistration's checks (challenge, client,
origin, relying party, user verification), listing and deleting, and USER_AUTH sign-in with
WEB_AUTHN (preferred, through SELECT_CHALLENGE in two steps and in one) with its refusals: an
assertion for another relying party, a replayed challenge, a counter that does not move."""

from __future__ import annotations

import base64
import hmac
from collections.abc import Callable
from hashlib import sha256
from typing import Any

from tests.e2e.expect import aws_error
from tests.e2e.mfa_helpers import totp_code
from tests.e2e.passkey_helpers import SoftwarePasskey
from tests.e2e.server import RunningEmulator
from tests.e2e.ui_client import UiClient
from tests.e2e.user_auth_helpers import (
    WEB_AUTHN_CONFIG,
    Choice,
    access_token,
    register_passkey,
    request_options,
    respond,
    user,
    user_auth,
)
from tests.e2e.user_auth_helpers import choice_pool as choice_pool  # noqa: F401  (fixture)
from tests.e2e.user_helpers import PASSWORD

MakeChoice = Callable[..., Choice]


def _passkey_user(idp: Any, choice_pool: MakeChoice) -> tuple[Choice, str, str, SoftwarePasskey]:
    choice = choice_pool()
    username = user(idp, choice)
    token = access_token(idp, choice, username)
    return choice, username, token, register_passkey(idp, token)


def test_registration_options_name_the_relying_party_and_the_user(idp: Any, choice_pool: MakeChoice) -> None:
    choice = choice_pool()
    username = user(idp, choice)
    token = access_token(idp, choice, username)
    options = idp.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    sub = idp.get_user(AccessToken=token)["UserAttributes"]
    sub = next(a["Value"] for a in sub if a["Name"] == "sub")
    assert options["rp"] == {"id": "localhost", "name": "localhost"}
    assert base64.urlsafe_b64decode(options["user"]["id"] + "==").decode() == sub
    assert len(base64.urlsafe_b64decode(options["challenge"] + "==")) == 16
    assert {"type": "public-key", "alg": -7} in options["pubKeyCredParams"]
    assert options["authenticatorSelection"]["userVerification"] == "required"
    assert options["excludeCredentials"] == []

    passkey = SoftwarePasskey()
    idp.complete_web_authn_registration(AccessToken=token, Credential=passkey.create(options))
    again = idp.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    assert again["excludeCredentials"] == [{"type": "public-key", "id": passkey.credential_id}]
    assert again["challenge"] != options["challenge"]

    listed = idp.list_web_authn_credentials(AccessToken=token)["Credentials"]
    assert [(c["CredentialId"], c["RelyingPartyId"], c["AuthenticatorTransports"], c["AuthenticatorAttachment"])
            for c in listed] == [(passkey.credential_id, "localhost", ["internal"], "platform")]
    assert idp.get_user_auth_factors(AccessToken=token)["ConfiguredUserAuthFactors"] \
        == ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"]


def test_registration_refusals(idp: Any, choice_pool: MakeChoice) -> None:
    choice = choice_pool()
    username = user(idp, choice)
    token = access_token(idp, choice, username)
    passkey = SoftwarePasskey()
    with aws_error("WebAuthnChallengeNotFoundException"):  # no Start
        idp.complete_web_authn_registration(AccessToken=token, Credential=passkey.create(
            {"challenge": "AAAAAAAAAAAAAAAAAAAAAA", "rp": {"id": "localhost"}, "user": {"id": "eA"}}))

    options = idp.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    with aws_error("WebAuthnRelyingPartyMismatchException"):
        idp.complete_web_authn_registration(AccessToken=token, Credential=passkey.create(options, rp_id="example.com"))
    with aws_error("WebAuthnChallengeNotFoundException"):  # Start's challenge is spent by any answer
        idp.complete_web_authn_registration(AccessToken=token, Credential=passkey.create(options))

    options = idp.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    with aws_error("WebAuthnOriginNotAllowedException"):
        idp.complete_web_authn_registration(AccessToken=token,
                                            Credential=passkey.create(options, origin="https://evil.example"))

    options = idp.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    with aws_error("WebAuthnCredentialNotSupportedException"):  # the pool requires user verification
        idp.complete_web_authn_registration(AccessToken=token, Credential=SoftwarePasskey(user_verified=False)
                                            .create(options))

    other = idp.create_user_pool_client(UserPoolId=choice.pool_id, ClientName="other",
                                        ExplicitAuthFlows=["ALLOW_USER_AUTH"])["UserPoolClient"]["ClientId"]
    other_token = access_token(idp, Choice(choice.pool_id, other), username)
    options = idp.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    with aws_error("WebAuthnClientMismatchException"):
        idp.complete_web_authn_registration(AccessToken=other_token, Credential=passkey.create(options))
    assert idp.list_web_authn_credentials(AccessToken=token)["Credentials"] == []


def test_passkeys_need_the_pool_to_allow_them(idp: Any, choice_pool: MakeChoice) -> None:
    choice = choice_pool(["PASSWORD", "EMAIL_OTP"])
    token = access_token(idp, choice, user(idp, choice))
    with aws_error("WebAuthnNotEnabledException"):
        idp.start_web_authn_registration(AccessToken=token)
    bare = choice_pool(web_authn={"UserVerification": "preferred"})  # no RelyingPartyId and no domain
    with aws_error("WebAuthnConfigurationMissingException"):
        idp.start_web_authn_registration(AccessToken=access_token(idp, bare, user(idp, bare)))


def test_sign_in_with_a_passkey_preferred_and_through_the_choice(idp: Any, choice_pool: MakeChoice) -> None:
    choice, username, _, passkey = _passkey_user(idp, choice_pool)
    answer = user_auth(idp, choice, username, PREFERRED_CHALLENGE="WEB_AUTHN")
    assert answer["ChallengeName"] == "WEB_AUTHN"
    options = request_options(answer)
    assert options["rpId"] == "localhost" and options["userVerification"] == "required"
    assert options["allowCredentials"] == [{"id": passkey.credential_id, "type": "public-key"}]
    assert options["timeout"] == 180000
    done = respond(idp, choice, "WEB_AUTHN", answer["Session"], USERNAME=username, CREDENTIAL=passkey.get(options))
    assert idp.get_user(AccessToken=done["AuthenticationResult"]["AccessToken"])["Username"] == username

    select = user_auth(idp, choice, username)
    assert select["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "WEB_AUTHN"]
    asked = respond(idp, choice, "SELECT_CHALLENGE", select["Session"], USERNAME=username, ANSWER="WEB_AUTHN")
    assert asked["ChallengeName"] == "WEB_AUTHN"
    done = respond(idp, choice, "WEB_AUTHN", asked["Session"], USERNAME=username,
                   CREDENTIAL=passkey.get(request_options(asked)))
    assert done["AuthenticationResult"]["IdToken"]

    select = user_auth(idp, choice, username)  # one step: the answer carries the credential
    done = respond(idp, choice, "SELECT_CHALLENGE", select["Session"], USERNAME=username, ANSWER="WEB_AUTHN",
                   CREDENTIAL=passkey.get(request_options(select)))
    assert done["AuthenticationResult"]["AccessToken"]


def test_assertions_that_must_fail(idp: Any, choice_pool: MakeChoice) -> None:
    choice, username, _, passkey = _passkey_user(idp, choice_pool)

    def challenge() -> tuple[str, dict[str, Any]]:
        answer = user_auth(idp, choice, username, PREFERRED_CHALLENGE="WEB_AUTHN")
        return answer["Session"], request_options(answer)

    session, options = challenge()
    with aws_error("NotAuthorizedException"):  # signed for another relying party
        respond(idp, choice, "WEB_AUTHN", session, USERNAME=username,
                CREDENTIAL=passkey.get(options, rp_id="evil.example", origin="https://evil.example"))

    session, options = challenge()
    signed = passkey.get(options)
    assert respond(idp, choice, "WEB_AUTHN", session, USERNAME=username, CREDENTIAL=signed)["AuthenticationResult"]
    with aws_error("NotAuthorizedException", "Invalid session for the user, session can only be used once."):
        respond(idp, choice, "WEB_AUTHN", session, USERNAME=username, CREDENTIAL=signed)
    session, _ = challenge()
    with aws_error("NotAuthorizedException"):  # the same assertion for a new challenge
        respond(idp, choice, "WEB_AUTHN", session, USERNAME=username, CREDENTIAL=signed)

    session, options = challenge()
    with aws_error("NotAuthorizedException"):  # a signature counter that does not move forward: a cloned key
        respond(idp, choice, "WEB_AUTHN", session, USERNAME=username, CREDENTIAL=passkey.get(options, count=1))

    session, options = challenge()
    stranger = SoftwarePasskey()
    with aws_error("NotAuthorizedException"):  # a passkey the user never registered
        respond(idp, choice, "WEB_AUTHN", session, USERNAME=username, CREDENTIAL=stranger.get(options))

    session, options = challenge()
    passkey.user_verified = False
    with aws_error("NotAuthorizedException"):  # the pool requires user verification
        respond(idp, choice, "WEB_AUTHN", session, USERNAME=username, CREDENTIAL=passkey.get(options))
    passkey.user_verified = True

    idp.set_user_pool_mfa_config(UserPoolId=choice.pool_id, MfaConfiguration="OFF", WebAuthnConfiguration={
        "RelyingPartyId": "example.com", "UserVerification": "required"})
    # A passkey of the pool's former relying party cannot sign in, so WEB_AUTHN is not offered at all
    # (test_user_auth_choices.py has the rest of that).
    answer = user_auth(idp, choice, username, PREFERRED_CHALLENGE="WEB_AUTHN")
    assert answer["ChallengeName"] == "SELECT_CHALLENGE" and "WEB_AUTHN" not in answer["AvailableChallenges"]


def test_listing_pages_and_deleting(idp: Any, choice_pool: MakeChoice) -> None:
    choice, username, token, first = _passkey_user(idp, choice_pool)
    second = register_passkey(idp, token)
    page = idp.list_web_authn_credentials(AccessToken=token, MaxResults=1)
    assert [c["CredentialId"] for c in page["Credentials"]] == [first.credential_id]
    rest = idp.list_web_authn_credentials(AccessToken=token, MaxResults=1, NextToken=page["NextToken"])
    assert [c["CredentialId"] for c in rest["Credentials"]] == [second.credential_id] and "NextToken" not in rest

    idp.delete_web_authn_credential(AccessToken=token, CredentialId=first.credential_id)
    with aws_error("ResourceNotFoundException"):
        idp.delete_web_authn_credential(AccessToken=token, CredentialId=first.credential_id)
    assert [c["CredentialId"] for c in idp.list_web_authn_credentials(AccessToken=token)["Credentials"]] \
        == [second.credential_id]
    answer = user_auth(idp, choice, username, PREFERRED_CHALLENGE="WEB_AUTHN")
    with aws_error("NotAuthorizedException"):  # the deleted passkey no longer signs in
        respond(idp, choice, "WEB_AUTHN", answer["Session"], USERNAME=username,
                CREDENTIAL=first.get(request_options(answer)))


def test_a_passkey_stands_for_mfa_only_with_passkey_mfa(emulator: RunningEmulator, idp: Any,
                                                      choice_pool: MakeChoice) -> None:
    choice, username, token, passkey = _passkey_user(idp, choice_pool)
    idp.set_user_pool_mfa_config(UserPoolId=choice.pool_id, MfaConfiguration="ON",
                                 SoftwareTokenMfaConfiguration={"Enabled": True},
                                 WebAuthnConfiguration={**WEB_AUTHN_CONFIG,
                                                        "FactorConfiguration": "MULTI_FACTOR_WITH_USER_VERIFICATION"})
    # MFA required: no passwordless first factor on its own (the password comes with MFA).
    assert user_auth(idp, choice, username)["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP"]
    with aws_error("InvalidParameterException"):  # passkey MFA needs another factor against lockout
        idp.admin_set_user_mfa_preference(UserPoolId=choice.pool_id, Username=username,
                                          WebAuthnMfaSettings={"Enabled": True})
    secret = idp.associate_software_token(AccessToken=token)["SecretCode"]
    assert idp.verify_software_token(AccessToken=token, UserCode=totp_code(emulator.url, secret))["Status"] \
        == "SUCCESS"
    idp.admin_set_user_mfa_preference(UserPoolId=choice.pool_id, Username=username,
                                      WebAuthnMfaSettings={"Enabled": True})
    assert user_auth(idp, choice, username)["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP", "WEB_AUTHN"]
    answer = user_auth(idp, choice, username, PREFERRED_CHALLENGE="WEB_AUTHN")
    done = respond(idp, choice, "WEB_AUTHN", answer["Session"], USERNAME=username,
                   CREDENTIAL=passkey.get(request_options(answer)))
    assert done["AuthenticationResult"]["AccessToken"]  # no SOFTWARE_TOKEN_MFA after the passkey
    password = user_auth(idp, choice, username, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)
    assert password["ChallengeName"] == "SOFTWARE_TOKEN_MFA"


def test_admin_sign_in_with_a_passkey_and_a_client_secret(idp: Any, choice_pool: MakeChoice) -> None:
    """AdminInitiateAuth / AdminRespondToAuthChallenge, through a client with a secret: SECRET_HASH is
    required on both calls, as for every flow."""
    choice, username, _, passkey = _passkey_user(idp, choice_pool)
    created = idp.create_user_pool_client(UserPoolId=choice.pool_id, ClientName="server", GenerateSecret=True,
                                          ExplicitAuthFlows=["ALLOW_USER_AUTH"])["UserPoolClient"]
    client_id, secret = created["ClientId"], created["ClientSecret"]
    secret_hash = base64.b64encode(hmac.new(secret.encode(), (username + client_id).encode(), sha256).digest()).decode()

    def initiate(**extra: str) -> dict[str, Any]:
        return dict(idp.admin_initiate_auth(UserPoolId=choice.pool_id, ClientId=client_id, AuthFlow="USER_AUTH",
                                            AuthParameters={"USERNAME": username, "PREFERRED_CHALLENGE": "WEB_AUTHN",
                                                            **extra}))

    with aws_error("NotAuthorizedException",
                   f"Client {client_id} is configured with secret but SECRET_HASH was not received"):
        initiate()
    answer = initiate(SECRET_HASH=secret_hash)
    responses = {"USERNAME": username, "CREDENTIAL": passkey.get(request_options(answer))}
    with aws_error("NotAuthorizedException"):
        idp.admin_respond_to_auth_challenge(UserPoolId=choice.pool_id, ClientId=client_id, ChallengeName="WEB_AUTHN",
                                            Session=answer["Session"], ChallengeResponses=responses)
    answer = initiate(SECRET_HASH=secret_hash)
    responses = {"USERNAME": username, "CREDENTIAL": passkey.get(request_options(answer)), "SECRET_HASH": secret_hash}
    done = idp.admin_respond_to_auth_challenge(UserPoolId=choice.pool_id, ClientId=client_id,
                                               ChallengeName="WEB_AUTHN", Session=answer["Session"],
                                               ChallengeResponses=responses)
    assert done["AuthenticationResult"]["AccessToken"]


def test_the_dashboard_shows_a_users_sign_in_factors(emulator: RunningEmulator, idp: Any,
                                                      choice_pool: MakeChoice) -> None:
    choice, username, _, _ = _passkey_user(idp, choice_pool)
    ui = UiClient(emulator.url)
    try:
        page = ui.page(f"/pools/{choice.pool_id}/user", username=username)
    finally:
        ui.close()
    row = page[page.index("Sign-in factors"):].split("</tr>", 1)[0]
    assert [chip for chip in ("PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN") if f">{chip}<" in row] \
        == ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"]
