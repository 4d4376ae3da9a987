"""SetUICustomization, GetUICustomization (classic hosted UI), and the managed-login branding
styles: CreateManagedLoginBranding, DescribeManagedLoginBranding,
DescribeManagedLoginBrandingByClient, UpdateManagedLoginBranding, DeleteManagedLoginBranding."""

from __future__ import annotations

from typing import Any

from emulator.runtime import Context
from emulator.state import ids
from emulator.userpools.config import branding
from emulator.userpools.config.model import ALL_CLIENTS, ManagedLoginBranding, UICustomization
from emulator.userpools.config.store import key
from emulator.userpools.lookup import get_client, get_pool
from emulator.userpools.model import UserPool
from emulator.wire.errors import (
    InvalidParameterException,
    ManagedLoginBrandingExistsException,
    ResourceNotFoundException,
)
from emulator.wire.registry import Params, Result, user_pools

NO_DOMAIN = "There has to be an existing domain associated with this user pool"


def _pool_with_domain(ctx: Context, user_pool_id: str) -> UserPool:
    pool = get_pool(ctx.store, user_pool_id)
    if not (pool.domain or pool.custom_domain):
        raise InvalidParameterException(NO_DOMAIN)
    return pool


def _ui_view(ctx: Context, custom: UICustomization) -> dict[str, Any]:
    view: dict[str, Any] = {
        "UserPoolId": custom.user_pool_id, "ClientId": custom.client_id, "CSS": custom.css,
        "CSSVersion": custom.css_version, "LastModifiedDate": custom.modified, "CreationDate": custom.created,
    }
    if custom.image and custom.image_type:
        view["ImageUrl"] = ctx.base_url + branding.logo_path(custom.user_pool_id, custom.client_id, custom.image_type)
    return view


@user_pools.operation("SetUICustomization")
def set_ui_customization(ctx: Context, params: Params) -> Result:
    pool = _pool_with_domain(ctx, params["UserPoolId"])
    client_id = params.get("ClientId") or ALL_CLIENTS
    if client_id != ALL_CLIENTS:
        get_client(ctx.store, pool.id, client_id)
    css, image = params.get("CSS"), params.get("ImageFile")
    if css:
        branding.check_css(css)
    kind = branding.image_type(image) if image else None
    now = ctx.now()
    previous = ctx.config.ui.get(key(pool.id, client_id))
    custom = UICustomization(pool.id, client_id, previous.created if previous else now, now,
                             css=css or None, css_version=str(int(now * 1000)) if css else None,
                             image=image or None, image_type=kind)
    ctx.config.ui[key(pool.id, client_id)] = custom
    return {"UICustomization": _ui_view(ctx, custom)}


@user_pools.operation("GetUICustomization")
def get_ui_customization(ctx: Context, params: Params) -> Result:
    pool = _pool_with_domain(ctx, params["UserPoolId"])
    client_id = params.get("ClientId")
    if client_id and client_id != ALL_CLIENTS:
        get_client(ctx.store, pool.id, client_id)
    custom = branding.ui_customization_for(ctx.config, pool.id, client_id)
    if custom is None:  # nothing applied: an empty customization
        return {"UICustomization": {"UserPoolId": pool.id, "ClientId": client_id or ALL_CLIENTS}}
    return {"UICustomization": _ui_view(ctx, custom)}


def _branding_view(style: ManagedLoginBranding) -> dict[str, Any]:
    return {
        "ManagedLoginBrandingId": style.branding_id, "UserPoolId": style.user_pool_id,
        "UseCognitoProvidedValues": style.use_cognito_provided_values,
        "Settings": style.settings, "Assets": [dict(asset) for asset in style.assets],
        "CreationDate": style.created, "LastModifiedDate": style.modified,
    }


