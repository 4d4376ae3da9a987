"""ConfirmDevice, GetDevice, ListDevices, ForgetDevice, UpdateDeviceStatus (the user, with an
access token) and AdminGetDevice, AdminListDevices, AdminForgetDevice, AdminUpdateDeviceStatus.

A DeviceKey the user has no device under is ResourceNotFoundException 'Device does not exist.'.
GlobalSignOut leaves devices alone; deleting the user deletes them.
"""

from __future__ import annotations

from emulator.runtime import Context
from emulator.userpools.auth.access import AccessGrant, authorize
from emulator.userpools.devices import registry
from emulator.userpools.devices.views import device_type
from emulator.userpools.lookup import get_pool
from emulator.userpools.model import UserPool
from emulator.userpools.users.identity import require_user
from emulator.userpools.users.model import User
from emulator.wire.errors import NotAuthorizedException, ResourceNotFoundException, UserNotFoundException
from emulator.wire.pagination import paginate
from emulator.wire.registry import Params, Result, user_pools

DEFAULT_LIMIT = 60  # the model's maximum; AWS's default is not documented (guess)


def _grant(ctx: Context, params: Params) -> AccessGrant:
    """GetDevice and ForgetDevice have an optional AccessToken in the model; without one there is
    nobody to act for (guess: refused like a bad token)."""
    token = params.get("AccessToken")
    if not token:
        raise NotAuthorizedException("Invalid Access Token")
    return authorize(ctx, token)


def _admin_user(ctx: Context, params: Params) -> tuple[UserPool, User]:
    pool = get_pool(ctx.store, params["UserPoolId"])
    return pool, require_user(pool, params["Username"])


def _admin_user_or_resource(ctx: Context, params: Params) -> tuple[UserPool, User]:
    """AdminListDevices and AdminGetDevice: botocore's model lists no UserNotFoundException for
    them, so an unknown user is a ResourceNotFoundException with the same words (guess)."""
    try:
        return _admin_user(ctx, params)
    except UserNotFoundException as error:
        raise ResourceNotFoundException(error.message) from None


def _list(pool: UserPool, user: User, params: Params, *, admin: bool) -> Result:
    devices = registry.listed_devices(user)
    page, token = paginate([d.key for d in devices], devices, params.get("Limit") or DEFAULT_LIMIT,
                           params.get("PaginationToken"), "PaginationToken")
    return {"Devices": [device_type(d, pool, user, admin=admin) for d in page], "PaginationToken": token}


@user_pools.operation("ConfirmDevice")
def confirm_device(ctx: Context, params: Params) -> Result:
    """Registers the device's SRP verifier; UserConfirmationNecessary when the pool remembers
    devices only on the user's say-so (then UpdateDeviceStatus)."""
    grant = authorize(ctx, params["AccessToken"])
    device = registry.require_device(grant.user, params["DeviceKey"])
    necessary = registry.confirm(grant.pool, device, params.get("DeviceSecretVerifierConfig"),
                                 params.get("DeviceName"), ctx.now())
    return {"UserConfirmationNecessary": necessary}


@user_pools.operation("GetDevice")
def get_device(ctx: Context, params: Params) -> Result:
    grant = _grant(ctx, params)
    device = registry.require_device(grant.user, params["DeviceKey"])
    return {"Device": device_type(device, grant.pool, grant.user, admin=False)}


@user_pools.operation("ListDevices")
def list_devices(ctx: Context, params: Params) -> Result:
    grant = authorize(ctx, params["AccessToken"])
    return _list(grant.pool, grant.user, params, admin=False)


@user_pools.operation("ForgetDevice")
def forget_device(ctx: Context, params: Params) -> Result:
    grant = _grant(ctx, params)
    registry.forget(grant.user, params["DeviceKey"])
    return {}


@user_pools.operation("UpdateDeviceStatus")
def update_device_status(ctx: Context, params: Params) -> Result:
    grant = authorize(ctx, params["AccessToken"])
    device = registry.require_device(grant.user, params["DeviceKey"])
    registry.set_status(device, params.get("DeviceRememberedStatus"), ctx.now())
    return {}


@user_pools.operation("AdminGetDevice")
def admin_get_device(ctx: Context, params: Params) -> Result:
    pool, user = _admin_user_or_resource(ctx, params)
    device = registry.require_device(user, params["DeviceKey"])
    return {"Device": device_type(device, pool, user, admin=True)}


@user_pools.operation("AdminListDevices")
def admin_list_devices(ctx: Context, params: Params) -> Result:
    pool, user = _admin_user_or_resource(ctx, params)
    return _list(pool, user, params, admin=True)


@user_pools.operation("AdminForgetDevice")
def admin_forget_device(ctx: Context, params: Params) -> Result:
    _, user = _admin_user(ctx, params)
    registry.forget(user, params["DeviceKey"])
    return {}


@user_pools.operation("AdminUpdateDeviceStatus")
def admin_update_device_status(ctx: Context, params: Params) -> Result:
    _, user = _admin_user(ctx, params)
    device = registry.require_device(user, params["DeviceKey"])
    registry.set_status(device, params.get("DeviceRememberedStatus"), ctx.now())
    return {}
