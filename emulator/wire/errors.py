"""AWS errors as Python exceptions: the class name *is* the wire code.

One handler in ``wire.dispatch`` renders every ``AwsError`` as AWS does: body
``{"__type", "message"}`` plus ``x-amzn-ErrorType`` / ``x-amzn-ErrorMessage``.
Only codes the emulator raises are declared here; the names match botocore's
error shapes so ``client.exceptions.<Code>`` works in boto3.
"""

from __future__ import annotations


class AwsError(Exception):
    """Base of every error answered on the wire; 400 unless a subclass says otherwise."""

    status: int = 400

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message

    @property
    def code(self) -> str:
        return type(self).__name__


# --- protocol level (Coral framework codes, not in the service models) -------------
class SerializationException(AwsError):
    """Body is not JSON, or a member has the wrong JSON type."""


class UnknownOperationException(AwsError):
    """X-Amz-Target names no operation of either service."""


class RequestEntityTooLargeException(AwsError):
    status = 413


class InternalErrorException(AwsError):
    status = 500


# --- signatures (--require-sigv4; AWS's common errors, see wire/sigv4.py) -----------
class MissingAuthenticationTokenException(AwsError):
    pass


class UnrecognizedClientException(AwsError):
    pass


class InvalidSignatureException(AwsError):
    pass


class IncompleteSignatureException(AwsError):
    pass


class ValidationException(AwsError):
    """cognito-identity's code for input that breaks the model's constraints."""


# --- service level (shapes in the cognito-idp / cognito-identity models) ------------
class InvalidParameterException(AwsError):
    pass


class ResourceNotFoundException(AwsError):
    pass


class NotAuthorizedException(AwsError):
    pass


class UnsupportedOperationException(AwsError):
    """Also used for operations in the model that the emulator does not implement yet."""


class GroupExistsException(AwsError):
    pass


class InvalidOAuthFlowException(AwsError):
    pass


class ScopeDoesNotExistException(AwsError):
    pass


class LimitExceededException(AwsError):
    pass


class ConcurrentModificationException(AwsError):
    pass


class UserNotFoundException(AwsError):
    pass


class UsernameExistsException(AwsError):
    pass


class UserNotConfirmedException(AwsError):
    pass


class InvalidPasswordException(AwsError):
    pass


class CodeMismatchException(AwsError):
    pass


class ExpiredCodeException(AwsError):
    pass


class AliasExistsException(AwsError):
    pass


class PasswordResetRequiredException(AwsError):
    pass


class InvalidUserPoolConfigurationException(AwsError):
    pass


class UnsupportedTokenTypeException(AwsError):
    pass


class RefreshTokenReuseException(AwsError):
    pass


class UnsupportedUserStateException(AwsError):
    """AdminCreateUser RESEND to a user who is past FORCE_CHANGE_PASSWORD."""


class UnauthorizedException(AwsError):
    """RevokeToken's code for a client that may not revoke (its model lists no NotAuthorizedException)."""


class ResourceConflictException(AwsError):
    pass


class InvalidIdentityPoolConfigurationException(AwsError):
    pass


class DeveloperUserAlreadyRegisteredException(AwsError):
    pass


class ExternalServiceException(AwsError):
    pass


class FeatureUnavailableInTierException(AwsError):
    pass


class SoftwareTokenMFANotFoundException(AwsError):
    pass


class EnableSoftwareTokenMFAException(AwsError):
    pass


class DeviceKeyExistsException(AwsError):
    """ConfirmDevice of a device that is already confirmed."""


# --- passkeys (WebAuthn) -------------------------------------------------------------
class WebAuthnNotEnabledException(AwsError):
    """The pool's SignInPolicy does not allow WEB_AUTHN."""


class WebAuthnConfigurationMissingException(AwsError):
    """No RelyingPartyId in WebAuthnConfiguration and no domain to take it from."""


class WebAuthnChallengeNotFoundException(AwsError):
    """CompleteWebAuthnRegistration without a live StartWebAuthnRegistration challenge."""


class WebAuthnRelyingPartyMismatchException(AwsError):
    pass


class WebAuthnClientMismatchException(AwsError):
    """Complete with an access token of another app client than Start's."""


class WebAuthnOriginNotAllowedException(AwsError):
    pass


class WebAuthnCredentialNotSupportedException(AwsError):
    pass


# --- Lambda triggers (reference triggers.md §5) ------------------------------------
class UserLambdaValidationException(AwsError):
    """The trigger function raised: '<Trigger> failed with error <message>.'"""


class InvalidLambdaResponseException(AwsError):
    """The trigger function answered something Cognito cannot read."""


class UnexpectedLambdaException(AwsError):
    """The function could not be invoked (missing, refused, timed out)."""


class PreconditionNotMetException(AwsError):
    """An import job asked to start or stop in a state that does not allow it."""
# --- stored configuration (identity providers, branding, terms, CIMD, limits) ------
class DuplicateProviderException(AwsError):
    pass


class UnsupportedIdentityProviderException(AwsError):
    pass


class ManagedLoginBrandingExistsException(AwsError):
    pass


class TermsExistsException(AwsError):
    pass


class CachedCIMDURLDoesNotExistException(AwsError):
    pass


class ServiceQuotaExceededException(AwsError):
    pass


class OperationNotEnabledException(AwsError):
    pass


class UserPoolAddOnNotEnabledException(AwsError):
    """Threat protection (UserPoolAddOns) is off, and the operation needs it."""
