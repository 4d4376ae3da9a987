"""export_seed: state -> seed document -> the same state. A rich seed is loaded, exported,
the export loaded into a fresh emulator and exported again: the two documents are equal,
and the re-loaded users sign in with their original passwords (USER_PASSWORD_AUTH and SRP),
keep their subs, statuses and MFA. State made by API operations round-trips the same way."""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import json
from typing import Any

import jwt
import pyotp
import pytest
from pycognito.aws_srp import AWSSRP

from emulator.identitypools.views import pool_view
from emulator.runtime import Emulator
from emulator.seeding.export import (
    CLIENT_READ_ONLY,
    GROUP_READ_ONLY,
    POOL_READ_ONLY,
    POOL_VIEW_HANDLED,
    export_emulator,
)
from emulator.seeding.loader import apply_seed
from emulator.settings import Settings
from emulator.userpools.users.identity import find_user
from emulator.userpools.views import client_view, group_view, user_pool_view
from emulator.wire.models import IDENTITY_POOLS, USER_POOLS, load_service
from tests.export_samples import (
    EMAIL_CLIENT,
    EMAIL_POOL_ID,
    EMAIL_USER,
    PASSWORD,
    POOL_ID,
    SERVER_CLIENT,
    SERVER_SECRET,
    TEMPORARY_PASSWORD,
    TOTP_SECRET,
    WEB_CLIENT,
    rich_seed,
)
from tests.unit.inprocess import InProcessClient, OperationError


def fresh() -> Emulator:
    return Emulator(Settings(fixtures=None))


def exported(emulator: Emulator) -> dict[str, Any]:
    return export_emulator(emulator)


def loaded(document: dict[str, Any]) -> Emulator:
    emulator = fresh()
    apply_seed(emulator, json.loads(json.dumps(document)))  # through JSON, as a seed file would be
    return emulator


@pytest.fixture(scope="module")
def original() -> Emulator:
    return loaded(rich_seed())


@pytest.fixture(scope="module")
def first_export(original: Emulator) -> dict[str, Any]:
    return exported(original)


@pytest.fixture(scope="module")
def reloaded(first_export: dict[str, Any]) -> Emulator:
    return loaded(first_export)


@pytest.fixture(scope="module")
def idp(reloaded: Emulator) -> InProcessClient:
    return InProcessClient(reloaded)


def members(service: str, operation: str) -> set[str]:
    return set(load_service(service).input_shape(operation).members)


def test_exporting_a_loaded_export_gives_the_same_document(first_export: dict[str, Any],
                                                            reloaded: Emulator) -> None:
    second = exported(reloaded)
    assert second == first_export
    assert json.dumps(second) == json.dumps(first_export)  # key order too


def test_export_is_json_without_passwords_and_shares_nothing_with_the_state(original: Emulator) -> None:
    document = exported(original)
    text = json.dumps(document)
    assert PASSWORD not in text and TEMPORARY_PASSWORD not in text
    document["UserPools"][0]["LambdaConfig"]["PreSignUp"] = "changed"
    document["UserPools"][0]["Users"][0]["Attributes"]["email"] = "changed@example.com"
    pool = original.store.user_pools[POOL_ID]
    assert pool.config["LambdaConfig"]["PreSignUp"].endswith("pre-sign-up")
    assert find_user(pool, "alice") is not None and find_user(pool, "alice").attributes["email"] == "alice@example.com"


def test_pool_entry_is_create_user_pool_input(first_export: dict[str, Any]) -> None:
    pool = first_export["UserPools"][0]
    assert pool["Id"] == POOL_ID and pool["PoolName"] == "rich"
    assert set(pool) - members(USER_POOLS, "CreateUserPool") == {"Id", "MfaConfig", "Domain", "ResourceServers",
                                                                 "Clients", "Groups", "Users"}
    assert pool["ResourceServers"] == rich_seed()["UserPools"][0]["ResourceServers"]
    assert [a["Name"] for a in pool["Schema"]] == ["name", "email", "tenant", "twenty_characters_xx", "joined",
                                                   "internal"]
    assert pool["MfaConfig"]["MfaConfiguration"] == "OPTIONAL" and "MfaConfiguration" not in pool
    assert pool["Domain"] == "rich-app" and pool["UserPoolTags"] == {"env": "local", "team": "auth"}
    assert pool["LambdaConfig"] == rich_seed()["UserPools"][0]["LambdaConfig"]
    web, server, oauth = pool["Clients"]
    assert (web["ClientId"], server["ClientId"], server["ClientSecret"]) == (WEB_CLIENT, SERVER_CLIENT, SERVER_SECRET)
    assert "ClientSecret" not in web and oauth["AllowedOAuthFlows"] == ["code"]
    assert pool["Groups"] == [{"GroupName": "admins", "Description": "Administrators",
                               "RoleArn": "arn:aws:iam::123456789012:role/admins", "Precedence": 1},
                              {"GroupName": "readers"}]
    email_pool = first_export["UserPools"][1]
    assert email_pool["Id"] == EMAIL_POOL_ID and "Schema" not in email_pool and "MfaConfig" not in email_pool


