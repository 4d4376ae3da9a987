"""Point code that builds its own boto3 clients at the emulator, as moto's ``mock_aws`` does.

botocore reads ``AWS_ENDPOINT_URL_<SERVICE>`` for every client it makes, so application code
reaches the emulator unchanged. Dummy credentials and a region are set only when the
environment has none, so real keys are never needed."""

from __future__ import annotations

import os
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager

ENDPOINT_VARIABLES = ("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "AWS_ENDPOINT_URL_COGNITO_IDENTITY")
DUMMY_KEY = "local"


def aws_variables(endpoint: str, region: str, environ: MutableMapping[str, str]) -> dict[str, str]:
    """The variables to set on top of ``environ``."""
    wanted = dict.fromkeys(ENDPOINT_VARIABLES, endpoint)
    if not environ.get("AWS_ACCESS_KEY_ID"):
        wanted |= {"AWS_ACCESS_KEY_ID": DUMMY_KEY, "AWS_SECRET_ACCESS_KEY": DUMMY_KEY}
    if not environ.get("AWS_DEFAULT_REGION") and not environ.get("AWS_REGION"):
        wanted["AWS_DEFAULT_REGION"] = region
    return wanted


@contextmanager
def aws_environment(endpoint: str, region: str, environ: MutableMapping[str, str] | None = None) -> Iterator[None]:
    """Set the variables for the duration of the block, then put back exactly what was there."""
    environ = os.environ if environ is None else environ
    wanted = aws_variables(endpoint, region, environ)
    saved = {name: environ.get(name) for name in wanted}
    environ.update(wanted)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                environ.pop(name, None)
            else:
                environ[name] = value
