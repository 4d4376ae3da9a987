"""DeviceType as AWS shows it. The ``dev:`` attributes are developer-only: the Admin operations show
them (AdminListDevices' documented example), the access-token ones do not (Amplify's fetchDevices
against AWS sees only device_status, device_name and last_ip_used). last_ip_used and dev:device_sdk
are left out: the emulator does not record where requests come from."""

from __future__ import annotations

from typing import Any

from emulator.userpools.devices.model import Device
from emulator.userpools.model import UserPool
from emulator.userpools.users.model import User


def device_type(device: Device, pool: UserPool, user: User, *, admin: bool) -> dict[str, Any]:
    attributes = [{"Name": "device_status", "Value": "valid"}]
    if device.name:
        attributes.append({"Name": "device_name", "Value": device.name})
    if admin:
        owner = f"{user.username}.{pool.id}"
        account_and_region = pool.arn.split(":userpool/", 1)[0]  # arn:aws:cognito-idp:<region>:<account>
        attributes += [
            {"Name": "dev:device_arn", "Value": f"{account_and_region}:owner/{owner}/device/{device.key}"},
            {"Name": "dev:device_owner", "Value": owner},
        ]
        if device.remembered_status:
            attributes.append({"Name": "dev:device_remembered_status", "Value": device.remembered_status})
    return {
        "DeviceKey": device.key,
        "DeviceAttributes": attributes,
        "DeviceCreateDate": device.created,
        "DeviceLastModifiedDate": device.modified,
        "DeviceLastAuthenticatedDate": device.last_authenticated,
    }
