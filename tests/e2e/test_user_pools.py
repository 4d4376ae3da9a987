"""CreateUserPool, DescribeUserPool, ListUserPools, UpdateUserPool, DeleteUserPool,
AddCustomAttributes through boto3, as AWS answers them."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.expect import aws_error, collect_pages

DEFAULT_PASSWORD_POLICY = {
    "MinimumLength": 8, "RequireUppercase": True, "RequireLowercase": True,
    "RequireNumbers": True, "RequireSymbols": True, "TemporaryPasswordValidityDays": 7,
}


def _name() -> str:
    return f"t-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def made_pools(idp: Any) -> Iterator[list[str]]:
    """Ids of pools a test creates itself; deleted afterwards."""
    ids: list[str] = []
    yield ids
    for pool_id in ids:
        try:
            idp.update_user_pool(UserPoolId=pool_id, DeletionProtection="INACTIVE")
            idp.delete_user_pool(UserPoolId=pool_id)
        except idp.exceptions.ResourceNotFoundException:
            pass


def test_create_returns_the_pool_with_aws_defaults(idp: Any, made_pools: list[str]) -> None:
    name = _name()
    created = idp.create_user_pool(PoolName=name)["UserPool"]
    made_pools.append(created["Id"])
    assert re.fullmatch(r"us-east-1_[0-9A-Za-z]{9}", created["Id"])
    assert created["Name"] == name
    assert created["Arn"] == f"arn:aws:cognito-idp:us-east-1:123456789012:userpool/{created['Id']}"
    assert created["Policies"]["PasswordPolicy"] == DEFAULT_PASSWORD_POLICY
    assert created["MfaConfiguration"] == "OFF"
    assert created["DeletionProtection"] == "INACTIVE"
    names = [a["Name"] for a in created["SchemaAttributes"]]
    assert names[0] == "sub" and {"email", "phone_number", "email_verified", "updated_at"} <= set(names)
    sub = created["SchemaAttributes"][0]
    assert sub["Required"] is True and sub["Mutable"] is False
    assert "UsernameConfiguration" not in created


def test_create_with_settings_describes_them_back(idp: Any, made_pools: list[str]) -> None:
    created = idp.create_user_pool(
        PoolName=_name(),
        Policies={"PasswordPolicy": {"MinimumLength": 12, "RequireNumbers": True}},
        AutoVerifiedAttributes=["email"],
        UsernameAttributes=["email"],
        UsernameConfiguration={"CaseSensitive": False},
        Schema=[{"Name": "tenant", "AttributeDataType": "String", "Mutable": True},
                {"Name": "email", "AttributeDataType": "String", "Required": True}],
        UserPoolTags={"team": "blue"},
    )["UserPool"]
    made_pools.append(created["Id"])
    described = idp.describe_user_pool(UserPoolId=created["Id"])["UserPool"]
    policy = described["Policies"]["PasswordPolicy"]
    assert policy["MinimumLength"] == 12 and policy["RequireNumbers"] is True
    assert policy["RequireUppercase"] is False  # a given policy leaves unset checks off
    assert described["AutoVerifiedAttributes"] == ["email"]
    assert described["UsernameAttributes"] == ["email"]
    assert described["UsernameConfiguration"] == {"CaseSensitive": False}
    attributes = {a["Name"]: a for a in described["SchemaAttributes"]}
    assert "custom:tenant" in attributes and "tenant" not in attributes
    assert attributes["email"]["Required"] is True
    assert described["UserPoolTags"] == {"team": "blue"}


def test_username_and_alias_attributes_together_are_refused(idp: Any) -> None:
    with aws_error("InvalidParameterException"):
        idp.create_user_pool(PoolName=_name(), UsernameAttributes=["email"], AliasAttributes=["phone_number"])


def test_unknown_pool_is_resource_not_found_everywhere(idp: Any) -> None:
    message = "User pool us-east-1_doesnotexist does not exist."
    calls = [
        lambda: idp.describe_user_pool(UserPoolId="us-east-1_doesnotexist"),
        lambda: idp.update_user_pool(UserPoolId="us-east-1_doesnotexist"),
        lambda: idp.delete_user_pool(UserPoolId="us-east-1_doesnotexist"),
        lambda: idp.add_custom_attributes(
            UserPoolId="us-east-1_doesnotexist",
            CustomAttributes=[{"Name": "x", "AttributeDataType": "String"}]),
        lambda: idp.list_user_pool_clients(UserPoolId="us-east-1_doesnotexist"),
        lambda: idp.create_user_pool_client(UserPoolId="us-east-1_doesnotexist", ClientName="c"),
        lambda: idp.list_groups(UserPoolId="us-east-1_doesnotexist"),
    ]
    for call in calls:
        with aws_error("ResourceNotFoundException", message):
            call()


def test_list_pages_with_max_results_and_next_token(idp: Any, made_pools: list[str]) -> None:
    for _ in range(5):
        made_pools.append(idp.create_user_pool(PoolName=_name())["UserPool"]["Id"])
    pools, pages = collect_pages(idp.list_user_pools, "UserPools", MaxResults=2)
    ids = [p["Id"] for p in pools]
    assert len(ids) == len(set(ids)), "a pool appeared on two pages"
    assert set(made_pools) | {"us-east-1_localdemo"} <= set(ids)
    assert pages >= 3
    first = idp.list_user_pools(MaxResults=2)
    assert len(first["UserPools"]) == 2 and first["NextToken"]
    summary = next(p for p in pools if p["Id"] == made_pools[0])
    assert set(summary) <= {"Id", "Name", "LambdaConfig", "Status", "LastModifiedDate", "CreationDate"}


def test_list_paginator_sees_every_pool_once(idp: Any, made_pools: list[str]) -> None:
    for _ in range(3):
        made_pools.append(idp.create_user_pool(PoolName=_name())["UserPool"]["Id"])
    seen = [p["Id"] for page in idp.get_paginator("list_user_pools").paginate(
        MaxResults=1) for p in page["UserPools"]]
    assert len(seen) == len(set(seen))
    assert set(made_pools) <= set(seen)


def test_list_with_a_foreign_next_token_is_refused(idp: Any) -> None:
    with aws_error("InvalidParameterException"):
        idp.list_user_pools(MaxResults=10, NextToken="not-a-token-we-issued")


def test_list_max_results_over_60_is_a_validation_error(idp: Any) -> None:
    message = ("1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: "
               "Member must have value less than or equal to 60")
    with aws_error("InvalidParameterException", message):
        idp.list_user_pools(MaxResults=61)


def test_update_changes_settings_and_name(idp: Any, pool: dict[str, Any]) -> None:
    before = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    idp.update_user_pool(
        UserPoolId=pool["Id"], PoolName="renamed",
        Policies={"PasswordPolicy": {"MinimumLength": 10, "RequireSymbols": True}},
        AutoVerifiedAttributes=["email"],
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
    )
    after = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert after["Name"] == "renamed"
    assert after["Policies"]["PasswordPolicy"]["MinimumLength"] == 10
    assert after["AutoVerifiedAttributes"] == ["email"]
    assert after["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
    assert after["LastModifiedDate"] >= before["LastModifiedDate"]
    assert after["CreationDate"] == before["CreationDate"]


def test_update_resets_omitted_settings_to_defaults(idp: Any, pool: dict[str, Any]) -> None:
    idp.update_user_pool(
        UserPoolId=pool["Id"],
        Policies={"PasswordPolicy": {"MinimumLength": 20}},
        AutoVerifiedAttributes=["email"],
        EmailVerificationSubject="Your code",
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
    )
    idp.update_user_pool(UserPoolId=pool["Id"])  # everything omitted
    after = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert after["Policies"]["PasswordPolicy"] == DEFAULT_PASSWORD_POLICY
    assert "AutoVerifiedAttributes" not in after
    assert "EmailVerificationSubject" not in after
    assert after["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is False
    assert after["MfaConfiguration"] == "OFF"
    assert after["Name"] == pool["Name"]  # the name is not a setting: it stays


def test_refused_update_changes_nothing(idp: Any, pool: dict[str, Any]) -> None:
    idp.update_user_pool(UserPoolId=pool["Id"], Policies={"PasswordPolicy": {"MinimumLength": 14}})
    with aws_error("InvalidParameterException") as raised:
        idp.update_user_pool(UserPoolId=pool["Id"], AutoVerifiedAttributes=["name"],
                             Policies={"PasswordPolicy": {"MinimumLength": 30}})
    assert "Member must satisfy enum value set: [phone_number, email]" in str(raised.value)
    after = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert after["Policies"]["PasswordPolicy"]["MinimumLength"] == 14


def test_deletion_protection_blocks_delete_until_inactivated(idp: Any, made_pools: list[str]) -> None:
    pool_id = idp.create_user_pool(PoolName=_name(), DeletionProtection="ACTIVE")["UserPool"]["Id"]
    made_pools.append(pool_id)
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["DeletionProtection"] == "ACTIVE"
    with aws_error("InvalidParameterException",
                   "The user pool cannot be deleted because deletion protection is activated. "
                   "Deletion protection must be inactivated first."):
        idp.delete_user_pool(UserPoolId=pool_id)
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Id"] == pool_id
    idp.update_user_pool(UserPoolId=pool_id, DeletionProtection="INACTIVE")
    idp.delete_user_pool(UserPoolId=pool_id)
    with aws_error("ResourceNotFoundException", f"User pool {pool_id} does not exist."):
        idp.describe_user_pool(UserPoolId=pool_id)


def test_delete_removes_pool_from_list_and_its_clients(idp: Any, made_pools: list[str]) -> None:
    pool_id = idp.create_user_pool(PoolName=_name())["UserPool"]["Id"]
    made_pools.append(pool_id)
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="c")["UserPoolClient"]["ClientId"]
    idp.delete_user_pool(UserPoolId=pool_id)
    listed, _ = collect_pages(idp.list_user_pools, "UserPools", MaxResults=60)
    assert pool_id not in {p["Id"] for p in listed}
    with aws_error("ResourceNotFoundException", f"User pool {pool_id} does not exist."):
        idp.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)


def test_add_custom_attributes_prefixes_and_refuses_duplicates(idp: Any, pool: dict[str, Any]) -> None:
    idp.add_custom_attributes(UserPoolId=pool["Id"], CustomAttributes=[
        {"Name": "plan", "AttributeDataType": "String", "Mutable": True,
         "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "20"}},
        {"Name": "seats", "AttributeDataType": "Number", "NumberAttributeConstraints": {"MinValue": "1"}},
    ])
    attributes = {a["Name"]: a for a in
                  idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["SchemaAttributes"]}
    assert attributes["custom:plan"]["StringAttributeConstraints"] == {"MinLength": "1", "MaxLength": "20"}
    assert attributes["custom:seats"]["AttributeDataType"] == "Number"
    assert attributes["custom:plan"]["Required"] is False
    assert "plan" not in attributes
    with aws_error("InvalidParameterException", "custom:plan: Existing attribute already has name custom:plan."):
        idp.add_custom_attributes(UserPoolId=pool["Id"],
                                  CustomAttributes=[{"Name": "plan", "AttributeDataType": "String"}])


def test_add_custom_attributes_is_all_or_nothing(idp: Any, pool: dict[str, Any]) -> None:
    idp.add_custom_attributes(UserPoolId=pool["Id"],
                              CustomAttributes=[{"Name": "taken", "AttributeDataType": "String"}])
    with aws_error("InvalidParameterException"):
        idp.add_custom_attributes(UserPoolId=pool["Id"], CustomAttributes=[
            {"Name": "fresh", "AttributeDataType": "String"},
            {"Name": "taken", "AttributeDataType": "String"},
        ])
    names = {a["Name"] for a in idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["SchemaAttributes"]}
    assert "custom:fresh" not in names


def test_add_custom_attributes_name_too_long_is_a_validation_error(idp: Any, pool: dict[str, Any]) -> None:
    with aws_error("InvalidParameterException") as raised:
        idp.add_custom_attributes(UserPoolId=pool["Id"],
                                  CustomAttributes=[{"Name": "x" * 21, "AttributeDataType": "String"}])
    assert "Member must have length less than or equal to 20" in raised.value.response["Error"]["Message"]
    assert "'customAttributes.1.member.name'" in raised.value.response["Error"]["Message"]
