"""Pool setting records <-> their AWS shapes (CreateUserPool input, DescribeUserPool output).

One table per record pairs each AWS member name with its field; a member left out of the
input stays None and is left out of the output again, so DescribeUserPool echoes the
settings exactly as they were set.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple, TypeVar, cast

from emulator.userpools.pool_settings import (
    AdminCreateUserSettings,
    AttributeUpdateSettings,
    DeviceSettings,
    EmailSettings,
    InviteMessageTemplate,
    VerificationTemplate,
)

R = TypeVar("R")


class Member(NamedTuple):
    aws: str
    field: str
    record: type | None = None  # the member is itself a record


MEMBERS: dict[type, tuple[Member, ...]] = {
    InviteMessageTemplate: (
        Member("SMSMessage", "sms_message"),
        Member("EmailMessage", "email_message"),
        Member("EmailSubject", "email_subject"),
    ),
    AdminCreateUserSettings: (
        Member("AllowAdminCreateUserOnly", "allow_admin_create_user_only"),
        Member("UnusedAccountValidityDays", "unused_account_validity_days"),
        Member("InviteMessageTemplate", "invite_message_template", InviteMessageTemplate),
    ),
    VerificationTemplate: (
        Member("SmsMessage", "sms_message"),
        Member("EmailMessage", "email_message"),
        Member("EmailSubject", "email_subject"),
        Member("EmailMessageByLink", "email_message_by_link"),
        Member("EmailSubjectByLink", "email_subject_by_link"),
        Member("DefaultEmailOption", "default_email_option"),
    ),
    AttributeUpdateSettings: (
        Member("AttributesRequireVerificationBeforeUpdate", "attributes_require_verification_before_update"),
    ),
    DeviceSettings: (
        Member("ChallengeRequiredOnNewDevice", "challenge_required_on_new_device"),
        Member("DeviceOnlyRememberedOnUserPrompt", "device_only_remembered_on_user_prompt"),
    ),
    EmailSettings: (
        Member("SourceArn", "source_arn"),
        Member("ReplyToEmailAddress", "reply_to_email_address"),
        Member("EmailSendingAccount", "email_sending_account"),
        Member("From", "from_address"),
        Member("ConfigurationSet", "configuration_set"),
    ),
}


def from_shape(record: type[R], given: Mapping[str, Any] | None) -> R | None:
    """The record of an AWS-shaped setting; None (sent as null) stays None."""
    if given is None:
        return None
    values: dict[str, Any] = {}
    for member in MEMBERS[record]:
        value = given.get(member.aws)
        values[member.field] = (from_shape(member.record, value) if member.record is not None
                                else copy.deepcopy(value))
    return cast(Callable[..., R], record)(**values)


def to_shape(record: object | None) -> dict[str, Any] | None:
    """The AWS shape of a record: the members that were given."""
    if record is None:
        return None
    shape: dict[str, Any] = {}
    for member in MEMBERS[type(record)]:
        value = getattr(record, member.field)
        if value is not None:
            shape[member.aws] = to_shape(value) if member.record is not None else value
    return shape
