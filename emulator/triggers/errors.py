"""What can go wrong invoking a trigger, and how AWS words it to the API caller
(reference triggers.md §5). The invokers raise the three neutral failures below; ``as_aws_error``
names the trigger (the LambdaConfig key, never the function) as AWS does."""

from __future__ import annotations

from emulator.wire.errors import (
    AwsError,
    InvalidLambdaResponseException,
    UnexpectedLambdaException,
    UserLambdaValidationException,
)

SOCKET_TIMEOUT = "Socket timeout while invoking Lambda function"
NOT_FOUND = "ResourceNotFoundException"
UNRECOGNIZABLE = "Unrecognizable lambda output"
INVALID_JSON = "Invalid lambda function output : Invalid JSON"


class HandlerSpecError(ValueError):
    """A ``package.module:function`` that cannot be imported (said at start, not at first use);
    raised by ``triggers.local``, defined here so the command line can catch it without
    importing the local invoker."""


class TriggerFailure(Exception):
    """Base of the invokers' failures; never reaches the wire as such."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class FunctionError(TriggerFailure):
    """The function ran and raised (Lambda's X-Amz-Function-Error, or an error body)."""


class InvokeFailed(TriggerFailure):
    """The function could not be run: ``text`` is the reason (an error code, the timeout text)."""


class BadOutput(TriggerFailure):
    """The function answered, but not with an event Cognito can read: ``text`` is AWS's message."""


def as_aws_error(trigger: str, failure: TriggerFailure) -> AwsError:
    """AWS appends a period even when the message already ends in one [obs]."""
    if isinstance(failure, FunctionError):
        return UserLambdaValidationException(f"{trigger} failed with error {failure.text}.")
    if isinstance(failure, BadOutput):
        return InvalidLambdaResponseException(failure.text)
    return UnexpectedLambdaException(f"{trigger} invocation failed due to error {failure.text}.")
