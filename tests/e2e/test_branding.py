"""Classic hosted-UI customization (Set/GetUICustomization, its logo served by the emulator) and
managed-login branding styles (Create/Describe/DescribeByClient/Update/Delete)."""

from __future__ import annotations

import urllib.request
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.expect import aws_error

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
CSS = ".banner-customizable { background-color: #123456; }\n.submitButton-customizable:hover { color: red; }"
NO_DOMAIN = "There has to be an existing domain associated with this user pool"


@pytest.fixture
def hosted(idp: Any, pool: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """A pool with a domain (the classic customization needs one) and an app client."""
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=f"brand-{uuid.uuid4().hex[:10]}")
    client = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="web")["UserPoolClient"]
    yield pool["Id"], client["ClientId"]


def test_pool_wide_customization_applies_to_a_client_without_its_own(idp: Any, hosted: tuple[str, str],
                                                                     emulator: Any) -> None:
    pool_id, client_id = hosted
    set_ = idp.set_ui_customization(UserPoolId=pool_id, ClientId="ALL", CSS=CSS, ImageFile=PNG)["UICustomization"]
    assert set_["ClientId"] == "ALL" and set_["CSS"] == CSS and set_["CSSVersion"]
    got = idp.get_ui_customization(UserPoolId=pool_id, ClientId=client_id)["UICustomization"]
    assert got["CSS"] == CSS and got["ClientId"] == "ALL"
    with urllib.request.urlopen(got["ImageUrl"], timeout=10) as response:
        assert response.read() == PNG
        assert response.headers["Content-Type"] == "image/png"
    own = idp.set_ui_customization(UserPoolId=pool_id, ClientId=client_id, ImageFile=JPEG)["UICustomization"]
    assert own["ImageUrl"].endswith("/logo.jpg") and "CSS" not in own
    got = idp.get_ui_customization(UserPoolId=pool_id, ClientId=client_id)["UICustomization"]
    assert got["ClientId"] == client_id and "CSS" not in got
    assert idp.get_ui_customization(UserPoolId=pool_id)["UICustomization"]["CSS"] == CSS


def test_nothing_applied_answers_an_empty_customization(idp: Any, hosted: tuple[str, str]) -> None:
    pool_id, client_id = hosted
    got = idp.get_ui_customization(UserPoolId=pool_id, ClientId=client_id)["UICustomization"]
    assert "CSS" not in got and "ImageUrl" not in got


@pytest.mark.parametrize(("css", "message"), [
    (".my-own-class { color: red; }", "The CSS class .my-own-class is not supported."),
    ("body { margin: 0; }", "The CSS class body is not supported."),
    ("@import url(evil.css);", "The CSS is not valid."),
])
def test_css_outside_the_customizable_classes_is_refused(idp: Any, hosted: tuple[str, str], css: str,
                                                         message: str) -> None:
    with aws_error("InvalidParameterException", message):
        idp.set_ui_customization(UserPoolId=hosted[0], CSS=css)
    assert "CSS" not in idp.get_ui_customization(UserPoolId=hosted[0])["UICustomization"]


def test_customization_refusals(idp: Any, pool: dict[str, Any], hosted: tuple[str, str]) -> None:
    with aws_error("InvalidParameterException", "The image file must be a PNG or JPEG file."):
        idp.set_ui_customization(UserPoolId=hosted[0], ImageFile=b"GIF89a" + b"\x00" * 10)
    with aws_error("InvalidParameterException"):  # the model's size limit
        idp.set_ui_customization(UserPoolId=hosted[0], ImageFile=PNG + b"\x00" * 131072)
    with aws_error("ResourceNotFoundException", "User pool client nosuchclient does not exist."):
        idp.set_ui_customization(UserPoolId=hosted[0], ClientId="nosuchclient", CSS=CSS)
    bare = idp.create_user_pool(PoolName="no-domain")["UserPool"]["Id"]
    try:
        with aws_error("InvalidParameterException", NO_DOMAIN):
            idp.set_ui_customization(UserPoolId=bare, CSS=CSS)
        with aws_error("InvalidParameterException", NO_DOMAIN):
            idp.get_ui_customization(UserPoolId=bare)
    finally:
        idp.delete_user_pool(UserPoolId=bare)


