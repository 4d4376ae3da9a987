"""ListUsers (filters, pagination, AttributesToGet) and group membership through boto3."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.expect import aws_error, collect_pages
from tests.e2e.user_helpers import attribute_map, attributes, confirmed_user


@pytest.fixture
def people(idp: Any, pool: dict[str, Any]) -> str:
    pool_id = str(pool["Id"])
    for name, email, given in (("amy", "amy@example.com", "Amy"), ("andy", "andy@example.org", "Andy"),
                               ("bo", "bo@example.com", "Bo"), ("cy", "cy@other.net", "Amy")):
        confirmed_user(idp, pool_id, name, values={"email": email, "given_name": given})
    idp.admin_create_user(UserPoolId=pool_id, Username="dee", MessageAction="SUPPRESS",
                          UserAttributes=attributes({"email": "dee@example.com"}))
    idp.admin_disable_user(UserPoolId=pool_id, Username="bo")
    return pool_id


def _names(idp: Any, pool_id: str, filter_text: str) -> set[str]:
    return {u["Username"] for u in idp.list_users(UserPoolId=pool_id, Filter=filter_text)["Users"]}


def test_filters(idp: Any, people: str) -> None:
    assert _names(idp, people, 'email = "amy@example.com"') == {"amy"}
    assert _names(idp, people, 'email = "AMY@example.com"') == set()
    assert _names(idp, people, 'email ^= "a"') == {"amy", "andy"}
    assert _names(idp, people, 'email^="bo@"') == {"bo"}
    assert _names(idp, people, 'given_name = "Amy"') == {"amy", "cy"}
    assert _names(idp, people, 'username = "andy"') == {"andy"}
    assert _names(idp, people, 'username ^= "a"') == {"amy", "andy"}
    assert _names(idp, people, 'status = "Disabled"') == {"bo"}
    assert _names(idp, people, 'status = "Enabled"') == {"amy", "andy", "cy", "dee"}
    assert _names(idp, people, 'cognito:user_status = "force_change_password"') == {"dee"}
    assert _names(idp, people, 'email = "nobody@example.com"') == set()
    assert _names(idp, people, "") == {"amy", "andy", "bo", "cy", "dee"}
    sub = attribute_map(idp.admin_get_user(UserPoolId=people, Username="cy")["UserAttributes"])["sub"]
    assert _names(idp, people, f'sub = "{sub}"') == {"cy"}


def test_bad_filters(idp: Any, people: str) -> None:
    for text in ('email = amy@example.com', 'email == "x"', 'email', 'email = "x" and name = "y"'):
        with aws_error("InvalidParameterException", "Error while parsing filter."):
            idp.list_users(UserPoolId=people, Filter=text)
    for text in ('custom:team = "a"', 'locale = "en"', 'email_verified = "true"'):
        with aws_error("InvalidParameterException"):
            idp.list_users(UserPoolId=people, Filter=text)


def test_escaped_quotes_in_filter(idp: Any, pool: dict[str, Any]) -> None:
    confirmed_user(idp, pool["Id"], "quote", values={"name": 'The "Boss"'})
    assert _names(idp, pool["Id"], 'name = "The \\"Boss\\""') == {"quote"}


def test_pagination_and_attributes_to_get(idp: Any, people: str) -> None:
    users, pages = collect_pages(idp.list_users, "Users", "PaginationToken", "PaginationToken",
                                 UserPoolId=people, Limit=2)
    assert pages == 3 and sorted(u["Username"] for u in users) == ["amy", "andy", "bo", "cy", "dee"]
    first = idp.list_users(UserPoolId=people, AttributesToGet=["email"], Limit=60)["Users"]
    assert all(set(attribute_map(u["Attributes"])) == {"email"} for u in first)
    assert len(idp.list_users(UserPoolId=people)["Users"]) == 5
    with aws_error("InvalidParameterException"):
        idp.list_users(UserPoolId=people, PaginationToken="garbage")
    with aws_error("InvalidParameterException"):
        idp.list_users(UserPoolId=people, Limit=61)
    with aws_error("ResourceNotFoundException", "User pool us-east-1_nopool does not exist."):
        idp.list_users(UserPoolId="us-east-1_nopool")


def test_group_membership(idp: Any, people: str) -> None:
    idp.create_group(UserPoolId=people, GroupName="b-team", Precedence=2)
    idp.create_group(UserPoolId=people, GroupName="a-team")
    for name in ("amy", "andy", "cy"):
        idp.admin_add_user_to_group(UserPoolId=people, Username=name, GroupName="a-team")
    idp.admin_add_user_to_group(UserPoolId=people, Username="amy", GroupName="a-team")  # idempotent
    idp.admin_add_user_to_group(UserPoolId=people, Username="amy", GroupName="b-team")
    members, pages = collect_pages(idp.list_users_in_group, "Users", UserPoolId=people, GroupName="a-team", Limit=2)
    assert pages == 2 and sorted(u["Username"] for u in members) == ["amy", "andy", "cy"]
    groups = idp.admin_list_groups_for_user(UserPoolId=people, Username="amy")["Groups"]
    assert [g["GroupName"] for g in groups] == ["a-team", "b-team"]
    idp.admin_remove_user_from_group(UserPoolId=people, Username="amy", GroupName="a-team")
    assert {u["Username"] for u in idp.list_users_in_group(UserPoolId=people, GroupName="a-team")["Users"]} == {
        "andy", "cy"}
    idp.delete_group(UserPoolId=people, GroupName="a-team")
    assert idp.admin_list_groups_for_user(UserPoolId=people, Username="andy")["Groups"] == []
    idp.create_group(UserPoolId=people, GroupName="a-team")
    assert idp.list_users_in_group(UserPoolId=people, GroupName="a-team")["Users"] == []


def test_group_errors(idp: Any, people: str) -> None:
    idp.create_group(UserPoolId=people, GroupName="g")
    with aws_error("ResourceNotFoundException", "Group not found."):
        idp.admin_add_user_to_group(UserPoolId=people, Username="amy", GroupName="nope")
    with aws_error("UserNotFoundException", "User does not exist."):
        idp.admin_add_user_to_group(UserPoolId=people, Username="nobody", GroupName="g")
    with aws_error("ResourceNotFoundException", "Group not found."):
        idp.list_users_in_group(UserPoolId=people, GroupName="nope")
    with aws_error("UserNotFoundException", "User does not exist."):
        idp.admin_list_groups_for_user(UserPoolId=people, Username="nobody")


def test_seeded_demo_user(idp: Any) -> None:
    users = idp.list_users(UserPoolId="us-east-1_localdemo", Filter='email = "demo@example.com"')["Users"]
    assert [u["Username"] for u in users] == ["demo"]
    assert users[0]["UserStatus"] == "CONFIRMED"
    groups = idp.admin_list_groups_for_user(UserPoolId="us-east-1_localdemo", Username="demo")["Groups"]
    assert {g["GroupName"] for g in groups} == {"admins", "users"}
