"""User import jobs as an operator runs them: GetCSVHeader, a job whose pre-signed URL takes
the file by HTTP PUT (the AWS guide's curl upload), Start, Describe until done; the imported
users are RESET_REQUIRED, refused at sign-in until they reset their password."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from typing import Any

import pytest

from tests.e2e.auth_helpers import SignInSetup, make_client, srp_sign_in
from tests.e2e.conftest import make_client as make_boto3_client
from tests.e2e.control import advance_clock
from tests.e2e.expect import aws_error
from tests.e2e.outbox import last_code
from tests.e2e.server import RunningEmulator, run_emulator

ROLE = "arn:aws:iam::123456789012:role/CognitoImport"
NEW_PASSWORD = "Imp0rted-user!"


def _put(url: str, body: bytes, sse: bool = True) -> int:
    """What ``curl -T file.csv -H "x-amz-server-side-encryption:aws:kms" URL`` sends."""
    headers = {"x-amz-server-side-encryption": "aws:kms"} if sse else {}
    request = urllib.request.Request(url, data=body, method="PUT", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def _csv(header: list[str], users: list[dict[str, str]]) -> bytes:
    lines = [",".join(header)] + [",".join(user.get(column, "") for column in header) for user in users]
    return ("\n".join(lines) + "\n").encode()


def _wait(idp: Any, pool_id: str, job_id: str, until: tuple[str, ...] = ("Succeeded", "Failed", "Stopped")
          ) -> dict[str, Any]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        job = idp.describe_user_import_job(UserPoolId=pool_id, JobId=job_id)["UserImportJob"]
        if job["Status"] in until:
            return dict(job)
        time.sleep(0.05)
    raise AssertionError(f"job still {job['Status']}")


@pytest.fixture
def email_pool(idp: Any) -> Any:
    pool_id = idp.create_user_pool(PoolName="import", AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
    yield pool_id
    idp.delete_user_pool(UserPoolId=pool_id)


def _job(idp: Any, pool_id: str) -> dict[str, Any]:
    return dict(idp.create_user_import_job(UserPoolId=pool_id, JobName="nightly import",
                                           CloudWatchLogsRoleArn=ROLE)["UserImportJob"])


def test_import_creates_reset_required_users_who_reset_their_password(
        idp: Any, email_pool: str, emulator: RunningEmulator) -> None:
    header = idp.get_csv_header(UserPoolId=email_pool)["CSVHeader"]
    assert header[:3] == ["name", "given_name", "family_name"]
    assert header[-3:] == ["updated_at", "cognito:mfa_enabled", "cognito:username"]
    assert "sub" not in header and "identities" not in header
    idp.admin_create_user(UserPoolId=email_pool, Username="already", MessageAction="SUPPRESS")
    users = [
        {"cognito:username": "alice", "email": "alice@example.com", "email_verified": "TRUE",
         "name": "Alice\\, the first", "cognito:mfa_enabled": "false"},
        {"cognito:username": "bob", "email": "bob@example.com", "email_verified": "true",
         "cognito:mfa_enabled": "false"},
        {"cognito:username": "already", "email": "x@example.com", "email_verified": "true",
         "cognito:mfa_enabled": "false"},
        {"cognito:username": "unverified", "email": "u@example.com", "email_verified": "false",
         "cognito:mfa_enabled": "false"},
    ]
    job = _job(idp, email_pool)
    assert job["Status"] == "Created" and job["JobId"].startswith("import-")
    assert job["PreSignedUrl"].startswith(emulator.url + "/_emulator/import/")
    assert _put(job["PreSignedUrl"], _csv(list(reversed(header)), users)) == 200

    started = idp.start_user_import_job(UserPoolId=email_pool, JobId=job["JobId"])["UserImportJob"]
    assert started["Status"] == "Pending" and "StartDate" in started
    done = _wait(idp, email_pool, job["JobId"])
    assert done["Status"] == "Succeeded", done
    assert (done["ImportedUsers"], done["SkippedUsers"], done["FailedUsers"]) == (2, 1, 1)
    assert done["CompletionMessage"] and done["CompletionDate"] >= done["StartDate"]

    alice = idp.admin_get_user(UserPoolId=email_pool, Username="alice")
    assert alice["UserStatus"] == "RESET_REQUIRED"
    assert {a["Name"]: a["Value"] for a in alice["UserAttributes"]}["name"] == "Alice, the first"
    with aws_error("UserNotFoundException"):
        idp.admin_get_user(UserPoolId=email_pool, Username="unverified")

    client_id = make_client(idp, email_pool)
    with aws_error("PasswordResetRequiredException", "Password reset required for the user"):
        idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": "alice", "PASSWORD": "whatever-1A!"})
    with aws_error("PasswordResetRequiredException"):
        srp_sign_in(idp, SignInSetup(email_pool, client_id, "bob"))
    idp.forgot_password(ClientId=client_id, Username="alice")
    code = last_code(emulator, email_pool, "alice")
    idp.confirm_forgot_password(ClientId=client_id, Username="alice", ConfirmationCode=code, Password=NEW_PASSWORD)
    signed_in = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                  AuthParameters={"USERNAME": "alice", "PASSWORD": NEW_PASSWORD})
    assert signed_in["AuthenticationResult"]["AccessToken"]

    listed = idp.list_user_import_jobs(UserPoolId=email_pool, MaxResults=10)["UserImportJobs"]
    assert [entry["JobId"] for entry in listed] == [job["JobId"]]
    with aws_error("PreconditionNotMetException"):
        idp.start_user_import_job(UserPoolId=email_pool, JobId=job["JobId"])
    with aws_error("PreconditionNotMetException"):
        idp.stop_user_import_job(UserPoolId=email_pool, JobId=job["JobId"])


def test_the_upload_url_checks_its_signature_and_header(idp: Any, email_pool: str) -> None:
    url = _job(idp, email_pool)["PreSignedUrl"]
    body = _csv(["cognito:username"], [])
    assert _put(url.replace("X-Amz-Signature=", "X-Amz-Signature=0"), body) == 403
    other_pool = email_pool[:-1] + ("Y" if email_pool.endswith("X") else "X")  # a random id may end in X
    assert _put(url.replace(email_pool, other_pool), body) == 403
    assert _put(url, body, sse=False) == 403
    other = _job(idp, email_pool)
    assert _put(other["PreSignedUrl"].replace(other["JobId"], _job(idp, email_pool)["JobId"]), body) == 403


def test_a_file_that_cannot_be_read_fails_the_job(idp: Any, email_pool: str) -> None:
    job = _job(idp, email_pool)
    assert _put(job["PreSignedUrl"], b"cognito:username,email\nalice,a@example.com\n") == 200
    idp.start_user_import_job(UserPoolId=email_pool, JobId=job["JobId"])
    done = _wait(idp, email_pool, job["JobId"])
    assert done["Status"] == "Failed" and done["ImportedUsers"] == 0 and done["CompletionMessage"]
    unsent = _job(idp, email_pool)
    idp.start_user_import_job(UserPoolId=email_pool, JobId=unsent["JobId"])
    assert _wait(idp, email_pool, unsent["JobId"])["Status"] == "Failed"


def test_stopping_a_large_import(idp: Any, email_pool: str) -> None:
    header = idp.get_csv_header(UserPoolId=email_pool)["CSVHeader"]
    users = [{"cognito:username": f"user{i}", "email": f"user{i}@example.com", "email_verified": "true",
              "cognito:mfa_enabled": "false"} for i in range(3000)]
    job = _job(idp, email_pool)
    assert _put(job["PreSignedUrl"], _csv(header, users)) == 200
    idp.start_user_import_job(UserPoolId=email_pool, JobId=job["JobId"])
    _wait(idp, email_pool, job["JobId"], until=("InProgress",))
    stopping = idp.stop_user_import_job(UserPoolId=email_pool, JobId=job["JobId"])["UserImportJob"]
    assert stopping["Status"] in ("Stopping", "Stopped")
    stopped = _wait(idp, email_pool, job["JobId"])
    assert stopped["Status"] == "Stopped"
    assert 0 < stopped["ImportedUsers"] < 3000


def test_import_job_refusals(idp: Any, email_pool: str) -> None:
    with aws_error("ResourceNotFoundException"):
        idp.describe_user_import_job(UserPoolId=email_pool, JobId="import-nosuchjob0")
    with aws_error("ResourceNotFoundException"):
        idp.get_csv_header(UserPoolId="us-east-1_nosuchpool")
    with aws_error("ResourceNotFoundException"):
        idp.create_user_import_job(UserPoolId="us-east-1_nosuchpool", JobName="j", CloudWatchLogsRoleArn=ROLE)
    with aws_error("InvalidParameterException"):
        idp.create_user_import_job(UserPoolId=email_pool, JobName="j",
                                   CloudWatchLogsRoleArn="arn:aws:iam::account:role/x")


def test_a_job_never_started_expires_and_its_url_stops_working() -> None:
    with run_emulator("--no-fixtures") as running:
        idp = make_boto3_client("cognito-idp", running.url)
        pool_id = idp.create_user_pool(PoolName="p", AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
        job = _job(idp, pool_id)
        advance_clock(running.url, 16 * 60)
        assert _put(job["PreSignedUrl"], b"x") == 403  # the URL expired
        advance_clock(running.url, 24 * 3600)
        assert idp.describe_user_import_job(UserPoolId=pool_id, JobId=job["JobId"])["UserImportJob"]["Status"] == \
            "Expired"
        with aws_error("PreconditionNotMetException"):
            idp.start_user_import_job(UserPoolId=pool_id, JobId=job["JobId"])


def test_a_running_import_carries_on_after_a_restart(tmp_path: Any) -> None:
    state = str(tmp_path / "state")
    users = [{"cognito:username": f"u{i}", "email": f"u{i}@example.com", "email_verified": "true",
              "cognito:mfa_enabled": "false"} for i in range(3000)]
    with run_emulator("--no-fixtures", "--state-dir", state) as first:
        idp = make_boto3_client("cognito-idp", first.url)
        pool_id = idp.create_user_pool(PoolName="p", AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
        job = _job(idp, pool_id)
        assert _put(job["PreSignedUrl"], _csv(idp.get_csv_header(UserPoolId=pool_id)["CSVHeader"], users)) == 200
        idp.start_user_import_job(UserPoolId=pool_id, JobId=job["JobId"])
        _wait(idp, pool_id, job["JobId"], until=("InProgress",))
    with run_emulator("--no-fixtures", "--state-dir", state) as second:
        idp = make_boto3_client("cognito-idp", second.url)
        done = _wait(idp, pool_id, job["JobId"])
        assert done["Status"] == "Succeeded"
        assert (done["ImportedUsers"], done["SkippedUsers"], done["FailedUsers"]) == (3000, 0, 0)


@pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl")
def test_the_aws_guides_curl_upload_works(idp: Any, email_pool: str, tmp_path: Any) -> None:
    """``curl -v -T file.csv -H "x-amz-server-side-encryption:aws:kms" "<PreSignedUrl>"``, verbatim."""
    header = idp.get_csv_header(UserPoolId=email_pool)["CSVHeader"]
    path = tmp_path / "users.csv"
    path.write_bytes(_csv(header, [{"cognito:username": "carol", "email": "carol@example.com",
                                    "email_verified": "true", "cognito:mfa_enabled": "false"}]))
    job = _job(idp, email_pool)
    done = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-T", str(path), "-H",
                           "x-amz-server-side-encryption:aws:kms", job["PreSignedUrl"]],
                          capture_output=True, text=True, timeout=30)
    assert done.stdout == "200", done.stderr
    idp.start_user_import_job(UserPoolId=email_pool, JobId=job["JobId"])
    assert _wait(idp, email_pool, job["JobId"])["ImportedUsers"] == 1
    assert idp.admin_get_user(UserPoolId=email_pool, Username="carol")["UserStatus"] == "RESET_REQUIRED"


def test_imported_users_survive_an_export_and_a_seed(idp: Any, email_pool: str, emulator: RunningEmulator,
                                                     tmp_path: Any) -> None:
    header = idp.get_csv_header(UserPoolId=email_pool)["CSVHeader"]
    job = _job(idp, email_pool)
    assert _put(job["PreSignedUrl"], _csv(header, [{"cognito:username": "dana", "email": "dana@example.com",
                                                     "email_verified": "true", "cognito:mfa_enabled": "false"}])) == 200
    idp.start_user_import_job(UserPoolId=email_pool, JobId=job["JobId"])
    assert _wait(idp, email_pool, job["JobId"])["ImportedUsers"] == 1
    with urllib.request.urlopen(f"{emulator.url}/_emulator/export", timeout=10) as response:
        document = json.load(response)
    (entry,) = [pool for pool in document["UserPools"] if pool["Id"] == email_pool]
    (dana,) = [user for user in entry["Users"] if user["Username"] == "dana"]
    assert dana["Status"] == "RESET_REQUIRED" and "PasswordHash" not in dana
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps({"UserPools": [entry]}))
    with run_emulator("--fixtures", str(seed)) as seeded:
        again = make_boto3_client("cognito-idp", seeded.url)
        assert again.admin_get_user(UserPoolId=email_pool, Username="dana")["UserStatus"] == "RESET_REQUIRED"
