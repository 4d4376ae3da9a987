"""The pieces under the import jobs, sessions and secret rotation: AWS's CSV rules, the upload
signature, the User-Agent summary, secret ids."""

from __future__ import annotations

import pytest

from emulator.userpools.auth.user_sessions import device_type
from emulator.userpools.client_secrets import add_secret, delete_secret, entries, live_secrets
from emulator.userpools.imports import csv_rules, upload
from emulator.userpools.model import SchemaAttribute, UserPool, UserPoolClient
from emulator.userpools.schema import standard_schema
from emulator.wire.errors import InvalidParameterException, LimitExceededException, ResourceNotFoundException


def _pool(auto: list[str]) -> UserPool:
    return UserPool(id="us-east-1_abc", name="p", arn="arn", created=0.0, modified=0.0,
                    schema=standard_schema(), auto_verified_attributes=auto)


def _file(pool: UserPool, rows: list[dict[str, str]]) -> bytes:
    header = csv_rules.csv_header(pool)
    return "\n".join([",".join(header), *(",".join(row.get(c, "") for c in header) for row in rows)]).encode()


def _row(pool: UserPool, values: dict[str, str]) -> csv_rules.Row:
    header, rows = csv_rules.read_rows(pool, _file(pool, [values]))
    return csv_rules.parse_row(pool, header, rows[0], 2)


def test_header_is_the_schema_then_awss_two_columns() -> None:
    header = csv_rules.csv_header(_pool(["email"]))
    assert header[0] == "name" and "sub" not in header
    assert header[-2:] == ["cognito:mfa_enabled", "cognito:username"]


def test_custom_attributes_come_before_awss_columns() -> None:
    """As a real get-csv-header answer shows (custom:joinedOn after updated_at)."""
    pool = _pool(["email"])
    pool.schema["custom:joinedOn"] = SchemaAttribute("custom:joinedOn")
    assert csv_rules.csv_header(pool)[-4:] == ["updated_at", "custom:joinedOn", "cognito:mfa_enabled",
                                               "cognito:username"]


def test_escaped_commas_and_any_case_booleans() -> None:
    pool = _pool(["email"])
    row = _row(pool, {"cognito:username": "a", "email": "a@x.org", "email_verified": "True",
                      "address": "1 Main St\\, Springfield", "cognito:mfa_enabled": "FALSE"})
    assert row.attributes["address"] == "1 Main St, Springfield"
    assert row.attributes["email_verified"] == "true" and not row.mfa_enabled
    assert "name" not in row.attributes  # an empty value is no value


@pytest.mark.parametrize("values", [
    {"cognito:username": "", "email": "a@x.org", "email_verified": "true", "cognito:mfa_enabled": "false"},
    {"cognito:username": "a", "email": "a@x.org", "email_verified": "true", "cognito:mfa_enabled": "maybe"},
    {"cognito:username": "a", "email": "a@x.org", "email_verified": "false", "cognito:mfa_enabled": "false"},
    {"cognito:username": "a", "email_verified": "true", "cognito:mfa_enabled": "false"},
    {"cognito:username": "a", "email": "a@x.org", "email_verified": "true", "cognito:mfa_enabled": "true"},
])
def test_rows_against_the_rules_fail(values: dict[str, str]) -> None:
    with pytest.raises(InvalidParameterException):
        _row(_pool(["email"]), values)


def test_with_two_auto_verified_attributes_one_verified_is_enough() -> None:
    pool = _pool(["email", "phone_number"])
    row = _row(pool, {"cognito:username": "a", "phone_number": "+15555550100", "phone_number_verified": "true",
                      "email_verified": "false", "cognito:mfa_enabled": "true"})
    assert row.mfa_enabled


@pytest.mark.parametrize("data", [b"", b"cognito:username\na\n", b"\xff\xfe", b'name,"x\n'])
def test_unreadable_files(data: bytes) -> None:
    with pytest.raises(csv_rules.UnreadableFile):
        csv_rules.read_rows(_pool(["email"]), data)


def test_upload_signature_binds_pool_job_and_time() -> None:
    key = b"k" * 32
    url = upload.presigned_url("http://localhost:9229", key, "us-east-1_abc", "import-1", 1_700_000_000.0)
    query = dict(part.split("=", 1) for part in url.split("?", 1)[1].split("&"))
    query = {k: v.replace("%3B", ";") for k, v in query.items()}
    assert upload.check_upload(key, "us-east-1_abc", "import-1", query, 1_700_000_100.0) is None
    assert upload.check_upload(key, "us-east-1_abc", "import-2", query, 1_700_000_100.0) == "SignatureDoesNotMatch"
    assert upload.check_upload(b"x" * 32, "us-east-1_abc", "import-1", query, 1_700_000_100.0) == \
        "SignatureDoesNotMatch"
    assert upload.check_upload(key, "us-east-1_abc", "import-1", query, 1_700_001_000.0) == "AccessDenied"


@pytest.mark.parametrize(("agent", "expected"), [
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15",
     "Safari, Mac OS X"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36 Edg/120.0", "Edge, Windows"),
    ("Boto3/1.35.0 md/Botocore#1.35.0 ua/2.0 os/linux#6.1", "Boto3, Linux"),
    ("", "unknown"),
])
def test_device_type(agent: str, expected: str) -> None:
    assert device_type(agent) == expected


def test_two_secrets_at_most_and_never_the_last_one_deleted() -> None:
    client = UserPoolClient("client1", "us-east-1_abc", "c", created=1.0, modified=1.0, secret="s" * 51)
    added = add_secret(client, "t" * 51, 1.0)
    assert added.secret_id != entries(client)[0].secret_id  # same millisecond, distinct ids
    assert live_secrets(client) == ["s" * 51, "t" * 51]
    with pytest.raises(LimitExceededException):
        add_secret(client, "u" * 51, 2.0)
    delete_secret(client, entries(client)[0].secret_id)
    assert live_secrets(client) == ["t" * 51] and client.secret == "t" * 51
    with pytest.raises(InvalidParameterException):
        delete_secret(client, added.secret_id)
    with pytest.raises(ResourceNotFoundException):
        delete_secret(client, "client1--0")
