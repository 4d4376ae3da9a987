"""The auth event record (AdminListUserAuthEvents), kept on its user."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class AuthEvent:
    event_id: str
    event_type: str  # SignIn | SignUp | ForgotPassword | PasswordChange | ResendCode
    created: float
    response: str  # Pass | Fail | InProgress (a challenge is owed; completed by the answer)
    challenges: list[tuple[str, str]] = field(default_factory=list)  # (Password|Mfa, Success|Failure)
    ip_address: str = ""
    device_name: str = ""
    feedback: str | None = None  # Valid | Invalid
    feedback_provider: str | None = None  # Admin | User
    feedback_date: float | None = None
    risk_decision: str = "NoRisk"  # NoRisk | AccountTakeover | Block (userpools/risk)
    risk_level: str | None = None  # Low | Medium | High, when the sign-in was scored
    compromised: bool = False  # CompromisedCredentialsDetected
