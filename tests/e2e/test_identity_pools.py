"""Identity pools with boto3 against a live emulator: pool management, GetId and
GetCredentialsForIdentity with real user-pool ID tokens, every refusal with AWS's wording, role
resolution (defaults, Token and Rules mappings), OpenID tokens, developer identities, seeding."""

from __future__ import annotations

import base64
import json
import re
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
import pytest

from tests.e2e.auth_helpers import PASSWORD, make_client, make_user, password_sign_in
from tests.e2e.conftest import REGION
from tests.e2e.conftest import make_client as make_boto_client
from tests.e2e.control import advance_clock
from tests.e2e.expect import aws_error, collect_pages
from tests.e2e.server import run_emulator

AUTH_ROLE = "arn:aws:iam::123456789012:role/auth"
UNAUTH_ROLE = "arn:aws:iam::123456789012:role/unauth"
ADMIN_ROLE = "arn:aws:iam::123456789012:role/admin"
READER_ROLE = "arn:aws:iam::123456789012:role/reader"
LOGINS_DONT_MATCH = "Logins don't match. Please include at least one valid login for this identity or identity pool."
NOT_SUPPORTED = "Token is not from a supported provider of this identity pool."


@dataclass
class Federation:
    """A user pool, an app client, a signed-in user, and an identity pool trusting that client."""

    user_pool_id: str
    client_id: str
    username: str
    id_token: str
    access_token: str
    identity_pool_id: str

    @property
    def provider(self) -> str:
        return f"cognito-idp.{REGION}.amazonaws.com/{self.user_pool_id}"

    @property
    def logins(self) -> dict[str, str]:
        return {self.provider: self.id_token}


def sign_in(idp: Any, pool_id: str, client_id: str, username: str) -> dict[str, Any]:
    from tests.e2e.auth_helpers import SignInSetup

    return password_sign_in(idp, SignInSetup(pool_id, client_id, username))


def make_identity_pool(identity: Any, provider: str, client_id: str, **settings: Any) -> str:
    settings.setdefault("AllowUnauthenticatedIdentities", False)
    created = identity.create_identity_pool(
        IdentityPoolName=f"ids{uuid.uuid4().hex[:8]}",
        CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": client_id}], **settings)
    return str(created["IdentityPoolId"])


@pytest.fixture
def fed(idp: Any, identity: Any, pool: dict[str, Any]) -> Iterator[Federation]:
    client_id = make_client(idp, pool["Id"])
    username = make_user(idp, pool["Id"], attributes={"email": "fed@example.com"})
    tokens = sign_in(idp, pool["Id"], client_id, username)
    provider = f"cognito-idp.{REGION}.amazonaws.com/{pool['Id']}"
    pool_id = make_identity_pool(identity, provider, client_id, AllowUnauthenticatedIdentities=True)
    identity.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": AUTH_ROLE,
                                                                      "unauthenticated": UNAUTH_ROLE})
    yield Federation(pool["Id"], client_id, username, tokens["IdToken"], tokens["AccessToken"], pool_id)
    identity.delete_identity_pool(IdentityPoolId=pool_id)


def credentials_record(url: str, access_key_id: str) -> tuple[int, dict[str, Any]]:
    try:
        with urllib.request.urlopen(f"{url}/_emulator/credentials/{access_key_id}") as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def tampered(token: str, **changes: Any) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims.update(changes)
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{body}.{signature}"


# --- pool management ---------------------------------------------------------------------------

