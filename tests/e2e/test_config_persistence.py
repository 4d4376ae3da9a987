"""Stored configuration outlives a restart with a state dir, goes on reset, and identity
providers (with the clients that name them and the users linked to them) travel in an export."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

from tests.e2e.conftest import make_client
from tests.e2e.expect import aws_error
from tests.e2e.server import run_emulator

GOOGLE = {"client_id": "1example.apps.googleusercontent.com", "client_secret": "secret",
          "authorize_scopes": "email profile openid"}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 16
LINKS = {"cognito:default": "https://example.com/terms"}


def _configure(idp: Any) -> dict[str, str]:
    pool_id = idp.create_user_pool(PoolName="configured")["UserPool"]["Id"]
    idp.create_user_pool_domain(UserPoolId=pool_id, Domain=f"cfg-{uuid.uuid4().hex[:10]}")
    idp.create_identity_provider(UserPoolId=pool_id, ProviderName="Google", ProviderType="Google",
                                 ProviderDetails=GOOGLE, IdpIdentifiers=["gmail"])
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="web",
                                            SupportedIdentityProviders=["COGNITO", "Google"],
                                            )["UserPoolClient"]["ClientId"]
    idp.admin_create_user(UserPoolId=pool_id, Username="alice", TemporaryPassword="Passw0rd!!",
                          MessageAction="SUPPRESS")
    idp.admin_link_provider_for_user(
        UserPoolId=pool_id, DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": "alice"},
        SourceUser={"ProviderName": "Google", "ProviderAttributeName": "Cognito_Subject",
                    "ProviderAttributeValue": "42"})
    idp.set_ui_customization(UserPoolId=pool_id, ClientId=client_id, ImageFile=PNG)
    style = idp.create_managed_login_branding(UserPoolId=pool_id, ClientId=client_id, UseCognitoProvidedValues=True)
    terms = idp.create_terms(UserPoolId=pool_id, ClientId=client_id, TermsName="terms-of-use", TermsSource="LINK",
                             Enforcement="NONE", Links=LINKS)["Terms"]
    idp.set_risk_configuration(UserPoolId=pool_id, RiskExceptionConfiguration={"SkippedIPRangeList": ["10.0.0.0/8"]})
    idp.create_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1")
    return {"pool": pool_id, "client": client_id, "style": style["ManagedLoginBranding"]["ManagedLoginBrandingId"],
            "terms": terms["TermsId"]}


def _check_configured(idp: Any, ids: dict[str, str]) -> None:
    pool_id, client_id = ids["pool"], ids["client"]
    provider = idp.get_identity_provider_by_identifier(UserPoolId=pool_id, IdpIdentifier="gmail")
    assert provider["IdentityProvider"]["ProviderName"] == "Google"
    custom = idp.get_ui_customization(UserPoolId=pool_id, ClientId=client_id)["UICustomization"]
    with urllib.request.urlopen(custom["ImageUrl"], timeout=10) as response:
        assert response.read() == PNG
    assert idp.describe_managed_login_branding(UserPoolId=pool_id, ManagedLoginBrandingId=ids["style"])
    assert idp.describe_terms(UserPoolId=pool_id, TermsId=ids["terms"])["Terms"]["Links"] == LINKS
    risk = idp.describe_risk_configuration(UserPoolId=pool_id)["RiskConfiguration"]
    assert risk["RiskExceptionConfiguration"] == {"SkippedIPRangeList": ["10.0.0.0/8"]}
    assert len(idp.list_user_pool_replicas(UserPoolId=pool_id)["UserPoolReplicas"]) == 2
    _check_link_survived(idp, pool_id)


def _check_link_survived(idp: Any, pool_id: str) -> None:
    """The linked identity still blocks linking it to another user (the pool's index came back)."""
    idp.admin_create_user(UserPoolId=pool_id, Username=f"bob{uuid.uuid4().hex[:6]}", MessageAction="SUPPRESS")
    bob = [u["Username"] for u in idp.list_users(UserPoolId=pool_id)["Users"] if u["Username"].startswith("bob")][0]
    with aws_error("AliasExistsException"):
        idp.admin_link_provider_for_user(
            UserPoolId=pool_id, DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": bob},
            SourceUser={"ProviderName": "Google", "ProviderAttributeName": "Cognito_Subject",
                        "ProviderAttributeValue": "42"})


def test_a_restart_keeps_the_configuration_and_reset_forgets_it(tmp_path: Path) -> None:
    state = str(tmp_path / "state")
    with run_emulator("--state-dir", state, "--no-fixtures") as first:
        ids = _configure(make_client("cognito-idp", first.url))
    with run_emulator("--state-dir", state) as second:
        idp = make_client("cognito-idp", second.url)
        _check_configured(idp, ids)
        urllib.request.urlopen(urllib.request.Request(f"{second.url}/_emulator/reset", data=b"", method="POST"))
        with aws_error("ResourceNotFoundException"):
            idp.describe_identity_provider(UserPoolId=ids["pool"], ProviderName="Google")
        with aws_error("ResourceNotFoundException"):
            idp.describe_terms(UserPoolId=ids["pool"], TermsId=ids["terms"])


def test_a_deleted_pool_takes_its_configuration(tmp_path: Path) -> None:
    with run_emulator("--no-fixtures") as running:
        idp = make_client("cognito-idp", running.url)
        ids = _configure(idp)
        domain = idp.describe_user_pool(UserPoolId=ids["pool"])["UserPool"]["Domain"]
        idp.delete_user_pool_domain(UserPoolId=ids["pool"], Domain=domain)
        idp.delete_user_pool(UserPoolId=ids["pool"])
        with urllib.request.urlopen(f"{running.url}/_emulator/export", timeout=10) as response:
            assert json.load(response)["UserPools"] == []
        logo = f"{running.url}/_emulator/branding/{ids['pool']}/{ids['client']}/logo.png"
        try:
            urllib.request.urlopen(logo, timeout=10)
            raise AssertionError("the deleted pool's logo is still served")
        except urllib.error.HTTPError as error:
            assert error.code == 404


def test_identity_providers_travel_in_an_export(tmp_path: Path) -> None:
    with run_emulator("--no-fixtures") as running:
        ids = _configure(make_client("cognito-idp", running.url))
        with urllib.request.urlopen(f"{running.url}/_emulator/export", timeout=10) as response:
            document = json.load(response)
    [pool] = document["UserPools"]
    assert [p["ProviderName"] for p in pool["IdentityProviders"]] == ["Google"]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with run_emulator("--fixtures", str(path)) as loaded:
        idp = make_client("cognito-idp", loaded.url)
        described = idp.describe_identity_provider(UserPoolId=ids["pool"], ProviderName="Google")["IdentityProvider"]
        assert described["ProviderDetails"]["client_id"] == GOOGLE["client_id"]
        client = idp.describe_user_pool_client(UserPoolId=ids["pool"], ClientId=ids["client"])["UserPoolClient"]
        assert client["SupportedIdentityProviders"] == ["COGNITO", "Google"]
        with urllib.request.urlopen(f"{loaded.url}/_emulator/export", timeout=10) as response:
            assert json.load(response) == document
        _check_link_survived(idp, ids["pool"])
