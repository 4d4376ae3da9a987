"""The pieces of threat protection that need no server: CIDR lists, the risk schedule, what a
risk configuration says per level and per event, and which MFA factor adaptive MFA can use."""

from __future__ import annotations

from emulator.userpools.config.model import RiskConfiguration
from emulator.userpools.model import UserPool
from emulator.userpools.risk import schedule, settings
from emulator.userpools.risk.factors import possible_factor
from emulator.userpools.risk.ranges import contains
from emulator.userpools.users.model import CONFIRMED, User


def _user(**attributes: str) -> User:
    return User("bob", "sub-1", {"sub": "sub-1", **attributes}, CONFIRMED, 0.0, 0.0)


def test_cidr_lists_match_v4_and_v6_and_ignore_bad_entries() -> None:
    assert contains(["10.0.0.0/8", "127.0.0.1/32"], "127.0.0.1")
    assert contains(["not-a-range", "2001:db8::/32"], "2001:db8::1")
    assert not contains(["10.0.0.0/8"], "127.0.0.1")
    assert not contains(["127.0.0.0/8"], "")  # no address (an in-process call): never in a range


def test_scheduled_levels_are_spent_in_order() -> None:
    user = _user()
    schedule.schedule(user, "High", 2)
    assert [schedule.take_next(user) for _ in range(3)] == ["High", "High", None]


def test_configuration_per_level_and_event_filter() -> None:
    compromised = {"EventFilter": ["SIGN_UP"], "Actions": {"EventAction": "BLOCK"}}
    config = RiskConfiguration("us-east-1_p", "ALL", 0.0, compromised_credentials=compromised,
                               account_takeover={"Actions": {"HighAction": {"EventAction": "BLOCK", "Notify": True}}})
    assert settings.takeover_action(config, "High") == settings.LevelAction("BLOCK", True)
    assert settings.takeover_action(config, "Low") is None
    assert settings.compromised_action(config, "SIGN_UP") == "BLOCK"
    assert settings.compromised_action(config, "SIGN_IN") is None
    everything = RiskConfiguration("us-east-1_p", "ALL", 0.0, compromised_credentials={
        "Actions": {"EventAction": "NO_ACTION"}})
    assert settings.compromised_action(everything, "PASSWORD_CHANGE") == "NO_ACTION"  # all events by default


def test_adaptive_mfa_uses_a_factor_the_user_can_receive() -> None:
    pool = UserPool("us-east-1_p", "p", "arn", 0.0, 0.0, mfa_configuration="OPTIONAL")
    pool.mfa.sms_enabled = True
    assert possible_factor(pool, _user(phone_number="+15555550100")) == "SMS_MFA"
    assert possible_factor(pool, _user(email="bob@example.com")) is None  # the pool sends no email codes
    pool.mfa_configuration = "OFF"
    assert possible_factor(pool, _user(phone_number="+15555550100")) is None
