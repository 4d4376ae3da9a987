"""Multi-factor authentication: the pool's MFA configuration, each user's factors and
preference, TOTP (RFC 6238) and the one-time codes sent by SMS or email at sign-in."""