def test_user_entries(first_export: dict[str, Any], original: Emulator) -> None:
    users = {u["Username"]: u for u in first_export["UserPools"][0]["Users"]}
    assert [(u["Status"], u["Enabled"]) for u in users.values()] == [
        ("CONFIRMED", True), ("FORCE_CHANGE_PASSWORD", True), ("UNCONFIRMED", True), ("RESET_REQUIRED", True),
        ("CONFIRMED", False), ("CONFIRMED", True)]
    alice = users["alice"]
    assert alice["Sub"] == original.store.user_pools[POOL_ID].users.get("alice").sub  # type: ignore[union-attr]
    assert "sub" not in alice["Attributes"] and alice["Groups"] == ["admins", "readers"]
    assert list(alice["Attributes"]) == sorted(alice["Attributes"])
    assert "Mfa" not in alice and "Password" not in alice
    assert users["bob"]["PasswordHash"]["Temporary"] is True
    assert users["tom"]["Sub"] == "0f8fad5b-d9cb-469f-a165-70867728950e"
    assert users["tom"]["Mfa"] == {"TotpSecret": TOTP_SECRET, "TotpDeviceName": "phone", "TotpEnabled": True,
                                   "SmsEnabled": True, "EmailEnabled": False, "Preferred": "SOFTWARE_TOKEN_MFA"}
    (sam,) = first_export["UserPools"][1]["Users"]
    assert sam["Username"] != EMAIL_USER and sam["Attributes"]["email"] == EMAIL_USER  # the stored UUID name


def test_users_come_back_as_they_were(original: Emulator, reloaded: Emulator) -> None:
    for pool_id in (POOL_ID, EMAIL_POOL_ID):
        before, after = original.store.user_pools[pool_id].users, reloaded.store.user_pools[pool_id].users
        assert before.usernames() == after.usernames()
        for user in before:
            again = after.get(user.username)
            assert again is not None
            assert (again.sub, again.status, again.enabled, again.attributes, again.groups, again.mfa,
                    again.password, again.created, again.modified) == (
                user.sub, user.status, user.enabled, user.attributes, user.groups, user.mfa, user.password,
                user.created, user.modified)
            assert after.by_sub(user.sub) is again


def test_identity_pool_entry(first_export: dict[str, Any], original: Emulator, reloaded: Emulator) -> None:
    (entry,) = first_export["IdentityPools"]
    expected = rich_seed()["IdentityPools"][0]
    assert entry == expected and list(entry) == list(expected)
    for pool_id, pool in original.identity.pools.items():
        again = reloaded.identity.pools[pool_id]
        assert (pool_view(again, reloaded.tags.of(again.arn)), again.roles, again.role_mappings) == (
            pool_view(pool, original.tags.of(pool.arn)), pool.roles, pool.role_mappings)


def test_every_describe_member_is_exported_or_read_only(original: Emulator) -> None:
    """A member added to a view later must be mapped here, or it would silently be lost."""
    pool = original.store.user_pools[POOL_ID]
    assert set(user_pool_view(pool, original.store)) <= (
        members(USER_POOLS, "CreateUserPool") | POOL_VIEW_HANDLED | POOL_READ_ONLY)
    for client in pool.clients.values():
        assert set(client_view(client)) <= members(USER_POOLS, "CreateUserPoolClient") | CLIENT_READ_ONLY | {
            "ClientId"}
    for group in pool.groups.values():
        assert set(group_view(group)) <= members(USER_POOLS, "CreateGroup") | GROUP_READ_ONLY
    for identity_pool in original.identity.pools.values():
        view = pool_view(identity_pool, {"k": "v"})
        assert set(view) <= members(IDENTITY_POOLS, "CreateIdentityPool") | {"IdentityPoolId"}


# Sign-ins against the re-loaded state, through the real request path.

def password_auth(idp: InProcessClient, username: str, password: str = PASSWORD, client_id: str = WEB_CLIENT,
                  secret: str | None = None) -> dict[str, Any]:
    parameters = {"USERNAME": username, "PASSWORD": password}
    if secret is not None:
        digest = hmac.new(secret.encode(), (username + client_id).encode(), hashlib.sha256).digest()
        parameters["SECRET_HASH"] = base64.b64encode(digest).decode()
    return idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=parameters)


