"""CreateUserPoolReplica, DeleteUserPoolReplica, ListUserPoolReplicas, UpdateUserPoolReplica, and
point-in-time recovery: InitiatePointInTimeRecovery, DescribePointInTimeRecovery,
ListPointInTimeRecoveries, StartPointInTimeRecovery, CancelPointInTimeRecovery.

A local emulator has one copy of a pool: replicas are records with AWS's statuses (active at
once, where AWS takes minutes), and a recovery's preview counts no changes, since the emulator
keeps no history to restore from. Status transitions and refusals follow the model's docs."""

from __future__ import annotations

import re
from typing import Any

from emulator.runtime import Context
from emulator.state import ids
from emulator.userpools.config.model import Recovery, Replica
from emulator.userpools.config.store import key
from emulator.userpools.lookup import get_pool
from emulator.userpools.model import UserPool
from emulator.userpools.ops.pools import ACCOUNT_ID
from emulator.wire.errors import (
    ConcurrentModificationException,
    InvalidParameterException,
    LimitExceededException,
    ResourceNotFoundException,
)
from emulator.wire.pagination import paginate
from emulator.wire.registry import Params, Result, user_pools

_REGION = re.compile(r"[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d")
MAX_REPLICAS = 5  # guessed
RETENTION = 35 * 86400  # how far back a recovery may reach (guessed: AWS's usual backup window)
_ACTIVE_RECOVERY = ("PREVIEW_GENERATING", "PREVIEW_GENERATED", "RESTORING")
_PREVIEW_ENTITIES = ("Users", "Groups", "UserPoolClients")


def _replica_view(replica: Replica, role: str = "SECONDARY") -> dict[str, Any]:
    return {"RegionName": replica.region, "Status": replica.status, "Role": role,
            "UserPoolArn": replica.user_pool_arn}


def _primary(ctx: Context, pool: UserPool) -> dict[str, Any]:
    return {"RegionName": pool.region, "Status": "ACTIVE", "Role": "PRIMARY", "UserPoolArn": pool.arn}


def _replica(ctx: Context, pool: UserPool, region: str) -> Replica:
    replica = ctx.config.replicas.get(key(pool.id, region))
    if replica is None:
        raise ResourceNotFoundException(f"Replica of user pool {pool.id} in {region} does not exist.")
    return replica  # type: ignore[no-any-return]


