"""USER_AUTH details as boto3 and pycognito see them: the decoy a client with
PreventUserExistenceErrors ENABLED gives for a user who does not exist ("a randomly selected one of
the challenge types that the user pool allows", AWS's Developer Guide), whose answers fail as wrong
answers do; PASSWORD and PASSWORD_SRP as ChallengeNames of RespondToAuthChallenge; and WEB_AUTHN
offered only to a user with a passkey for the pool's current relying-party id; passkey MFA kept out
of UserMFASettingList as the model documents."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pycognito.aws_srp import AWSSRP

from tests.e2e.expect import aws_error
from tests.e2e.mfa_helpers import SMS_CONFIGURATION, totp_code
from tests.e2e.passkey_helpers import SoftwarePasskey
from tests.e2e.server import RunningEmulator
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
INCORRECT = "Incorrect username or password."
NOBODY = "nobody-here"


def _hiding(idp: Any, choice: Choice) -> Choice:
    """Another client of the pool, with PreventUserExistenceErrors ENABLED."""
    client = idp.create_user_pool_client(UserPoolId=choice.pool_id, ClientName="hiding",
                                         ExplicitAuthFlows=["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                                         PreventUserExistenceErrors="ENABLED")
    return Choice(choice.pool_id, client["UserPoolClient"]["ClientId"])


def _srp_verifier_fails(idp: Any, choice: Choice, username: str, answer: dict[str, Any], srp: AWSSRP) -> None:
    assert answer["ChallengeName"] == "PASSWORD_VERIFIER"
    responses = srp.process_challenge(answer["ChallengeParameters"], {"USERNAME": username})
    with aws_error("NotAuthorizedException", INCORRECT):
        idp.respond_to_auth_challenge(ClientId=choice.client_id, ChallengeName="PASSWORD_VERIFIER",
                                      ChallengeResponses=responses)


def test_an_unknown_user_gets_a_random_allowed_challenge_whose_answers_fail(idp: Any,
                                                                           choice_pool: MakeChoice) -> None:
    legacy = choice_pool(SmsConfiguration=SMS_CONFIGURATION)
    with aws_error("UserNotFoundException"):  # LEGACY says so
        user_auth(idp, legacy, NOBODY)
    choice = _hiding(idp, legacy)
    seen: dict[str, dict[str, Any]] = {}
    for _ in range(16):
        answer = user_auth(idp, choice, NOBODY)
        assert answer["ChallengeName"] in {"PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"}
        assert answer["Session"] and "AuthenticationResult" not in answer
        seen.setdefault(answer["ChallengeName"], answer)
    assert len(seen) > 1  # random: 16 draws of one kind out of four would be a 1 in 10^9 chance

    passkey = SoftwarePasskey()
    for name, answer in seen.items():
        if name == "PASSWORD":
            with aws_error("NotAuthorizedException", INCORRECT):
                respond(idp, choice, "PASSWORD", answer["Session"], USERNAME=NOBODY, PASSWORD=PASSWORD)
        elif name == "WEB_AUTHN":
            options = request_options(answer)
            assert options["rpId"] == "localhost" and options["allowCredentials"] == []
            with aws_error("NotAuthorizedException"):
                respond(idp, choice, "WEB_AUTHN", answer["Session"], USERNAME=NOBODY, CREDENTIAL=passkey.get(options))
        else:
            with aws_error("CodeMismatchException"):
                respond(idp, choice, name, answer["Session"], USERNAME=NOBODY, **{f"{name}_CODE": "123456"})

    # Amplify answers a PASSWORD challenge with SELECT_CHALLENGE {ANSWER: PASSWORD}: the same refusal.
    while (answer := user_auth(idp, choice, NOBODY))["ChallengeName"] != "PASSWORD":
        pass
    with aws_error("NotAuthorizedException", INCORRECT):
        respond(idp, choice, "SELECT_CHALLENGE", answer["Session"], USERNAME=NOBODY, ANSWER="PASSWORD",
                PASSWORD=PASSWORD)


def test_an_unknown_users_preferred_challenge_is_a_decoy_as_well(idp: Any, choice_pool: MakeChoice) -> None:
    choice = _hiding(idp, choice_pool(SmsConfiguration=SMS_CONFIGURATION))
    real = user(idp, choice, password=None, phone=True)
    for name, medium in (("EMAIL_OTP", "EMAIL"), ("SMS_OTP", "SMS")):
        decoy = user_auth(idp, choice, NOBODY, PREFERRED_CHALLENGE=name)
        genuine = user_auth(idp, choice, real, PREFERRED_CHALLENGE=name)
        assert decoy["ChallengeName"] == genuine["ChallengeName"] == name
        assert set(decoy["ChallengeParameters"]) == set(genuine["ChallengeParameters"])
        assert decoy["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == medium
        destination = decoy["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"]
        assert "***" in destination  # masked as AWS masks, and the same on every try
        again = user_auth(idp, choice, NOBODY, PREFERRED_CHALLENGE=name)
        assert again["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == destination
        for _ in range(5):  # a wrong code, retried on the Session as for a real user ...
            with aws_error("CodeMismatchException", "Invalid code or auth state for the user."):
                respond(idp, choice, name, decoy["Session"], USERNAME=NOBODY, **{f"{name}_CODE": "000000"})
        with aws_error("NotAuthorizedException"):  # ... until the Session is spent
            respond(idp, choice, name, decoy["Session"], USERNAME=NOBODY, **{f"{name}_CODE": "000000"})

    with aws_error("NotAuthorizedException", INCORRECT):
        user_auth(idp, choice, NOBODY, PREFERRED_CHALLENGE="PASSWORD", PASSWORD=PASSWORD)
    srp = AWSSRP(username=NOBODY, password=PASSWORD, pool_id=choice.pool_id, client_id=choice.client_id, client=idp)
    answer = user_auth(idp, choice, NOBODY, PREFERRED_CHALLENGE="PASSWORD_SRP", SRP_A=srp.get_auth_params()["SRP_A"])
    _srp_verifier_fails(idp, choice, NOBODY, answer, srp)

    admin = idp.admin_initiate_auth(UserPoolId=choice.pool_id, ClientId=choice.client_id, AuthFlow="USER_AUTH",
                                    AuthParameters={"USERNAME": NOBODY, "PREFERRED_CHALLENGE": "EMAIL_OTP"})
    assert admin["ChallengeName"] == "EMAIL_OTP"
    with aws_error("CodeMismatchException"):
        idp.admin_respond_to_auth_challenge(
            UserPoolId=choice.pool_id, ClientId=choice.client_id, ChallengeName="EMAIL_OTP", Session=admin["Session"],
            ChallengeResponses={"USERNAME": NOBODY, "EMAIL_OTP_CODE": "000000"})


def test_password_and_password_srp_answer_the_choice_by_name(idp: Any, choice_pool: MakeChoice) -> None:
    choice = choice_pool()
    username = user(idp, choice)
    select = user_auth(idp, choice, username)
    with aws_error("NotAuthorizedException", INCORRECT):
        respond(idp, choice, "PASSWORD", select["Session"], USERNAME=username, PASSWORD="Wrong-passw0rd!")
    select = user_auth(idp, choice, username)
    done = respond(idp, choice, "PASSWORD", select["Session"], USERNAME=username, PASSWORD=PASSWORD)
    assert idp.get_user(AccessToken=done["AuthenticationResult"]["AccessToken"])["Username"] == username

    srp = AWSSRP(username=username, password=PASSWORD, pool_id=choice.pool_id, client_id=choice.client_id, client=idp)
    select = user_auth(idp, choice, username)
    answer = respond(idp, choice, "PASSWORD_SRP", select["Session"], USERNAME=username,
                     SRP_A=srp.get_auth_params()["SRP_A"])
    assert answer["ChallengeName"] == "PASSWORD_VERIFIER"
    responses = srp.process_challenge(answer["ChallengeParameters"], {"USERNAME": username})
    done = idp.respond_to_auth_challenge(ClientId=choice.client_id, ChallengeName="PASSWORD_VERIFIER",
                                         ChallengeResponses=responses)
    assert done["AuthenticationResult"]["IdToken"]

    passwordless = user(idp, choice, password=None)  # PASSWORD is not among its choices
    select = user_auth(idp, choice, passwordless)
    assert select["AvailableChallenges"] == ["EMAIL_OTP"]
    with aws_error("InvalidParameterException"):
        respond(idp, choice, "PASSWORD", select["Session"], USERNAME=passwordless, PASSWORD=PASSWORD)
    sent = user_auth(idp, choice, username, PREFERRED_CHALLENGE="EMAIL_OTP")  # no choice to answer
    with aws_error("NotAuthorizedException", "Invalid session for the user."):
        respond(idp, choice, "PASSWORD", sent["Session"], USERNAME=username, PASSWORD=PASSWORD)


def test_web_authn_is_offered_only_with_a_passkey_for_the_current_relying_party(
        idp: Any, choice_pool: MakeChoice) -> None:
    choice = choice_pool()
    username = user(idp, choice)
    passkey = register_passkey(idp, access_token(idp, choice, username))
    assert "WEB_AUTHN" in user_auth(idp, choice, username)["AvailableChallenges"]

    idp.set_user_pool_mfa_config(UserPoolId=choice.pool_id, MfaConfiguration="OFF",
                                 WebAuthnConfiguration={**WEB_AUTHN_CONFIG, "RelyingPartyId": "example.com"})
    select = user_auth(idp, choice, username)
    assert select["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]
    assert "CREDENTIAL_REQUEST_OPTIONS" not in select["ChallengeParameters"]
    with aws_error("InvalidParameterException"):
        respond(idp, choice, "SELECT_CHALLENGE", select["Session"], USERNAME=username, ANSWER="WEB_AUTHN")
    preferred = user_auth(idp, choice, username, PREFERRED_CHALLENGE="WEB_AUTHN")
    assert preferred["ChallengeName"] == "SELECT_CHALLENGE"  # falls back to the choice

    idp.set_user_pool_mfa_config(UserPoolId=choice.pool_id, MfaConfiguration="OFF",
                                 WebAuthnConfiguration=WEB_AUTHN_CONFIG)
    answer = user_auth(idp, choice, username, PREFERRED_CHALLENGE="WEB_AUTHN")
    assert answer["ChallengeName"] == "WEB_AUTHN"
    assert json.loads(answer["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])["rpId"] == "localhost"
    done = respond(idp, choice, "WEB_AUTHN", answer["Session"], USERNAME=username,
                   CREDENTIAL=passkey.get(request_options(answer)))
    assert done["AuthenticationResult"]["AccessToken"]


def test_passkey_mfa_is_not_listed_among_the_mfa_settings(emulator: RunningEmulator, idp: Any,
                                                           choice_pool: MakeChoice) -> None:
    """The model: UserMFASettingList's "possible values ... are SMS_MFA, EMAIL_OTP, and
    SOFTWARE_TOKEN_MFA" (GetUser, AdminGetUser, GetUserAuthFactors); passkey MFA has no PreferredMfa
    either ("passkey MFA applies only when passkey is the first authentication factor"). The passkey
    shows in GetUserAuthFactors' ConfiguredUserAuthFactors."""
    choice = choice_pool()
    idp.set_user_pool_mfa_config(UserPoolId=choice.pool_id, MfaConfiguration="OPTIONAL",
                                 SoftwareTokenMfaConfiguration={"Enabled": True},
                                 WebAuthnConfiguration={**WEB_AUTHN_CONFIG,
                                                        "FactorConfiguration": "MULTI_FACTOR_WITH_USER_VERIFICATION"})
    username = user(idp, choice)
    token = access_token(idp, choice, username)
    register_passkey(idp, token)
    secret = idp.associate_software_token(AccessToken=token)["SecretCode"]
    assert idp.verify_software_token(AccessToken=token, UserCode=totp_code(emulator.url, secret))["Status"] \
        == "SUCCESS"
    idp.set_user_mfa_preference(AccessToken=token, WebAuthnMfaSettings={"Enabled": True},
                                SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    for answer in (idp.get_user(AccessToken=token), idp.admin_get_user(UserPoolId=choice.pool_id, Username=username),
                   idp.get_user_auth_factors(AccessToken=token)):
        assert answer["UserMFASettingList"] == ["SOFTWARE_TOKEN_MFA"]
        assert answer["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"
    factors = idp.get_user_auth_factors(AccessToken=token)["ConfiguredUserAuthFactors"]
    assert "WEB_AUTHN" in factors and "SOFTWARE_TOKEN" in factors