def test_create_describe_update_list_delete(identity: Any) -> None:
    created = identity.create_identity_pool(
        IdentityPoolName="crud pool", AllowUnauthenticatedIdentities=True, AllowClassicFlow=True,
        DeveloperProviderName="login.example", IdentityPoolTags={"team": "a"},
        CognitoIdentityProviders=[{"ProviderName": "cognito-idp.us-east-1.amazonaws.com/us-east-1_abc",
                                   "ClientId": "client1", "ServerSideTokenCheck": True}])
    pool_id = created["IdentityPoolId"]
    assert re.fullmatch(r"us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", pool_id)
    described = identity.describe_identity_pool(IdentityPoolId=pool_id)
    assert described["IdentityPoolName"] == "crud pool" and described["AllowClassicFlow"] is True
    assert described["CognitoIdentityProviders"][0]["ServerSideTokenCheck"] is True
    assert described["IdentityPoolTags"] == {"team": "a"}
    updated = identity.update_identity_pool(IdentityPoolId=pool_id, IdentityPoolName="renamed",
                                            AllowUnauthenticatedIdentities=False)
    assert updated["IdentityPoolName"] == "renamed" and "CognitoIdentityProviders" not in updated
    assert updated["DeveloperProviderName"] == "login.example"
    pools, pages = collect_pages(identity.list_identity_pools, "IdentityPools", MaxResults=1)
    assert {"IdentityPoolId": pool_id, "IdentityPoolName": "renamed"} in pools and pages >= 1
    identity.delete_identity_pool(IdentityPoolId=pool_id)
    with aws_error("ResourceNotFoundException", f"IdentityPool '{pool_id}' not found."):
        identity.describe_identity_pool(IdentityPoolId=pool_id)
    with aws_error("ResourceNotFoundException", f"IdentityPool '{pool_id}' not found."):
        identity.get_id(IdentityPoolId=pool_id)


def test_invalid_pool_input_is_refused(identity: Any) -> None:
    with aws_error("InvalidParameterException", "Invalid Cognito Identity Provider"):
        identity.create_identity_pool(IdentityPoolName="bad", AllowUnauthenticatedIdentities=False,
                                      CognitoIdentityProviders=[{"ProviderName": "example.com/x", "ClientId": "c"}])
    with aws_error("ValidationException", "1 validation error detected: Value 'bad name!' at 'identityPoolName' "
                   r"failed to satisfy constraint: Member must satisfy regular expression pattern: [\w\s+=,.@-]+"):
        identity.create_identity_pool(IdentityPoolName="bad name!", AllowUnauthenticatedIdentities=False)


def test_roles_and_mappings_round_trip_and_unknown_provider_is_refused(identity: Any, fed: Federation) -> None:
    key = f"{fed.provider}:{fed.client_id}"
    mapping = {"Type": "Token", "AmbiguousRoleResolution": "AuthenticatedRole"}
    identity.set_identity_pool_roles(IdentityPoolId=fed.identity_pool_id, Roles={"authenticated": AUTH_ROLE},
                                     RoleMappings={key: mapping})
    got = identity.get_identity_pool_roles(IdentityPoolId=fed.identity_pool_id)
    assert got["Roles"] == {"authenticated": AUTH_ROLE} and got["RoleMappings"] == {key: mapping}
    with aws_error("InvalidParameterException",
                   f"{fed.provider} is not a valid RoleMapping ProviderName or is not a configured provider."):
        identity.set_identity_pool_roles(IdentityPoolId=fed.identity_pool_id, Roles={},
                                         RoleMappings={fed.provider: mapping})


def test_tags(identity: Any, fed: Federation) -> None:
    arn = f"arn:aws:cognito-identity:{REGION}:123456789012:identitypool/{fed.identity_pool_id}"
    identity.tag_resource(ResourceArn=arn, Tags={"a": "1", "b": "2"})
    identity.untag_resource(ResourceArn=arn, TagKeys=["a"])
    assert identity.list_tags_for_resource(ResourceArn=arn)["Tags"] == {"b": "2"}
    assert identity.describe_identity_pool(IdentityPoolId=fed.identity_pool_id)["IdentityPoolTags"] == {"b": "2"}
    missing = arn.replace(fed.identity_pool_id[-4:], "0000")
    with aws_error("ResourceNotFoundException"):
        identity.list_tags_for_resource(ResourceArn=missing)


# --- GetId / GetCredentialsForIdentity -----------------------------------------------------------