def sub_of(result: dict[str, Any]) -> str:
    return str(jwt.decode(result["AuthenticationResult"]["IdToken"], options={"verify_signature": False})["sub"])


def test_original_password_signs_in_by_user_password_auth(idp: InProcessClient, original: Emulator) -> None:
    result = password_auth(idp, "alice")
    assert sub_of(result) == original.store.user_pools[POOL_ID].users.get("alice").sub  # type: ignore[union-attr]
    with pytest.raises(OperationError) as wrong:
        password_auth(idp, "alice", "Wr0ng-password!")
    assert wrong.value.code == "NotAuthorizedException"
    assert "AuthenticationResult" in password_auth(idp, "alice", client_id=SERVER_CLIENT, secret=SERVER_SECRET)


def test_original_password_signs_in_by_srp(idp: InProcessClient) -> None:
    srp = AWSSRP(username="alice", password=PASSWORD, pool_id=POOL_ID, client_id=WEB_CLIENT, client=idp)
    assert srp.authenticate_user()["AuthenticationResult"]["AccessToken"]


def test_username_attribute_pool_user_signs_in_by_srp_with_its_email(idp: InProcessClient) -> None:
    """The verifier hashes the stored UUID username, which the export kept."""
    srp = AWSSRP(username=EMAIL_USER, password=PASSWORD, pool_id=EMAIL_POOL_ID, client_id=EMAIL_CLIENT, client=idp)
    assert srp.authenticate_user()["AuthenticationResult"]["AccessToken"]


@pytest.mark.parametrize("username, password, code", [
    ("carol", PASSWORD, "UserNotConfirmedException"),
    ("dave", PASSWORD, "PasswordResetRequiredException"),
    ("erin", PASSWORD, "NotAuthorizedException"),
])
def test_statuses_still_gate_sign_in(idp: InProcessClient, username: str, password: str, code: str) -> None:
    with pytest.raises(OperationError) as refused:
        password_auth(idp, username, password)
    assert refused.value.code == code


def test_temporary_password_still_asks_for_a_new_one(idp: InProcessClient) -> None:
    assert password_auth(idp, "bob", TEMPORARY_PASSWORD)["ChallengeName"] == "NEW_PASSWORD_REQUIRED"


def test_totp_user_is_challenged_and_the_same_authenticator_answers(idp: InProcessClient) -> None:
    challenge = password_auth(idp, "tom")
    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    answer = idp.respond_to_auth_challenge(
        ClientId=WEB_CLIENT, ChallengeName="SOFTWARE_TOKEN_MFA", Session=challenge["Session"],
        ChallengeResponses={"USERNAME": "tom", "SOFTWARE_TOKEN_MFA_CODE": pyotp.TOTP(TOTP_SECRET).now()})
    assert sub_of(answer) == "0f8fad5b-d9cb-469f-a165-70867728950e"


