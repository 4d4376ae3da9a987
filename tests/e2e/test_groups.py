"""CreateGroup, GetGroup, ListGroups, UpdateGroup, DeleteGroup through boto3."""

from __future__ import annotations

from typing import Any

from tests.e2e.expect import aws_error, collect_pages

ROLE = "arn:aws:iam::123456789012:role/readers"


def test_create_get_and_seeded_groups(idp: Any, pool: dict[str, Any]) -> None:
    created = idp.create_group(UserPoolId=pool["Id"], GroupName="readers", Description="Read only",
                               RoleArn=ROLE, Precedence=5)["Group"]
    assert created["GroupName"] == "readers" and created["UserPoolId"] == pool["Id"]
    assert (created["Description"], created["RoleArn"], created["Precedence"]) == ("Read only", ROLE, 5)
    fetched = idp.get_group(UserPoolId=pool["Id"], GroupName="readers")["Group"]
    assert fetched == created
    seeded = idp.list_groups(UserPoolId="us-east-1_localdemo")["Groups"]
    assert {g["GroupName"] for g in seeded} >= {"admins", "users"}


def test_minimal_group_omits_unset_members(idp: Any, pool: dict[str, Any]) -> None:
    group = idp.create_group(UserPoolId=pool["Id"], GroupName="plain")["Group"]
    assert not {"Description", "RoleArn", "Precedence"} & set(group)


def test_duplicate_group_is_group_exists(idp: Any, pool: dict[str, Any]) -> None:
    idp.create_group(UserPoolId=pool["Id"], GroupName="dup", Description="first")
    with aws_error("GroupExistsException", "A group with the name already exists."):
        idp.create_group(UserPoolId=pool["Id"], GroupName="dup", Description="second")
    assert idp.get_group(UserPoolId=pool["Id"], GroupName="dup")["Group"]["Description"] == "first"


def test_same_group_name_in_two_pools_is_fine(idp: Any, pool: dict[str, Any]) -> None:
    idp.create_group(UserPoolId=pool["Id"], GroupName="admins")
    assert idp.get_group(UserPoolId="us-east-1_localdemo", GroupName="admins")["Group"]["Precedence"] == 1


def test_unknown_group_is_resource_not_found(idp: Any, pool: dict[str, Any]) -> None:
    for call in (idp.get_group, idp.delete_group, idp.update_group):
        with aws_error("ResourceNotFoundException", "Group not found."):
            call(UserPoolId=pool["Id"], GroupName="ghost")


def test_group_in_unknown_pool_names_the_pool(idp: Any) -> None:
    with aws_error("ResourceNotFoundException", "User pool us-east-1_nopool does not exist."):
        idp.create_group(UserPoolId="us-east-1_nopool", GroupName="g")
    with aws_error("ResourceNotFoundException", "User pool us-east-1_nopool does not exist."):
        idp.get_group(UserPoolId="us-east-1_nopool", GroupName="g")


def test_update_changes_given_members(idp: Any, pool: dict[str, Any]) -> None:
    idp.create_group(UserPoolId=pool["Id"], GroupName="g", Description="old", Precedence=3)
    updated = idp.update_group(UserPoolId=pool["Id"], GroupName="g", Description="new", RoleArn=ROLE)["Group"]
    assert updated["Description"] == "new" and updated["RoleArn"] == ROLE
    assert idp.get_group(UserPoolId=pool["Id"], GroupName="g")["Group"] == updated


def test_delete_group(idp: Any, pool: dict[str, Any]) -> None:
    idp.create_group(UserPoolId=pool["Id"], GroupName="temp")
    idp.delete_group(UserPoolId=pool["Id"], GroupName="temp")
    with aws_error("ResourceNotFoundException", "Group not found."):
        idp.get_group(UserPoolId=pool["Id"], GroupName="temp")
    assert idp.list_groups(UserPoolId=pool["Id"])["Groups"] == []


def test_list_pages_with_limit_and_next_token(idp: Any, pool: dict[str, Any]) -> None:
    names = {f"group-{i}" for i in range(7)}
    for name in sorted(names):
        idp.create_group(UserPoolId=pool["Id"], GroupName=name)
    groups, pages = collect_pages(idp.list_groups, "Groups", UserPoolId=pool["Id"], Limit=3)
    listed = [g["GroupName"] for g in groups]
    assert len(listed) == len(set(listed)) == 7 and set(listed) == names
    assert pages == 3
    paginated = [g["GroupName"] for page in idp.get_paginator("list_groups").paginate(
        UserPoolId=pool["Id"], PaginationConfig={"PageSize": 2}) for g in page["Groups"]]
    assert sorted(paginated) == sorted(names)


def test_group_name_pattern_is_validated(idp: Any, pool: dict[str, Any]) -> None:
    with aws_error("InvalidParameterException") as raised:
        idp.create_group(UserPoolId=pool["Id"], GroupName="has space\n")
    assert "at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern" \
        in raised.value.response["Error"]["Message"]