def test_same_user_gets_same_identity_under_aws_and_amplify_keys(identity: Any, emulator: Any,
                                                                 fed: Federation) -> None:
    first = identity.get_id(IdentityPoolId=fed.identity_pool_id, Logins=fed.logins)["IdentityId"]
    assert re.fullmatch(r"us-east-1:[0-9a-f-]{36}", first)
    amplify_key = emulator.url.split("://", 1)[1] + "/" + fed.user_pool_id  # iss without its scheme
    again = identity.get_id(IdentityPoolId=fed.identity_pool_id, Logins={amplify_key: fed.id_token})["IdentityId"]
    assert again == first
    described = identity.describe_identity(IdentityId=first)
    assert described["Logins"] == [fed.provider]
    listed = identity.list_identities(IdentityPoolId=fed.identity_pool_id, MaxResults=60)["Identities"]
    assert [i["IdentityId"] for i in listed] == [first]


def test_credentials_are_well_formed_distinct_and_looked_up(identity: Any, emulator: Any, fed: Federation) -> None:
    identity_id = identity.get_id(IdentityPoolId=fed.identity_pool_id, Logins=fed.logins)["IdentityId"]
    answers = [identity.get_credentials_for_identity(IdentityId=identity_id, Logins=fed.logins) for _ in range(2)]
    keys = [a["Credentials"] for a in answers]
    for creds in keys:
        assert re.fullmatch(r"ASIA[A-Z0-9]{16}", creds["AccessKeyId"])
        assert len(creds["SecretKey"]) == 40 and len(creds["SessionToken"]) > 200
    assert keys[0]["AccessKeyId"] != keys[1]["AccessKeyId"] and keys[0]["SecretKey"] != keys[1]["SecretKey"]
    assert answers[0]["IdentityId"] == identity_id
    clock = json.load(urllib.request.urlopen(f"{emulator.url}/_emulator/clock"))["now"]
    assert abs(keys[0]["Expiration"].timestamp() - (clock + 3600)) < 5
    status, record = credentials_record(emulator.url, keys[0]["AccessKeyId"])
    assert status == 200 and record["identityId"] == identity_id and record["roleArn"] == AUTH_ROLE
    assert record["identityPoolId"] == fed.identity_pool_id and record["logins"] == [fed.provider]
    assert credentials_record(emulator.url, "ASIAAAAAAAAAAAAAAAAA")[0] == 404


def test_unauthenticated_identities(identity: Any, emulator: Any, fed: Federation) -> None:
    guest = identity.get_id(IdentityPoolId=fed.identity_pool_id)["IdentityId"]
    assert identity.get_id(IdentityPoolId=fed.identity_pool_id)["IdentityId"] != guest
    creds = identity.get_credentials_for_identity(IdentityId=guest)["Credentials"]
    assert credentials_record(emulator.url, creds["AccessKeyId"])[1]["roleArn"] == UNAUTH_ROLE
    identity.set_identity_pool_roles(IdentityPoolId=fed.identity_pool_id, Roles={"authenticated": AUTH_ROLE})
    with aws_error("InvalidIdentityPoolConfigurationException",
                   "Invalid identity pool configuration. Check assigned IAM roles for this pool."):
        identity.get_credentials_for_identity(IdentityId=guest)
    closed = make_identity_pool(identity, fed.provider, fed.client_id)
    with aws_error("NotAuthorizedException", "Unauthenticated access is not supported for this identity pool."):
        identity.get_id(IdentityPoolId=closed)
    identity.delete_identity_pool(IdentityPoolId=closed)


def test_authenticated_identity_needs_its_logins(identity: Any, idp: Any, fed: Federation) -> None:
    identity_id = identity.get_id(IdentityPoolId=fed.identity_pool_id, Logins=fed.logins)["IdentityId"]
    with aws_error("NotAuthorizedException", LOGINS_DONT_MATCH):
        identity.get_credentials_for_identity(IdentityId=identity_id)
    other = make_user(idp, fed.user_pool_id)
    other_token = sign_in(idp, fed.user_pool_id, fed.client_id, other)["IdToken"]
    with aws_error("NotAuthorizedException", LOGINS_DONT_MATCH):
        identity.get_credentials_for_identity(IdentityId=identity_id, Logins={fed.provider: other_token})
    missing = "us-east-1:00000000-0000-4000-8000-000000000000"
    with aws_error("ResourceNotFoundException", f"Identity '{missing}' not found."):
        identity.get_credentials_for_identity(IdentityId=missing, Logins=fed.logins)


