"""``PUT /_emulator/import/<poolId>/<jobId>?<signature>``: where an import job's pre-signed URL
leads (upload.py). Answers as S3 would: 200 with an ETag, or 403 with an S3 XML error."""

from __future__ import annotations

import hashlib

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from emulator.runtime import Emulator
from emulator.userpools.imports import upload


def _s3_error(code: str, message: str, status: int = 403) -> Response:
    from xml.sax.saxutils import escape  # here: xml.sax pulls in urllib.request, a start-up cost for a rare answer

    body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code>'
            f"<Message>{escape(message)}</Message></Error>")
    return Response(body, status_code=status, media_type="application/xml")


def import_routes(emulator: Emulator) -> list[Route]:
    async def receive(request: Request) -> Response:
        pool_id, job_id = request.path_params["pool_id"], request.path_params["job_id"]
        now = emulator.clock.now()
        error = upload.check_upload(emulator.derived_key(upload.KEY_PURPOSE), pool_id, job_id,
                                    dict(request.query_params), now)
        if error == "AccessDenied":
            return _s3_error(error, "Request has expired")
        if error is not None:
            return _s3_error(error, "The request signature we calculated does not match the signature you provided.")
        if request.headers.get(upload.SSE_HEADER) != upload.SSE_VALUE:
            return _s3_error("AccessDenied", f"The signed header {upload.SSE_HEADER}: {upload.SSE_VALUE} is missing.")
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > upload.MAX_BYTES):
            return _s3_error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", 400)
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > upload.MAX_BYTES:
                return _s3_error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", 400)
        from emulator.userpools.imports.model import CREATED, EXPIRES_AFTER  # the job records: not a start-up import

        pool = emulator.store.user_pools.get(pool_id)
        job = pool.import_jobs.get(job_id) if pool is not None else None
        if pool is None or job is None or job.status != CREATED or now > job.created + EXPIRES_AFTER:
            return _s3_error("AccessDenied", "The import job no longer accepts a file.")
        emulator.import_files[emulator.import_files.key(pool_id, job_id)] = bytes(body)
        return Response(status_code=200, headers={"ETag": f'"{hashlib.md5(body).hexdigest()}"'})  # noqa: S324

    return [Route(upload.PATH, receive, methods=["PUT"])]
