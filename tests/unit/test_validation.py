"""validate_input against real botocore shapes: the exact Coral wording AWS answers with."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emulator.wire import validation
from emulator.wire.errors import InvalidParameterException, SerializationException, ValidationException
from emulator.wire.models import IDENTITY_POOLS, USER_POOLS, load_service
from emulator.wire.validation import validate_input
from tests.shape_strategies import Known, operation_input


def _validate(operation: str, params: dict[str, Any], service: str = USER_POOLS) -> None:
    shape = load_service(service).input_shape(operation)
    validate_input(shape, params)


def message(operation: str, params: dict[str, Any], service: str = USER_POOLS) -> str:
    """The violation's message; cognito-identity says ValidationException, cognito-idp
    InvalidParameterException."""
    expected = ValidationException if service == IDENTITY_POOLS else InvalidParameterException
    with pytest.raises(expected) as raised:
        _validate(operation, params, service)
    return raised.value.message


def serialization(operation: str, params: dict[str, Any], service: str = USER_POOLS) -> str:
    with pytest.raises(SerializationException) as raised:
        _validate(operation, params, service)
    return raised.value.message


def test_valid_input_passes() -> None:
    _validate("ConfirmSignUp", {"ClientId": "abc123", "Username": "alice", "ConfirmationCode": "123456"})
    _validate("ListUserPools", {"MaxResults": 60})
    _validate("GetId", {"IdentityPoolId": "us-east-1:0f5e7c3a-1111-2222-3333-444455556666"}, IDENTITY_POOLS)


def test_missing_required_member() -> None:
    assert message("ConfirmSignUp", {"ClientId": "abc", "Username": "u"}) == (
        "1 validation error detected: Value null at 'confirmationCode' failed to satisfy constraint: "
        "Member must not be null")


def test_explicit_null_counts_as_missing() -> None:
    assert message("ListUserPools", {"MaxResults": None}) == (
        "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: "
        "Member must not be null")


def test_several_missing_members_are_counted_in_model_order() -> None:
    assert message("ConfirmSignUp", {}) == (
        "3 validation errors detected: "
        "Value null at 'clientId' failed to satisfy constraint: Member must not be null; "
        "Value null at 'username' failed to satisfy constraint: Member must not be null; "
        "Value null at 'confirmationCode' failed to satisfy constraint: Member must not be null")


def test_reference_two_error_example_pattern_then_length() -> None:
    assert message("ConfirmSignUp", {"ClientId": "abc", "Username": "u", "ConfirmationCode": ""}) == (
        "2 validation errors detected: Value '' at 'confirmationCode' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [\\S]+; Value '' at 'confirmationCode' failed to "
        "satisfy constraint: Member must have length greater than or equal to 1")


def test_sensitive_member_omits_its_value() -> None:
    text = message("SignUp", {"ClientId": "abc", "Username": "u", "Password": "trailing space "})
    assert text == ("1 validation error detected: Value at 'password' failed to satisfy constraint: "
                    "Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$")
    assert "trailing space" not in text


def test_passwords_may_contain_inner_spaces_as_on_aws() -> None:
    _validate("SignUp", {"ClientId": "abc", "Username": "u", "Password": "has inner spaces1!"}, USER_POOLS)


def test_sensitive_username_omits_its_value() -> None:
    text = message("SignUp", {"ClientId": "abc", "Username": "two words"})
    assert text == ("1 validation error detected: Value at 'username' failed to satisfy constraint: "
                    "Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+")


def test_over_long_sensitive_value_is_not_echoed() -> None:
    text = message("SignUp", {"ClientId": "abc", "Username": "u", "Password": "P" * 257})
    assert text == ("1 validation error detected: Value at 'password' failed to satisfy constraint: "
                    "Member must have length less than or equal to 256")


def test_list_of_structures_uses_member_paths() -> None:
    text = message("CreateUserPool", {"PoolName": "p", "Schema": [{"Name": "ok"}, {"Name": "x" * 21}]})
    assert text == ("1 validation error detected: Value '" + "x" * 21 + "' at 'schema.2.member.name' failed to "
                    "satisfy constraint: Member must have length less than or equal to 20")


def test_list_of_scalars_reports_on_the_list() -> None:
    text = message("CreateUserPoolClient", {"UserPoolId": "us-east-1_abc", "ClientName": "c",
                                            "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "NOPE"]})
    assert text.startswith(
        "1 validation error detected: Value '[ALLOW_USER_SRP_AUTH, NOPE]' at 'explicitAuthFlows' failed to "
        "satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [")


def test_list_length() -> None:
    text = message("CreateUserPool", {"PoolName": "p", "Schema": []})
    assert text == ("1 validation error detected: Value '[]' at 'schema' failed to satisfy constraint: "
                    "Member must have length greater than or equal to 1")


def test_map_key_wording() -> None:
    text = message("CreateUserPool", {"PoolName": "p", "UserPoolTags": {"": "v"}})
    assert text == ("1 validation error detected: Value '{=v}' at 'userPoolTags' failed to satisfy constraint: "
                    "Map keys must satisfy constraint: [Member must have length greater than or equal to 1]")


def test_map_value_wording() -> None:
    text = message("CreateUserPool", {"PoolName": "p", "UserPoolTags": {"k": "v" * 257}})
    assert text.endswith("failed to satisfy constraint: Map value must satisfy constraint: "
                         "[Member must have length less than or equal to 256]")
    assert "at 'userPoolTags'" in text


def test_map_length() -> None:
    logins = {f"p{i}.example.com": "token" for i in range(11)}
    text = message("GetId", {"IdentityPoolId": "us-east-1:0f5e7c3a-1111-2222-3333-444455556666",
                             "Logins": logins}, IDENTITY_POOLS)
    assert "at 'logins' failed to satisfy constraint: Member must have length less than or equal to 10" in text


@pytest.mark.parametrize(("value", "expected"), [
    (61, "Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60"),
    (0, "Value '0' at 'maxResults' failed to satisfy constraint: "
        "Member must have value greater than or equal to 1"),
])
def test_numeric_range(value: int, expected: str) -> None:
    assert message("ListUserPools", {"MaxResults": value}) == f"1 validation error detected: {expected}"


def test_nested_structure_path() -> None:
    text = message("CreateUserPool", {"PoolName": "p", "Policies": {"PasswordPolicy": {"MinimumLength": 100}}})
    assert text == ("1 validation error detected: Value '100' at 'policies.passwordPolicy.minimumLength' "
                    "failed to satisfy constraint: Member must have value less than or equal to 99")


def test_enum_wording() -> None:
    assert message("CreateUserPool", {"PoolName": "p", "MfaConfiguration": "SOMETIMES"}) == (
        "1 validation error detected: Value 'SOMETIMES' at 'mfaConfiguration' failed to satisfy constraint: "
        "Member must satisfy enum value set: [OFF, ON, OPTIONAL]")


@pytest.mark.parametrize("username", ["josé", "用户", "Ελένη", "user@example.com", "a+b_c-d", "😀"])
def test_unicode_usernames_match_unicode_classes(username: str) -> None:
    _validate("ConfirmSignUp", {"ClientId": "abc", "Username": username, "ConfirmationCode": "1"})


@pytest.mark.parametrize("client_id", ["clienté", "客户", "with space", "dash-ed"])
def test_client_id_word_class_is_ascii_only(client_id: str) -> None:
    text = message("ConfirmSignUp", {"ClientId": client_id, "Username": "u", "ConfirmationCode": "1"})
    assert text == ("1 validation error detected: Value at 'clientId' failed to satisfy constraint: "
                    "Member must satisfy regular expression pattern: [\\w+]+")


def test_client_id_ascii_word_characters_pass() -> None:
    _validate("ConfirmSignUp", {"ClientId": "Abc_123+x", "Username": "u", "ConfirmationCode": "1"})


def test_unknown_members_are_ignored() -> None:
    _validate("ListUserPools", {"MaxResults": 1, "Whatever": {"deep": [1, 2]}})


def test_constraints_not_enforced_by_aws_are_skipped() -> None:
    """Custom domains such as auth.example.com do not fit DomainType's pattern, yet AWS takes them."""
    _validate("CreateUserPoolDomain", {"UserPoolId": "us-east-1_abc", "Domain": "auth." + "x" * 70 + ".com"})


