"""A pool's look on the hosted pages: SetUICustomization's CSS and logo (per client, else the
pool's ALL), else the managed-login branding style's header logo (``userpools/config/branding.py``)
and its Settings' colours and radii (``managed_style.py``).
The CSS is AWS's ``*-customizable`` classes, which the templates carry on the same elements as
Cognito's classic pages; the logo is inlined as a data: URL (the pages load nothing else)."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from emulator.hosted.managed_style import settings_css
from emulator.userpools.config import branding as stored
from emulator.userpools.config.store import PoolConfigStore
from emulator.userpools.model import UserPool, UserPoolClient

MEDIA = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "svg": "image/svg+xml",
         "gif": "image/gif", "webp": "image/webp", "ico": "image/x-icon"}


@dataclass(frozen=True, slots=True)
class Branding:
    css: str = ""
    logo: str | None = None  # a data: URL


def branding_for(config: PoolConfigStore, pool: UserPool, client: UserPoolClient) -> Branding:
    found = stored.branding_for(config, pool.id, client.client_id)
    logo = None
    if found.logo:
        media = MEDIA.get((found.logo_type or "png").lower(), "image/png")
        logo = f"data:{media};base64,{base64.b64encode(found.logo).decode('ascii')}"
    css = found.css or ""
    if not css:  # no classic customization: the client's managed-login style, if any
        styled = stored.managed_branding_of_client(config, pool.id, client.client_id)
        if styled is not None and not styled.use_cognito_provided_values:
            css = settings_css(styled.settings)
    # Braces cannot leave a <style> element; "</" could, so it is taken out.
    return Branding(css.replace("</", ""), logo)
