"""CreateUserPoolDomain, DescribeUserPoolDomain, UpdateUserPoolDomain, DeleteUserPoolDomain."""

from __future__ import annotations

import uuid
from typing import Any

from tests.e2e.expect import aws_error

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"


def _prefix() -> str:
    return f"auth-{uuid.uuid4().hex[:10]}"


def test_prefix_domain_is_described(idp: Any, pool: dict[str, Any]) -> None:
    name = _prefix()
    created = idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=name)
    assert "CloudFrontDomain" not in created
    description = idp.describe_user_pool_domain(Domain=name)["DomainDescription"]
    assert description["UserPoolId"] == pool["Id"]
    assert description["Domain"] == name
    assert description["Status"] == "ACTIVE"
    assert "CustomDomainConfig" not in description
    assert idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["Domain"] == name


def test_custom_domain_gives_a_cloudfront_target(idp: Any, pool: dict[str, Any]) -> None:
    name = f"{_prefix()}.example.com"
    created = idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=name,
                                          CustomDomainConfig={"CertificateArn": CERT})
    assert created["CloudFrontDomain"].endswith(".cloudfront.net")
    description = idp.describe_user_pool_domain(Domain=name)["DomainDescription"]
    assert description["CustomDomainConfig"] == {"CertificateArn": CERT}
    assert description["CloudFrontDistribution"] == created["CloudFrontDomain"]
    described = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert described["CustomDomain"] == name and "Domain" not in described


def test_unknown_domain_describes_as_empty(idp: Any) -> None:
    assert idp.describe_user_pool_domain(Domain="never-created-here")["DomainDescription"] == {}


def test_domain_names_are_unique(idp: Any, pool: dict[str, Any]) -> None:
    name = _prefix()
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=name)
    other = idp.create_user_pool(PoolName="other")["UserPool"]["Id"]
    try:
        with aws_error("InvalidParameterException", "Domain already associated with another user pool."):
            idp.create_user_pool_domain(UserPoolId=other, Domain=name)
    finally:
        idp.delete_user_pool(UserPoolId=other)


def test_second_prefix_domain_for_a_pool_is_refused(idp: Any, pool: dict[str, Any]) -> None:
    first = _prefix()
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=first)
    with aws_error("InvalidParameterException"):
        idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=_prefix())
    assert idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["Domain"] == first


def test_delete_domain_then_describe_is_empty(idp: Any, pool: dict[str, Any]) -> None:
    name = _prefix()
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=name)
    idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=name)
    assert idp.describe_user_pool_domain(Domain=name)["DomainDescription"] == {}
    assert "Domain" not in idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=name)  # the name is free again


def test_pool_with_a_domain_cannot_be_deleted(idp: Any, pool: dict[str, Any]) -> None:
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=_prefix())
    with aws_error("InvalidParameterException",
                   "User pool cannot be deleted. It has a domain configured that should be deleted first."):
        idp.delete_user_pool(UserPoolId=pool["Id"])
    assert idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["Id"] == pool["Id"]


def test_domain_of_another_pool_cannot_be_deleted(idp: Any, pool: dict[str, Any]) -> None:
    name = _prefix()
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=name)
    with aws_error("InvalidParameterException"):
        idp.delete_user_pool_domain(UserPoolId="us-east-1_localdemo", Domain=name)
    assert idp.describe_user_pool_domain(Domain=name)["DomainDescription"]["UserPoolId"] == pool["Id"]


def test_update_custom_domain_certificate(idp: Any, pool: dict[str, Any]) -> None:
    name = f"{_prefix()}.example.com"
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=name,
                                CustomDomainConfig={"CertificateArn": CERT})
    new_cert = CERT.replace("5555", "6666")
    answer = idp.update_user_pool_domain(UserPoolId=pool["Id"], Domain=name,
                                         CustomDomainConfig={"CertificateArn": new_cert})
    assert answer["CloudFrontDomain"].endswith(".cloudfront.net")
    description = idp.describe_user_pool_domain(Domain=name)["DomainDescription"]
    assert description["CustomDomainConfig"] == {"CertificateArn": new_cert}


def test_domain_for_unknown_pool(idp: Any) -> None:
    with aws_error("ResourceNotFoundException", "User pool us-east-1_nodomain does not exist."):
        idp.create_user_pool_domain(UserPoolId="us-east-1_nodomain", Domain=_prefix())


def test_bad_prefix_is_refused_in_aws_words(idp: Any, pool: dict[str, Any]) -> None:
    with aws_error("InvalidParameterException",
                   "The domain name contains an invalid character. Domain names can only contain lower-case "
                   "letters, numbers, and hyphens. Please enter a different name that follows this format: "
                   "^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$"):
        idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="auth.example.com")
    assert "Domain" not in idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]


def test_custom_domain_longer_than_a_prefix_is_accepted(idp: Any, pool: dict[str, Any]) -> None:
    name = f"{'a' * 60}.{_prefix()}.example.com"  # the model's 63-character cap only fits prefixes
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=name,
                                CustomDomainConfig={"CertificateArn": CERT})
    assert idp.describe_user_pool_domain(Domain=name)["DomainDescription"]["Domain"] == name
