"""The identity service's GET endpoints, mounted before the catch-all POST route.

* ``GET /_emulator/credentials/{AccessKeyId}``: who a key from GetCredentialsForIdentity belongs
  to: ``{"accessKeyId", "identityId", "identityPoolId", "roleArn", "logins": [provider names],
  "expiration": epoch seconds}``; 404 ``{"message"}`` for a key never issued or already expired.
  Lets a test (or a local stand-in for an AWS service) check which role a caller would have.
* ``GET /_emulator/identity/.well-known/jwks.json``: the public key of the identity service's
  OpenID tokens (GetOpenIdToken, GetOpenIdTokenForDeveloperIdentity), the local stand-in for
  ``https://cognito-identity.amazonaws.com/.well-known/jwks_uri``.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from emulator.identitypools.openid import jwks
from emulator.runtime import Emulator


def credential_routes(emulator: Emulator) -> list[Route]:
    async def credentials(request: Request) -> JSONResponse:
        key = request.path_params["access_key_id"]
        issued = emulator.identity.credentials.lookup(key, emulator.clock.now())
        if issued is None:
            return JSONResponse({"message": f"No unexpired credentials with AccessKeyId {key}."}, status_code=404)
        return JSONResponse(issued.record())

    async def identity_jwks(request: Request) -> JSONResponse:
        return JSONResponse(jwks(emulator.keys), headers={"Cache-Control": "max-age=3600"})

    return [
        Route("/_emulator/credentials/{access_key_id}", credentials, methods=["GET"]),
        Route("/_emulator/identity/.well-known/jwks.json", identity_jwks, methods=["GET"]),
    ]
