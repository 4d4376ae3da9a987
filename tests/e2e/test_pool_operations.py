"""Threat protection (Set/DescribeRiskConfiguration), log delivery, replicas, point-in-time
recovery, provisioned limits, and the identity service's principal-tag maps."""

from __future__ import annotations

import json
import time
import urllib.request
import uuid
from typing import Any

import pytest

from tests.e2e.expect import aws_error

COMPROMISED = {"EventFilter": ["SIGN_IN"], "Actions": {"EventAction": "BLOCK"}}
TAKEOVER = {"Actions": {"HighAction": {"Notify": False, "EventAction": "BLOCK"}}}
LOG_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:cognito-logs"


def test_risk_configuration_per_pool_and_per_client(idp: Any, pool: dict[str, Any]) -> None:
    pool_id = pool["Id"]
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="web")["UserPoolClient"]["ClientId"]
    empty = idp.describe_risk_configuration(UserPoolId=pool_id)["RiskConfiguration"]
    assert empty == {"UserPoolId": pool_id}
    set_ = idp.set_risk_configuration(UserPoolId=pool_id, CompromisedCredentialsRiskConfiguration=COMPROMISED,
                                      RiskExceptionConfiguration={"BlockedIPRangeList": ["10.0.0.0/8"]})
    assert set_["RiskConfiguration"]["CompromisedCredentialsRiskConfiguration"] == COMPROMISED
    inherited = idp.describe_risk_configuration(UserPoolId=pool_id, ClientId=client_id)["RiskConfiguration"]
    assert "ClientId" not in inherited
    assert inherited["RiskExceptionConfiguration"]["BlockedIPRangeList"] == ["10.0.0.0/8"]
    idp.set_risk_configuration(UserPoolId=pool_id, ClientId=client_id, AccountTakeoverRiskConfiguration=TAKEOVER)
    own = idp.describe_risk_configuration(UserPoolId=pool_id, ClientId=client_id)["RiskConfiguration"]
    assert own["ClientId"] == client_id and own["AccountTakeoverRiskConfiguration"] == TAKEOVER
    assert "CompromisedCredentialsRiskConfiguration" not in own


def test_risk_configuration_refusals(idp: Any, pool: dict[str, Any]) -> None:
    notify = {"Actions": {"HighAction": {"Notify": True, "EventAction": "MFA_REQUIRED"}}}
    with aws_error("InvalidParameterException"):
        idp.set_risk_configuration(UserPoolId=pool["Id"], AccountTakeoverRiskConfiguration=notify)
    with aws_error("ResourceNotFoundException"):
        idp.set_risk_configuration(UserPoolId=pool["Id"], ClientId="nosuchclient",
                                   CompromisedCredentialsRiskConfiguration=COMPROMISED)
    with aws_error("ResourceNotFoundException"):
        idp.describe_risk_configuration(UserPoolId="us-east-1_nothere")
    assert idp.describe_risk_configuration(UserPoolId=pool["Id"])["RiskConfiguration"] == {"UserPoolId": pool["Id"]}


def test_log_delivery_round_trip_and_refusals(idp: Any, pool: dict[str, Any]) -> None:
    pool_id = pool["Id"]
    assert idp.get_log_delivery_configuration(UserPoolId=pool_id)["LogDeliveryConfiguration"] == {
        "UserPoolId": pool_id, "LogConfigurations": []}
    notification = {"LogLevel": "ERROR", "EventSource": "userNotification",
                    "CloudWatchLogsConfiguration": {"LogGroupArn": LOG_GROUP}}
    idp.set_log_delivery_configuration(UserPoolId=pool_id, LogConfigurations=[notification])
    got = idp.get_log_delivery_configuration(UserPoolId=pool_id)["LogDeliveryConfiguration"]
    assert got["LogConfigurations"] == [notification]
    with aws_error("InvalidParameterException"):
        idp.set_log_delivery_configuration(UserPoolId=pool_id, LogConfigurations=[{**notification, "LogLevel": "INFO"}])
    with aws_error("InvalidParameterException"):
        idp.set_log_delivery_configuration(UserPoolId=pool_id, LogConfigurations=[notification, notification])
    with aws_error("InvalidParameterException"):
        idp.set_log_delivery_configuration(UserPoolId=pool_id, LogConfigurations=[
            {"LogLevel": "ERROR", "EventSource": "userNotification"}])
    with aws_error("FeatureUnavailableInTierException"):  # user activity logs are a Plus feature
        idp.set_log_delivery_configuration(UserPoolId=pool_id, LogConfigurations=[
            {"LogLevel": "INFO", "EventSource": "userAuthEvents",
             "S3Configuration": {"BucketArn": "arn:aws:s3:::logs-bucket"}}])
    assert idp.get_log_delivery_configuration(UserPoolId=pool_id)["LogDeliveryConfiguration"]["LogConfigurations"] == [
        notification]


