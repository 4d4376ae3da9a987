"""Hosted-UI look: classic UI customization (CSS and a logo, per client or ALL) and managed-login
branding styles (one per app client), and ``branding_for``, what the hosted pages show.

The CSS rules follow "Customizing hosted UI (classic) branding" in the developer guide: only the
listed ``*-customizable`` classes may be styled; the logo is a PNG or JPEG file."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

from emulator.userpools.config.model import ALL_CLIENTS, ManagedLoginBranding, UICustomization
from emulator.userpools.config.store import PoolConfigStore, key
from emulator.wire.errors import InvalidParameterException

CSS_CLASSES = frozenset({
    "background-customizable", "banner-customizable", "errorMessage-customizable",
    "idpButton-customizable", "idpButton-customizable:hover", "idpDescription-customizable",
    "inputField-customizable", "inputField-customizable:focus", "label-customizable",
    "legalText-customizable", "logo-customizable", "passwordCheck-valid-customizable",
    "passwordCheck-notValid-customizable", "redirect-customizable", "socialButton-customizable",
    "submitButton-customizable", "submitButton-customizable:hover", "textDescription-customizable",
})
_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}
LOGO_CATEGORY = "PAGE_HEADER_LOGO"


@dataclass(frozen=True, slots=True)
class Branding:
    """What a hosted page applies for one app client: CSS text and a logo (bytes and type)."""

    css: str | None = None
    logo: bytes | None = None
    logo_type: str | None = None  # png | jpeg | svg | ...


def logo_path(pool_id: str, client_id: str, image_type: str) -> str:
    """Where the emulator serves a classic customization's logo (its ImageUrl)."""
    return f"/_emulator/branding/{pool_id}/{client_id}/logo.{'jpg' if image_type == 'jpeg' else image_type}"


def check_css(css: str) -> None:
    """Every selector must be one of the customizable classes; nothing outside rules."""
    text = _COMMENT.sub("", css)
    rest = _RULE.sub("", text)
    if rest.strip():
        raise InvalidParameterException("The CSS is not valid.")
    for match in _RULE.finditer(text):
        for selector in match.group(1).split(","):
            name = selector.strip()
            if not name.startswith(".") or name[1:] not in CSS_CLASSES:
                raise InvalidParameterException(f"The CSS class {name or '(empty)'} is not supported.")


def image_type(image_b64: str) -> str:
    """``png`` or ``jpeg`` from the file's own bytes (the extension is not sent)."""
    data = base64.b64decode(image_b64)
    for signature, kind in _SIGNATURES.items():
        if data.startswith(signature):
            return kind
    raise InvalidParameterException("The image file must be a PNG or JPEG file.")


def ui_customization_for(config: PoolConfigStore, pool_id: str, client_id: str | None) -> UICustomization | None:
    """The client's own customization, else the pool's ALL one (AWS's fallback)."""
    if client_id and client_id != ALL_CLIENTS:
        own = dict.get(config.ui, key(pool_id, client_id))
        if own is not None:
            return own  # type: ignore[no-any-return]
    return dict.get(config.ui, key(pool_id, ALL_CLIENTS))  # type: ignore[no-any-return]


def managed_branding_of_client(config: PoolConfigStore, pool_id: str, client_id: str) -> ManagedLoginBranding | None:
    for _, branding in config.in_pool(config.branding, pool_id):
        if branding.client_id == client_id:
            return branding  # type: ignore[no-any-return]
    return None


def branding_for(config: PoolConfigStore, pool_id: str, client_id: str) -> Branding:
    """What the hosted pages of ``client_id`` show: the classic customization's CSS and logo,
    else the managed-login style's header logo; nothing customized gives an empty Branding."""
    classic = ui_customization_for(config, pool_id, client_id)
    if classic is not None and (classic.css or classic.image):
        logo = base64.b64decode(classic.image) if classic.image else None
        return Branding(classic.css, logo, classic.image_type)
    styled = managed_branding_of_client(config, pool_id, client_id)
    if styled is not None:
        for asset in styled.assets:
            if asset.get("Category") == LOGO_CATEGORY and asset.get("Bytes"):
                return Branding(None, base64.b64decode(asset["Bytes"]), str(asset["Extension"]).lower())
    return Branding()
