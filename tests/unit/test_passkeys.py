"""Which page origins may use a relying party, and the SignInPolicy rules, without a server."""

from __future__ import annotations

import pytest

from emulator.userpools.passkeys.relying_party import origin_allowed
from emulator.userpools.sign_in_policy import check_sign_in_policy
from emulator.wire.errors import FeatureUnavailableInTierException, InvalidParameterException


@pytest.mark.parametrize(("origin", "rp_id", "allowed"), [
    ("http://localhost:5173", "localhost", True),
    ("http://localhost", "localhost", True),
    ("https://localhost:8443", "localhost", True),
    ("http://127.0.0.1:5173", "127.0.0.1", True),
    ("https://auth.example.com", "example.com", True),  # a subdomain of the RP id
    ("https://example.com", "example.com", True),
    ("http://example.com", "example.com", False),  # not a secure context
    ("https://evilexample.com", "example.com", False),  # a suffix that is not a subdomain
    ("https://example.com.evil.test", "example.com", False),
    ("http://localhost:5173", "example.com", False),
    ("https://example.com", "auth.example.com", False),  # the parent of the RP id
    ("null", "localhost", False),
    ("", "localhost", False),
])
def test_origins_a_relying_party_accepts(origin: str, rp_id: str, allowed: bool) -> None:
    assert origin_allowed(origin, rp_id) is allowed


def test_sign_in_policy_rules() -> None:
    check_sign_in_policy(None, "LITE", None)  # the default: PASSWORD only, any tier
    check_sign_in_policy({"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}, "ESSENTIALS", "DEVELOPER")
    check_sign_in_policy({"AllowedFirstAuthFactors": ["PASSWORD", "SMS_OTP", "WEB_AUTHN"]}, "PLUS", None)
    with pytest.raises(InvalidParameterException):
        check_sign_in_policy({"AllowedFirstAuthFactors": ["PASSWORD", "SOFTWARE_TOKEN"]}, "ESSENTIALS", None)
    with pytest.raises(InvalidParameterException):
        check_sign_in_policy({"AllowedFirstAuthFactors": ["WEB_AUTHN"]}, "ESSENTIALS", None)
    with pytest.raises(FeatureUnavailableInTierException):
        check_sign_in_policy({"AllowedFirstAuthFactors": ["PASSWORD", "SMS_OTP"]}, "LITE", None)
    with pytest.raises(InvalidParameterException):
        check_sign_in_policy({"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}, "ESSENTIALS", "COGNITO_DEFAULT")