def test_replicas(idp: Any, pool: dict[str, Any]) -> None:
    pool_id = pool["Id"]
    assert idp.list_user_pool_replicas(UserPoolId=pool_id)["UserPoolReplicas"] == []
    created = idp.create_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1")["UserPoolReplica"]
    assert created["Role"] == "SECONDARY" and created["RegionName"] == "eu-west-1"
    assert created["UserPoolArn"] == f"arn:aws:cognito-idp:eu-west-1:123456789012:userpool/{pool_id}"
    listed = idp.list_user_pool_replicas(UserPoolId=pool_id)["UserPoolReplicas"]
    assert {(r["RegionName"], r["Role"]) for r in listed} == {("us-east-1", "PRIMARY"), ("eu-west-1", "SECONDARY")}
    with aws_error("InvalidParameterException"):
        idp.create_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1")
    with aws_error("InvalidParameterException"):
        idp.create_user_pool_replica(UserPoolId=pool_id, RegionName="us-east-1")
    with aws_error("InvalidParameterException"):
        idp.create_user_pool_replica(UserPoolId=pool_id, RegionName="mars-north")
    with aws_error("InvalidParameterException"):  # only an INACTIVE replica can be deleted
        idp.delete_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1")
    assert idp.update_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1",
                                        Status="INACTIVE")["UserPoolReplica"]["Status"] == "INACTIVE"
    deleted = idp.delete_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1")["UserPoolReplica"]
    assert deleted["Status"] == "DELETING"
    assert idp.list_user_pool_replicas(UserPoolId=pool_id)["UserPoolReplicas"] == []
    with aws_error("ResourceNotFoundException"):
        idp.update_user_pool_replica(UserPoolId=pool_id, RegionName="eu-west-1", Status="ACTIVE")


def _emulator_now(url: str) -> float:
    with urllib.request.urlopen(f"{url}/_emulator/clock", timeout=10) as response:
        return float(json.load(response)["now"])


def test_point_in_time_recovery(idp: Any, pool: dict[str, Any], emulator: Any) -> None:
    pool_id = pool["Id"]
    time.sleep(1.1)  # the recovery point must be after the pool's creation and in the past
    now = _emulator_now(emulator.url)  # other tests may have moved the emulator's clock
    when = now - 0.5
    started = idp.initiate_point_in_time_recovery(UserPoolId=pool_id, RestoreTimestamp=when)["Restoration"]
    assert started["RestoreStatus"] == "PREVIEW_GENERATED"
    assert {p["Entity"] for p in started["RestorePreview"]} >= {"Users"}
    restore_id = started["RestoreId"]
    with aws_error("ConcurrentModificationException"):
        idp.initiate_point_in_time_recovery(UserPoolId=pool_id, RestoreTimestamp=when)
    cancelled = idp.cancel_point_in_time_recovery(UserPoolId=pool_id, RestoreId=restore_id)["Restoration"]
    assert cancelled["RestoreStatus"] == "PREVIEW_CANCELLED"
    with aws_error("InvalidParameterException"):
        idp.start_point_in_time_recovery(UserPoolId=pool_id, RestoreId=restore_id)
    second = idp.initiate_point_in_time_recovery(UserPoolId=pool_id, RestoreTimestamp=when)["Restoration"]
    done = idp.start_point_in_time_recovery(UserPoolId=pool_id, RestoreId=second["RestoreId"])["Restoration"]
    assert done["RestoreStatus"] == "RESTORE_COMPLETED"
    with aws_error("InvalidParameterException"):
        idp.cancel_point_in_time_recovery(UserPoolId=pool_id, RestoreId=second["RestoreId"])
    listed = idp.list_point_in_time_recoveries(UserPoolId=pool_id)["Restorations"]
    assert [r["RestoreId"] for r in listed] == [second["RestoreId"], restore_id]
    assert "RestorePreview" not in listed[0]
    described = idp.describe_point_in_time_recovery(UserPoolId=pool_id, RestoreId=restore_id)["Restoration"]
    assert described["RestoreStatus"] == "PREVIEW_CANCELLED"
    with aws_error("InvalidParameterException"):
        idp.initiate_point_in_time_recovery(UserPoolId=pool_id, RestoreTimestamp=now + 3600)
    with aws_error("ResourceNotFoundException"):
        idp.describe_point_in_time_recovery(UserPoolId=pool_id, RestoreId=str(uuid.uuid4()))


