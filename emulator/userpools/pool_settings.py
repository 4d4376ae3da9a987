"""Pool settings that behaviour reads, as records (fields of ``UserPool``).

A member is None when the request left it out: DescribeUserPool echoes the settings as they
were set, so it must know which members were given. The ``default_*`` factories are AWS's
values for a setting CreateUserPool / UpdateUserPool leaves out. (No imports from the rest
of the user-pool package, so the pool model can hold these.)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class InviteMessageTemplate:
    """AdminCreateUser's invitation texts (MessageTemplateType)."""

    sms_message: str | None = None
    email_message: str | None = None
    email_subject: str | None = None


@dataclass(slots=True)
class AdminCreateUserSettings:
    """AdminCreateUserConfig: whether SignUp is refused, and the invitation."""

    allow_admin_create_user_only: bool | None = None
    unused_account_validity_days: int | None = None
    invite_message_template: InviteMessageTemplate | None = None


@dataclass(slots=True)
class VerificationTemplate:
    """VerificationMessageTemplate: the texts of verification codes and links."""

    sms_message: str | None = None
    email_message: str | None = None
    email_subject: str | None = None
    email_message_by_link: str | None = None
    email_subject_by_link: str | None = None
    default_email_option: str | None = None


@dataclass(slots=True)
class AttributeUpdateSettings:
    """UserAttributeUpdateSettings: attributes whose new value waits until it is verified."""

    attributes_require_verification_before_update: list[str] | None = None


@dataclass(slots=True)
class DeviceSettings:
    """DeviceConfiguration: giving any member turns device tracking on."""

    challenge_required_on_new_device: bool | None = None
    device_only_remembered_on_user_prompt: bool | None = None


@dataclass(slots=True)
class EmailSettings:
    """EmailConfiguration: email MFA needs EmailSendingAccount DEVELOPER (Amazon SES)."""

    source_arn: str | None = None
    reply_to_email_address: str | None = None
    email_sending_account: str | None = None
    from_address: str | None = None  # AWS's "From"
    configuration_set: str | None = None


def default_admin_create_user() -> AdminCreateUserSettings:
    return AdminCreateUserSettings(allow_admin_create_user_only=False, unused_account_validity_days=7)


def default_verification_template() -> VerificationTemplate:
    return VerificationTemplate(default_email_option="CONFIRM_WITH_CODE")


def default_attribute_update() -> AttributeUpdateSettings:
    return AttributeUpdateSettings(attributes_require_verification_before_update=[])


def default_email() -> EmailSettings:
    return EmailSettings(email_sending_account="COGNITO_DEFAULT")
