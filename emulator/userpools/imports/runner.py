"""Running an import job: Start puts it in Pending and hands it to a task on the event loop,
which moves it to InProgress and imports the rows in batches (committing each batch, as a
request would), so Describe sees it progress and Stop can end it between two batches (Stopping,
then Stopped). Each row either becomes a RESET_REQUIRED user (ImportedUsers), is skipped
because the user exists (SkippedUsers), or fails the CSV rules or the schema (FailedUsers); a
file that cannot be read fails the whole job [doc: "Viewing the user pool import results"]."""

from __future__ import annotations

import asyncio
import logging

from emulator.runtime import Context
from emulator.userpools.imports import csv_rules
from emulator.userpools.imports.model import (
    FAILED,
    IN_PROGRESS,
    PENDING,
    RUNNING,
    STOPPED,
    STOPPING,
    SUCCEEDED,
    ImportJob,
)
from emulator.userpools.model import UserPool
from emulator.userpools.users import attributes as attrs
from emulator.userpools.users import lifecycle
from emulator.userpools.users.model import RESET_REQUIRED
from emulator.wire.errors import AwsError, UsernameExistsException

BATCH = 50  # rows per step
PAUSE = 0.005  # seconds between steps: requests are answered meanwhile
# Guesses: AWS's completion messages are not documented.
DONE = "Import Job Completed Successfully."
STOPPED_MESSAGE = "Import Job Stopped."
NO_FILE = "No CSV file was uploaded for this import job."
INTERNAL = "The import job failed because of an internal error in the emulator."
NO_AUTO_VERIFIED = "The user pool has no auto-verified attributes, so users cannot be imported."

log = logging.getLogger("emulator.imports")
_running: dict[tuple[str, str], asyncio.Task[None]] = {}  # (pool, job) -> its task (kept referenced)


def start(ctx: Context, pool: UserPool, job: ImportJob) -> None:
    job.status, job.started = PENDING, ctx.now()
    _spawn(pool.id, job.job_id, ctx)


def _spawn(pool_id: str, job_id: str, ctx: Context) -> None:
    key = (pool_id, job_id)
    task = asyncio.get_running_loop().create_task(_run(ctx, pool_id, job_id))
    _running[key] = task
    task.add_done_callback(lambda _: _running.pop(key, None))


def resume_orphaned(ctx: Context, pool: UserPool, job: ImportJob) -> bool:
    """A running job with no task (the emulator restarted with its state dir, or a snapshot
    holding a running job was restored) carries on from its last batch; True if it changed."""
    if job.status not in (*RUNNING, STOPPING) or (pool.id, job.job_id) in _running:
        return False
    if job.status == STOPPING:
        _finish(ctx, job, STOPPED, STOPPED_MESSAGE)
        return True
    _spawn(pool.id, job.job_id, ctx)
    return False


def stop(ctx: Context, pool: UserPool, job: ImportJob) -> None:
    """Stopping while the task runs (it stops at its next batch); Stopped when none does."""
    if (pool.id, job.job_id) in _running:
        job.status = STOPPING
    else:
        _finish(ctx, job, STOPPED, STOPPED_MESSAGE)


async def _run(ctx: Context, pool_id: str, job_id: str) -> None:
    """An unexpected error fails the job (logged) instead of leaving it InProgress for ever."""
    try:
        await _import(ctx, pool_id, job_id)
    except Exception:
        log.exception("user import job %s failed unexpectedly", job_id)
        pool = ctx.store.user_pools.get(pool_id)
        job = pool.import_jobs.get(job_id) if pool is not None else None
        if pool is not None and job is not None and job.status in (*RUNNING, STOPPING):
            _finish(ctx, job, FAILED, INTERNAL)
            ctx.store.changed(pool)
            ctx.emulator.commit()


async def _import(ctx: Context, pool_id: str, job_id: str) -> None:
    await asyncio.sleep(PAUSE)
    parsed: tuple[list[str], list[list[str]]] | None = None
    while True:
        pool = ctx.store.user_pools.get(pool_id)
        job = pool.import_jobs.get(job_id) if pool is not None else None
        if pool is None or job is None or job.status not in (*RUNNING, STOPPING):
            return  # deleted, reset or restored meanwhile
        if parsed is None:
            parsed = _parse(ctx, pool, job)
        if parsed is not None and job.status != STOPPING:
            job.status = IN_PROGRESS
            _step(ctx, pool, job, *parsed)
        if job.status == STOPPING:
            _finish(ctx, job, STOPPED, STOPPED_MESSAGE)
        ctx.store.changed(pool)
        ctx.emulator.commit()
        if job.status not in RUNNING:
            return
        await asyncio.sleep(PAUSE)


def _parse(ctx: Context, pool: UserPool, job: ImportJob) -> tuple[list[str], list[list[str]]] | None:
    """The file's header and rows; None when the job failed instead."""
    data = ctx.import_files.get(ctx.import_files.key(pool.id, job.job_id))
    if data is None:
        _finish(ctx, job, FAILED, NO_FILE)
        return None
    if not any(name in ("email", "phone_number") for name in pool.auto_verified_attributes):
        _finish(ctx, job, FAILED, NO_AUTO_VERIFIED)
        return None
    try:
        return csv_rules.read_rows(pool, data)
    except csv_rules.UnreadableFile as error:
        _finish(ctx, job, FAILED, str(error))
        return None


def _step(ctx: Context, pool: UserPool, job: ImportJob, header: list[str], rows: list[list[str]]) -> None:
    end = min(job.next_row + BATCH, len(rows))
    for index in range(job.next_row, end):
        _import_row(ctx, pool, job, header, rows[index], index + 2)
    job.next_row = end
    if end == len(rows):
        _finish(ctx, job, SUCCEEDED, DONE)


def _import_row(ctx: Context, pool: UserPool, job: ImportJob, header: list[str], values: list[str],
                line: int) -> None:
    try:
        row = csv_rules.parse_row(pool, header, values, line)
        user = lifecycle.build_user(ctx, pool, row.username, row.attributes, RESET_REQUIRED, signing_up=False)
        attrs.check_required(pool, user.attributes)
    except UsernameExistsException:
        job.skipped += 1  # [doc] "[SKIPPED] ... The user already exists."
        return
    except AwsError:
        job.failed += 1
        return
    user.mfa.sms_enabled = row.mfa_enabled
    lifecycle.add_user(pool, user)
    job.imported += 1


def _finish(ctx: Context, job: ImportJob, status: str, message: str) -> None:
    job.status, job.completed, job.completion_message = status, ctx.now(), message
    ctx.import_files.pop(ctx.import_files.key(job.pool_id, job.job_id), None)  # read and done with