@user_pools.operation("CreateUserPoolReplica")
def create_user_pool_replica(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    region = params["RegionName"]
    if not _REGION.fullmatch(region):
        raise InvalidParameterException(f"{region} is not a valid region.")
    if region == pool.region:
        raise InvalidParameterException("A replica cannot be created in the primary region of the user pool.")
    if dict.get(ctx.config.replicas, key(pool.id, region)) is not None:
        raise InvalidParameterException(f"User pool {pool.id} already has a replica in {region}.")
    if sum(1 for _ in ctx.config.in_pool(ctx.config.replicas, pool.id)) >= MAX_REPLICAS:
        raise LimitExceededException("The user pool has reached its limit of replicas.")
    arn = f"arn:aws:cognito-idp:{region}:{ACCOUNT_ID}:userpool/{pool.id}"
    replica = Replica(pool.id, region, "ACTIVE", arn)
    ctx.config.replicas[key(pool.id, region)] = replica
    if params.get("UserPoolTags"):
        ctx.tags.replace(arn, dict(params["UserPoolTags"]))
    return {"UserPoolReplica": _replica_view(replica)}


@user_pools.operation("UpdateUserPoolReplica")
def update_user_pool_replica(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    replica = _replica(ctx, pool, params["RegionName"])
    replica.status = params["Status"]
    return {"UserPoolReplica": _replica_view(replica)}


@user_pools.operation("DeleteUserPoolReplica")
def delete_user_pool_replica(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    replica = _replica(ctx, pool, params["RegionName"])
    if replica.status != "INACTIVE":  # "You can only delete replicas that are in the INACTIVE status."
        raise InvalidParameterException("Only a replica in the INACTIVE status can be deleted.")
    del ctx.config.replicas[key(pool.id, replica.region)]
    ctx.tags.pop(replica.user_pool_arn, None)
    return {"UserPoolReplica": {**_replica_view(replica), "Status": "DELETING"}}


@user_pools.operation("ListUserPoolReplicas")
def list_user_pool_replicas(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    secondaries = [_replica_view(r) for _, r in ctx.config.in_pool(ctx.config.replicas, pool.id)]
    if not secondaries:
        return {"UserPoolReplicas": []}
    listed = [_primary(ctx, pool), *secondaries]
    page, token = paginate([r["RegionName"] for r in listed], listed, 60, params.get("NextToken"))
    return {"UserPoolReplicas": page, "NextToken": token}


def _restoration(recovery: Recovery, preview: bool = True) -> dict[str, Any]:
    view: dict[str, Any] = {"RestoreId": recovery.restore_id, "RestoreStatus": recovery.status,
                            "RestoreTimestamp": recovery.restore_timestamp}
    if preview:
        view["TriggerTimestamp"] = recovery.trigger_timestamp
        if recovery.preview:
            view["RestorePreview"] = [dict(entry) for entry in recovery.preview]
    return view


def _recovery(ctx: Context, params: Params) -> Recovery:
    pool = get_pool(ctx.store, params["UserPoolId"])
    recovery = ctx.config.recoveries.get(key(pool.id, params["RestoreId"]))
    if recovery is None:
        raise ResourceNotFoundException(f"Recovery {params['RestoreId']} does not exist.")
    return recovery  # type: ignore[no-any-return]


@user_pools.operation("InitiatePointInTimeRecovery")
def initiate_point_in_time_recovery(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    now, when = ctx.now(), float(params["RestoreTimestamp"])
    if when >= now:
        raise InvalidParameterException("RestoreTimestamp must be in the past.")
    if when < max(pool.created, now - RETENTION):
        raise InvalidParameterException("RestoreTimestamp is outside the recovery window of the user pool.")
    if any(r.status in _ACTIVE_RECOVERY for _, r in ctx.config.in_pool(ctx.config.recoveries, pool.id)):
        raise ConcurrentModificationException("A point-in-time recovery is already in progress for this user pool.")
    preview = [{"Entity": entity, "CreateCount": 0, "UpdateCount": 0, "DeleteCount": 0}
               for entity in _PREVIEW_ENTITIES]
    recovery = Recovery(ids.new_uuid(), pool.id, "PREVIEW_GENERATED", when, now, preview)
    ctx.config.recoveries[key(pool.id, recovery.restore_id)] = recovery
    return {"Restoration": _restoration(recovery)}


@user_pools.operation("DescribePointInTimeRecovery")
def describe_point_in_time_recovery(ctx: Context, params: Params) -> Result:
    return {"Restoration": _restoration(_recovery(ctx, params))}


@user_pools.operation("ListPointInTimeRecoveries")
def list_point_in_time_recoveries(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    # Most recent first: keys that sort newest first.
    recoveries = sorted((r for _, r in ctx.config.in_pool(ctx.config.recoveries, pool.id)),
                        key=lambda r: (-r.trigger_timestamp, r.restore_id))
    keys = [f"{index:08d}" for index in range(len(recoveries))]
    page, token = paginate(keys, recoveries, params.get("MaxResults") or 60, params.get("NextToken"))
    return {"Restorations": [_restoration(r, preview=False) for r in page], "NextToken": token}


@user_pools.operation("StartPointInTimeRecovery")
def start_point_in_time_recovery(ctx: Context, params: Params) -> Result:
    recovery = _recovery(ctx, params)
    if recovery.status != "PREVIEW_GENERATED":
        raise InvalidParameterException(f"A recovery in status {recovery.status} cannot be started.")
    recovery.status = "RESTORE_COMPLETED"  # nothing to restore: the preview counted no changes
    return {"Restoration": _restoration(recovery)}


@user_pools.operation("CancelPointInTimeRecovery")
def cancel_point_in_time_recovery(ctx: Context, params: Params) -> Result:
    recovery = _recovery(ctx, params)
    if recovery.status not in ("PREVIEW_GENERATING", "PREVIEW_GENERATED"):
        raise InvalidParameterException(f"A recovery in status {recovery.status} cannot be cancelled.")
    recovery.status = "PREVIEW_CANCELLED"
    return {"Restoration": _restoration(recovery)}