def test_bad_tokens_are_refused(identity: Any, idp: Any, fed: Federation) -> None:
    pool_id = fed.identity_pool_id

    def refused(message: str | None, logins: dict[str, str]) -> None:
        with aws_error("NotAuthorizedException", message):
            identity.get_id(IdentityPoolId=pool_id, Logins=logins)

    refused(None, {fed.provider: "garbage"})
    refused(None, {fed.provider: tampered(fed.id_token, sub=str(uuid.uuid4()))})
    refused("Invalid login token. Missing a required claim: aud", {fed.provider: fed.access_token})
    refused(NOT_SUPPORTED, {f"cognito-idp.{REGION}.amazonaws.com/{REGION}_nothere": fed.id_token})
    other_client = make_client(idp, fed.user_pool_id)
    wrong_audience = sign_in(idp, fed.user_pool_id, other_client, fed.username)["IdToken"]
    refused(NOT_SUPPORTED, {fed.provider: wrong_audience})
    other_pool = idp.create_user_pool(PoolName="other")["UserPool"]["Id"]
    try:
        other_client_id = make_client(idp, other_pool)
        stranger = make_user(idp, other_pool)
        foreign = sign_in(idp, other_pool, other_client_id, stranger)["IdToken"]
        refused("Invalid login token. Issuer doesn't match providerName", {fed.provider: foreign})
    finally:
        idp.delete_user_pool(UserPoolId=other_pool)
    assert identity.list_identities(IdentityPoolId=pool_id, MaxResults=10)["Identities"] == []


def test_server_side_token_check_refuses_signed_out_and_deleted_users(identity: Any, idp: Any,
                                                                        fed: Federation) -> None:
    checked = identity.create_identity_pool(
        IdentityPoolName="checked", AllowUnauthenticatedIdentities=False,
        CognitoIdentityProviders=[{"ProviderName": fed.provider, "ClientId": fed.client_id,
                                   "ServerSideTokenCheck": True}])["IdentityPoolId"]
    identity.set_identity_pool_roles(IdentityPoolId=checked, Roles={"authenticated": AUTH_ROLE})
    identity_id = identity.get_id(IdentityPoolId=checked, Logins=fed.logins)["IdentityId"]
    identity.get_credentials_for_identity(IdentityId=identity_id, Logins=fed.logins)
    idp.admin_user_global_sign_out(UserPoolId=fed.user_pool_id, Username=fed.username)
    with aws_error("NotAuthorizedException"):
        identity.get_credentials_for_identity(IdentityId=identity_id, Logins=fed.logins)
    fresh = sign_in(idp, fed.user_pool_id, fed.client_id, fed.username)["IdToken"]
    identity.get_credentials_for_identity(IdentityId=identity_id, Logins={fed.provider: fresh})
    # Without the check (the fixture's pool), the signed-out token is still accepted, as on AWS.
    identity.get_id(IdentityPoolId=fed.identity_pool_id, Logins=fed.logins)
    idp.admin_delete_user(UserPoolId=fed.user_pool_id, Username=fed.username)
    with aws_error("NotAuthorizedException"):
        identity.get_credentials_for_identity(IdentityId=identity_id, Logins={fed.provider: fresh})
    identity.delete_identity_pool(IdentityPoolId=checked)


def test_expired_token_is_refused_with_aws_wording() -> None:
    with run_emulator("--no-fixtures") as private:
        idp, identity = make_boto_client("cognito-idp", private.url), make_boto_client("cognito-identity", private.url)
        user_pool = idp.create_user_pool(PoolName="exp")["UserPool"]["Id"]
        client_id = make_client(idp, user_pool)
        username = make_user(idp, user_pool)
        token = sign_in(idp, user_pool, client_id, username)["IdToken"]
        provider = f"cognito-idp.{REGION}.amazonaws.com/{user_pool}"
        pool_id = make_identity_pool(identity, provider, client_id)
        identity.get_id(IdentityPoolId=pool_id, Logins={provider: token})
        now = advance_clock(private.url, 3601)
        exp = jwt.decode(token, options={"verify_signature": False})["exp"]
        with aws_error("NotAuthorizedException", f"Invalid login token. Token expired: {int(now)} >= {exp}"):
            identity.get_id(IdentityPoolId=pool_id, Logins={provider: token})