def _check_style(params: Params) -> None:
    if params.get("UseCognitoProvidedValues") and (params.get("Settings") is not None or params.get("Assets")):
        raise InvalidParameterException(
            "Settings and Assets must be omitted when UseCognitoProvidedValues is true.")
    seen: set[tuple[str, str]] = set()
    for asset in params.get("Assets") or []:
        pair = (asset["Category"], asset["ColorMode"])
        if pair in seen:
            raise InvalidParameterException(
                f"Duplicate asset for category {pair[0]} and color mode {pair[1]}.")
        seen.add(pair)
        if not asset.get("Bytes") and not asset.get("ResourceId"):
            raise InvalidParameterException(f"Asset {pair[0]} must have Bytes.")
    settings = params.get("Settings")
    if settings is not None and not isinstance(settings, dict):
        raise InvalidParameterException("Settings must be a JSON object.")


def _style(ctx: Context, user_pool_id: str, branding_id: str) -> ManagedLoginBranding:
    get_pool(ctx.store, user_pool_id)
    style = ctx.config.branding.get(key(user_pool_id, branding_id))
    if style is None:
        raise ResourceNotFoundException(f"Managed login branding {branding_id} does not exist.")
    return style  # type: ignore[no-any-return]


@user_pools.operation("CreateManagedLoginBranding")
def create_managed_login_branding(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    client = get_client(ctx.store, pool.id, params["ClientId"])
    _check_style(params)
    if branding.managed_branding_of_client(ctx.config, pool.id, client.client_id) is not None:
        raise ManagedLoginBrandingExistsException(
            f"A managed login branding style already exists for client {client.client_id}.")
    now = ctx.now()
    style = ManagedLoginBranding(ids.new_uuid(), pool.id, client.client_id, now, now,
                                 use_cognito_provided_values=bool(params.get("UseCognitoProvidedValues")),
                                 settings=params.get("Settings"), assets=list(params.get("Assets") or []))
    ctx.config.branding[key(pool.id, style.branding_id)] = style
    return {"ManagedLoginBranding": _branding_view(style)}


@user_pools.operation("DescribeManagedLoginBranding")
def describe_managed_login_branding(ctx: Context, params: Params) -> Result:
    style = _style(ctx, params["UserPoolId"], params["ManagedLoginBrandingId"])
    return {"ManagedLoginBranding": _branding_view(style)}


@user_pools.operation("DescribeManagedLoginBrandingByClient")
def describe_managed_login_branding_by_client(ctx: Context, params: Params) -> Result:
    pool = get_pool(ctx.store, params["UserPoolId"])
    client = get_client(ctx.store, pool.id, params["ClientId"])
    style = branding.managed_branding_of_client(ctx.config, pool.id, client.client_id)
    if style is None:
        raise ResourceNotFoundException(f"No managed login branding exists for client {client.client_id}.")
    return {"ManagedLoginBranding": _branding_view(style)}


@user_pools.operation("UpdateManagedLoginBranding")
def update_managed_login_branding(ctx: Context, params: Params) -> Result:
    for member in ("UserPoolId", "ManagedLoginBrandingId"):  # optional in the model, needed here
        if not params.get(member):
            raise InvalidParameterException(f"{member} is required.")
    style = _style(ctx, params["UserPoolId"], params["ManagedLoginBrandingId"])
    _check_style(params)
    if "UseCognitoProvidedValues" in params:
        style.use_cognito_provided_values = bool(params["UseCognitoProvidedValues"])
        if style.use_cognito_provided_values:
            style.settings, style.assets = None, []
    if "Settings" in params:
        style.settings = params["Settings"]
    if "Assets" in params:
        style.assets = list(params["Assets"] or [])
    style.modified = ctx.now()
    return {"ManagedLoginBranding": _branding_view(style)}


@user_pools.operation("DeleteManagedLoginBranding")
def delete_managed_login_branding(ctx: Context, params: Params) -> Result:
    style = _style(ctx, params["UserPoolId"], params["ManagedLoginBrandingId"])
    del ctx.config.branding[key(style.user_pool_id, style.branding_id)]
    return {}
