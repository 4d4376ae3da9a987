"""TOTP against RFC 6238's own test vectors and pyotp; the pool MFA configuration rules and
the user's MFA preference rules, without a server."""

from __future__ import annotations

import base64
from typing import Any

import pyotp
import pytest

from emulator.userpools.mfa import config, factors, totp
from emulator.userpools.mfa.model import EMAIL_OTP, SMS_MFA, SOFTWARE_TOKEN_MFA
from emulator.userpools.model import UserPool
from emulator.userpools.users.model import CONFIRMED, User
from emulator.wire.errors import FeatureUnavailableInTierException, InvalidParameterException

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize(("time", "eight_digits"), [
    (59, "94287082"), (1111111109, "07081804"), (1111111111, "14050471"), (1234567890, "89005924"),
    (2000000000, "69279037"), (20000000000, "65353130"),
])
def test_totp_matches_rfc_6238_sha1_vectors(time: int, eight_digits: str) -> None:
    assert totp.code_at(RFC_SECRET, totp.time_step(time)) == eight_digits[-6:]


def test_secret_is_52_base32_characters_and_pyotp_agrees() -> None:
    secret = totp.new_secret()
    assert len(secret) == 52 and "=" not in secret
    for now in (0.0, 1_700_000_000.0, 1_700_000_029.9):
        assert totp.code_at(secret, totp.time_step(now)) == pyotp.TOTP(secret).at(now)


def test_one_step_of_tolerance_either_side_and_no_more() -> None:
    secret, now = totp.new_secret(), 1_700_000_015.0
    step = totp.time_step(now)
    for offset in (-1, 0, 1):
        assert totp.matching_step(secret, totp.code_at(secret, step + offset), now) == step + offset
    for offset in (-2, 2):
        code = totp.code_at(secret, step + offset)
        if code not in {totp.code_at(secret, step + o) for o in (-1, 0, 1)}:
            assert totp.matching_step(secret, code, now) is None
    assert totp.matching_step(secret, "abcdef", now) is None


def _pool(**config_members: Any) -> UserPool:
    return UserPool(id="us-east-1_x", name="p", arn="arn", created=0, modified=0, config=dict(config_members))


def _user(**attributes: str) -> User:
    return User("u", "sub", {"sub": "sub", **attributes}, CONFIRMED, 0, 0)


def test_pool_config_rules() -> None:
    pool = _pool()
    with pytest.raises(InvalidParameterException, match="can't disable all MFAs"):
        config.set_pool_mfa_config(pool, {"MfaConfiguration": "OPTIONAL"})
    with pytest.raises(InvalidParameterException, match="can't turn off MFA and configure"):
        config.set_pool_mfa_config(pool, {"SoftwareTokenMfaConfiguration": {"Enabled": True}})
    with pytest.raises(InvalidParameterException, match="SMS configuration"):
        config.set_pool_mfa_config(pool, {"MfaConfiguration": "ON", "SmsMfaConfiguration": {}})
    pool.tier = "LITE"
    with pytest.raises(FeatureUnavailableInTierException):
        config.set_pool_mfa_config(pool, {"MfaConfiguration": "ON", "EmailMfaConfiguration": {}})
    assert pool.mfa_configuration == "OFF" and not pool.mfa.email_enabled  # nothing half-applied
    config.set_pool_mfa_config(pool, {"MfaConfiguration": "ON", "SoftwareTokenMfaConfiguration": {"Enabled": True}})
    assert pool.mfa_configuration == "ON" and pool.mfa.totp_enabled


def test_preference_rules() -> None:
    user = _user(phone_number="+15555550100")
    with pytest.raises(InvalidParameterException, match="turn on SOFTWARE_TOKEN_MFA"):
        factors.set_preference(user, {"SoftwareTokenMfaSettings": {"Enabled": True}})
    with pytest.raises(InvalidParameterException, match="turn on EMAIL_OTP"):
        factors.set_preference(user, {"EmailMfaSettings": {"Enabled": True}})
    with pytest.raises(InvalidParameterException):
        factors.set_preference(user, {"SMSMfaSettings": {"Enabled": False, "PreferredMfa": True}})
    factors.set_preference(user, {"SMSMfaSettings": {"Enabled": True, "PreferredMfa": True}})
    assert user.mfa.enabled() == [SMS_MFA] and user.mfa.preferred == SMS_MFA
    user.mfa.totp_secret = totp.new_secret()
    factors.set_preference(user, {"SoftwareTokenMfaSettings": {"Enabled": True}})
    assert user.mfa.enabled() == [SMS_MFA, SOFTWARE_TOKEN_MFA] and user.mfa.preferred == SMS_MFA
    with pytest.raises(InvalidParameterException):
        factors.set_preference(user, {"SMSMfaSettings": {"PreferredMfa": True},
                                      "SoftwareTokenMfaSettings": {"PreferredMfa": True}})
    factors.set_preference(user, {"SMSMfaSettings": {"Enabled": False}})  # the preferred one goes off
    assert user.mfa.enabled() == [SOFTWARE_TOKEN_MFA] and user.mfa.preferred is None
    assert factors.settings_view(user) == {"UserMFASettingList": [SOFTWARE_TOKEN_MFA]}


def test_sign_in_factors_follow_the_pool_except_a_verified_token() -> None:
    pool, user = _pool(), _user(phone_number="+15555550100", email="a@example.com")
    user.mfa.sms_enabled = user.mfa.email_enabled = user.mfa.totp_enabled = True
    user.mfa.totp_secret = totp.new_secret()
    assert factors.sign_in_factors(pool, user) == [SOFTWARE_TOKEN_MFA]
    pool.mfa.sms_enabled = pool.mfa.email_enabled = True
    assert factors.sign_in_factors(pool, user) == [SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP]
