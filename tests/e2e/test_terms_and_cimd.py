"""Terms documents (Create/Describe/DescribeByClient/List/Update/DeleteTerms) and client ID
metadata document policies (CIMD policies, their cached URLs)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.expect import aws_error, collect_pages

LINKS = {"cognito:default": "https://example.com/terms", "cognito:spanish": "https://example.com/es/terms"}


@pytest.fixture
def client(idp: Any, pool: dict[str, Any]) -> Iterator[tuple[str, str]]:
    created = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="web")["UserPoolClient"]
    yield pool["Id"], created["ClientId"]


def _terms(idp: Any, pool_id: str, client_id: str, name: str = "terms-of-use") -> dict[str, Any]:
    return dict(idp.create_terms(UserPoolId=pool_id, ClientId=client_id, TermsName=name, TermsSource="LINK",
                                 Enforcement="NONE", Links=LINKS)["Terms"])


def test_terms_lifecycle(idp: Any, client: tuple[str, str]) -> None:
    pool_id, client_id = client
    created = _terms(idp, pool_id, client_id)
    assert created["Links"] == LINKS and created["ClientId"] == client_id
    described = idp.describe_terms(UserPoolId=pool_id, TermsId=created["TermsId"])["Terms"]
    assert described == created
    by_client = idp.describe_terms_by_client(UserPoolId=pool_id, ClientId=client_id, TermsName="terms-of-use")
    assert by_client["Terms"]["TermsId"] == created["TermsId"]
    _terms(idp, pool_id, client_id, "privacy-policy")
    listed, pages = collect_pages(idp.list_terms, "Terms", UserPoolId=pool_id, MaxResults=1)
    assert sorted(t["TermsName"] for t in listed) == ["privacy-policy", "terms-of-use"] and pages == 2
    updated = idp.update_terms(UserPoolId=pool_id, TermsId=created["TermsId"],
                               Links={"cognito:default": "https://example.com/v2"})["Terms"]
    assert updated["Links"] == {"cognito:default": "https://example.com/v2"}
    idp.delete_terms(UserPoolId=pool_id, TermsId=created["TermsId"])
    with aws_error("ResourceNotFoundException"):
        idp.describe_terms(UserPoolId=pool_id, TermsId=created["TermsId"])
    assert [t["TermsName"] for t in idp.list_terms(UserPoolId=pool_id)["Terms"]] == ["privacy-policy"]


def test_terms_refusals(idp: Any, client: tuple[str, str]) -> None:
    pool_id, client_id = client
    first = _terms(idp, pool_id, client_id)
    with aws_error("TermsExistsException"):
        _terms(idp, pool_id, client_id)
    privacy = _terms(idp, pool_id, client_id, "privacy-policy")
    with aws_error("TermsExistsException"):
        idp.update_terms(UserPoolId=pool_id, TermsId=privacy["TermsId"], TermsName="terms-of-use")
    with aws_error("InvalidParameterException"):  # the model's pattern
        _terms(idp, pool_id, client_id, "cookie-policy")
    with aws_error("InvalidParameterException"):  # Links keys are the model's languages
        idp.create_terms(UserPoolId=pool_id, ClientId=client_id, TermsName="terms-of-use", TermsSource="LINK",
                         Enforcement="NONE", Links={"klingon": "https://example.com"})
    with aws_error("ResourceNotFoundException"):
        _terms(idp, pool_id, "nosuchclient")
    with aws_error("ResourceNotFoundException", "User pool us-east-1_nothere does not exist."):
        idp.describe_terms(UserPoolId="us-east-1_nothere", TermsId=first["TermsId"])
    other = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="other")["UserPoolClient"]["ClientId"]
    with aws_error("ResourceNotFoundException"):
        idp.describe_terms_by_client(UserPoolId=pool_id, ClientId=other, TermsName="terms-of-use")


def test_cimd_policy_lifecycle(idp: Any, client: tuple[str, str]) -> None:
    pool_id, client_id = client
    created = idp.create_cimd_policy(UserPoolId=pool_id, ClientId=client_id, PolicyName="agents",
                                     URLPatterns=["https://agents.example.com/*"],
                                     CacheDuration=86400)["CIMDPolicy"]
    policy_id = created["CIMDPolicyId"]
    assert created["URLPatterns"] == ["https://agents.example.com/*"] and created["CacheDuration"] == 86400
    assert idp.describe_cimd_policy(UserPoolId=pool_id, CIMDPolicyId=policy_id)["CIMDPolicy"] == created
    listed = idp.list_cimd_policies(UserPoolId=pool_id)["CIMDPolicies"]
    assert [p["CIMDPolicyId"] for p in listed] == [policy_id]
    updated = idp.update_cimd_policy(UserPoolId=pool_id, CIMDPolicyId=policy_id, ClientId=client_id,
                                     PolicyName="renamed", URLPatterns=["https://other.example.com/*"])["CIMDPolicy"]
    assert updated["PolicyName"] == "renamed" and updated["URLPatterns"] == ["https://other.example.com/*"]
    assert idp.list_client_metadata_urls(UserPoolId=pool_id, CIMDPolicyId=policy_id)["ClientMetadataURLs"] == []
    with aws_error("CachedCIMDURLDoesNotExistException"):
        idp.update_client_metadata_url_state(UserPoolId=pool_id, CIMDPolicyId=policy_id,
                                             URL="https://other.example.com/agent.json", Action="REFRESH")
    idp.delete_cimd_policy(UserPoolId=pool_id, CIMDPolicyId=policy_id)
    with aws_error("ResourceNotFoundException"):
        idp.describe_cimd_policy(UserPoolId=pool_id, CIMDPolicyId=policy_id)


def test_cimd_policy_refusals(idp: Any, client: tuple[str, str]) -> None:
    pool_id, client_id = client
    with aws_error("InvalidParameterException"):  # the model: https only
        idp.create_cimd_policy(UserPoolId=pool_id, ClientId=client_id, PolicyName="p",
                               URLPatterns=["http://agents.example.com/*"])
    with aws_error("ResourceNotFoundException"):
        idp.create_cimd_policy(UserPoolId=pool_id, ClientId="nosuchclient", PolicyName="p",
                               URLPatterns=["https://agents.example.com/*"])
    with aws_error("ResourceNotFoundException"):
        idp.list_client_metadata_urls(UserPoolId=pool_id, CIMDPolicyId=uuid.uuid4().hex)