@pytest.mark.parametrize(("operation", "params", "expected"), [
    ("ListUserPools", {"MaxResults": "5"}, "class java.lang.String can not be converted to an Integer"),
    ("ListUserPools", {"MaxResults": True}, "class java.lang.Boolean can not be converted to an Integer"),
    ("ListUserPools", {"MaxResults": 1.5}, None),
    ("DescribeUserPool", {"UserPoolId": 7}, None),
    ("DescribeUserPool", {"UserPoolId": {"a": 1}}, "Start of structure or map found where not expected."),
    ("DescribeUserPool", {"UserPoolId": ["a"]}, "Start of list found where not expected."),
    ("CreateUserPool", {"PoolName": "p", "UserPoolTags": ["a"]}, None),
    ("CreateUserPool", {"PoolName": "p", "Schema": {"Name": "x"}}, None),
    ("CreateUserPool", {"PoolName": "p", "Policies": "strict"}, None),
    ("CreateUserPool", {"PoolName": "p", "DeletionProtection": False}, None),
])
def test_wrong_json_types_are_serialization_errors(operation: str, params: dict[str, Any],
                                                   expected: str | None) -> None:
    text = serialization(operation, params)
    if expected is not None:
        assert text == expected


def test_type_error_wins_over_constraint_errors() -> None:
    """Coral fails while deserialising, before any constraint is looked at."""
    serialization("ConfirmSignUp", {"ClientId": "", "Username": "", "ConfirmationCode": 5})