# --- role resolution ---------------------------------------------------------------------------

def grouped_token(idp: Any, fed: Federation, groups: list[tuple[str, str, int]]) -> str:
    for name, role, precedence in groups:
        idp.create_group(UserPoolId=fed.user_pool_id, GroupName=name, RoleArn=role, Precedence=precedence)
        idp.admin_add_user_to_group(UserPoolId=fed.user_pool_id, Username=fed.username, GroupName=name)
    return str(sign_in(idp, fed.user_pool_id, fed.client_id, fed.username)["IdToken"])


def role_for(identity: Any, emulator: Any, fed: Federation, token: str, **extra: Any) -> str:
    logins = {fed.provider: token}
    identity_id = identity.get_id(IdentityPoolId=fed.identity_pool_id, Logins=logins)["IdentityId"]
    creds = identity.get_credentials_for_identity(IdentityId=identity_id, Logins=logins, **extra)["Credentials"]
    return str(credentials_record(emulator.url, creds["AccessKeyId"])[1]["roleArn"])


def set_mapping(identity: Any, fed: Federation, mapping: dict[str, Any]) -> None:
    identity.set_identity_pool_roles(IdentityPoolId=fed.identity_pool_id, Roles={"authenticated": AUTH_ROLE},
                                     RoleMappings={f"{fed.provider}:{fed.client_id}": mapping})


def test_token_mapping_uses_preferred_role_custom_role_and_ambiguity(identity: Any, idp: Any, emulator: Any,
                                                                     fed: Federation) -> None:
    token = grouped_token(idp, fed, [("admins", ADMIN_ROLE, 1), ("readers", READER_ROLE, 5)])
    set_mapping(identity, fed, {"Type": "Token", "AmbiguousRoleResolution": "Deny"})
    assert role_for(identity, emulator, fed, token) == ADMIN_ROLE  # cognito:preferred_role
    assert role_for(identity, emulator, fed, token, CustomRoleArn=READER_ROLE) == READER_ROLE
    with aws_error("NotAuthorizedException"):
        role_for(identity, emulator, fed, token, CustomRoleArn="arn:aws:iam::123456789012:role/elsewhere")
    idp.update_group(UserPoolId=fed.user_pool_id, GroupName="readers", Precedence=1)  # a tie: no preferred role
    tied = sign_in(idp, fed.user_pool_id, fed.client_id, fed.username)["IdToken"]
    with aws_error("NotAuthorizedException",
                   f"The ambiguous role mapping rules for: {fed.provider}:{fed.client_id} denied this request."):
        role_for(identity, emulator, fed, tied)
    set_mapping(identity, fed, {"Type": "Token", "AmbiguousRoleResolution": "AuthenticatedRole"})
    assert role_for(identity, emulator, fed, tied) == AUTH_ROLE
    assert role_for(identity, emulator, fed, fed.id_token) == AUTH_ROLE  # no groups in that token


def test_rules_mapping_first_match_wins(identity: Any, idp: Any, emulator: Any, fed: Federation) -> None:
    def rules(*items: tuple[str, str, str, str]) -> dict[str, Any]:
        return {"Type": "Rules", "AmbiguousRoleResolution": "Deny", "RulesConfiguration": {"Rules": [
            {"Claim": c, "MatchType": m, "Value": v, "RoleARN": r} for c, m, v, r in items]}}

    set_mapping(identity, fed, rules(("nickname", "NotEqual", "x", READER_ROLE),  # missing claim: skipped
                                     ("email", "StartsWith", "fed@", ADMIN_ROLE),
                                     ("email", "Equals", "fed@example.com", READER_ROLE)))
    assert role_for(identity, emulator, fed, fed.id_token) == ADMIN_ROLE
    set_mapping(identity, fed, rules(("email", "Contains", "example.com", READER_ROLE)))
    assert role_for(identity, emulator, fed, fed.id_token) == READER_ROLE
    set_mapping(identity, fed, rules(("email", "NotEqual", "fed@example.com", READER_ROLE)))
    with aws_error("NotAuthorizedException",
                   f"The ambiguous role mapping rules for: {fed.provider}:{fed.client_id} denied this request."):
        role_for(identity, emulator, fed, fed.id_token)