def test_state_made_by_operations_round_trips() -> None:
    """Not only seeded state: what the API operations leave behind exports and loads too."""
    emulator = fresh()
    idp = InProcessClient(emulator)
    pool_id = idp.create_user_pool(PoolName="ops", AutoVerifiedAttributes=["email"],
                                   UsernameAttributes=["email"])["UserPool"]["Id"]
    idp.add_custom_attributes(UserPoolId=pool_id, CustomAttributes=[{"Name": "plan", "AttributeDataType": "String"}])
    idp.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="OPTIONAL",
                                 SoftwareTokenMfaConfiguration={"Enabled": True})
    client = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app", GenerateSecret=False,
                                         ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH",
                                                            "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]
    idp.create_user_pool_client(UserPoolId=pool_id, ClientName="backend", GenerateSecret=True)
    idp.create_group(UserPoolId=pool_id, GroupName="staff", Precedence=3)
    idp.sign_up(ClientId=client["ClientId"], Username="new@example.com", Password=PASSWORD)
    for name in ("kim@example.com", "lee@example.com", "max@example.com"):
        idp.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS",
                              UserAttributes=[{"Name": "email_verified", "Value": "true"},
                                              {"Name": "custom:plan", "Value": "pro"}])
        idp.admin_set_user_password(UserPoolId=pool_id, Username=name, Password=PASSWORD, Permanent=True)
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username="kim@example.com", GroupName="staff")
    idp.admin_disable_user(UserPoolId=pool_id, Username="lee@example.com")
    idp.admin_reset_user_password(UserPoolId=pool_id, Username="max@example.com")
    tokens = password_auth(idp, "kim@example.com", client_id=client["ClientId"])["AuthenticationResult"]
    secret = idp.associate_software_token(AccessToken=tokens["AccessToken"])["SecretCode"]
    idp.verify_software_token(AccessToken=tokens["AccessToken"], UserCode=pyotp.TOTP(secret).now(),
                              FriendlyDeviceName="watch")
    idp.set_user_mfa_preference(AccessToken=tokens["AccessToken"],
                                SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    idp.create_user_pool_domain(UserPoolId=pool_id, Domain="ops-app")
    idp.set_user_pool_session_configuration(UserPoolId=pool_id, UserSessionTracking="ENABLED",
                                            TokenSession={"MaxPerUser": 7})
    pool_arn = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Arn"]
    idp.tag_resource(ResourceArn=pool_arn, Tags={"owner": "ops"})
    identity = InProcessClient(emulator, IDENTITY_POOLS)
    identity_pool_id = identity.create_identity_pool(IdentityPoolName="ops ids", AllowUnauthenticatedIdentities=False)[
        "IdentityPoolId"]
    identity.set_identity_pool_roles(IdentityPoolId=identity_pool_id,
                                     Roles={"authenticated": "arn:aws:iam::123456789012:role/auth"})

    first = exported(emulator)
    again = loaded(first)
    assert exported(again) == first
    (entry,) = first["UserPools"]
    users = {u["Attributes"]["email"]: u for u in entry["Users"]}
    assert users["new@example.com"]["Status"] == "UNCONFIRMED" and not users["lee@example.com"]["Enabled"]
    assert users["max@example.com"]["Status"] == "RESET_REQUIRED" and users["kim@example.com"]["Groups"] == ["staff"]
    assert users["kim@example.com"]["Mfa"]["TotpDeviceName"] == "watch"
    assert entry["Domain"] == "ops-app" and entry["UserPoolTags"] == {"owner": "ops"}
    assert entry["SessionConfiguration"] == {"UserSessionTracking": "ENABLED", "TokenSession": {"MaxPerUser": 7}}
    again_pool = again.store.user_pools[pool_id]
    assert again_pool.session_tracking and again_pool.max_sessions_per_user == 7
    assert [c.get("ClientSecret") is not None for c in entry["Clients"]] == [False, True]
    assert first["IdentityPools"][0]["Roles"] == {"authenticated": "arn:aws:iam::123456789012:role/auth"}

    again_idp = InProcessClient(again)
    challenge = password_auth(again_idp, "kim@example.com", client_id=client["ClientId"])
    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    answer = again_idp.respond_to_auth_challenge(
        ClientId=client["ClientId"], ChallengeName="SOFTWARE_TOKEN_MFA", Session=challenge["Session"],
        ChallengeResponses={"USERNAME": "kim@example.com",
                            "SOFTWARE_TOKEN_MFA_CODE": pyotp.TOTP(secret).at(emulator.clock.now() + 30)})
    assert sub_of(answer) == users["kim@example.com"]["Sub"]
    srp = AWSSRP(username="new@example.com", password=PASSWORD, pool_id=pool_id, client_id=client["ClientId"],
                 client=again_idp)
    with pytest.raises(Exception, match="not confirmed|UserNotConfirmed"):
        srp.authenticate_user()


def test_export_does_not_change_when_loaded_twice_from_copies(first_export: dict[str, Any]) -> None:
    """Loading never mutates the document it is given (the CLI may export and load the same dict)."""
    document = copy.deepcopy(first_export)
    apply_seed(fresh(), document)
    assert document == first_export


SMS = {"SnsCallerArn": "arn:aws:iam::123456789012:role/cognito-sms", "ExternalId": "local"}
SES = {"EmailSendingAccount": "DEVELOPER",
       "SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/no-reply@example.com"}


@pytest.mark.parametrize("pool", [
    {"MfaConfiguration": "ON", "SmsConfiguration": SMS},  # CreateUserPool's own way: SMS
    {"EmailConfiguration": SES, "MfaConfig": {
        "MfaConfiguration": "OPTIONAL", "EmailMfaConfiguration": {"Message": "code {####}", "Subject": "Code"},
        "WebAuthnConfiguration": {"RelyingPartyId": "example.com", "UserVerification": "preferred"}}},
    {"MfaConfig": {"WebAuthnConfiguration": {"RelyingPartyId": "example.com"}}},  # MFA off, WebAuthn set
], ids=["sms-on", "email-and-webauthn", "webauthn-only"])
def test_every_way_to_set_up_pool_mfa_round_trips(pool: dict[str, Any]) -> None:
    first = exported(loaded({"UserPools": [{"Id": "mfa", "PoolName": "mfa", **pool}]}))
    assert exported(loaded(first)) == first
    assert "MfaConfiguration" not in first["UserPools"][0] and "MfaConfig" in first["UserPools"][0]