def test_blob_must_be_base64_and_its_decoded_length_counts() -> None:
    _validate("SetUICustomization", {"UserPoolId": "us-east-1_abc", "ImageFile": "aGVsbG8="})
    assert serialization("SetUICustomization", {"UserPoolId": "us-east-1_abc", "ImageFile": "not base64!"}) == (
        "Base64 encoded value expected but not found.")
    serialization("SetUICustomization", {"UserPoolId": "us-east-1_abc", "ImageFile": 12})
    big = base64.b64encode(b"x" * 131073).decode()
    assert "Member must have length less than or equal to 131072" in message(
        "SetUICustomization", {"UserPoolId": "us-east-1_abc", "ImageFile": big})


def test_no_input_shape_accepts_anything() -> None:
    validate_input(None, {"anything": 1})


# The fast predicate (``_valid``) must accept exactly what the full checks accept: a "yes" from
# it skips them, so a predicate more permissive than the checks would let a bad request through.
_EVERY_OPERATION = [(service, name) for service in (USER_POOLS, IDENTITY_POOLS)
                    for name in sorted(load_service(service).operation_names)]


def _full_check_passes(shape: Any, params: Any) -> bool:
    problems: list[str] = []
    try:
        validation._check_structure(shape, params, "", problems, sensitive=False)
    except SerializationException:
        return False
    return not problems


@pytest.mark.parametrize(("service", "operation"), _EVERY_OPERATION)
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_fast_predicate_agrees_with_the_full_checks(service: str, operation: str, data: st.DataObject) -> None:
    shape = load_service(service).input_shape(operation)
    if shape is None:
        return
    params = data.draw(operation_input(service, operation, Known()))
    assert validation._valid(shape)(params) == _full_check_passes(shape, params)
