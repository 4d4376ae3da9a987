"""TOTP MFA through the real JavaScript clients: amazon-cognito-identity-js (associate /
verify / preference, then totpRequired -> sendMFACode) and Amplify v6 (setUpTOTP /
verifyTOTPSetup / updateMFAPreference, then CONFIRM_SIGN_IN_WITH_TOTP_CODE -> confirmSignIn).
Codes are computed in Node at the emulator's clock; wrong ones are refused as AWS does."""

from __future__ import annotations

from typing import Any

from tests.e2e.auth_helpers import PASSWORD, make_client, make_user
from tests.e2e.mfa_helpers import set_mfa
from tests.e2e.test_node_clients import node as node  # noqa: F401  (fixture)
from tests.e2e.test_node_clients import run_node

MISMATCH = {"name": "CodeMismatchException", "message": "Invalid code received for user"}
VERIFY_MISMATCH = {"name": "EnableSoftwareTokenMFAException",
                   "message": "Code mismatch and fail enable Software Token MFA"}


def _error(observed: dict[str, Any]) -> dict[str, Any]:
    assert observed["succeeded"] is False, observed
    return {"name": observed["name"], "message": observed["message"]}


def _prepare(idp: Any, pool_id: str) -> tuple[str, str]:
    set_mfa(idp, pool_id, totp=True)
    return make_client(idp, pool_id), make_user(idp, pool_id)


def test_acij_totp_enrolment_and_sign_in(node: str, emulator: Any, idp: Any, pool: dict[str, Any]) -> None:
    client_id, username = _prepare(idp, pool["Id"])
    out = run_node(node, "acij_mfa.mjs", scenario="totp", url=emulator.url, userPoolId=pool["Id"],
                   clientId=client_id, username=username, password=PASSWORD)
    assert out["secretLength"] == 52
    assert _error(out["wrongVerify"]) == VERIFY_MISMATCH
    assert out["verified"]["Status"] == "SUCCESS"
    assert out["challenge"] == {"kind": "SOFTWARE_TOKEN_MFA",
                                "parameters": {"USER_ID_FOR_SRP": username, "FRIENDLY_DEVICE_NAME": "acij-device"}}
    assert _error(out["wrong"]) == MISMATCH
    assert out["signedIn"] == {"valid": True, "username": username}
    user = idp.admin_get_user(UserPoolId=pool["Id"], Username=username)
    assert user["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"


def test_amplify_totp_setup_preference_and_sign_in(node: str, emulator: Any, idp: Any, pool: dict[str, Any]) -> None:
    client_id, username = _prepare(idp, pool["Id"])
    out = run_node(node, "amplify_mfa.mjs", scenario="totp", url=emulator.url, userPoolId=pool["Id"],
                   clientId=client_id, username=username, password=PASSWORD)
    assert out["first"] == "DONE"
    assert out["setupUri"].startswith("otpauth://totp/")
    assert out["wrongSetup"]["succeeded"] is False and out["wrongSetup"]["name"] == "EnableSoftwareTokenMFAException"
    assert out["preference"] == {"preferred": "TOTP", "enabled": ["TOTP"]}
    assert out["challenged"]["signInStep"] == "CONFIRM_SIGN_IN_WITH_TOTP_CODE"
    assert _error(out["wrong"]) == MISMATCH
    assert out["confirmed"] == {"isSignedIn": True, "nextStep": {"signInStep": "DONE"}}
    assert out["username"] == username
