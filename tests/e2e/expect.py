"""Assertions on the AWS errors boto3 raises: code and message exactly as AWS words them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from botocore.exceptions import ClientError


@contextmanager
def aws_error(code: str, message: str | None = None) -> Iterator[pytest.ExceptionInfo[ClientError]]:
    """Expect a ClientError with this code (and, when given, exactly this message); 400 status."""
    with pytest.raises(ClientError) as raised:
        yield raised
    error = raised.value.response["Error"]
    assert error["Code"] == code, raised.value.response
    if message is not None:
        assert error["Message"] == message
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def collect_pages(call: Callable[..., dict[str, Any]], items_key: str, token_in: str = "NextToken",
                  token_out: str = "NextToken", **params: Any) -> tuple[list[Any], int]:
    """Follow NextToken to the end; returns every item and the number of pages."""
    items: list[Any] = []
    pages = 0
    token: str | None = None
    while True:
        answer = call(**params, **({token_in: token} if token else {}))
        pages += 1
        items += answer[items_key]
        token = answer.get(token_out)
        if not token:
            return items, pages
        assert pages < 500, "paging never ends"
