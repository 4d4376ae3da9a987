"""A Cognito-compatible local emulator: user pools and identity pools on one port."""

__version__ = "0.1.0"