def test_provisioned_limits(idp: Any) -> None:
    definition = {"LimitClass": "API_CATEGORY", "Attributes": {"Category": "UserCreation"}}
    limit = idp.get_provisioned_limit(LimitDefinition=definition)["Limit"]
    free = limit["FreeLimitValue"]
    assert limit["LimitDefinition"] == definition and limit["ProvisionedLimitValue"] >= free
    raised = idp.update_provisioned_limit(LimitDefinition=definition, RequestedLimitValue=free * 2)["Limit"]
    assert raised["ProvisionedLimitValue"] == free * 2
    assert idp.get_provisioned_limit(LimitDefinition=definition)["Limit"]["ProvisionedLimitValue"] == free * 2
    with aws_error("InvalidParameterException"):
        idp.update_provisioned_limit(LimitDefinition=definition, RequestedLimitValue=free - 1)
    with aws_error("ServiceQuotaExceededException"):
        idp.update_provisioned_limit(LimitDefinition=definition, RequestedLimitValue=free * 1000)
    with aws_error("InvalidParameterException"):
        idp.get_provisioned_limit(LimitDefinition={"LimitClass": "API_CATEGORY", "Attributes": {"Category": "Nope"}})
    idp.update_provisioned_limit(LimitDefinition=definition, RequestedLimitValue=free)


@pytest.fixture
def identity_pool(identity: Any, pool: dict[str, Any], idp: Any) -> Any:
    client_id = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="app")["UserPoolClient"]["ClientId"]
    provider = f"cognito-idp.us-east-1.amazonaws.com/{pool['Id']}"
    created = identity.create_identity_pool(
        IdentityPoolName=f"tags{uuid.uuid4().hex[:8]}", AllowUnauthenticatedIdentities=False,
        CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": client_id}])
    yield created["IdentityPoolId"], provider
    identity.delete_identity_pool(IdentityPoolId=created["IdentityPoolId"])


def test_principal_tag_attribute_map(identity: Any, identity_pool: tuple[str, str]) -> None:
    pool_id, provider = identity_pool
    before = identity.get_principal_tag_attribute_map(IdentityPoolId=pool_id, IdentityProviderName=provider)
    assert before["UseDefaults"] is False and before["PrincipalTags"] == {}
    set_ = identity.set_principal_tag_attribute_map(IdentityPoolId=pool_id, IdentityProviderName=provider,
                                                    UseDefaults=False, PrincipalTags={"team": "custom:team"})
    assert set_["PrincipalTags"] == {"team": "custom:team"} and set_["IdentityProviderName"] == provider
    got = identity.get_principal_tag_attribute_map(IdentityPoolId=pool_id, IdentityProviderName=provider)
    assert got["PrincipalTags"] == {"team": "custom:team"}
    with aws_error("InvalidParameterException"):
        identity.set_principal_tag_attribute_map(IdentityPoolId=pool_id, IdentityProviderName="accounts.google.com",
                                                 UseDefaults=True)
    with aws_error("ResourceNotFoundException"):
        identity.get_principal_tag_attribute_map(IdentityPoolId=f"us-east-1:{uuid.uuid4()}",
                                                 IdentityProviderName=provider)


NOWHERE = "us-east-1_nothere"
ANY_ID = "11111111-2222-4333-8444-555555555555"
UNKNOWN_POOL_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("create_identity_provider", {"ProviderName": "Google", "ProviderType": "Google", "ProviderDetails": {
        "client_id": "a", "client_secret": "b", "authorize_scopes": "c"}}),
    ("list_identity_providers", {}),
    ("admin_link_provider_for_user", {"DestinationUser": {"ProviderName": "Cognito", "ProviderAttributeValue": "u"},
                                      "SourceUser": {"ProviderName": "Google", "ProviderAttributeValue": "1",
                                                     "ProviderAttributeName": "Cognito_Subject"}}),
    ("set_ui_customization", {"CSS": ".banner-customizable {}"}),
    ("get_ui_customization", {}),
    ("create_managed_login_branding", {"ClientId": "abc", "UseCognitoProvidedValues": True}),
    ("describe_managed_login_branding", {"ManagedLoginBrandingId": ANY_ID}),
    ("create_terms", {"ClientId": "abc", "TermsName": "terms-of-use", "TermsSource": "LINK", "Enforcement": "NONE",
                      "Links": {"cognito:default": "https://example.com"}}),
    ("list_terms", {}),
    ("create_cimd_policy", {"ClientId": "abc", "PolicyName": "p", "URLPatterns": ["https://agents.example.com/*"]}),
    ("list_cimd_policies", {}),
    ("set_risk_configuration", {}),
    ("set_log_delivery_configuration", {"LogConfigurations": []}),
    ("get_log_delivery_configuration", {}),
    ("create_user_pool_replica", {"RegionName": "eu-west-1"}),
    ("list_user_pool_replicas", {}),
    ("initiate_point_in_time_recovery", {"RestoreTimestamp": 1}),
    ("list_point_in_time_recoveries", {}),
]


@pytest.mark.parametrize(("method", "params"), UNKNOWN_POOL_CALLS, ids=[call[0] for call in UNKNOWN_POOL_CALLS])
def test_an_unknown_pool_is_refused_as_aws_words_it(idp: Any, method: str, params: dict[str, Any]) -> None:
    with aws_error("ResourceNotFoundException", f"User pool {NOWHERE} does not exist."):
        getattr(idp, method)(UserPoolId=NOWHERE, **params)
