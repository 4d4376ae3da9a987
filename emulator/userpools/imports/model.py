"""The import job record, kept on its pool (``UserPool.import_jobs``); its uploaded file is in
the ImportFiles part (files.py)."""

from __future__ import annotations

from dataclasses import dataclass

CREATED, PENDING, IN_PROGRESS = "Created", "Pending", "InProgress"
STOPPING, STOPPED, EXPIRED = "Stopping", "Stopped", "Expired"
FAILED, SUCCEEDED = "Failed", "Succeeded"
RUNNING = (PENDING, IN_PROGRESS)
EXPIRES_AFTER = 24 * 3600.0  # [doc] a job not started "within 24-48 hours" expires; the short end


@dataclass(slots=True)
class ImportJob:
    job_id: str
    job_name: str
    pool_id: str
    role_arn: str
    created: float
    status: str = CREATED
    password_hashing_algorithm: str | None = None
    started: float | None = None
    completed: float | None = None
    imported: int = 0
    skipped: int = 0
    failed: int = 0
    next_row: int = 0  # rows done so far (the job imports in batches)
    completion_message: str | None = None