# --- OpenID tokens, developer identities, unlinking, deletion ------------------------------------

def verify_openid(emulator: Any, token: str, audience: str) -> dict[str, Any]:
    keys = jwt.PyJWKClient(f"{emulator.url}/_emulator/identity/.well-known/jwks.json")
    key = keys.get_signing_key_from_jwt(token).key
    return dict(jwt.decode(token, key, algorithms=["RS256"], audience=audience,
                           issuer="https://cognito-identity.amazonaws.com"))


def test_get_open_id_token_needs_classic_flow(identity: Any, emulator: Any, fed: Federation) -> None:
    identity_id = identity.get_id(IdentityPoolId=fed.identity_pool_id, Logins=fed.logins)["IdentityId"]
    with aws_error("InvalidParameterException", "Basic (classic) flow is not enabled, please use enhanced flow."):
        identity.get_open_id_token(IdentityId=identity_id, Logins=fed.logins)
    identity.update_identity_pool(IdentityPoolId=fed.identity_pool_id, IdentityPoolName="classic",
                                  AllowUnauthenticatedIdentities=True, AllowClassicFlow=True,
                                  CognitoIdentityProviders=[{"ProviderName": fed.provider, "ClientId": fed.client_id}])
    token = identity.get_open_id_token(IdentityId=identity_id, Logins=fed.logins)["Token"]
    claims = verify_openid(emulator, token, fed.identity_pool_id)
    sub = jwt.decode(fed.id_token, options={"verify_signature": False})["sub"]
    assert claims["sub"] == identity_id and claims["exp"] - claims["iat"] == 600
    assert claims["amr"] == ["authenticated", fed.provider, f"{fed.provider}:CognitoSignIn:{sub}"]
    guest = identity.get_id(IdentityPoolId=fed.identity_pool_id)["IdentityId"]
    guest_claims = verify_openid(emulator, identity.get_open_id_token(IdentityId=guest)["Token"], fed.identity_pool_id)
    assert guest_claims["amr"] == ["unauthenticated"]


