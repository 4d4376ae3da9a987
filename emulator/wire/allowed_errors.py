"""Which error codes a client may see from each operation: the ones botocore's model lists for
it, plus the codes every AWS JSON service can answer (protocol, signature and throttling codes
from AWS's "Common Errors" page). boto3 builds ``client.exceptions.<Code>`` from the model, so a
code outside this set is one a typed ``except`` cannot catch.

The emulator's own test runs (``EMULATOR_VERIFY_ERROR_CODES=1``, set by ``tests/e2e/server.py``)
turn every answer with a code outside the set into a 500, so any test that reaches a wrong
raise site fails.
"""

from __future__ import annotations

from functools import cache

from emulator.wire.models import load_service

# Answered by the framework in front of every operation of both services.
COMMON_ERRORS = frozenset({
    "SerializationException",  # body not JSON, a member of the wrong type
    "UnknownOperationException",  # X-Amz-Target names no operation
    "RequestEntityTooLargeException",  # body over the limit (413)
    "InternalErrorException",  # the emulator's own bug (500)
    "UnsupportedOperationException",  # in the model, not implemented by the emulator yet
    # Signature checks (--require-sigv4), AWS's common error codes.
    "MissingAuthenticationTokenException", "InvalidSignatureException", "UnrecognizedClientException",
    "IncompleteSignatureException", "InvalidClientTokenId", "ExpiredTokenException", "AccessDeniedException",
    "ThrottlingException",
})

# Model violations: cognito-identity answers them as ValidationException, a code its model
# does not list (AWS's answer quoted in getmoto/moto#1979); cognito-idp's model lists
# InvalidParameterException for every operation.
_SERVICE_COMMON = {"cognito-identity": frozenset({"ValidationException"})}


@cache
def allowed_errors(service_name: str, operation: str) -> frozenset[str]:
    """The codes ``operation`` of the service (botocore's name) may answer with."""
    listed = load_service(service_name).model.data["operations"][operation].get("errors", [])
    return COMMON_ERRORS | _SERVICE_COMMON.get(service_name, frozenset()) | {ref["shape"] for ref in listed}


def check_error_code(service_name: str, operation: str, code: str) -> str | None:
    """None when ``code`` is one ``operation`` may answer, else what is wrong."""
    if code in allowed_errors(service_name, operation):
        return None
    return f"{service_name}:{operation} answered {code}, which botocore's model does not list for it"
