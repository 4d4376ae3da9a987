"""TagResource, UntagResource, ListTagsForResource, and UserPoolTags, on user-pool ARNs."""

from __future__ import annotations

from typing import Any

from tests.e2e.expect import aws_error


def test_tag_list_untag(idp: Any, pool: dict[str, Any]) -> None:
    arn = pool["Arn"]
    assert idp.list_tags_for_resource(ResourceArn=arn)["Tags"] == {}
    idp.tag_resource(ResourceArn=arn, Tags={"env": "dev", "team": "blue"})
    idp.tag_resource(ResourceArn=arn, Tags={"team": "red", "cost": "42"})
    assert idp.list_tags_for_resource(ResourceArn=arn)["Tags"] == {"env": "dev", "team": "red", "cost": "42"}
    idp.untag_resource(ResourceArn=arn, TagKeys=["env", "not-there"])
    assert idp.list_tags_for_resource(ResourceArn=arn)["Tags"] == {"team": "red", "cost": "42"}
    assert idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["UserPoolTags"] == {
        "team": "red", "cost": "42"}


def test_pool_tags_from_create_are_listed(idp: Any) -> None:
    created = idp.create_user_pool(PoolName="tagged", UserPoolTags={"owner": "me"})["UserPool"]
    try:
        assert idp.list_tags_for_resource(ResourceArn=created["Arn"])["Tags"] == {"owner": "me"}
    finally:
        idp.delete_user_pool(UserPoolId=created["Id"])


def test_update_user_pool_tags_replaces_them(idp: Any, pool: dict[str, Any]) -> None:
    idp.tag_resource(ResourceArn=pool["Arn"], Tags={"a": "1"})
    idp.update_user_pool(UserPoolId=pool["Id"], UserPoolTags={"b": "2"})
    assert idp.list_tags_for_resource(ResourceArn=pool["Arn"])["Tags"] == {"b": "2"}


def test_tags_of_a_deleted_pool_do_not_survive(idp: Any) -> None:
    created = idp.create_user_pool(PoolName="short-lived", UserPoolTags={"x": "y"})["UserPool"]
    idp.delete_user_pool(UserPoolId=created["Id"])
    with aws_error("ResourceNotFoundException"):
        idp.list_tags_for_resource(ResourceArn=created["Arn"])


def test_unknown_arn_is_resource_not_found(idp: Any) -> None:
    arn = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_missing1"
    for call in (lambda: idp.tag_resource(ResourceArn=arn, Tags={"a": "b"}),
                 lambda: idp.untag_resource(ResourceArn=arn, TagKeys=["a"]),
                 lambda: idp.list_tags_for_resource(ResourceArn=arn)):
        with aws_error("ResourceNotFoundException"):
            call()


def test_too_many_tags_are_refused_and_nothing_changes(idp: Any, pool: dict[str, Any]) -> None:
    idp.tag_resource(ResourceArn=pool["Arn"], Tags={f"k{i}": "v" for i in range(40)})
    with aws_error("InvalidParameterException"):
        idp.tag_resource(ResourceArn=pool["Arn"], Tags={f"n{i}": "v" for i in range(11)})
    assert len(idp.list_tags_for_resource(ResourceArn=pool["Arn"])["Tags"]) == 40


def test_malformed_arn_is_a_validation_error(idp: Any) -> None:
    with aws_error("InvalidParameterException") as raised:
        idp.list_tags_for_resource(ResourceArn="not an arn at all, really")
    assert "at 'resourceArn' failed to satisfy constraint" in raised.value.response["Error"]["Message"]