def test_developer_identities(identity: Any, emulator: Any) -> None:
    pool_id = identity.create_identity_pool(IdentityPoolName="dev", AllowUnauthenticatedIdentities=False,
                                            DeveloperProviderName="login.example")["IdentityPoolId"]
    identity.set_identity_pool_roles(IdentityPoolId=pool_id, Roles={"authenticated": AUTH_ROLE})
    first = identity.get_open_id_token_for_developer_identity(
        IdentityPoolId=pool_id, Logins={"login.example": "alice"}, TokenDuration=120)
    claims = verify_openid(emulator, first["Token"], pool_id)
    assert claims["exp"] - claims["iat"] == 120 and claims["sub"] == first["IdentityId"]
    assert claims["amr"] == ["authenticated", "login.example", f"login.example:{pool_id}:alice"]
    again = identity.get_open_id_token_for_developer_identity(IdentityPoolId=pool_id, Logins={"login.example": "alice"})
    assert again["IdentityId"] == first["IdentityId"]
    creds = identity.get_credentials_for_identity(
        IdentityId=first["IdentityId"], Logins={"cognito-identity.amazonaws.com": first["Token"]})["Credentials"]
    assert credentials_record(emulator.url, creds["AccessKeyId"])[1]["roleArn"] == AUTH_ROLE
    bob = identity.get_open_id_token_for_developer_identity(IdentityPoolId=pool_id, Logins={"login.example": "bob"})
    with aws_error("DeveloperUserAlreadyRegisteredException"):
        identity.get_open_id_token_for_developer_identity(IdentityPoolId=pool_id, IdentityId=first["IdentityId"],
                                                          Logins={"login.example": "bob"})
    looked = identity.lookup_developer_identity(IdentityPoolId=pool_id, DeveloperUserIdentifier="alice")
    assert looked["IdentityId"] == first["IdentityId"] and looked["DeveloperUserIdentifierList"] == ["alice"]
    merged = identity.merge_developer_identities(SourceUserIdentifier="bob", DestinationUserIdentifier="alice",
                                                 DeveloperProviderName="login.example", IdentityPoolId=pool_id)
    assert merged["IdentityId"] == first["IdentityId"]
    with aws_error("ResourceNotFoundException", f"Identity '{bob['IdentityId']}' not found."):
        identity.describe_identity(IdentityId=bob["IdentityId"])
    identity.unlink_developer_identity(IdentityId=first["IdentityId"], IdentityPoolId=pool_id,
                                       DeveloperProviderName="login.example", DeveloperUserIdentifier="bob")
    assert identity.lookup_developer_identity(IdentityPoolId=pool_id, IdentityId=first["IdentityId"])[
        "DeveloperUserIdentifierList"] == ["alice"]
    with aws_error("ResourceNotFoundException"):
        identity.lookup_developer_identity(IdentityPoolId=pool_id, DeveloperUserIdentifier="bob")
    identity.delete_identity_pool(IdentityPoolId=pool_id)


def test_unlink_and_delete_identities(identity: Any, fed: Federation) -> None:
    identity_id = identity.get_id(IdentityPoolId=fed.identity_pool_id, Logins=fed.logins)["IdentityId"]
    identity.unlink_identity(IdentityId=identity_id, Logins=fed.logins, LoginsToRemove=[fed.provider])
    assert "Logins" not in identity.describe_identity(IdentityId=identity_id)
    assert identity.get_id(IdentityPoolId=fed.identity_pool_id, Logins=fed.logins)["IdentityId"] != identity_id
    answer = identity.delete_identities(IdentityIdsToDelete=[identity_id])
    assert answer["UnprocessedIdentityIds"] == []
    with aws_error("ResourceNotFoundException", f"Identity '{identity_id}' not found."):
        identity.describe_identity(IdentityId=identity_id)


# --- seeding -----------------------------------------------------------------------------------

def test_seeded_identity_pool_federates_the_seeded_user_pool(tmp_path: Path) -> None:
    pool_id = "us-east-1:11111111-2222-4333-8444-555555555555"
    provider = "cognito-idp.us-east-1.amazonaws.com/us-east-1_seeded"
    seed = {"UserPools": [{"Id": "seeded", "PoolName": "seeded",
                           "Clients": [{"ClientId": "seededclient", "ClientName": "web",
                                        "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}],
                           "Users": [{"Username": "sam", "Password": PASSWORD}]}],
            "IdentityPools": [{"IdentityPoolId": pool_id, "IdentityPoolName": "seeded",
                               "AllowUnauthenticatedIdentities": True,
                               "CognitoIdentityProviders": [{"ProviderName": provider, "ClientId": "seededclient"}],
                               "Roles": {"authenticated": AUTH_ROLE, "unauthenticated": UNAUTH_ROLE}}]}
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed))
    with run_emulator("--fixtures", str(path)) as private:
        idp, identity = make_boto_client("cognito-idp", private.url), make_boto_client("cognito-identity", private.url)
        assert identity.get_identity_pool_roles(IdentityPoolId=pool_id)["Roles"]["authenticated"] == AUTH_ROLE
        token = sign_in(idp, "us-east-1_seeded", "seededclient", "sam")["IdToken"]
        identity_id = identity.get_id(IdentityPoolId=pool_id, Logins={provider: token})["IdentityId"]
        creds = identity.get_credentials_for_identity(IdentityId=identity_id, Logins={provider: token})
        assert credentials_record(private.url, creds["Credentials"]["AccessKeyId"])[1]["roleArn"] == AUTH_ROLE
