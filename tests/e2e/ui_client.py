"""Driving the dashboard over HTTP as a browser's forms would: read the form token from a page,
post URL-encoded forms, follow the redirect and read the flash message."""

from __future__ import annotations

import html
import re
from typing import Any

import httpx

UI = "/_emulator/ui"
_TOKEN = re.compile(r'name="csrf" value="([^"]+)"')
_FLASH = re.compile(r'<div class="flash flash-(ok|error)"[^>]*>(.*?)</div>', re.DOTALL)


class UiClient:
    def __init__(self, url: str) -> None:
        self.http = httpx.Client(base_url=url, timeout=10)

    def close(self) -> None:
        self.http.close()

    def get(self, path: str, **params: Any) -> httpx.Response:
        return self.http.get(UI + path, params=params)

    def page(self, path: str, **params: Any) -> str:
        response = self.get(path, **params)
        assert response.status_code == 200, (path, response.status_code, response.text[:500])
        assert response.headers["content-type"].startswith("text/html")
        return response.text

    def token(self) -> str:
        match = _TOKEN.search(self.page("/state"))
        assert match is not None
        return match.group(1)

    def post(self, path: str, data: dict[str, str], token: str | None = "page", **headers: str) -> httpx.Response:
        """The raw answer (not followed); ``token="page"`` sends the real form token, None none."""
        form = dict(data)
        if token is not None:
            form["csrf"] = self.token() if token == "page" else token
        return self.http.post(UI + path, data=form, headers=headers)

    def submit(self, path: str, data: dict[str, str]) -> tuple[str, str, str]:
        """Post, check it redirects (303), follow: (flash kind, flash text, the page it landed on)."""
        response = self.post(path, data)
        assert response.status_code == 303, (response.status_code, response.text[:500])
        landed = self.http.get(response.headers["location"])
        assert landed.status_code == 200, landed.text[:500]
        match = _FLASH.search(landed.text)
        assert match is not None, "no flash message on " + response.headers["location"]
        return match.group(1), html.unescape(match.group(2)), landed.text
