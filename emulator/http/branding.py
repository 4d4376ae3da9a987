"""``GET /_emulator/branding/{userPoolId}/{clientId}/logo.{ext}``: the logo a classic UI
customization set (``ImageUrl`` of GetUICustomization points here, where AWS's points at its CDN)."""

from __future__ import annotations

import base64

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from emulator.runtime import Emulator

_MEDIA = {"png": "image/png", "jpeg": "image/jpeg"}


def branding_routes(emulator: Emulator) -> list[Route]:
    async def logo(request: Request) -> Response:
        # Imported on the first logo: the configuration models are ~10 dataclasses, a start-up cost.
        from emulator.userpools.config.branding import ui_customization_for

        pool_id, client_id = request.path_params["pool_id"], request.path_params["client_id"]
        custom = ui_customization_for(emulator.config, pool_id, client_id)
        if custom is None or custom.client_id != client_id or not custom.image or not custom.image_type:
            return Response("Not found", status_code=404, media_type="text/plain")
        return Response(base64.b64decode(custom.image), media_type=_MEDIA.get(custom.image_type, "image/png"),
                        headers={"Cache-Control": "no-cache"})

    return [Route("/_emulator/branding/{pool_id}/{client_id}/logo.{ext}", logo, methods=["GET"])]
