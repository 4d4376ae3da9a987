"""Helpers for test suites that run against a real emulator process (the pytest plugin uses them).

``start_emulator()`` is usable without pytest::

    with start_emulator() as cognito:
        cognito.idp.sign_up(...)
"""

from emulator.testing.handle import CognitoEmulator, start_emulator

__all__ = ["CognitoEmulator", "start_emulator"]
