"""GetCSVHeader, CreateUserImportJob, StartUserImportJob, StopUserImportJob,
DescribeUserImportJob, ListUserImportJobs (imports/: the CSV rules, the upload URL, the run)."""

from __future__ import annotations

from typing import Any

from emulator.runtime import Context
from emulator.state import ids
from emulator.userpools.imports import csv_rules, runner, upload
from emulator.userpools.imports.model import CREATED, EXPIRED, EXPIRES_AFTER, RUNNING, ImportJob
from emulator.userpools.lookup import get_pool
from emulator.userpools.model import UserPool
from emulator.wire.errors import PreconditionNotMetException, ResourceNotFoundException
from emulator.wire.pagination import paginate
from emulator.wire.registry import Params, Result, user_pools

JOB_ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
# Guesses: AWS's wording is not known.
NO_JOB = "Import job {job_id} does not exist."
NOT_STARTABLE = "The import job {job_id} is {status} and cannot be started."
NOT_STOPPABLE = "The import job {job_id} is {status} and cannot be stopped."


@user_pools.operation("GetCSVHeader")
def get_csv_header(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    return {"UserPoolId": pool.id, "CSVHeader": csv_rules.csv_header(pool)}


@user_pools.operation("CreateUserImportJob")
def create_user_import_job(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    job = ImportJob(job_id="import-" + ids.random_string(JOB_ID_CHARS, 10), job_name=params["JobName"],
                    pool_id=pool.id, role_arn=params["CloudWatchLogsRoleArn"], created=ctx.now(),
                    password_hashing_algorithm=params.get("PasswordHashingAlgorithm"))
    pool.import_jobs[job.job_id] = job
    ctx.store.changed(pool)
    return {"UserImportJob": _view(ctx, job)}


@user_pools.operation("StartUserImportJob")
def start_user_import_job(ctx: Context, params: Params) -> Result:
    pool, job = _job(ctx, params)
    if job.status != CREATED:
        raise PreconditionNotMetException(NOT_STARTABLE.format(job_id=job.job_id, status=job.status))
    runner.start(ctx, pool, job)
    ctx.store.changed(pool)
    return {"UserImportJob": _view(ctx, job)}


@user_pools.operation("StopUserImportJob")
def stop_user_import_job(ctx: Context, params: Params) -> Result:
    pool, job = _job(ctx, params)
    if job.status not in RUNNING:
        raise PreconditionNotMetException(NOT_STOPPABLE.format(job_id=job.job_id, status=job.status))
    runner.stop(ctx, pool, job)
    ctx.store.changed(pool)
    return {"UserImportJob": _view(ctx, job)}


@user_pools.operation("DescribeUserImportJob")
def describe_user_import_job(ctx: Context, params: Params) -> Result:
    return {"UserImportJob": _view(ctx, _job(ctx, params)[1])}


@user_pools.operation("ListUserImportJobs")
def list_user_import_jobs(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    for job in pool.import_jobs.values():
        _expire(ctx, pool, job)
    jobs = list(pool.import_jobs.values())
    page, token = paginate([job.job_id for job in jobs], jobs, params["MaxResults"], params.get("PaginationToken"),
                           "PaginationToken")
    return {"UserImportJobs": [_view(ctx, job) for job in page], "PaginationToken": token}


def _job(ctx: Context, params: Params) -> tuple[UserPool, ImportJob]:
    pool = get_pool(ctx.store, params["UserPoolId"])
    job = pool.import_jobs.get(params["JobId"])
    if job is None:
        raise ResourceNotFoundException(NO_JOB.format(job_id=params["JobId"]))
    _expire(ctx, pool, job)
    return pool, job


def _expire(ctx: Context, pool: UserPool, job: ImportJob) -> None:
    """A job never started within 24 hours expires, its file deleted [doc]; a running job
    whose task is gone (a restart) carries on."""
    if job.status == CREATED and ctx.now() > job.created + EXPIRES_AFTER:
        job.status = EXPIRED
        ctx.import_files.pop(ctx.import_files.key(pool.id, job.job_id), None)
        ctx.store.changed(pool)
    elif runner.resume_orphaned(ctx, pool, job):
        ctx.store.changed(pool)


def _view(ctx: Context, job: ImportJob) -> dict[str, Any]:
    return {
        "JobName": job.job_name,
        "JobId": job.job_id,
        "UserPoolId": job.pool_id,
        "PreSignedUrl": upload.presigned_url(ctx.base_url, ctx.derived_key(upload.KEY_PURPOSE), job.pool_id,
                                             job.job_id, job.created),
        "CreationDate": job.created,
        "StartDate": job.started,
        "CompletionDate": job.completed,
        "Status": job.status,
        "CloudWatchLogsRoleArn": job.role_arn,
        "ImportedUsers": job.imported,
        "SkippedUsers": job.skipped,
        "FailedUsers": job.failed,
        "CompletionMessage": job.completion_message,
        "PasswordHashingAlgorithm": job.password_hashing_algorithm,
    }