ASSET = {"Category": "PAGE_HEADER_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": PNG}
SETTINGS = {"components": {"primaryButton": {"lightMode": {"defaults": {"backgroundColor": "0972d3ff"}}}}}


def test_managed_login_style_lifecycle(idp: Any, hosted: tuple[str, str]) -> None:
    pool_id, client_id = hosted
    created = idp.create_managed_login_branding(UserPoolId=pool_id, ClientId=client_id, Settings=SETTINGS,
                                                Assets=[ASSET])["ManagedLoginBranding"]
    style_id = created["ManagedLoginBrandingId"]
    assert created["Settings"] == SETTINGS and created["Assets"][0]["Bytes"] == PNG
    assert created["UseCognitoProvidedValues"] is False
    by_client = idp.describe_managed_login_branding_by_client(UserPoolId=pool_id, ClientId=client_id)
    assert by_client["ManagedLoginBranding"]["ManagedLoginBrandingId"] == style_id
    with aws_error("ManagedLoginBrandingExistsException"):
        idp.create_managed_login_branding(UserPoolId=pool_id, ClientId=client_id, UseCognitoProvidedValues=True)
    updated = idp.update_managed_login_branding(UserPoolId=pool_id, ManagedLoginBrandingId=style_id,
                                                UseCognitoProvidedValues=True)["ManagedLoginBranding"]
    assert updated["UseCognitoProvidedValues"] is True and updated["Assets"] == [] and "Settings" not in updated
    described = idp.describe_managed_login_branding(UserPoolId=pool_id, ManagedLoginBrandingId=style_id)
    assert described["ManagedLoginBranding"]["UseCognitoProvidedValues"] is True
    idp.delete_managed_login_branding(UserPoolId=pool_id, ManagedLoginBrandingId=style_id)
    with aws_error("ResourceNotFoundException"):
        idp.describe_managed_login_branding(UserPoolId=pool_id, ManagedLoginBrandingId=style_id)
    with aws_error("ResourceNotFoundException"):
        idp.describe_managed_login_branding_by_client(UserPoolId=pool_id, ClientId=client_id)


def test_managed_login_style_refusals(idp: Any, hosted: tuple[str, str]) -> None:
    pool_id, client_id = hosted
    with aws_error("InvalidParameterException"):
        idp.create_managed_login_branding(UserPoolId=pool_id, ClientId=client_id, UseCognitoProvidedValues=True,
                                          Settings=SETTINGS)
    with aws_error("InvalidParameterException"):
        idp.create_managed_login_branding(UserPoolId=pool_id, ClientId=client_id, Assets=[ASSET, ASSET])
    with aws_error("ResourceNotFoundException"):
        idp.create_managed_login_branding(UserPoolId=pool_id, ClientId="nosuchclient", UseCognitoProvidedValues=True)
    with aws_error("ResourceNotFoundException"):
        idp.delete_managed_login_branding(UserPoolId=pool_id, ManagedLoginBrandingId=str(uuid.uuid4()))
    with aws_error("InvalidParameterException"):  # the model's pattern for the id
        idp.describe_managed_login_branding(UserPoolId=pool_id, ManagedLoginBrandingId="not-an-id")


def test_a_deleted_client_takes_its_style_and_customization(idp: Any, hosted: tuple[str, str]) -> None:
    pool_id, client_id = hosted
    style = idp.create_managed_login_branding(UserPoolId=pool_id, ClientId=client_id, UseCognitoProvidedValues=True)
    idp.set_ui_customization(UserPoolId=pool_id, ClientId=client_id, CSS=CSS)
    idp.delete_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    with aws_error("ResourceNotFoundException"):
        idp.describe_managed_login_branding(
            UserPoolId=pool_id, ManagedLoginBrandingId=style["ManagedLoginBranding"]["ManagedLoginBrandingId"])
    assert "CSS" not in idp.get_ui_customization(UserPoolId=pool_id)["UICustomization"]
